// Connecting tenants over real HTTP against the sandbox: sign-in consent for the admin alone
// versus the organization, admin consent to the backup app verified by a token (a forged
// callback connects nothing), connection health and the consents it lacks, and connecting
// with the customer's own app registration (secret or certificate, sealed at rest).
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, test } from 'node:test';
import { BACKUP_APP_PERMISSIONS } from '../../src/service/organizations/identity-platform.js';
import { createSingleTenantApp, grantAdminConsent } from '../../src/sandbox/identity/administration.js';
import { formOf } from '../support/identity-browser.js';
import { allowSignIn, consentToBackupApp, manualConnection, startWorld, type World } from './support.js';

describe('onboarding', () => {
  let world: World;
  before(async () => {
    world = await startWorld();
  });
  after(() => world?.close());

  test('before any consent, sign-in answers access_not_granted with the admin-consent link', async () => {
    const { customer } = world.tenants;
    const answer = await world.browser().signIn(world.account(customer, 'alex'));
    assert.equal(answer.status, 403, answer.text);
    assert.equal(answer.body.error.code, 'access_not_granted');
    assert.equal(answer.body.error.adminConsentUrl, `${world.service.url}/auth/admin-consent`);
  });

  test('sign-in consent for the admin alone lets only the admin in; the others are told what an admin must do', async () => {
    const { customer } = world.tenants;
    const admin = world.browser();
    const start = await admin.request('/auth/admin-consent');
    assert.equal(start.status, 302);
    assert.match(String(start.location), /\/organizations\/v2\.0\/adminconsent\?/);
    const consented = await admin.consent(start, world.account(customer, 'admin'), false);
    const callback = await admin.request(consented.location as URL);
    assert.equal(callback.status, 302, callback.text);
    assert.equal(callback.location?.pathname, '/auth/sign-in');
    const signedIn = await admin.signIn(world.account(customer, 'admin'));
    assert.equal(signedIn.status, 200, signedIn.text);
    assert.equal(signedIn.body.user.userPrincipalName, world.account(customer, 'admin').userPrincipalName);
    assert.equal(signedIn.body.user.tenantAdministrator, true);
    assert.match(signedIn.body.next, /connect your tenant/);

    const alex = await world.browser().signIn(world.account(customer, 'alex'));
    assert.equal(alex.status, 403, alex.text);
    assert.equal(alex.body.error.code, 'access_not_granted');
    assert.match(alex.body.error.message, /only for themselves/);
    assert.match(alex.body.error.message, /on behalf of the organization/);
    assert.equal(alex.body.error.adminConsentUrl, `${world.service.url}/auth/admin-consent`);

    // Consent for the organization lets everyone in.
    const again = await admin.consent(
      await admin.request('/auth/admin-consent'),
      world.account(customer, 'admin'),
      true,
    );
    assert.equal((await admin.follow(again)).status, 200);
    const alexAgain = await world.browser().signIn(world.account(customer, 'alex'));
    assert.equal(alexAgain.status, 200, alexAgain.text);
    assert.equal(alexAgain.body.organization, null);
  });

  test('an admin connects the tenant by consent; the service verifies it with a token and shows the health', async () => {
    const { customer } = world.tenants;
    const browser = await world.signIn(customer, 'admin');
    const callback = await consentToBackupApp(world, browser, customer);
    assert.equal(callback.status, 302, callback.text);
    const organization = await browser.follow(callback);
    assert.equal(organization.status, 200, organization.text);
    const body = organization.body;
    assert.equal(body.tenantId, customer.tenantId);
    assert.equal(body.displayName, customer.displayName);
    assert.deepEqual(body.connection, {
      kind: 'consent',
      clientId: world.service.platform.backupApp.clientId,
    });
    assert.equal(body.health.connected, true);
    assert.equal(body.health.error, null);
    assert.deepEqual(body.health.grantedPermissions, [...BACKUP_APP_PERMISSIONS].sort());
    assert.deepEqual(body.health.missingPermissions, []);
    assert.equal(body.health.signInConsent, 'organization');
    assert.deepEqual(body.adminConsentUrls, { backupApp: null, signInApp: null });

    const me = await browser.api('GET', '/api/me');
    assert.deepEqual(me.body.organization, {
      id: body.id,
      displayName: customer.displayName,
      access: 'administrator',
    });
    assert.equal(me.body.next, null);

    // A permission taken away in the tenant shows up at the next check, with the consent link.
    const graphPrincipal = await world.sandbox.graphRequest(
      `/servicePrincipals?$filter=appId eq '00000003-0000-0000-c000-000000000000'&$select=id,appRoles`,
      { token: await world.sandbox.appToken(customer) },
    );
    const bitlocker = graphPrincipal.body.value[0].appRoles.find(
      (role: { value: string }) => role.value === 'BitlockerKey.Read.All',
    );
    const backupPrincipal = await world.sandbox.graphRequest(
      `/servicePrincipals?$filter=appId eq '${world.service.platform.backupApp.clientId}'&$select=id`,
      { token: await world.sandbox.appToken(customer) },
    );
    const principalId = backupPrincipal.body.value[0].id;
    const assignments = await world.sandbox.graphRequest(
      `/servicePrincipals/${principalId}/appRoleAssignments`,
      {
        token: await world.sandbox.appToken(customer),
      },
    );
    const assignment = assignments.body.value.find(
      (entry: { appRoleId: string }) => entry.appRoleId === bitlocker.id,
    );
    const removed = await world.sandbox.graphRequest(
      `/servicePrincipals/${principalId}/appRoleAssignments/${assignment.id}`,
      {
        method: 'DELETE',
        token: await world.sandbox.appToken(customer),
      },
    );
    assert.equal(removed.status, 204, JSON.stringify(removed.body));
    const checked = await browser.api('POST', `/api/organizations/${body.id}/connection/check`);
    assert.equal(checked.status, 200, checked.text);
    assert.deepEqual(checked.body.health.missingPermissions, ['BitlockerKey.Read.All']);
    assert.equal(checked.body.adminConsentUrls.backupApp, `${world.service.url}/consent/start`);

    // Consenting again grants it back.
    const reconsent = await consentToBackupApp(world, browser, customer);
    assert.equal(reconsent.status, 302, reconsent.text);
    const healed = await browser.api('GET', `/api/organizations/${body.id}`);
    assert.deepEqual(healed.body.health.missingPermissions, []);
  });

  test('a consent callback proves nothing by itself: no token, no organization', async () => {
    const { otherCustomer, customer } = world.tenants;
    allowSignIn(world, otherCustomer);
    const browser = await world.signIn(otherCustomer, 'admin');
    const start = await browser.request('/consent/start');
    assert.equal(start.status, 302);
    const state = start.location?.searchParams.get('state') as string;

    // Claiming another tenant in the redirect is refused outright.
    const otherTenant = await browser.request(
      `/consent/callback?${new URLSearchParams({ admin_consent: 'True', tenant: customer.tenantId, state })}`,
    );
    assert.equal(otherTenant.status, 400, otherTenant.text);
    assert.equal(otherTenant.body.error.code, 'consent_tenant_mismatch');

    // A forged "consented" for the admin's own tenant fails verification: the backup app has no token there.
    const restart = await browser.request('/consent/start');
    const forged = await browser.request(
      `/consent/callback?${new URLSearchParams({
        admin_consent: 'True',
        tenant: otherCustomer.tenantId,
        state: restart.location?.searchParams.get('state') as string,
      })}`,
    );
    assert.equal(forged.status, 422, forged.text);
    assert.equal(forged.body.error.code, 'connection_failed');
    assert.match(forged.body.error.message, /AADSTS700016/);
    assert.equal((await browser.api('GET', '/api/me')).body.organization, null);

    // A callback without the browser's consent cookie is refused too.
    const stranger = await world
      .browser()
      .request(
        `/consent/callback?${new URLSearchParams({ admin_consent: 'True', tenant: otherCustomer.tenantId, state })}`,
      );
    assert.equal(stranger.status, 401);
  });

  test('a declined consent says so and connects nothing', async () => {
    const { otherCustomer } = world.tenants;
    const browser = await world.signIn(otherCustomer, 'admin');
    const start = await browser.request('/consent/start');
    const page = await browser.request(start.location as URL);
    const consentPage = await browser.submitSignIn(
      { ...page, location: start.location },
      world.account(otherCustomer, 'admin'),
    );
    const form = formOf(consentPage.text);
    const declined = await browser.request(new URL(form.action, start.location), {
      method: 'POST',
      form: { ...form.fields, decision: 'cancel' },
    });
    const callback = await browser.request(declined.location as URL);
    assert.equal(callback.status, 403, callback.text);
    assert.equal(callback.body.error.code, 'consent_declined');
    assert.equal(callback.body.error.adminConsentUrl, `${world.service.url}/consent/start`);
  });

  test('an admin connects the tenant with its own app registration; the credential is sealed and never returned', async () => {
    const { otherCustomer, customer } = world.tenants;
    const browser = await world.signIn(otherCustomer, 'admin');

    const wrong = await browser.api('POST', '/api/organizations', {
      ...manualConnection(otherCustomer),
      clientSecret: 'not-it',
    });
    assert.equal(wrong.status, 422, wrong.text);
    assert.equal(wrong.body.error.code, 'connection_failed');
    assert.match(wrong.body.error.message, /AADSTS7000215/);

    const notTheirs = await browser.api('POST', '/api/organizations', manualConnection(customer));
    assert.equal(notTheirs.status, 403, notTheirs.text);

    const created = await browser.api('POST', '/api/organizations', manualConnection(otherCustomer));
    assert.equal(created.status, 201, created.text);
    assert.deepEqual(created.body.connection, { kind: 'manual', clientId: otherCustomer.clientId });
    assert.equal(created.body.health.connected, true);
    assert.deepEqual(created.body.health.missingPermissions, []);
    // The manual app reads the sign-in app's consent too (granted for the organization above).
    assert.equal(created.body.health.signInConsent, 'organization');
    assert.equal(created.body.adminConsentUrls.backupApp, null);
    assert.ok(!created.text.includes(otherCustomer.clientSecret));

    const again = await browser.api('POST', '/api/organizations', manualConnection(otherCustomer));
    assert.equal(again.status, 409);
    assert.equal(again.body.error.code, 'organization_exists');

    const row = await world.service.services.db
      .selectFrom('organizations')
      .select('credential')
      .where('id', '=', created.body.id)
      .executeTakeFirstOrThrow();
    assert.ok(row.credential && !row.credential.includes(otherCustomer.clientSecret));
    assert.deepEqual(world.service.box.openJson('organization-credential', row.credential), {
      kind: 'secret',
      secret: otherCustomer.clientSecret,
    });

    // The same app with its certificate instead of the secret.
    const certificatePem = await readFile(otherCustomer.certificatePath, 'utf8');
    const privateKeyPem = await readFile(otherCustomer.privateKeyPath, 'utf8');
    const replaced = await browser.api('PUT', `/api/organizations/${created.body.id}/connection`, {
      clientId: otherCustomer.clientId,
      certificatePem,
      privateKeyPem,
    });
    assert.equal(replaced.status, 200, replaced.text);
    assert.equal(replaced.body.health.connected, true);
    assert.ok(!replaced.text.includes('PRIVATE KEY'));

    // An app registration granted less shows what is missing.
    const partial = createSingleTenantApp(world.sandbox.running.sandbox, world.sandboxTenant(otherCustomer), {
      displayName: 'read-only backup',
      permissions: { applicationPermissions: ['Directory.Read.All', 'Organization.Read.All'] },
      consent: true,
    });
    const readOnly = await browser.api('PUT', `/api/organizations/${created.body.id}/connection`, {
      clientId: partial.appId,
      clientSecret: partial.clientSecret,
    });
    assert.equal(readOnly.status, 200, readOnly.text);
    assert.deepEqual(readOnly.body.health.grantedPermissions, [
      'Directory.Read.All',
      'Organization.Read.All',
    ]);
    assert.deepEqual(
      readOnly.body.health.missingPermissions,
      BACKUP_APP_PERMISSIONS.filter((permission) => permission !== 'Organization.Read.All'),
    );
    // A manual connection's permissions are granted in the customer's own app: no tenantvault link for them.
    assert.equal(readOnly.body.adminConsentUrls.backupApp, null);
  });

  test('when only some users may sign in, the health says so and links the sign-in consent', async () => {
    const { partner } = world.tenants;
    const admin = world.account(partner, 'admin');
    grantAdminConsent(
      world.sandbox.running.sandbox,
      world.sandboxTenant(partner),
      world.service.platform.signInApp.clientId,
      {
        forOrganization: false,
        principalId: admin.id,
      },
    );
    const browser = await world.signIn(partner, 'admin');
    const created = await browser.api('POST', '/api/organizations', manualConnection(partner));
    assert.equal(created.status, 201, created.text);
    assert.equal(created.body.health.signInConsent, 'some-users');
    assert.equal(created.body.adminConsentUrls.signInApp, `${world.service.url}/auth/admin-consent`);
  });
});
