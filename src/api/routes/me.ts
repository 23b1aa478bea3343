// Who the caller is and where they stand: their tenant's organization and their access to
// it, the reseller they are staff of, the session's CSRF token (for the browser's changes)
// and, when there is something to do, what: connect the tenant, or ask for access.
import { Type } from 'typebox';
import { isTenantAdmin } from '../../service/user-identity.js';
import { callerOf } from '../access.js';
import { ERROR_RESPONSES, Guid, Nullable, type ApiContext, type ApiInstance } from '../context.js';
import { relationOf } from '../policy.js';
import { CONSENT_START_PATH } from './consent.js';

const MeView = Type.Object({
  user: Type.Object({
    tenantId: Guid(),
    userId: Guid(),
    displayName: Type.String(),
    userPrincipalName: Type.String(),
    tenantAdministrator: Type.Boolean(),
  }),
  via: Type.Union([Type.Literal('session'), Type.Literal('token')]),
  csrfToken: Nullable(
    Type.String({ description: 'send in x-csrf-token with every change made through the session' }),
  ),
  organization: Nullable(
    Type.Object({
      id: Guid(),
      displayName: Type.String(),
      access: Type.Union([Type.Literal('administrator'), Type.Literal('full'), Type.Literal('none')]),
    }),
  ),
  reseller: Nullable(Type.Object({ id: Guid(), displayName: Type.String() })),
  next: Nullable(Type.String({ description: 'what to do next, when something is missing' })),
});

const ACCESS = { 'tenant-admin': 'administrator', 'full-access': 'full' } as const;

export function registerMeRoutes(app: ApiInstance, context: ApiContext): void {
  const { services } = context;
  app.get(
    '/api/me',
    {
      config: { access: 'me.read' },
      schema: {
        tags: ['me'],
        summary: 'Who you are, your organization and your access to it',
        response: { 200: MeView, ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      const caller = callerOf(request);
      const { identity } = caller;
      const own = await services.organizations.byTenant(identity.tenantId);
      const reseller = await services.resellers.byPartnerTenant(identity.tenantId);
      const relation =
        own &&
        relationOf(caller, {
          kind: 'organization',
          exists: true,
          tenantId: own.tenantId,
          resellerTenantId: null,
          accessLevel: await services.userAccess.level(own.id, identity.userId),
        });
      const access: 'administrator' | 'full' | 'none' =
        relation === 'tenant-admin' || relation === 'full-access' ? ACCESS[relation] : 'none';
      const staff =
        reseller &&
        relationOf(caller, { kind: 'reseller', exists: true, partnerTenantId: reseller.partnerTenantId }) ===
          'reseller-staff';
      let next: string | null = null;
      if (!own && isTenantAdmin(identity))
        next = `connect your tenant: ${context.publicUrl}${CONSENT_START_PATH}`;
      else if (!own)
        next = 'your organization is not connected to tenantvault; ask one of its administrators';
      else if (access === 'none') {
        next =
          'you have No Access; an administrator of your organization can raise you to Full Access (Users)';
      }
      return {
        user: { ...identity, tenantAdministrator: isTenantAdmin(identity) },
        via: caller.via,
        csrfToken: request.access.csrfToken ?? null,
        organization: own ? { id: own.id, displayName: own.displayName, access } : null,
        reseller: staff ? { id: reseller.id, displayName: reseller.displayName } : null,
        next,
      };
    },
  );
}
