// The catalog schema as an ordered list of migrations, compiled in (nothing is read from
// disk at run time). Add a migration for every change; never edit a released one.
import { sql, type Kysely, type Migration } from 'kysely';
import type { Engine } from './connection.js';
import { CatalogError } from './errors.js';
import { runMigrations } from './migration-runner.js';
import type { CatalogDatabase } from './schema.js';

// Own bookkeeping tables, so other modules may keep their own Kysely migrations in the
// same database without either side seeing the other's as missing.
const MIGRATION_TABLE = 'catalog_migration';
const MIGRATION_LOCK_TABLE = 'catalog_migration_lock';

function migrations(engine: Engine): Record<string, Migration> {
  // SQLite's INTEGER PRIMARY KEY is the 64-bit rowid; PostgreSQL needs a sequence.
  const autoId = engine === 'postgres' ? 'bigserial' : 'integer';
  // Object keys compare byte by byte on both engines (SQLite's default), so listings come
  // in the same order everywhere and diff can merge two ordered streams in code.
  const keyText = engine === 'postgres' ? sql`text collate "C"` : 'text';
  return {
    '0001-tenants-snapshots-item-versions': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('tenants')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('display_name', 'text', (c) => c.notNull())
          .addColumn('repository_location', 'text')
          .addColumn('created_at', 'text', (c) => c.notNull())
          .execute();

        await db.schema
          .createTable('snapshots')
          .addColumn('id', autoId, (c) => c.primaryKey())
          .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
          .addColumn('workload', 'text', (c) => c.notNull())
          .addColumn('seq', 'integer', (c) => c.notNull())
          .addColumn('repository_snapshot_id', 'text', (c) => c.unique())
          .addColumn('started_at', 'text', (c) => c.notNull())
          .addColumn('finished_at', 'text')
          .addColumn('status', 'text', (c) =>
            c.notNull().check(sql`status in ('running', 'succeeded', 'partial', 'failed')`),
          )
          .addColumn('item_count', 'integer', (c) => c.notNull().defaultTo(0))
          .addColumn('added_count', 'integer', (c) => c.notNull().defaultTo(0))
          .addColumn('changed_count', 'integer', (c) => c.notNull().defaultTo(0))
          .addColumn('removed_count', 'integer', (c) => c.notNull().defaultTo(0))
          .addColumn('summary', 'text')
          .addUniqueConstraint('snapshots_tenant_workload_seq', ['tenant_id', 'workload', 'seq'])
          .execute();

        await db.schema
          .createTable('item_versions')
          .addColumn('id', autoId, (c) => c.primaryKey())
          .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
          .addColumn('workload', 'text', (c) => c.notNull())
          .addColumn('item_type', keyText, (c) => c.notNull())
          .addColumn('object_id', keyText, (c) => c.notNull())
          .addColumn('display_name', 'text')
          .addColumn('version_hash', 'text', (c) => c.notNull())
          .addColumn('content_ref', 'text', (c) => c.notNull())
          .addColumn('first_seen_seq', 'integer', (c) => c.notNull())
          .addColumn('last_seen_seq', 'integer', (c) => c.notNull())
          .addColumn('first_seen_at', 'text', (c) => c.notNull())
          .addColumn('last_seen_at', 'text', (c) => c.notNull())
          .execute();
        // One version per object per first snapshot; serves history, latest version and
        // the lookup of an object's previous version while recording.
        await db.schema
          .createIndex('item_versions_object')
          .unique()
          .on('item_versions')
          .columns(['tenant_id', 'workload', 'object_id', 'item_type', 'first_seen_seq'])
          .execute();
        // Listing, counts and diff walk objects in (type, id) order.
        await db.schema
          .createIndex('item_versions_listing')
          .on('item_versions')
          .columns(['tenant_id', 'workload', 'item_type', 'object_id'])
          .execute();
        // Versions that reached a given snapshot (removed counts, diff boundaries).
        await db.schema
          .createIndex('item_versions_last_seen')
          .on('item_versions')
          .columns(['tenant_id', 'workload', 'last_seen_seq'])
          .execute();
      },
    },
    // Retention removes snapshots from the repository; the catalog keeps their rows (and
    // numbers, so references stay stable) marked forgotten.
    '0002-snapshots-forgotten': {
      async up(db: Kysely<unknown>) {
        await db.schema.alterTable('snapshots').addColumn('forgotten_at', 'text').execute();
      },
    },
    // A finished snapshot's objects per type, recorded once instead of counted per request;
    // and an index for the versions a snapshot began (the diff's new side, abandoning).
    '0003-type-counts-first-seen': {
      async up(db: Kysely<unknown>) {
        await db.schema.alterTable('snapshots').addColumn('type_counts', 'text').execute();
        await db.schema
          .createIndex('item_versions_first_seen')
          .on('item_versions')
          .columns(['tenant_id', 'workload', 'first_seen_seq'])
          .execute();
      },
    },
  };
}

/** Brings the schema up to date; running it again changes nothing. */
export function migrateToLatest(db: Kysely<CatalogDatabase>, engine: Engine): Promise<void> {
  const set = {
    name: 'catalog',
    migrations: migrations(engine),
    table: MIGRATION_TABLE,
    lockTable: MIGRATION_LOCK_TABLE,
  };
  return runMigrations(db, set, (message) => new CatalogError(message));
}
