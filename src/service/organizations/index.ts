// Organizations and who may act for them, opened together over one database: the stores,
// the connection flows and the audit log the API works with.
import type { Kysely } from 'kysely';
import { connect, type Engine } from '../../catalog/connection.js';
import { ApiTokenStore } from '../api-tokens.js';
import { AuditLog } from '../audit-log.js';
import type { SecretBox } from '../secret-box.js';
import { Connections } from './connections.js';
import type { IdentityPlatformConfig } from './identity-platform.js';
import { migrateOrganizations } from './migrations.js';
import { OrganizationSettings } from './organization-settings.js';
import { OrganizationStore } from './organizations.js';
import { PolicyStore } from './policies.js';
import { ResellerStore } from './resellers.js';
import type { OrganizationsDatabase } from './schema.js';
import { TenantGraphs } from './tenant-graphs.js';
import { UserAccessStore } from './user-access.js';

export interface OrganizationServices {
  db: Kysely<OrganizationsDatabase>;
  engine: Engine;
  organizations: OrganizationStore;
  resellers: ResellerStore;
  policies: PolicyStore;
  settings: OrganizationSettings;
  userAccess: UserAccessStore;
  connections: Connections;
  apiTokens: ApiTokenStore;
  auditLog: AuditLog;
  close(): Promise<void>;
}

/** Opens the database a URL names (SQLite file or PostgreSQL) and brings its tables up to date. */
export async function openOrganizationServices(
  url: string,
  box: SecretBox,
  platform: IdentityPlatformConfig,
): Promise<OrganizationServices> {
  const { db, engine } = connect<OrganizationsDatabase>(url);
  try {
    await migrateOrganizations(db, engine);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  const graphs = new TenantGraphs(platform);
  const organizations = new OrganizationStore(db, box);
  const policies = new PolicyStore(db);
  return {
    db,
    engine,
    organizations,
    resellers: new ResellerStore(db),
    policies,
    settings: new OrganizationSettings(organizations, policies),
    userAccess: new UserAccessStore(db),
    connections: new Connections(organizations, graphs, platform),
    apiTokens: new ApiTokenStore(db),
    auditLog: new AuditLog(db),
    async close() {
      await graphs.close();
      await db.destroy();
    },
  };
}

export type { IdentityPlatformConfig } from './identity-platform.js';
