// The tables of organizations, resellers, policies, user access, sessions, API tokens and
// the audit log, as an ordered list of migrations compiled in. Own bookkeeping tables, so
// they sit in the service's database beside the job queue's migrations.
// Add a migration for every change; never edit a released one.
import { sql, type Kysely, type Migration } from 'kysely';
import type { Engine } from '../../catalog/connection.js';
import { runMigrations } from '../../catalog/migration-runner.js';
import { ServiceError } from '../errors.js';
import type { OrganizationsDatabase } from './schema.js';

const MIGRATION_TABLE = 'organization_migration';
const MIGRATION_LOCK_TABLE = 'organization_migration_lock';

/** The audit log refuses every change to what it holds, whatever code path tries. */
async function makeAuditLogAppendOnly(db: Kysely<unknown>, engine: Engine): Promise<void> {
  const refusal = 'the audit log is append-only';
  if (engine === 'sqlite') {
    for (const event of ['UPDATE', 'DELETE']) {
      await sql
        .raw(
          `CREATE TRIGGER audit_log_no_${event.toLowerCase()} BEFORE ${event} ON audit_log ` +
            `BEGIN SELECT RAISE(ABORT, '${refusal}'); END`,
        )
        .execute(db);
    }
    return;
  }
  await sql
    .raw(
      `CREATE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS ` +
        `$$ BEGIN RAISE EXCEPTION '${refusal}'; END $$`,
    )
    .execute(db);
  await sql
    .raw(
      'CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log ' +
        'FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change()',
    )
    .execute(db);
  await sql
    .raw(
      'CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log ' +
        'FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change()',
    )
    .execute(db);
}

function migrations(engine: Engine): Record<string, Migration> {
  // SQLite's INTEGER PRIMARY KEY is the 64-bit rowid; PostgreSQL needs a sequence.
  const autoId = engine === 'postgres' ? 'bigserial' : 'integer';
  return {
    '0001-organizations-access-audit': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('resellers')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('display_name', 'text', (c) => c.notNull())
          .addColumn('partner_tenant_id', 'text', (c) => c.notNull().unique())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .execute();

        await db.schema
          .createTable('policies')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('reseller_id', 'text', (c) => c.notNull().references('resellers.id'))
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('settings', 'text', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('updated_at', 'text', (c) => c.notNull())
          .addUniqueConstraint('policies_reseller_name', ['reseller_id', 'name'])
          .execute();

        await db.schema
          .createTable('organizations')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('tenant_id', 'text', (c) => c.notNull().unique())
          .addColumn('display_name', 'text', (c) => c.notNull())
          .addColumn('reseller_id', 'text', (c) => c.references('resellers.id'))
          .addColumn('connection_kind', 'text', (c) =>
            c.notNull().check(sql`connection_kind in ('consent', 'manual')`),
          )
          .addColumn('client_id', 'text', (c) => c.notNull())
          .addColumn('credential', 'text')
          .addColumn('health', 'text')
          .addColumn('settings', 'text', (c) => c.notNull())
          .addColumn('policy_id', 'text', (c) => c.references('policies.id'))
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('updated_at', 'text', (c) => c.notNull())
          .execute();
        await db.schema
          .createIndex('organizations_reseller')
          .on('organizations')
          .columns(['reseller_id', 'display_name', 'id'])
          .execute();
        await db.schema.createIndex('organizations_policy').on('organizations').column('policy_id').execute();

        await db.schema
          .createTable('user_access')
          .addColumn('organization_id', 'text', (c) =>
            c.notNull().references('organizations.id').onDelete('cascade'),
          )
          .addColumn('user_id', 'text', (c) => c.notNull())
          .addColumn('level', 'text', (c) => c.notNull().check(sql`level in ('full', 'none')`))
          .addColumn('updated_by', 'text', (c) => c.notNull())
          .addColumn('updated_at', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('user_access_pk', ['organization_id', 'user_id'])
          .execute();

        await db.schema
          .createTable('invitations')
          .addColumn('id_hash', 'text', (c) => c.primaryKey())
          .addColumn('reseller_id', 'text', (c) => c.notNull().references('resellers.id').onDelete('cascade'))
          .addColumn('created_by', 'text', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('expires_at', 'text', (c) => c.notNull())
          .addColumn('used_at', 'text')
          .execute();

        await db.schema
          .createTable('sessions')
          .addColumn('id_hash', 'text', (c) => c.primaryKey())
          .addColumn('tenant_id', 'text', (c) => c.notNull())
          .addColumn('user_id', 'text', (c) => c.notNull())
          .addColumn('display_name', 'text', (c) => c.notNull())
          .addColumn('user_principal_name', 'text', (c) => c.notNull())
          .addColumn('directory_roles', 'text', (c) => c.notNull())
          .addColumn('csrf_token', 'text', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('expires_at', 'text', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('sessions_expiry').on('sessions').column('expires_at').execute();

        await db.schema
          .createTable('api_tokens')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('token_hash', 'text', (c) => c.notNull().unique())
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('tenant_id', 'text', (c) => c.notNull())
          .addColumn('user_id', 'text', (c) => c.notNull())
          .addColumn('display_name', 'text', (c) => c.notNull())
          .addColumn('user_principal_name', 'text', (c) => c.notNull())
          .addColumn('directory_roles', 'text', (c) => c.notNull())
          .addColumn('scopes', 'text', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('expires_at', 'text', (c) => c.notNull())
          .addColumn('last_used_at', 'text')
          .addColumn('revoked_at', 'text')
          .execute();
        await db.schema
          .createIndex('api_tokens_owner')
          .on('api_tokens')
          .columns(['tenant_id', 'user_id', 'created_at'])
          .execute();

        await db.schema
          .createTable('audit_log')
          .addColumn('seq', autoId, (c) => c.primaryKey())
          .addColumn('at', 'text', (c) => c.notNull())
          .addColumn('organization_id', 'text')
          .addColumn('reseller_id', 'text')
          .addColumn('actor_tenant_id', 'text', (c) => c.notNull())
          .addColumn('actor_user_id', 'text', (c) => c.notNull())
          .addColumn('actor_name', 'text', (c) => c.notNull())
          .addColumn('token_id', 'text')
          .addColumn('action', 'text', (c) => c.notNull())
          .addColumn('target', 'text')
          .addColumn('details', 'text')
          .addColumn('ip', 'text', (c) => c.notNull())
          .addColumn('user_agent', 'text')
          .execute();
        // The log of one organization (or reseller), newest first, resumed below a seq.
        await db.schema
          .createIndex('audit_log_organization')
          .on('audit_log')
          .columns(['organization_id', 'seq'])
          .execute();
        await db.schema
          .createIndex('audit_log_reseller')
          .on('audit_log')
          .columns(['reseller_id', 'seq'])
          .execute();
        await makeAuditLogAppendOnly(db, engine);
      },
    },
    '0002-organization-repositories': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('organization_repositories')
          .addColumn('organization_id', 'text', (c) => c.notNull())
          .addColumn('location', 'text', (c) => c.notNull())
          .addColumn('password', 'text', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('organization_repositories_pk', ['organization_id', 'location'])
          .execute();
      },
    },
  };
}

/** Brings the tables up to date; safe to run on every start and from several processes. */
export function migrateOrganizations(db: Kysely<OrganizationsDatabase>, engine: Engine): Promise<void> {
  const set = {
    name: 'organization',
    migrations: migrations(engine),
    table: MIGRATION_TABLE,
    lockTable: MIGRATION_LOCK_TABLE,
  };
  return runMigrations(db, set, (message) => new ServiceError(message));
}
