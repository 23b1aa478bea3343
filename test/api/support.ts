// A world for API tests: a sandbox with four customer tenants (two customers, two partner
// tenants of resellers) and the service configured against it. Organizations are connected
// and resellers registered through the API, the way people do it.
import assert from 'node:assert/strict';
import { grantAdminConsent } from '../../src/sandbox/identity/administration.js';
import type { AccountAccess, TenantAccess } from '../../src/sandbox/identity/provisioning.js';
import type { Tenant } from '../../src/sandbox/tenant.js';
import { PortalBrowser, type Answer } from '../support/portal-browser.js';
import { startTestSandbox, type TestSandbox } from '../support/sandbox.js';
import { startTestService, type ServiceOptions, type TestService } from '../support/service.js';

export type Alias = 'admin' | 'privadmin' | 'alex' | 'megan';

export interface World {
  sandbox: TestSandbox;
  service: TestService;
  /** customer: the tenant most tests connect; partner: a reseller's tenant. */
  tenants: {
    customer: TenantAccess;
    otherCustomer: TenantAccess;
    partner: TenantAccess;
    otherPartner: TenantAccess;
  };
  account(tenant: TenantAccess, alias: Alias): AccountAccess;
  browser(): PortalBrowser;
  /** A browser signed in as the account (its tenant must allow sign-in). */
  signIn(tenant: TenantAccess, alias: Alias): Promise<PortalBrowser>;
  sandboxTenant(tenant: TenantAccess): Tenant;
  close(): Promise<void>;
}

export async function startWorld(options: ServiceOptions = {}): Promise<World> {
  const sandbox = await startTestSandbox({ tenants: 4, users: 30 });
  let service: TestService;
  try {
    service = await startTestService(sandbox, options);
  } catch (error) {
    await sandbox.close();
    throw error;
  }
  const [customer, otherCustomer, partner, otherPartner] = sandbox.running.access.tenants as [
    TenantAccess,
    TenantAccess,
    TenantAccess,
    TenantAccess,
  ];
  const world: World = {
    sandbox,
    service,
    tenants: { customer, otherCustomer, partner, otherPartner },
    account(tenant, alias) {
      const account = tenant.accounts.find((candidate) =>
        candidate.userPrincipalName.startsWith(`${alias}@`),
      );
      assert.ok(account, `${alias} in ${tenant.domain}`);
      return account;
    },
    browser: () => new PortalBrowser(service.url, sandbox.dispatcher),
    async signIn(tenant, alias) {
      const browser = world.browser();
      const answer = await browser.signIn(world.account(tenant, alias));
      assert.equal(answer.status, 200, answer.text);
      return browser;
    },
    sandboxTenant(tenant) {
      const found = sandbox.running.sandbox.tenants.get(tenant.tenantId);
      assert.ok(found);
      return found;
    },
    async close() {
      await service.close();
      await sandbox.close();
    },
  };
  return world;
}

/** The tenant's admin consents to the sign-in app for everyone, as in the Entra admin center. */
export function allowSignIn(world: World, tenant: TenantAccess): void {
  grantAdminConsent(
    world.sandbox.running.sandbox,
    world.sandboxTenant(tenant),
    world.service.platform.signInApp.clientId,
    {
      forOrganization: true,
    },
  );
}

/** The admin (signed in) connects their tenant by consenting to the backup app; the service's last answer. */
export async function consentToBackupApp(
  world: World,
  browser: PortalBrowser,
  tenant: TenantAccess,
  startPath = '/consent/start',
): Promise<Answer> {
  const start = await browser.request(startPath);
  const consented = await browser.consent(start, world.account(tenant, 'admin'), true);
  assert.equal(consented.status, 302, consented.text);
  return browser.request(consented.location as URL);
}

/** Connects the tenant by admin consent; returns the organization. */
export async function connectByConsent(
  world: World,
  tenant: TenantAccess,
): Promise<{ id: string; browser: PortalBrowser }> {
  allowSignIn(world, tenant);
  const browser = await world.signIn(tenant, 'admin');
  const callback = await consentToBackupApp(world, browser, tenant);
  assert.equal(callback.status, 302, callback.text);
  const organization = await browser.follow(callback);
  assert.equal(organization.status, 200, organization.text);
  return { id: organization.body.id, browser };
}

/** The partner tenant's admin registers it as a reseller; returns the reseller id and their browser. */
export async function registerReseller(
  world: World,
  partner: TenantAccess,
  displayName: string,
): Promise<{ id: string; browser: PortalBrowser }> {
  allowSignIn(world, partner);
  const browser = await world.signIn(partner, 'admin');
  const created = await browser.api('POST', '/api/resellers', { displayName });
  assert.equal(created.status, 201, created.text);
  return { id: created.body.id, browser };
}

/** The manual app registration of a sandbox tenant, as an admin would enter it. */
export function manualConnection(tenant: TenantAccess) {
  return { tenantId: tenant.tenantId, clientId: tenant.clientId, clientSecret: tenant.clientSecret };
}

/** The tenant's admin deletes tenantvault's backup app (its service principal) from the tenant. */
export async function removeBackupApp(world: World, tenant: TenantAccess): Promise<void> {
  const backupApp = [...world.sandboxTenant(tenant).store.collection('servicePrincipals').values()].find(
    (principal) => principal.appId === world.service.platform.backupApp.clientId,
  );
  assert.ok(backupApp, 'the backup app is in the tenant');
  const removed = await world.sandbox.admin(
    `/tenants/${tenant.tenantId}/objects/servicePrincipals/${backupApp.id}`,
    'DELETE',
  );
  assert.ok(removed.status < 300, JSON.stringify(removed.body));
}
