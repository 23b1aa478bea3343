// Connecting a tenant by admin consent: a signed-in administrator of the tenant is sent to
// the identity platform's consent page for tenantvault's backup app and comes back to
// /consent/callback. The answer in that redirect is not trusted: the organization is
// connected only once an app token for the administrator's own tenant has been issued.
// With a reseller's invitation the tenant is connected under that reseller.
import { randomBytes } from 'node:crypto';
import { Type } from 'typebox';
import { adminConsentUrl } from '../../service/organizations/identity-platform.js';
import type { SecretBox } from '../../service/secret-box.js';
import { callerOf } from '../access.js';
import { noteAudit } from '../audit-trail.js';
import { ERROR_RESPONSES, type ApiContext, type ApiInstance } from '../context.js';
import { ApiError } from '../errors.js';
import { FlowCookie, safeReturnTo } from '../flow-cookie.js';

const CONSENT_LIFETIME_MS = 30 * 60 * 1000;
export const CONSENT_START_PATH = '/consent/start';

interface ConsentState {
  state: string;
  tenantId: string;
  userId: string;
  invitation: string | null;
  returnTo: string | null;
  expiresAt: number;
}

const Redirect = { 302: Type.Null({ description: 'redirect (Location header)' }), ...ERROR_RESPONSES };

export function registerConsentRoutes(app: ApiInstance, context: ApiContext, box: SecretBox): void {
  const flow = new FlowCookie<ConsentState>(box, {
    name: 'tv_consent',
    purpose: 'consent-state',
    path: '/consent',
  });
  const operations = { tags: ['organizations'] };

  app.get(
    CONSENT_START_PATH,
    {
      config: { access: 'consent.start' },
      schema: {
        ...operations,
        summary: "Connect your tenant: grant admin consent to tenantvault's backup app",
        querystring: Type.Object({
          invitation: Type.Optional(Type.String({ maxLength: 200, description: "a reseller's invitation" })),
          returnTo: Type.Optional(Type.String({ maxLength: 2000 })),
        }),
        response: Redirect,
      },
    },
    async (request, reply) => {
      const { identity } = callerOf(request);
      const invitation = request.query.invitation ?? null;
      if (invitation !== null && !(await context.services.resellers.invitationReseller(invitation))) {
        throw new ApiError(
          404,
          'invitation_invalid',
          'this invitation is unknown, used or expired; ask your reseller for a new one',
        );
      }
      const state = randomBytes(16).toString('base64url');
      flow.set(reply, {
        state,
        tenantId: identity.tenantId,
        userId: identity.userId,
        invitation,
        returnTo: request.query.returnTo === undefined ? null : safeReturnTo(request.query.returnTo),
        expiresAt: Date.now() + CONSENT_LIFETIME_MS,
      });
      return reply.redirect(
        adminConsentUrl(context.platform, 'backup', {
          tenant: identity.tenantId,
          redirectUri: `${context.publicUrl}/consent/callback`,
          state,
        }),
      );
    },
  );

  app.get(
    '/consent/callback',
    {
      config: { access: 'consent.finish' },
      schema: {
        ...operations,
        summary: 'Where the identity platform returns the administrator after consent',
        querystring: Type.Object({
          admin_consent: Type.Optional(Type.String()),
          tenant: Type.Optional(Type.String()),
          scope: Type.Optional(Type.String()),
          state: Type.Optional(Type.String()),
          error: Type.Optional(Type.String()),
          error_description: Type.Optional(Type.String()),
        }),
        response: Redirect,
      },
    },
    async (request, reply) => {
      const { identity } = callerOf(request);
      const flowState = flow.take(request, reply, CONSENT_START_PATH);
      const query = request.query;
      if (
        query.state !== flowState.state ||
        flowState.tenantId !== identity.tenantId ||
        flowState.userId !== identity.userId
      ) {
        throw new ApiError(
          400,
          'flow_expired',
          `this consent was started by someone else; start again at ${CONSENT_START_PATH}`,
        );
      }
      if (query.admin_consent !== 'True') {
        throw new ApiError(
          403,
          'consent_declined',
          `tenantvault's backup app was not consented: ${query.error_description ?? query.error ?? 'no answer'}`,
          { adminConsentUrl: `${context.publicUrl}${CONSENT_START_PATH}` },
        );
      }
      if (query.tenant !== undefined && query.tenant !== identity.tenantId) {
        throw new ApiError(400, 'consent_tenant_mismatch', 'consent was given in another tenant than yours');
      }
      const resellerId =
        flowState.invitation === null
          ? null
          : ((await context.services.resellers.invitationReseller(flowState.invitation)) ?? invitationGone());
      const organization = await context.services.connections.connectByConsent(identity.tenantId, resellerId);
      if (flowState.invitation !== null) await context.services.resellers.useInvitation(flowState.invitation);
      noteAudit(request, {
        organizationId: organization.id,
        resellerId: organization.resellerId ?? undefined,
        target: organization.tenantId,
        details: {
          connection: 'consent',
          grantedPermissions: organization.health?.grantedPermissions ?? [],
          missingPermissions: organization.health?.missingPermissions ?? [],
        },
      });
      return reply.redirect(flowState.returnTo ?? `/api/organizations/${organization.id}`);
    },
  );
}

function invitationGone(): never {
  throw new ApiError(
    409,
    'invitation_invalid',
    'the invitation was used or expired meanwhile; ask your reseller for a new one',
  );
}
