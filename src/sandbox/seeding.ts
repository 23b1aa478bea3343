// The sandbox's tenants as the seed makes them: the publisher first, then the customer
// tenants, each generated and then given its identity-platform objects (apps, consent,
// demo accounts). Used at first start and by the admin endpoint's reset.
import { DirectoryStore } from './directory/store.js';
import { generateTenant } from './generator/index.js';
import { provisionTenantIdentity } from './identity/provisioning.js';
import type { Sandbox } from './sandbox.js';
import { Tenant } from './tenant.js';

const TENANT_NAMES = [
  'tenantvault',
  'contoso',
  'fabrikam',
  'northwind',
  'adatum',
  'tailspin',
  'woodgrove',
  'litware',
];

/** Users per tenant: the first customer gets --users, the others a tenth (at least 50). */
function usersFor(sandbox: Sandbox, index: number): number {
  if (index === 0) return 20;
  if (index === 1) return sandbox.options.users;
  return Math.max(50, Math.floor(sandbox.options.users / 10));
}

export function generateTenants(sandbox: Sandbox): Tenant[] {
  const random = sandbox.random('tenants');
  const tenants: Tenant[] = [];
  for (let index = 0; index <= sandbox.options.tenants; index++) {
    const base = TENANT_NAMES[index % TENANT_NAMES.length] as string;
    const name = index < TENANT_NAMES.length ? base : `${base}${index}`;
    const publisher = index === 0;
    const tenant = new Tenant(
      {
        id: random.uuid(),
        displayName: publisher ? 'tenantvault (publisher)' : `${name[0]?.toUpperCase()}${name.slice(1)} Ltd`,
        defaultDomain: `${name}.onmicrosoft.com`,
        publisher,
      },
      new DirectoryStore(() => sandbox.clock.now()),
    );
    generateTenant(tenant, {
      users: usersFor(sandbox, index),
      random: sandbox.random(`tenant-${index}`),
      now: sandbox.clock.now(),
    });
    tenants.push(tenant);
  }
  return tenants;
}

/** Apps, consent and demo accounts; idempotent, so it also runs after a restart. */
export async function provisionIdentities(sandbox: Sandbox): Promise<void> {
  await provisionTenantIdentity(sandbox, sandbox.publisher, { publisher: true });
  for (const tenant of sandbox.customerTenants())
    await provisionTenantIdentity(sandbox, tenant, { publisher: false });
}

/** Throws every tenant away and makes them afresh from the seed. */
export async function resetTenants(sandbox: Sandbox): Promise<void> {
  sandbox.tenants.clear();
  for (const tenant of generateTenants(sandbox)) sandbox.addTenant(tenant);
  await provisionIdentities(sandbox);
  sandbox.markDirty();
}
