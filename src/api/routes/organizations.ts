// Organizations: the list a caller may see, connecting a tenant with an app registration,
// one organization with its connection's health (and the admin-consent links when consent
// is missing), replacing the app registration, and checking the connection now. Credentials
// go in, never out: no answer carries a secret or a private key.
import type { FastifyRequest } from 'fastify';
import { Type, type Static } from 'typebox';
import type { GraphCredential } from '../../graph/index.js';
import type { Organization } from '../../service/organizations/organizations.js';
import { callerOf, organizationOf } from '../access.js';
import { noteAudit } from '../audit-trail.js';
import { ERROR_RESPONSES, Guid, Nullable, type ApiContext, type ApiInstance } from '../context.js';
import { ApiError } from '../errors.js';
import { DEFAULT_PAGE_SIZE, Page, PageQuery } from '../paging.js';
import { organizationListScope } from '../policy.js';
import { CONSENT_START_PATH } from './consent.js';
import { SIGN_IN_CONSENT_PATH } from './auth.js';

const Health = Type.Object({
  checkedAt: Type.String({ format: 'date-time' }),
  connected: Type.Boolean({ description: 'the identity platform issued an app token for the tenant' }),
  error: Nullable(Type.String()),
  grantedPermissions: Type.Array(Type.String()),
  missingPermissions: Type.Array(Type.String(), {
    description: 'needed for backup and restore, not granted',
  }),
  signInConsent: Type.Union(
    [Type.Literal('organization'), Type.Literal('some-users'), Type.Literal('none'), Type.Literal('unknown')],
    {
      description: 'who may sign in to tenantvault from the tenant: everyone, some users, nobody, or unknown',
    },
  ),
});

const OrganizationView = Type.Object({
  id: Guid(),
  tenantId: Guid(),
  displayName: Type.String(),
  resellerId: Nullable(Guid()),
  connection: Type.Object({
    kind: Type.Union([Type.Literal('consent'), Type.Literal('manual')]),
    clientId: Guid(),
  }),
  health: Nullable(Health),
  adminConsentUrls: Type.Object(
    {
      backupApp: Nullable(Type.String({ description: 'grant (or complete) consent to the backup app' })),
      signInApp: Nullable(Type.String({ description: 'let every user of the tenant sign in' })),
    },
    { description: 'where an administrator grants the consents that are missing' },
  ),
  policyId: Nullable(Guid()),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
});

const Credential = {
  clientId: Guid('application (client) id of the app registration'),
  clientSecret: Type.Optional(Type.String({ minLength: 1, maxLength: 1000 })),
  certificatePem: Type.Optional(Type.String({ minLength: 1, maxLength: 20_000 })),
  privateKeyPem: Type.Optional(Type.String({ minLength: 1, maxLength: 20_000 })),
};
const ConnectionBody = Type.Object(Credential, {
  additionalProperties: false,
  description: 'a client secret, or a certificate with its private key (PEM)',
});
const NewOrganizationBody = Type.Object(
  {
    tenantId: Guid(),
    resellerId: Type.Optional(Nullable(Guid('connect it as a customer of this reseller'))),
    ...Credential,
  },
  { additionalProperties: false },
);
const OrganizationParams = Type.Object({ organizationId: Guid() });

function credentialOf(body: Static<typeof ConnectionBody>): GraphCredential {
  const { clientSecret, certificatePem, privateKeyPem } = body;
  if (clientSecret !== undefined && certificatePem === undefined && privateKeyPem === undefined) {
    return { kind: 'secret', secret: clientSecret };
  }
  if (clientSecret === undefined && certificatePem !== undefined && privateKeyPem !== undefined) {
    return { kind: 'certificate', certificatePem, privateKeyPem };
  }
  throw new ApiError(
    400,
    'invalid_request',
    'send either clientSecret, or certificatePem with privateKeyPem',
  );
}

function organizationView(organization: Organization, context: ApiContext): Static<typeof OrganizationView> {
  const health = organization.health;
  const backupConsentMissing =
    organization.connection.kind === 'consent' &&
    (health === null || !health.connected || health.missingPermissions.length > 0);
  return {
    id: organization.id,
    tenantId: organization.tenantId,
    displayName: organization.displayName,
    resellerId: organization.resellerId,
    connection: { kind: organization.connection.kind, clientId: organization.connection.clientId },
    health,
    adminConsentUrls: {
      backupApp: backupConsentMissing ? `${context.publicUrl}${CONSENT_START_PATH}` : null,
      signInApp:
        health?.signInConsent === 'organization' ? null : `${context.publicUrl}${SIGN_IN_CONSENT_PATH}`,
    },
    policyId: organization.policyId,
    createdAt: organization.createdAt,
    updatedAt: organization.updatedAt,
  };
}

function auditConnection(request: FastifyRequest, organization: Organization): void {
  noteAudit(request, {
    organizationId: organization.id,
    resellerId: organization.resellerId ?? undefined,
    target: organization.tenantId,
    details: {
      connection: organization.connection.kind,
      clientId: organization.connection.clientId,
      missingPermissions: organization.health?.missingPermissions ?? [],
    },
  });
}

export function registerOrganizationRoutes(app: ApiInstance, context: ApiContext): void {
  const { services } = context;
  const operations = { tags: ['organizations'] };

  app.get(
    '/api/organizations',
    {
      config: { access: 'organizations.list' },
      schema: {
        ...operations,
        summary:
          'Organizations you may see: your own tenant’s and, for reseller staff, the reseller’s customers',
        querystring: Type.Object(PageQuery),
        response: { 200: Page(OrganizationView), ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      const caller = callerOf(request);
      const tenantId = caller.identity.tenantId;
      const own = await services.organizations.byTenant(tenantId);
      const scope = organizationListScope(
        caller,
        {
          kind: 'organization',
          exists: own !== undefined,
          tenantId,
          resellerTenantId: null,
          accessLevel: own ? await services.userAccess.level(own.id, caller.identity.userId) : 'none',
        },
        await services.resellers.byPartnerTenant(tenantId),
      );
      const list = `organizations:${tenantId}`;
      const page = await services.organizations.list(scope, {
        limit: request.query.pageSize ?? DEFAULT_PAGE_SIZE,
        after: context.pages.open(list, request.query.pageToken),
      });
      return {
        items: page.organizations.map((organization) => organizationView(organization, context)),
        nextPageToken: page.next ? context.pages.seal(list, page.next) : null,
      };
    },
  );

  app.post(
    '/api/organizations',
    {
      config: { access: 'organizations.connect' },
      schema: {
        ...operations,
        summary: 'Connect a tenant with its own app registration (verified by acquiring a token)',
        body: NewOrganizationBody,
        response: { 201: OrganizationView, ...ERROR_RESPONSES },
      },
    },
    async (request, reply) => {
      const { tenantId, resellerId, ...connection } = request.body;
      const organization = await services.connections.connectManually(tenantId, resellerId ?? null, {
        clientId: connection.clientId,
        credential: credentialOf(connection),
      });
      auditConnection(request, organization);
      return reply.code(201).send(organizationView(organization, context));
    },
  );

  app.get(
    '/api/organizations/:organizationId',
    {
      config: { access: 'organization.read' },
      schema: {
        ...operations,
        summary: 'One organization, its connection’s health and the consents it lacks',
        params: OrganizationParams,
        response: { 200: OrganizationView, ...ERROR_RESPONSES },
      },
    },
    async (request) => organizationView(organizationOf(request), context),
  );

  app.put(
    '/api/organizations/:organizationId/connection',
    {
      config: { access: 'connection.replace' },
      schema: {
        ...operations,
        summary: 'Connect the organization through (another) app registration of its own',
        params: OrganizationParams,
        body: ConnectionBody,
        response: { 200: OrganizationView, ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      const organization = await services.connections.replaceWithManual(organizationOf(request), {
        clientId: request.body.clientId,
        credential: credentialOf(request.body),
      });
      auditConnection(request, organization);
      return organizationView(organization, context);
    },
  );

  app.post(
    '/api/organizations/:organizationId/connection/check',
    {
      config: { access: 'connection.check' },
      schema: {
        ...operations,
        summary: 'Check the connection now: token, granted and missing permissions, sign-in consent',
        params: OrganizationParams,
        response: { 200: OrganizationView, ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      const organization = organizationOf(request);
      await services.connections.check(organization);
      return organizationView(await services.organizations.require(organization.id), context);
    },
  );
}
