// Organizations and who may act for them, over the service's database: the stores, the
// connection flows and the audit log the API works with, and where their backups live
// (repositories and the catalog that indexes them).
import type { Kysely } from 'kysely';
import { Catalog } from '../../catalog/index.js';
import { ApiTokenStore } from '../api-tokens.js';
import { AuditLog } from '../audit-log.js';
import type { ServiceDb } from '../database.js';
import type { SecretBox } from '../secret-box.js';
import { Connections } from './connections.js';
import type { IdentityPlatformConfig } from './identity-platform.js';
import { migrateOrganizations } from './migrations.js';
import { OrganizationSettings } from './organization-settings.js';
import { OrganizationStore } from './organizations.js';
import { PolicyStore } from './policies.js';
import { OrganizationRepositories, type RepositoryDefaults } from './repositories.js';
import { ResellerStore } from './resellers.js';
import type { OrganizationsDatabase } from './schema.js';
import { TenantGraphs } from './tenant-graphs.js';
import { UserAccessStore } from './user-access.js';

export interface OrganizationServices {
  db: Kysely<OrganizationsDatabase>;
  organizations: OrganizationStore;
  resellers: ResellerStore;
  policies: PolicyStore;
  settings: OrganizationSettings;
  userAccess: UserAccessStore;
  connections: Connections;
  apiTokens: ApiTokenStore;
  auditLog: AuditLog;
  repositories: OrganizationRepositories;
  catalog: Catalog;
  /** Ends the kept Graph clients and the catalog; the service database is closed by whoever opened it. */
  close(): Promise<void>;
}

/**
 * Brings the organization tables of the service's database up to date and opens the
 * services on it. The database stays the caller's: one process keeps one connection for
 * the queue, the scheduler and these (see database.ts).
 */
export interface BackupStorage {
  /** The catalog's database: the service database's PostgreSQL URL in scale-out, a SQLite file otherwise. */
  catalogUrl: string;
  repositories: RepositoryDefaults;
}

export async function openOrganizationServices(
  serviceDb: ServiceDb,
  box: SecretBox,
  platform: IdentityPlatformConfig,
  storage: BackupStorage,
): Promise<OrganizationServices> {
  // The same connection seen with these tables' types: Kysely's table types exist only at compile time.
  const db = serviceDb.db as unknown as Kysely<OrganizationsDatabase>;
  await migrateOrganizations(db, serviceDb.engine);
  const graphs = new TenantGraphs(platform);
  const organizations = new OrganizationStore(db, box);
  const policies = new PolicyStore(db);
  const catalog = Catalog.open(storage.catalogUrl);
  try {
    await catalog.migrate();
  } catch (error) {
    await catalog.close();
    throw error;
  }
  return {
    db,
    organizations,
    resellers: new ResellerStore(db),
    policies,
    settings: new OrganizationSettings(organizations, policies, serviceDb.db),
    userAccess: new UserAccessStore(db),
    connections: new Connections(organizations, graphs, platform),
    apiTokens: new ApiTokenStore(db),
    auditLog: new AuditLog(db),
    repositories: new OrganizationRepositories(db, box, storage.repositories),
    catalog,
    close: async () => {
      await graphs.close();
      await catalog.close();
    },
  };
}

export type { IdentityPlatformConfig } from './identity-platform.js';
export type { RepositoryDefaults } from './repositories.js';
