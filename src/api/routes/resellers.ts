// Resellers: an administrator registers their (partner) tenant as a reseller; its staff
// invite customers' admins to connect their tenants under it, and keep named backup
// policies its customers follow. Answers are serialized through their schemas, which name
// every field that leaves.
import { Type } from 'typebox';
import { BackupSettingsSchema } from '../../service/organizations/settings.js';
import { callerOf, resellerOf } from '../access.js';
import { noteAudit } from '../audit-trail.js';
import { ERROR_RESPONSES, Guid, type ApiContext, type ApiInstance } from '../context.js';
import { CONSENT_START_PATH } from './consent.js';

const ResellerView = Type.Object({
  id: Guid(),
  displayName: Type.String(),
  partnerTenantId: Guid('the tenant whose administrators are its staff'),
  createdAt: Type.String({ format: 'date-time' }),
});
const PolicyView = Type.Object({
  id: Guid(),
  name: Type.String(),
  settings: BackupSettingsSchema,
  organizations: Type.Integer({ description: 'how many organizations follow it' }),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
});
const PolicyBody = Type.Object(
  { name: Type.String({ minLength: 1, maxLength: 200 }), settings: BackupSettingsSchema },
  { additionalProperties: false },
);
const ResellerParams = Type.Object({ resellerId: Guid() });
const PolicyParams = Type.Object({ resellerId: Guid(), policyId: Guid() });

export function registerResellerRoutes(app: ApiInstance, context: ApiContext): void {
  const { services } = context;
  const operations = { tags: ['resellers'] };

  app.post(
    '/api/resellers',
    {
      config: { access: 'resellers.register' },
      schema: {
        ...operations,
        summary: 'Register your tenant as a reseller; its administrators become the reseller’s staff',
        body: Type.Object(
          { displayName: Type.String({ minLength: 1, maxLength: 200 }) },
          { additionalProperties: false },
        ),
        response: { 201: ResellerView, ...ERROR_RESPONSES },
      },
    },
    async (request, reply) => {
      const reseller = await services.resellers.create(
        callerOf(request).identity.tenantId,
        request.body.displayName,
      );
      noteAudit(request, {
        resellerId: reseller.id,
        target: reseller.partnerTenantId,
        details: { displayName: reseller.displayName },
      });
      return reply.code(201).send(reseller);
    },
  );

  app.get(
    '/api/resellers/:resellerId',
    {
      config: { access: 'reseller.read' },
      schema: {
        ...operations,
        summary: 'The reseller',
        params: ResellerParams,
        response: { 200: ResellerView, ...ERROR_RESPONSES },
      },
    },
    async (request) => resellerOf(request),
  );

  app.post(
    '/api/resellers/:resellerId/invitations',
    {
      config: { access: 'reseller.invite' },
      schema: {
        ...operations,
        summary:
          'A one-time link a customer’s administrator opens to connect their tenant under the reseller',
        params: ResellerParams,
        response: {
          201: Type.Object({ url: Type.String(), expiresAt: Type.String({ format: 'date-time' }) }),
          ...ERROR_RESPONSES,
        },
      },
    },
    async (request, reply) => {
      const reseller = resellerOf(request);
      const invitation = await services.resellers.createInvitation(
        reseller.id,
        callerOf(request).identity.userId,
      );
      noteAudit(request, { target: null, details: { expiresAt: invitation.expiresAt } });
      const url = `${context.publicUrl}${CONSENT_START_PATH}?invitation=${encodeURIComponent(invitation.secret)}`;
      return reply.code(201).send({ url, expiresAt: invitation.expiresAt });
    },
  );

  app.get(
    '/api/resellers/:resellerId/policies',
    {
      config: { access: 'policies.read' },
      schema: {
        ...operations,
        summary: 'The reseller’s backup policies',
        params: ResellerParams,
        response: { 200: Type.Object({ items: Type.Array(PolicyView) }), ...ERROR_RESPONSES },
      },
    },
    async (request) => ({ items: await services.policies.list(resellerOf(request).id) }),
  );

  app.post(
    '/api/resellers/:resellerId/policies',
    {
      config: { access: 'policies.write' },
      schema: {
        ...operations,
        summary: 'Create a named backup policy',
        params: ResellerParams,
        body: PolicyBody,
        response: { 201: PolicyView, ...ERROR_RESPONSES },
      },
    },
    async (request, reply) => {
      const policy = await services.policies.create(
        resellerOf(request).id,
        request.body.name,
        request.body.settings,
      );
      noteAudit(request, { target: policy.id, details: { name: policy.name, settings: policy.settings } });
      return reply.code(201).send(policy);
    },
  );

  app.get(
    '/api/resellers/:resellerId/policies/:policyId',
    {
      config: { access: 'policies.read' },
      schema: {
        ...operations,
        summary: 'One policy',
        params: PolicyParams,
        response: { 200: PolicyView, ...ERROR_RESPONSES },
      },
    },
    async (request) => services.policies.require(resellerOf(request).id, request.params.policyId),
  );

  app.put(
    '/api/resellers/:resellerId/policies/:policyId',
    {
      config: { access: 'policies.write' },
      schema: {
        ...operations,
        summary: 'Replace a policy: every organization following it uses the new settings',
        params: PolicyParams,
        body: PolicyBody,
        response: { 200: PolicyView, ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      const resellerId = resellerOf(request).id;
      const before = await services.policies.require(resellerId, request.params.policyId);
      const policy = await services.policies.update(
        resellerId,
        before.id,
        request.body.name,
        request.body.settings,
      );
      await services.settings.policyChanged(policy);
      noteAudit(request, {
        details: {
          before: { name: before.name, settings: before.settings },
          after: { name: policy.name, settings: policy.settings },
        },
      });
      return policy;
    },
  );

  app.delete(
    '/api/resellers/:resellerId/policies/:policyId',
    {
      config: { access: 'policies.write' },
      schema: {
        ...operations,
        summary: 'Delete a policy no organization follows',
        params: PolicyParams,
        response: { 204: Type.Null(), ...ERROR_RESPONSES },
      },
    },
    async (request, reply) => {
      await services.policies.delete(resellerOf(request).id, request.params.policyId);
      return reply.code(204).send(null);
    },
  );
}
