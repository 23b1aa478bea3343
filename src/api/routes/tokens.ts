// API tokens: people make tokens for their own automation (in a browser session only, so a
// token cannot make more tokens), see and revoke theirs; a tenant's administrators see and
// revoke those of everyone in their tenant. The token itself appears once, in the answer
// that made it.
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { ApiToken } from '../../service/api-tokens.js';
import { callerOf, organizationOf, tokenOf } from '../access.js';
import { noteAudit } from '../audit-trail.js';
import { ERROR_RESPONSES, Guid, Nullable, type ApiContext, type ApiInstance } from '../context.js';
import { TOKEN_SCOPES } from '../policy.js';

const TokenView = Type.Object({
  id: Guid(),
  name: Type.String(),
  owner: Type.Object({ userId: Type.String(), userPrincipalName: Type.String(), displayName: Type.String() }),
  scopes: Type.Array(Type.String()),
  createdAt: Type.String({ format: 'date-time' }),
  expiresAt: Type.String({ format: 'date-time' }),
  lastUsedAt: Nullable(Type.String({ format: 'date-time' })),
  revokedAt: Nullable(Type.String({ format: 'date-time' })),
});
const TokenList = Type.Object({ items: Type.Array(TokenView) });

const tokenView = (token: ApiToken) => ({
  ...token,
  owner: {
    userId: token.owner.userId,
    userPrincipalName: token.owner.userPrincipalName,
    displayName: token.owner.displayName,
  },
});

export function registerTokenRoutes(app: ApiInstance, context: ApiContext): void {
  const { services } = context;
  const operations = { tags: ['API tokens'] };

  /** Token changes belong in the log of the owner's organization (or reseller), where its admins look. */
  async function auditToken(request: FastifyRequest, token: ApiToken): Promise<void> {
    const organization = await services.organizations.byTenant(token.owner.tenantId);
    const reseller = await services.resellers.byPartnerTenant(token.owner.tenantId);
    noteAudit(request, {
      organizationId: organization?.id,
      resellerId: organization?.resellerId ?? reseller?.id,
      target: token.id,
      details: { name: token.name, owner: token.owner.userPrincipalName, scopes: token.scopes },
    });
  }

  app.get(
    '/api/tokens',
    {
      config: { access: 'tokens.list-own' },
      schema: {
        ...operations,
        summary: 'Your API tokens',
        response: { 200: TokenList, ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      const { identity } = callerOf(request);
      return { items: (await services.apiTokens.list(identity.tenantId, identity.userId)).map(tokenView) };
    },
  );

  app.post(
    '/api/tokens',
    {
      config: { access: 'tokens.create' },
      schema: {
        ...operations,
        summary: 'Make an API token that acts as you within its scopes (shown once)',
        body: Type.Object(
          {
            name: Type.String({ minLength: 1, maxLength: 200 }),
            scopes: Type.Array(Type.Union(TOKEN_SCOPES.map((scope) => Type.Literal(scope))), {
              minItems: 1,
              uniqueItems: true,
            }),
            expiresInDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 365, default: 90 })),
          },
          { additionalProperties: false },
        ),
        response: {
          201: Type.Object({
            token: Type.String({ description: 'send as "Authorization: Bearer <token>"; never shown again' }),
            details: TokenView,
          }),
          ...ERROR_RESPONSES,
        },
      },
    },
    async (request, reply) => {
      const { token, secret } = await services.apiTokens.create(callerOf(request).identity, {
        name: request.body.name,
        scopes: request.body.scopes,
        lifetimeDays: request.body.expiresInDays ?? 90,
      });
      await auditToken(request, token);
      return reply.code(201).send({ token: secret, details: tokenView(token) });
    },
  );

  app.delete(
    '/api/tokens/:tokenId',
    {
      config: { access: 'tokens.revoke' },
      schema: {
        ...operations,
        summary: 'Revoke an API token (yours, or as an administrator anyone’s in your tenant)',
        params: Type.Object({ tokenId: Guid() }),
        response: { 200: TokenView, ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      const token = await services.apiTokens.revoke(tokenOf(request).id);
      await auditToken(request, token);
      return tokenView(token);
    },
  );

  app.get(
    '/api/organizations/:organizationId/tokens',
    {
      config: { access: 'tokens.list-tenant' },
      schema: {
        ...operations,
        summary: 'API tokens made by anyone in the organization’s tenant',
        params: Type.Object({ organizationId: Guid() }),
        response: { 200: TokenList, ...ERROR_RESPONSES },
      },
    },
    async (request) => ({
      items: (await services.apiTokens.list(organizationOf(request).tenantId)).map(tokenView),
    }),
  );
}
