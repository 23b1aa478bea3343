// The authorization policy on its own: relations read from identities and stored facts, and
// the answers for each kind of refusal (401, scope, No Access, stranger, new connections).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decide, relationOf, TOKEN_SCOPES, type Caller, type Target } from '../../src/api/policy.js';
import { TENANT_ADMIN_ROLES } from '../../src/service/organizations/identity-platform.js';

const TENANT = '11111111-1111-4111-8111-111111111111';
const PARTNER = '22222222-2222-4222-8222-222222222222';

function caller(
  tenantId: string,
  admin: boolean,
  via: Caller['via'] = 'session',
  scopes: readonly string[] = TOKEN_SCOPES,
): Caller {
  return {
    identity: {
      tenantId,
      userId: admin ? 'admin' : 'user',
      displayName: '',
      userPrincipalName: '',
      directoryRoles: admin ? [TENANT_ADMIN_ROLES[1]] : ['88d8e3e3-8f55-4a1e-953a-9b9898b8876b'],
    },
    via,
    scopes,
    tokenId: via === 'token' ? 'token' : null,
  };
}

const organization = (accessLevel: 'full' | 'none' = 'none', exists = true): Target => ({
  kind: 'organization',
  exists,
  tenantId: TENANT,
  resellerTenantId: PARTNER,
  accessLevel,
});

test('relations: tenant admin by directory role, Full Access by grant, reseller staff by partner tenant', () => {
  assert.equal(relationOf(caller(TENANT, true), organization()), 'tenant-admin');
  assert.equal(relationOf(caller(TENANT, false), organization('full')), 'full-access');
  assert.equal(relationOf(caller(TENANT, false), organization()), 'no-access');
  assert.equal(relationOf(caller(PARTNER, true), organization()), 'reseller-staff');
  assert.equal(relationOf(caller(PARTNER, false), organization()), 'stranger');
  assert.equal(relationOf(caller(TENANT, true), organization('none', false)), 'stranger');
  assert.equal(
    relationOf(caller(TENANT, false), {
      kind: 'token',
      exists: true,
      ownerTenantId: TENANT,
      ownerUserId: 'user',
    }),
    'owner',
  );
});

test('refusals: 401 without a caller, 404 for strangers, 403 with what to do for No Access', () => {
  assert.equal(decide(undefined, 'organization.read', organization()).allowed, false);
  assert.deepEqual(decide(undefined, 'public', { kind: 'none' }), { allowed: true, relation: 'stranger' });
  const unsigned = decide(undefined, 'me.read', { kind: 'none' });
  assert.ok(!unsigned.allowed && unsigned.status === 401);
  const stranger = decide(
    caller('33333333-3333-4333-8333-333333333333', true),
    'settings.read',
    organization(),
  );
  assert.ok(!stranger.allowed && stranger.status === 404);
  const noAccess = decide(caller(TENANT, false), 'settings.read', organization());
  assert.ok(!noAccess.allowed && noAccess.status === 403 && noAccess.code === 'no_access');
  const fullAccess = decide(caller(TENANT, false), 'users.list', organization('full'));
  assert.ok(!fullAccess.allowed && fullAccess.status === 403 && fullAccess.code === 'forbidden');
  assert.ok(decide(caller(TENANT, false), 'settings.update', organization('full')).allowed);
});

test('API tokens act within their scopes, and never where only a session may', () => {
  const reader = caller(TENANT, true, 'token', ['settings:read']);
  assert.ok(decide(reader, 'settings.read', organization()).allowed);
  const write = decide(reader, 'settings.update', organization());
  assert.ok(!write.allowed && write.code === 'insufficient_scope');
  const everything = caller(TENANT, true, 'token', TOKEN_SCOPES);
  const create = decide(everything, 'tokens.create', { kind: 'none' });
  assert.ok(!create.allowed && /browser session/.test(create.message));
});

test('a new connection: an admin for their own tenant, staff for their reseller, nobody else', () => {
  const own: Target = { kind: 'new-organization', tenantId: TENANT, reseller: null };
  assert.ok(decide(caller(TENANT, true), 'organizations.connect', own).allowed);
  const other = decide(caller(PARTNER, true), 'organizations.connect', own);
  assert.ok(!other.allowed && other.status === 403);
  const underPartner: Target = {
    kind: 'new-organization',
    tenantId: TENANT,
    reseller: { exists: true, partnerTenantId: PARTNER },
  };
  assert.ok(decide(caller(PARTNER, true), 'organizations.connect', underPartner).allowed);
  assert.equal(decide(caller(TENANT, true), 'organizations.connect', underPartner).allowed, false);
});
