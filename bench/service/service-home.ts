// A service deployment's state prepared for a benchmark, where `tenantvault serve --home
// <home> [--database <url>]` finds it: the service key, the service database, the catalog
// and the repository root that serve picks by default. Organizations are connected with
// the sandbox tenants' own app registrations and every Entra ID object type turned on, as
// an admin does in Settings; API tokens are made for the tenant's admin as POST
// /api/tokens makes them (that route needs a browser session, which a load client has not).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { defaultCatalogUrl } from '../../src/catalog/index.js';
import { defaultServiceDbUrl, openServiceDb, type ServiceDb } from '../../src/service/database.js';
import { TENANT_ADMIN_ROLES } from '../../src/service/organizations/identity-platform.js';
import {
  openOrganizationServices,
  type IdentityPlatformConfig,
  type OrganizationServices,
} from '../../src/service/organizations/index.js';
import type { Organization } from '../../src/service/organizations/organizations.js';
import { loadServiceKey, SecretBox } from '../../src/service/secret-box.js';
import { BACKUP_TOGGLES } from '../../src/workloads/directory/item.js';
import type { SandboxConnection, SandboxReady } from '../directory/protocol.js';

/** tenantvault's apps and identity platform: the sandbox's publisher apps, trusting its CA. */
export function sandboxPlatform(sandbox: SandboxReady, caPem: string): IdentityPlatformConfig {
  return {
    authorityHost: sandbox.url,
    signInTenant: 'organizations',
    graphBaseUrl: `${sandbox.url}/v1.0`,
    extraCaPem: caPem,
    signInApp: { clientId: sandbox.publisher.signInAppId, clientSecret: sandbox.publisher.signInAppSecret },
    backupApp: {
      clientId: sandbox.publisher.backupAppId,
      credential: { kind: 'secret', secret: sandbox.publisher.backupAppSecret },
    },
  };
}

export class ServiceHome {
  private constructor(
    readonly database: ServiceDb,
    readonly services: OrganizationServices,
    readonly catalogUrl: string,
  ) {}

  /** Opens (creating them) the state of a deployment under `home`; `databaseUrl` for PostgreSQL. */
  static async open(home: string, sandbox: SandboxReady, databaseUrl?: string): Promise<ServiceHome> {
    const box = new SecretBox(await loadServiceKey(join(home, 'service.key')));
    const platform = sandboxPlatform(sandbox, await readFile(sandbox.connection.caPath, 'utf8'));
    // As serve picks it: the catalog in the PostgreSQL database, else a file beside the service's.
    const catalogUrl = databaseUrl ?? defaultCatalogUrl(home);
    const database = await openServiceDb(databaseUrl ?? defaultServiceDbUrl(home));
    try {
      const services = await openOrganizationServices(database, box, platform, {
        catalogUrl,
        repositories: { root: join(home, 'repositories') },
      });
      return new ServiceHome(database, services, catalogUrl);
    } catch (error) {
      await database.close();
      throw error;
    }
  }

  /** Connects a sandbox tenant through its own app registration, every object type on. */
  async connect(tenant: SandboxConnection): Promise<Organization> {
    const { services } = this;
    const organization = await services.connections.connectManually(tenant.tenantId, null, {
      clientId: tenant.clientId,
      credential: { kind: 'secret', secret: tenant.clientSecret },
    });
    const { settings } = await services.settings.get(organization);
    const everything = Object.fromEntries(BACKUP_TOGGLES.map((toggle) => [toggle, true]));
    await services.settings.update(organization, {
      ...settings,
      objectTypes: everything as typeof settings.objectTypes,
    });
    return organization;
  }

  /** The organization's repository (created now, as its first backup would) and its password. */
  async repositoryOf(organization: Organization): Promise<{ location: string; password: string }> {
    const { services } = this;
    const { settings } = await services.settings.get(organization);
    const { location, open } = services.repositories.of(organization, settings);
    await open();
    const password = await services.repositories.password(organization.id, location);
    if (password === undefined) throw new Error(`no password recorded for ${location}`);
    return { location, password };
  }

  /** An API token of the tenant's Global Administrator with the given scopes; its secret. */
  async adminToken(tenantId: string, admin: SandboxReady['admin'], scopes: string[]): Promise<string> {
    const owner = {
      tenantId,
      userId: admin.id,
      displayName: admin.userPrincipalName,
      userPrincipalName: admin.userPrincipalName,
      directoryRoles: [TENANT_ADMIN_ROLES[0]],
    };
    const { secret } = await this.services.apiTokens.create(owner, {
      name: 'benchmark',
      scopes,
      lifetimeDays: 1,
    });
    return secret;
  }

  async close(): Promise<void> {
    await this.services.close();
    await this.database.close();
  }
}
