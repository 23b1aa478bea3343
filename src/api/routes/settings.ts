// An organization's backup settings: what is backed up, when, for how long and where. The
// answer says whether they are the organization's own or a reseller policy it follows.
import { Type } from 'typebox';
import { BackupSettingsSchema } from '../../service/organizations/settings.js';
import { organizationOf } from '../access.js';
import { noteAudit } from '../audit-trail.js';
import { ERROR_RESPONSES, Guid, Nullable, type ApiContext, type ApiInstance } from '../context.js';

const EffectiveSettings = Type.Object({
  settings: BackupSettingsSchema,
  policy: Nullable(Type.Object({ id: Guid(), name: Type.String() }, { description: 'the policy followed' })),
});
const OrganizationParams = Type.Object({ organizationId: Guid() });

export function registerSettingsRoutes(app: ApiInstance, context: ApiContext): void {
  const { services } = context;
  const operations = { tags: ['settings'] };

  app.get(
    '/api/organizations/:organizationId/settings',
    {
      config: { access: 'settings.read' },
      schema: {
        ...operations,
        summary: 'The backup settings in force',
        params: OrganizationParams,
        response: { 200: EffectiveSettings, ...ERROR_RESPONSES },
      },
    },
    async (request) => services.settings.get(organizationOf(request)),
  );

  app.put(
    '/api/organizations/:organizationId/settings',
    {
      config: { access: 'settings.update' },
      schema: {
        ...operations,
        summary: 'Replace the organization’s own backup settings (not while it follows a policy)',
        params: OrganizationParams,
        body: BackupSettingsSchema,
        response: { 200: EffectiveSettings, ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      const organization = organizationOf(request);
      const before = await services.settings.get(organization);
      const after = await services.settings.update(organization, request.body);
      noteAudit(request, {
        target: organization.tenantId,
        details: { before: before.settings, after: after.settings },
      });
      return after;
    },
  );

  app.put(
    '/api/organizations/:organizationId/policy',
    {
      config: { access: 'settings.follow-policy' },
      schema: {
        ...operations,
        summary: 'Follow one of the reseller’s policies, or (null) the organization’s own settings again',
        params: OrganizationParams,
        body: Type.Object({ policyId: Nullable(Guid()) }, { additionalProperties: false }),
        response: { 200: EffectiveSettings, ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      const organization = organizationOf(request);
      const result = await services.settings.follow(organization, request.body.policyId);
      noteAudit(request, {
        target: request.body.policyId,
        details: { before: organization.policyId, after: request.body.policyId },
      });
      return result;
    },
  );
}
