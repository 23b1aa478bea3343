// The authorization matrix: every route of the API, called by every kind of caller, with
// the status each must get. The routes are enumerated from Fastify itself, so a new route
// without a row here fails the test until someone decides who may call it.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { defaultSettings } from '../../src/service/organizations/settings.js';
import { finishedJob } from '../support/jobs.js';
import type { PortalBrowser } from '../support/portal-browser.js';
import { allowSignIn, consentToBackupApp, registerReseller, startWorld, type World } from './support.js';

const ROLES = [
  'anonymous',
  'endUser',
  'noAccessUser',
  'fullAccessUser',
  'tenantAdmin',
  'resellerOfTenant',
  'resellerOfOtherTenant',
] as const;
type Role = (typeof ROLES)[number];
type Expectation = Record<Role, number>;

/** Ids the requests are built from, made in the set-up. */
interface Ids {
  organization: string;
  reseller: string;
  policy: string;
  disposablePolicy: string;
  token: string;
  user: string;
  /** A finished backup job of the organization, and an object it backed up. */
  job: string;
  policyObject: string;
  customer: { tenantId: string; clientId: string; clientSecret: string };
}

interface Row {
  request(ids: Ids): { path: string; body?: unknown };
  expect: Expectation;
}

const everyone = (status: number): Expectation =>
  Object.fromEntries(ROLES.map((role) => [role, status])) as Expectation;
const signedIn = (status: number): Expectation => ({ ...everyone(status), anonymous: 401 });
/** The organization's admins: its tenant admins and its reseller's staff. */
const admins = (status: number): Expectation => ({
  anonymous: 401,
  endUser: 403,
  noAccessUser: 403,
  fullAccessUser: 403,
  tenantAdmin: status,
  resellerOfTenant: status,
  resellerOfOtherTenant: 404,
});
/** Who operates the organization's backup: its admins and the users raised to Full Access. */
const operators = (status: number): Expectation => ({ ...admins(status), fullAccessUser: status });
/** The reseller's own staff. */
const resellerStaff = (status: number): Expectation => ({
  ...everyone(404),
  anonymous: 401,
  resellerOfTenant: status,
});
/** Administrators of the caller's own tenant. */
const ownTenantAdmins = (status: number): Expectation => ({
  ...everyone(status),
  anonymous: 401,
  endUser: 403,
  noAccessUser: 403,
  fullAccessUser: 403,
});

let policyNames = 0;
const organization = (ids: Ids, rest = '') => ({ path: `/api/organizations/${ids.organization}${rest}` });
const reseller = (ids: Ids, rest = '') => ({ path: `/api/resellers/${ids.reseller}${rest}` });

// Requests that change something are written so that each caller allowed to make them
// meets the same state (the organization follows no policy, names are unique...). Sign-out
// comes last: it ends the caller's session.
const MATRIX: Record<string, Row> = {
  'GET /healthz': { request: () => ({ path: '/healthz' }), expect: everyone(200) },
  'GET /readyz': { request: () => ({ path: '/readyz' }), expect: everyone(200) },
  'GET /metrics': { request: () => ({ path: '/metrics' }), expect: everyone(200) },
  'GET /api/openapi.json': { request: () => ({ path: '/api/openapi.json' }), expect: everyone(200) },
  // The UI's page answers with and without the trailing slash.
  'GET /api/docs/': { request: () => ({ path: '/api/docs' }), expect: everyone(200) },
  'GET /api/docs/static/index.html': {
    request: () => ({ path: '/api/docs/static/index.html' }),
    expect: everyone(302),
  },
  'GET /api/docs/static/swagger-initializer.js': {
    request: () => ({ path: '/api/docs/static/swagger-initializer.js' }),
    expect: everyone(200),
  },
  'GET /api/docs/json': { request: () => ({ path: '/api/docs/json' }), expect: everyone(200) },
  'GET /api/docs/yaml': { request: () => ({ path: '/api/docs/yaml' }), expect: everyone(200) },
  'GET /api/docs/static/*': {
    request: () => ({ path: '/api/docs/static/swagger-ui.css' }),
    expect: everyone(200),
  },
  'HEAD /api/docs/static/*': {
    request: () => ({ path: '/api/docs/static/swagger-ui.css' }),
    expect: everyone(200),
  },
  // The portal's pages and assets are open to all; an unknown API path stays the API's 404
  // (whether or not the portal is built).
  'GET /*': { request: () => ({ path: '/api/no-such-route' }), expect: everyone(404) },
  'GET /assets/*': { request: () => ({ path: '/assets/missing.js' }), expect: everyone(404) },
  'HEAD /assets/*': { request: () => ({ path: '/assets/missing.js' }), expect: everyone(404) },
  'GET /auth/sign-in': { request: () => ({ path: '/auth/sign-in' }), expect: everyone(302) },
  'GET /auth/admin-consent': { request: () => ({ path: '/auth/admin-consent' }), expect: everyone(302) },
  // No sign-in under way in these browsers: the callback has nothing to finish.
  'GET /auth/callback': { request: () => ({ path: '/auth/callback?code=x&state=y' }), expect: everyone(400) },
  'GET /consent/start': { request: () => ({ path: '/consent/start' }), expect: ownTenantAdmins(302) },
  'GET /consent/callback': {
    request: () => ({ path: '/consent/callback?admin_consent=True&state=y' }),
    expect: ownTenantAdmins(400),
  },
  'GET /api/me': { request: () => ({ path: '/api/me' }), expect: signedIn(200) },
  'GET /api/organizations': { request: () => ({ path: '/api/organizations' }), expect: signedIn(200) },
  // Connecting the (already connected) customer under its reseller: only that reseller's staff
  // get as far as the conflict.
  'POST /api/organizations': {
    request: (ids) => ({ path: '/api/organizations', body: { ...ids.customer, resellerId: ids.reseller } }),
    expect: { ...admins(403), anonymous: 401, resellerOfTenant: 409, resellerOfOtherTenant: 403 },
  },
  'GET /api/organizations/:organizationId': { request: (ids) => organization(ids), expect: operators(200) },
  'PUT /api/organizations/:organizationId/connection': {
    request: (ids) => ({
      ...organization(ids, '/connection'),
      body: { clientId: ids.customer.clientId, clientSecret: ids.customer.clientSecret },
    }),
    expect: admins(200),
  },
  'POST /api/organizations/:organizationId/connection/check': {
    request: (ids) => organization(ids, '/connection/check'),
    expect: admins(200),
  },
  'GET /api/organizations/:organizationId/settings': {
    request: (ids) => organization(ids, '/settings'),
    expect: operators(200),
  },
  'PUT /api/organizations/:organizationId/settings': {
    request: (ids) => ({ ...organization(ids, '/settings'), body: defaultSettings() }),
    expect: operators(200),
  },
  'PUT /api/organizations/:organizationId/policy': {
    request: (ids) => ({ ...organization(ids, '/policy'), body: { policyId: null } }),
    expect: admins(200),
  },
  'GET /api/organizations/:organizationId/notifications': {
    request: (ids) => organization(ids, '/notifications'),
    expect: operators(200),
  },
  'PUT /api/organizations/:organizationId/notifications': {
    request: (ids) => ({
      ...organization(ids, '/notifications'),
      body: { emails: [], webhook: null, events: ['job.failed'] },
    }),
    expect: operators(200),
  },
  // The PUT above leaves no channel: the allowed callers are told there is nowhere to send to.
  'POST /api/organizations/:organizationId/notifications/test': {
    request: (ids) => organization(ids, '/notifications/test'),
    expect: operators(400),
  },
  'GET /api/organizations/:organizationId/users': {
    request: (ids) => organization(ids, '/users?pageSize=2'),
    expect: admins(200),
  },
  'PUT /api/organizations/:organizationId/users/:userId/access': {
    request: (ids) => ({ ...organization(ids, `/users/${ids.user}/access`), body: { level: 'none' } }),
    expect: admins(200),
  },
  'GET /api/organizations/:organizationId/audit': {
    request: (ids) => organization(ids, '/audit'),
    expect: admins(200),
  },
  'GET /api/organizations/:organizationId/audit/export': {
    request: (ids) => organization(ids, '/audit/export?format=csv'),
    expect: admins(200),
  },
  'GET /api/organizations/:organizationId/tokens': {
    request: (ids) => organization(ids, '/tokens'),
    expect: { ...admins(200), resellerOfTenant: 403 },
  },
  'GET /api/tokens': { request: () => ({ path: '/api/tokens' }), expect: signedIn(200) },
  'POST /api/tokens': {
    request: () => ({ path: '/api/tokens', body: { name: 'matrix', scopes: ['organizations:read'] } }),
    expect: signedIn(201),
  },
  // The tenant admin's own token.
  'DELETE /api/tokens/:tokenId': {
    request: (ids) => ({ path: `/api/tokens/${ids.token}` }),
    expect: { ...everyone(404), anonymous: 401, tenantAdmin: 200 },
  },
  // Each admin's tenant: the customer's becomes a reseller; the partners' already are.
  'POST /api/resellers': {
    request: () => ({ path: '/api/resellers', body: { displayName: 'Registered in the matrix' } }),
    expect: { ...ownTenantAdmins(409), tenantAdmin: 201 },
  },
  'GET /api/resellers/:resellerId': { request: (ids) => reseller(ids), expect: resellerStaff(200) },
  'POST /api/resellers/:resellerId/invitations': {
    request: (ids) => reseller(ids, '/invitations'),
    expect: resellerStaff(201),
  },
  'GET /api/resellers/:resellerId/audit': {
    request: (ids) => reseller(ids, '/audit'),
    expect: resellerStaff(200),
  },
  'GET /api/resellers/:resellerId/policies': {
    request: (ids) => reseller(ids, '/policies'),
    expect: resellerStaff(200),
  },
  'POST /api/resellers/:resellerId/policies': {
    request: (ids) => ({
      ...reseller(ids, '/policies'),
      body: { name: `matrix ${++policyNames}`, settings: defaultSettings() },
    }),
    expect: resellerStaff(201),
  },
  'GET /api/resellers/:resellerId/policies/:policyId': {
    request: (ids) => reseller(ids, `/policies/${ids.policy}`),
    expect: resellerStaff(200),
  },
  'PUT /api/resellers/:resellerId/policies/:policyId': {
    request: (ids) => ({
      ...reseller(ids, `/policies/${ids.policy}`),
      body: { name: 'matrix policy', settings: defaultSettings() },
    }),
    expect: resellerStaff(200),
  },
  'DELETE /api/resellers/:resellerId/policies/:policyId': {
    request: (ids) => reseller(ids, `/policies/${ids.disposablePolicy}`),
    expect: resellerStaff(204),
  },
  'POST /api/organizations/:organizationId/jobs/backup': {
    request: (ids) => ({
      ...organization(ids, '/jobs/backup'),
      body: { objectTypes: ['conditionalAccessPolicies'] },
    }),
    expect: operators(202),
  },
  'POST /api/organizations/:organizationId/jobs/restore': {
    request: (ids) => ({
      ...organization(ids, '/jobs/restore'),
      body: { at: 'latest', ids: [ids.policyObject], dryRun: true },
    }),
    expect: operators(202),
  },
  'POST /api/organizations/:organizationId/jobs/check': {
    request: (ids) => ({ ...organization(ids, '/jobs/check'), body: {} }),
    expect: operators(202),
  },
  'POST /api/organizations/:organizationId/jobs/retention': {
    request: (ids) => ({ ...organization(ids, '/jobs/retention'), body: {} }),
    expect: operators(202),
  },
  'GET /api/organizations/:organizationId/jobs': {
    request: (ids) => organization(ids, '/jobs'),
    expect: operators(200),
  },
  'GET /api/organizations/:organizationId/jobs/:jobId': {
    request: (ids) => organization(ids, `/jobs/${ids.job}`),
    expect: operators(200),
  },
  'GET /api/organizations/:organizationId/jobs/:jobId/logs': {
    request: (ids) => organization(ids, `/jobs/${ids.job}/logs`),
    expect: operators(200),
  },
  // A finished job stays as it is.
  'POST /api/organizations/:organizationId/jobs/:jobId/cancel': {
    request: (ids) => organization(ids, `/jobs/${ids.job}/cancel`),
    expect: operators(200),
  },
  // A backup job gave no passwords: those allowed learn that much.
  'GET /api/organizations/:organizationId/jobs/:jobId/temporary-passwords': {
    request: (ids) => organization(ids, `/jobs/${ids.job}/temporary-passwords`),
    expect: operators(404),
  },
  'GET /api/organizations/:organizationId/directory/snapshots': {
    request: (ids) => organization(ids, '/directory/snapshots'),
    expect: operators(200),
  },
  'GET /api/organizations/:organizationId/directory/types': {
    request: (ids) => organization(ids, '/directory/types'),
    expect: operators(200),
  },
  'GET /api/organizations/:organizationId/directory/items': {
    request: (ids) => organization(ids, '/directory/items?type=conditionalAccessPolicies'),
    expect: operators(200),
  },
  'GET /api/organizations/:organizationId/directory/items/:type/:id': {
    request: (ids) => organization(ids, `/directory/items/conditionalAccessPolicies/${ids.policyObject}`),
    expect: operators(200),
  },
  'GET /api/organizations/:organizationId/directory/items/:type/:id/history': {
    request: (ids) =>
      organization(ids, `/directory/items/conditionalAccessPolicies/${ids.policyObject}/history`),
    expect: operators(200),
  },
  'GET /api/organizations/:organizationId/directory/diff': {
    request: (ids) => organization(ids, '/directory/diff?from=latest&to=latest'),
    expect: operators(200),
  },
  'GET /api/organizations/:organizationId/directory/export': {
    request: (ids) => organization(ids, '/directory/export?type=conditionalAccessPolicies'),
    expect: operators(200),
  },
  'POST /auth/sign-out': { request: () => ({ path: '/auth/sign-out' }), expect: signedIn(204) },
};

let world: World;
let ids: Ids;
const sessions = {} as Record<Exclude<Role, 'anonymous'>, () => Promise<PortalBrowser>>;

before(async () => {
  world = await startWorld();
  const { customer, partner, otherPartner } = world.tenants;
  const northwind = await registerReseller(world, partner, 'Northwind IT');
  await registerReseller(world, otherPartner, 'Fabrikam MSP');
  allowSignIn(world, customer);

  // The customer's admin connects the tenant under Northwind with its invitation.
  const invitation = new URL(
    (await northwind.browser.api('POST', `/api/resellers/${northwind.id}/invitations`)).body.url,
  );
  const admin = await world.signIn(customer, 'admin');
  const connected = await admin.follow(
    await consentToBackupApp(world, admin, customer, `${invitation.pathname}${invitation.search}`),
  );
  assert.equal(connected.body.resellerId, northwind.id, connected.text);

  const policy = async (name: string) =>
    (
      await northwind.browser.api('POST', `/api/resellers/${northwind.id}/policies`, {
        name,
        settings: defaultSettings(),
      })
    ).body.id as string;
  const users = await admin.api('GET', `/api/organizations/${connected.body.id}/users?search=a&pageSize=50`);
  // One backup gives the job and backup-data routes something to show.
  const backup = await admin.api('POST', `/api/organizations/${connected.body.id}/jobs/backup`, {
    objectTypes: ['conditionalAccessPolicies'],
  });
  assert.equal(backup.status, 202, backup.text);
  const backedUp = await finishedJob(admin, connected.body.id, backup.body.job.id);
  assert.equal(backedUp.state, 'succeeded', JSON.stringify(backedUp));
  const policies = await admin.api(
    'GET',
    `/api/organizations/${connected.body.id}/directory/items?type=conditionalAccessPolicies`,
  );
  const actors = new Set(customer.accounts.map((account) => account.id));
  ids = {
    organization: connected.body.id,
    reseller: northwind.id,
    policy: await policy('matrix policy'),
    disposablePolicy: await policy('disposable'),
    token: (await admin.api('POST', '/api/tokens', { name: 'admin', scopes: ['audit:read'] })).body.details
      .id,
    user: users.body.items.find(
      (user: { id: string; access: string }) => !actors.has(user.id) && user.access === 'none',
    ).id,
    job: backup.body.job.id,
    policyObject: policies.body.items[0].id,
    customer: {
      tenantId: customer.tenantId,
      clientId: customer.clientId,
      clientSecret: customer.clientSecret,
    },
  };

  const alexId = world.account(customer, 'alex').id;
  const setAlex = (level: 'full' | 'none') =>
    world.service.services.userAccess.set(ids.organization, alexId, level, 'matrix set-up');
  // The No Access user had Full Access once and was lowered again.
  await setAlex('full');
  sessions.endUser = () => world.signIn(customer, 'megan');
  sessions.noAccessUser = async () => (await setAlex('none'), world.signIn(customer, 'alex'));
  sessions.fullAccessUser = async () => (await setAlex('full'), world.signIn(customer, 'alex'));
  sessions.tenantAdmin = () => world.signIn(customer, 'admin');
  sessions.resellerOfTenant = () => world.signIn(partner, 'admin');
  sessions.resellerOfOtherTenant = () => world.signIn(otherPartner, 'admin');
});
after(() => world?.close());

test('every route has a row in the matrix, and every row is a route', () => {
  const routes = world.service.api.routes.map((route) => `${route.method} ${route.url}`);
  const missing = routes.filter((route) => !(route in MATRIX));
  assert.deepEqual(missing, [], 'routes without a row: decide who may call them');
  const stale = Object.keys(MATRIX).filter((row) => !routes.includes(row));
  assert.deepEqual(stale, [], 'rows of routes that no longer exist');
});

test('every caller gets the expected status from every route', async () => {
  const mismatches: string[] = [];
  for (const role of ROLES) {
    const browser = role === 'anonymous' ? world.browser() : await sessions[role]();
    for (const [route, row] of Object.entries(MATRIX)) {
      const method = route.split(' ')[0] as string;
      const { path, body } = row.request(ids);
      const answer = await browser.api(method, path, body);
      if (answer.status !== row.expect[role]) {
        mismatches.push(
          `${role} ${method} ${path}: ${answer.status}, expected ${row.expect[role]} ${answer.text.slice(0, 200)}`,
        );
      }
    }
  }
  assert.deepEqual(mismatches, []);
});
