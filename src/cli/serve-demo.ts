// `tenantvault serve --demo`: the service against a sandbox started in the same process.
// The sandbox's publisher apps become tenantvault's sign-in and backup apps, and its first
// customer tenant is connected the way an admin would: consent to both apps for the
// organization, then the service verifies the consent by acquiring a token.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DEFAULT_SANDBOX_OPTIONS, startSandbox, type RunningSandbox } from '../sandbox/index.js';
import { grantAdminConsent } from '../sandbox/identity/administration.js';
import type { AccountAccess, TenantAccess } from '../sandbox/identity/provisioning.js';
import type { OrganizationServices } from '../service/organizations/index.js';
import type { Organization } from '../service/organizations/organizations.js';
import { BACKUP_TOGGLES } from '../workloads/directory/item.js';
import type { IdentityPlatformConfig } from '../service/organizations/identity-platform.js';

export interface Demo {
  sandbox: RunningSandbox;
  platform: IdentityPlatformConfig;
  tenant: TenantAccess;
  /**
   * Connects the demo tenant through the service, as its admin's consent would, with every
   * object type turned on; the service then backs it up.
   */
  connect(services: OrganizationServices): Promise<Organization>;
  /** Who to sign in as: the tenant's Global Administrator and an ordinary user. */
  admin: AccountAccess;
  endUser: AccountAccess;
}

export async function startDemo(home: string): Promise<Demo> {
  const sandbox = await startSandbox({ ...DEFAULT_SANDBOX_OPTIONS, port: 0, pkiDir: join(home, 'sandbox') });
  const { publisher, tenants } = sandbox.access;
  const tenant = tenants[0];
  if (!tenant) throw new Error('the sandbox started without a customer tenant');
  const account = (alias: string) => {
    const found = tenant.accounts.find((candidate) => candidate.userPrincipalName.startsWith(`${alias}@`));
    if (!found) throw new Error(`the sandbox has no ${alias} account`);
    return found;
  };
  const platform: IdentityPlatformConfig = {
    authorityHost: sandbox.url,
    signInTenant: 'organizations',
    graphBaseUrl: `${sandbox.url}/v1.0`,
    extraCaPem: await readFile(sandbox.caPath, 'utf8'),
    signInApp: { clientId: publisher.signInAppId, clientSecret: publisher.signInAppSecret },
    backupApp: {
      clientId: publisher.backupAppId,
      credential: { kind: 'secret', secret: publisher.backupAppSecret },
    },
  };
  return {
    sandbox,
    platform,
    tenant,
    admin: account('admin'),
    endUser: account('alex'),
    async connect(services) {
      const sandboxTenant = sandbox.sandbox.tenants.get(tenant.tenantId);
      if (!sandboxTenant) throw new Error(`the sandbox lost tenant ${tenant.tenantId}`);
      for (const app of [publisher.signInAppId, publisher.backupAppId]) {
        grantAdminConsent(sandbox.sandbox, sandboxTenant, app, { forOrganization: true });
      }
      const organization =
        (await services.organizations.byTenant(tenant.tenantId)) ??
        (await services.connections.connectByConsent(tenant.tenantId, null));
      const { settings, policy } = await services.settings.get(organization);
      if (!policy && !BACKUP_TOGGLES.some((toggle) => settings.objectTypes[toggle])) {
        const everything = Object.fromEntries(BACKUP_TOGGLES.map((toggle) => [toggle, true]));
        await services.settings.update(organization, {
          ...settings,
          objectTypes: everything as typeof settings.objectTypes,
        });
      }
      return organization;
    },
  };
}
