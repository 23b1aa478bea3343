// The authority path segment: a tenant id, a verified domain, or one of Microsoft's
// multi-tenant aliases (`common`, `organizations`), where the tenant is learnt from the
// user who signs in.
import type { Sandbox } from '../sandbox.js';
import type { Tenant } from '../tenant.js';
import { tenantNotFound } from './oauth-errors.js';

export type Authority =
  { kind: 'tenant'; tenant: Tenant; segment: string } | { kind: 'common' | 'organizations'; segment: string };

export function resolveAuthority(sandbox: Sandbox, segment: string): Authority {
  const lower = segment.toLowerCase();
  if (lower === 'common' || lower === 'organizations') return { kind: lower, segment: lower };
  const tenant = sandbox.tenantBySegment(segment);
  if (!tenant) throw tenantNotFound(segment);
  return { kind: 'tenant', tenant, segment };
}

/** Token endpoint URLs a client assertion may name as its audience. */
export function tokenEndpointUrls(sandbox: Sandbox, authority: Authority, tenant: Tenant): string[] {
  return [...new Set([tenant.id, tenant.info.defaultDomain, authority.segment])].map(
    (segment) => `${sandbox.baseUrl}/${segment}/oauth2/v2.0/token`,
  );
}
