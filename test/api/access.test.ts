// Who may do what, over real HTTP against the sandbox: tenant admins and the users they
// raise to Full Access (and lower again), the Users list from Graph, resellers that see only
// their own customers (connected by invitation) and share policies with them, API tokens
// (shown once, hashed at rest, scoped, revocable) and CSRF protection of session changes.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { defaultSettings } from '../../src/service/organizations/settings.js';
import type { PortalBrowser } from '../support/portal-browser.js';
import {
  allowSignIn,
  connectByConsent,
  consentToBackupApp,
  registerReseller,
  startWorld,
  type World,
} from './support.js';

describe('access', () => {
  let world: World;
  let organizationId: string;
  let admin: PortalBrowser;
  let alexId: string;

  before(async () => {
    world = await startWorld();
    ({ id: organizationId, browser: admin } = await connectByConsent(world, world.tenants.customer));
    alexId = world.account(world.tenants.customer, 'alex').id;
  });
  after(() => world?.close());

  describe('roles', () => {
    test('an end user has No Access until an admin raises them; Full Access operates the backup, not its users', async () => {
      const alex = await world.signIn(world.tenants.customer, 'alex');
      const settingsPath = `/api/organizations/${organizationId}/settings`;
      const denied = await alex.api('GET', settingsPath);
      assert.equal(denied.status, 403);
      assert.equal(denied.body.error.code, 'no_access');
      assert.match(denied.body.error.message, /raise you to Full Access/);
      assert.deepEqual((await alex.api('GET', '/api/organizations')).body.items, []);
      assert.equal((await alex.api('GET', '/api/me')).body.organization.access, 'none');

      const raised = await admin.api('PUT', `/api/organizations/${organizationId}/users/${alexId}/access`, {
        level: 'full',
      });
      assert.equal(raised.status, 200, raised.text);
      assert.equal(raised.body.access, 'full');
      assert.equal(
        raised.body.accessChangedBy,
        world.account(world.tenants.customer, 'admin').userPrincipalName,
      );

      const settings = await alex.api('GET', settingsPath);
      assert.equal(settings.status, 200, settings.text);
      assert.equal(settings.body.policy, null);
      assert.deepEqual(settings.body.settings, defaultSettings());
      const changed = {
        ...settings.body.settings,
        objectTypes: { ...settings.body.settings.objectTypes, users: true },
      };
      const updated = await alex.api('PUT', settingsPath, changed);
      assert.equal(updated.status, 200, updated.text);
      assert.equal(updated.body.settings.objectTypes.users, true);
      assert.equal((await alex.api('GET', '/api/organizations')).body.items.length, 1);
      // Full Access does not govern access.
      const users = await alex.api('GET', `/api/organizations/${organizationId}/users`);
      assert.equal(users.status, 403);
      assert.equal(users.body.error.code, 'forbidden');

      const lowered = await admin.api('PUT', `/api/organizations/${organizationId}/users/${alexId}/access`, {
        level: 'none',
      });
      assert.equal(lowered.body.access, 'none');
      assert.equal((await alex.api('GET', settingsPath)).status, 403);
    });

    test('settings a schedule cannot run with are refused', async () => {
      const settingsPath = `/api/organizations/${organizationId}/settings`;
      const current = (await admin.api('GET', settingsPath)).body.settings;
      const badZone = await admin.api('PUT', settingsPath, {
        ...current,
        schedule: { cron: '0 3 * * *', timeZone: 'Mars/Olympus' },
      });
      assert.equal(badZone.status, 400);
      assert.equal(badZone.body.error.code, 'invalid_settings');
      const badCron = await admin.api('PUT', settingsPath, {
        ...current,
        schedule: { cron: '61 3 * * *', timeZone: 'UTC' },
      });
      assert.equal(badCron.status, 400);
      const unknownType = await admin.api('PUT', settingsPath, {
        ...current,
        objectTypes: { ...current.objectTypes, mailboxes: true },
      });
      assert.equal(unknownType.status, 400);
      assert.equal(unknownType.body.error.code, 'invalid_request');
    });

    test('the Users list comes from Graph with each user’s access, searched and paged', async () => {
      const usersPath = `/api/organizations/${organizationId}/users`;
      const found = await admin.api('GET', `${usersPath}?search=Alex`);
      assert.equal(found.status, 200, found.text);
      const alex = found.body.items.find((user: { id: string }) => user.id === alexId);
      assert.equal(alex.access, 'none');
      assert.ok(found.body.items.every((user: { displayName: string }) => /alex/i.test(user.displayName)));

      const privadmin = world.account(world.tenants.customer, 'privadmin');
      const admins = await admin.api('GET', `${usersPath}?search=Patti`);
      assert.equal(
        admins.body.items.find((user: { id: string }) => user.id === privadmin.id).access,
        'administrator',
      );
      const notLowered = await admin.api('PUT', `${usersPath}/${privadmin.id}/access`, { level: 'none' });
      assert.equal(notLowered.status, 409);
      assert.equal(notLowered.body.error.code, 'user_is_administrator');
      const unknown = await admin.api('PUT', `${usersPath}/00000000-0000-4000-8000-000000000000/access`, {
        level: 'full',
      });
      assert.equal(unknown.status, 404);

      const seen = new Set<string>();
      let token: string | null = null;
      let pages = 0;
      do {
        const page = await admin.api(
          'GET',
          `${usersPath}?pageSize=7${token ? `&pageToken=${encodeURIComponent(token)}` : ''}`,
        );
        assert.equal(page.status, 200, page.text);
        assert.ok(page.body.items.length <= 7);
        for (const user of page.body.items) seen.add(user.id);
        token = page.body.nextPageToken;
        pages++;
      } while (token && pages < 50);
      const total = await world.sandbox.graphRequest('/users/$count', {
        headers: { ConsistencyLevel: 'eventual' },
        token: await world.sandbox.appToken(world.tenants.customer),
      });
      assert.equal(seen.size, Number(total.body));
      assert.ok(pages > 1);

      const forged = await admin.api(
        'GET',
        `${usersPath}?pageToken=${encodeURIComponent('bm90LWEtdG9rZW4')}`,
      );
      assert.equal(forged.status, 400);
      assert.equal(forged.body.error.code, 'invalid_page_token');
    });
  });

  describe('resellers', () => {
    let northwind: { id: string; browser: PortalBrowser };
    let fabrikam: { id: string; browser: PortalBrowser };
    let customerOfNorthwind: string;

    before(async () => {
      northwind = await registerReseller(world, world.tenants.partner, 'Northwind IT');
      fabrikam = await registerReseller(world, world.tenants.otherPartner, 'Fabrikam MSP');
      // Northwind invites the other customer's admin, who connects by consent.
      const invitation = await northwind.browser.api('POST', `/api/resellers/${northwind.id}/invitations`);
      assert.equal(invitation.status, 201, invitation.text);
      const link = new URL(invitation.body.url);
      const { otherCustomer } = world.tenants;
      allowSignIn(world, otherCustomer);
      const customerAdmin = world.browser();
      // Signed out, the link answers where to sign in to come back to it.
      const unsigned = await customerAdmin.request(`${link.pathname}${link.search}`);
      assert.equal(unsigned.status, 401);
      assert.equal(
        unsigned.body.error.signInUrl,
        `/auth/sign-in?returnTo=${encodeURIComponent(`${link.pathname}${link.search}`)}`,
      );
      await customerAdmin.signIn(world.account(otherCustomer, 'admin'));
      const callback = await consentToBackupApp(
        world,
        customerAdmin,
        otherCustomer,
        `${link.pathname}${link.search}`,
      );
      assert.equal(callback.status, 302, callback.text);
      const organization = await customerAdmin.follow(callback);
      assert.equal(organization.body.resellerId, northwind.id);
      customerOfNorthwind = organization.body.id;
      // The link works once.
      const reused = await customerAdmin.request(`${link.pathname}${link.search}`);
      assert.equal(reused.status, 404);
      assert.equal(reused.body.error.code, 'invitation_invalid');
    });

    test('reseller staff see and manage their customers only; another reseller sees nothing of them', async () => {
      const list = await northwind.browser.api('GET', '/api/organizations');
      assert.deepEqual(
        list.body.items.map((organization: { id: string }) => organization.id),
        [customerOfNorthwind],
      );
      assert.equal(
        (await northwind.browser.api('GET', `/api/organizations/${customerOfNorthwind}/users?pageSize=3`))
          .status,
        200,
      );
      assert.equal((await northwind.browser.api('GET', `/api/organizations/${organizationId}`)).status, 404);

      assert.deepEqual((await fabrikam.browser.api('GET', '/api/organizations')).body.items, []);
      for (const path of [
        `/api/organizations/${customerOfNorthwind}`,
        `/api/organizations/${customerOfNorthwind}/settings`,
        `/api/organizations/${customerOfNorthwind}/audit`,
        `/api/resellers/${northwind.id}`,
        `/api/resellers/${northwind.id}/policies`,
      ]) {
        const answer = await fabrikam.browser.api('GET', path);
        assert.equal(answer.status, 404, `${path}: ${answer.text}`);
      }
      // Connecting another reseller's customer under oneself is refused.
      const taken = await fabrikam.browser.api('POST', '/api/organizations', {
        tenantId: world.tenants.otherCustomer.tenantId,
        resellerId: fabrikam.id,
        clientId: world.tenants.otherCustomer.clientId,
        clientSecret: world.tenants.otherCustomer.clientSecret,
      });
      assert.equal(taken.status, 409);
      const underAnother = await fabrikam.browser.api('POST', '/api/organizations', {
        tenantId: world.tenants.customer.tenantId,
        resellerId: northwind.id,
        clientId: world.tenants.customer.clientId,
        clientSecret: world.tenants.customer.clientSecret,
      });
      assert.equal(underAnother.status, 403);

      // Non-admin users of the partner tenant are not staff.
      allowSignIn(world, world.tenants.partner);
      const partnerUser = await world.signIn(world.tenants.partner, 'megan');
      assert.equal((await partnerUser.api('GET', `/api/resellers/${northwind.id}`)).status, 404);
      assert.deepEqual((await partnerUser.api('GET', '/api/organizations')).body.items, []);
    });

    test('a reseller’s policy is shared by its customers and edited in one place', async () => {
      const settings = {
        ...defaultSettings(),
        objectTypes: { ...defaultSettings().objectTypes, users: true, groups: true },
      };
      const created = await northwind.browser.api('POST', `/api/resellers/${northwind.id}/policies`, {
        name: 'Standard',
        settings,
      });
      assert.equal(created.status, 201, created.text);
      const policyId = created.body.id;
      const duplicate = await northwind.browser.api('POST', `/api/resellers/${northwind.id}/policies`, {
        name: 'Standard',
        settings,
      });
      assert.equal(duplicate.status, 409);

      const follow = await northwind.browser.api('PUT', `/api/organizations/${customerOfNorthwind}/policy`, {
        policyId,
      });
      assert.equal(follow.status, 200, follow.text);
      assert.deepEqual(follow.body.policy, { id: policyId, name: 'Standard' });
      assert.equal(follow.body.settings.objectTypes.groups, true);
      const ownEdit = await northwind.browser.api(
        'PUT',
        `/api/organizations/${customerOfNorthwind}/settings`,
        defaultSettings(),
      );
      assert.equal(ownEdit.status, 409);
      assert.equal(ownEdit.body.error.code, 'follows_policy');

      const edited = await northwind.browser.api(
        'PUT',
        `/api/resellers/${northwind.id}/policies/${policyId}`,
        {
          name: 'Standard',
          settings: { ...settings, schedule: { cron: '30 1 * * *', timeZone: 'Europe/Berlin' } },
        },
      );
      assert.equal(edited.status, 200, edited.text);
      assert.equal(edited.body.organizations, 1);
      const seen = await northwind.browser.api('GET', `/api/organizations/${customerOfNorthwind}/settings`);
      assert.deepEqual(seen.body.settings.schedule, { cron: '30 1 * * *', timeZone: 'Europe/Berlin' });

      const inUse = await northwind.browser.api(
        'DELETE',
        `/api/resellers/${northwind.id}/policies/${policyId}`,
      );
      assert.equal(inUse.status, 409);
      assert.equal(inUse.body.error.code, 'policy_in_use');
      // An organization without a reseller follows no reseller's policy.
      const notTheirs = await admin.api('PUT', `/api/organizations/${organizationId}/policy`, { policyId });
      assert.equal(notTheirs.status, 400);
      assert.equal(notTheirs.body.error.code, 'no_reseller');

      await northwind.browser.api('PUT', `/api/organizations/${customerOfNorthwind}/policy`, {
        policyId: null,
      });
      const deleted = await northwind.browser.api(
        'DELETE',
        `/api/resellers/${northwind.id}/policies/${policyId}`,
      );
      assert.equal(deleted.status, 204);
    });
  });

  describe('API tokens', () => {
    test('a token is shown once, stored hashed, acts within its scopes and stops when revoked', async () => {
      const created = await admin.api('POST', '/api/tokens', {
        name: 'nightly report',
        scopes: ['organizations:read', 'settings:read'],
      });
      assert.equal(created.status, 201, created.text);
      const token: string = created.body.token;
      assert.match(token, /^tvt_[A-Za-z0-9_-]{43}$/);
      const rows = await world.service.services.db.selectFrom('api_tokens').selectAll().execute();
      assert.ok(!JSON.stringify(rows).includes(token.slice(4)));
      assert.equal(
        rows.find((row) => row.id === created.body.details.id)?.token_hash,
        createHash('sha256').update(token).digest('hex'),
      );

      const bearer = world.browser();
      const auth = { authorization: `Bearer ${token}` };
      const settingsPath = `/api/organizations/${organizationId}/settings`;
      const read = await bearer.request(settingsPath, { headers: auth });
      assert.equal(read.status, 200, read.text);
      const write = await bearer.request(settingsPath, {
        method: 'PUT',
        json: read.body.settings,
        headers: auth,
      });
      assert.equal(write.status, 403);
      assert.equal(write.body.error.code, 'insufficient_scope');
      assert.equal(
        (await bearer.request(`/api/organizations/${organizationId}/users`, { headers: auth })).status,
        403,
      );
      const more = await bearer.request('/api/tokens', {
        method: 'POST',
        json: { name: 'x', scopes: ['settings:read'] },
        headers: auth,
      });
      assert.equal(more.status, 403);
      assert.match(more.body.error.message, /browser session/);

      // A writing token needs no CSRF token: it is not an ambient credential.
      const writer = await admin.api('POST', '/api/tokens', {
        name: 'settings bot',
        scopes: ['settings:write'],
      });
      const written = await bearer.request(settingsPath, {
        method: 'PUT',
        json: read.body.settings,
        headers: { authorization: `Bearer ${writer.body.token}` },
      });
      assert.equal(written.status, 200, written.text);
      const entry = (
        await admin.api('GET', `/api/organizations/${organizationId}/audit?action=settings.update`)
      ).body.items[0];
      assert.equal(entry.actor.tokenId, writer.body.details.id);

      const mine = await admin.api('GET', '/api/tokens');
      assert.deepEqual(
        mine.body.items.map((item: { name: string }) => item.name),
        ['settings bot', 'nightly report'],
      );
      assert.ok(!mine.text.includes(token));

      const revoked = await admin.api('DELETE', `/api/tokens/${created.body.details.id}`);
      assert.equal(revoked.status, 200);
      assert.ok(revoked.body.revokedAt);
      const after = await bearer.request(settingsPath, { headers: auth });
      assert.equal(after.status, 401);
      assert.equal(after.body.error.code, 'invalid_token');
      assert.equal(
        (await bearer.request(settingsPath, { headers: { authorization: 'Bearer tvt_forged' } })).status,
        401,
      );
    });

    test('admins see and revoke the tokens of their tenant’s users; others cannot touch someone else’s', async () => {
      const alex = await world.signIn(world.tenants.customer, 'alex');
      const alexToken = await alex.api('POST', '/api/tokens', {
        name: 'alex script',
        scopes: ['organizations:read'],
      });
      assert.equal(alexToken.status, 201, alexToken.text);
      const adminToken = (
        await admin.api('POST', '/api/tokens', { name: 'admin script', scopes: ['audit:read'] })
      ).body;

      assert.equal((await alex.api('DELETE', `/api/tokens/${adminToken.details.id}`)).status, 404);
      assert.equal((await alex.api('GET', `/api/organizations/${organizationId}/tokens`)).status, 403);
      const all = await admin.api('GET', `/api/organizations/${organizationId}/tokens`);
      assert.ok(all.body.items.some((item: { name: string }) => item.name === 'alex script'));
      const revoked = await admin.api('DELETE', `/api/tokens/${alexToken.body.details.id}`);
      assert.equal(revoked.status, 200);

      // Expired tokens stop too.
      await world.service.services.db
        .updateTable('api_tokens')
        .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
        .where('id', '=', adminToken.details.id)
        .execute();
      const expired = await world.browser().request(`/api/organizations/${organizationId}/audit`, {
        headers: { authorization: `Bearer ${adminToken.token}` },
      });
      assert.equal(expired.status, 401);
    });
  });

  test('changes through a session need its CSRF token; sign-out ends the session', async () => {
    const browser = await world.signIn(world.tenants.customer, 'admin');
    const settingsPath = `/api/organizations/${organizationId}/settings`;
    const { settings } = (await browser.api('GET', settingsPath)).body;
    const missing = await browser.request(settingsPath, { method: 'PUT', json: settings });
    assert.equal(missing.status, 403);
    assert.equal(missing.body.error.code, 'csrf_token_invalid');
    const wrong = await browser.request(settingsPath, {
      method: 'PUT',
      json: settings,
      headers: { 'x-csrf-token': 'guess' },
    });
    assert.equal(wrong.status, 403);
    // Another session's token does not fit this one.
    const other = await browser.request(settingsPath, {
      method: 'PUT',
      json: settings,
      headers: { 'x-csrf-token': admin.csrfToken as string },
    });
    assert.equal(other.status, 403);
    assert.equal((await browser.api('PUT', settingsPath, settings)).status, 200);

    assert.equal((await browser.request('/auth/sign-out', { method: 'POST' })).status, 403);
    assert.equal((await browser.api('POST', '/auth/sign-out')).status, 204);
    const gone = await browser.api('GET', '/api/me');
    assert.equal(gone.status, 401);
    assert.equal(gone.body.error.signInUrl, '/auth/sign-in?returnTo=%2Fapi%2Fme');
  });
});
