// The service schema as an ordered list of migrations, compiled in, with bookkeeping
// tables of its own so it can share a database with the catalog's. Add a migration for
// every change; never edit a released one.
import { sql, type Kysely, type Migration } from 'kysely';
import type { Engine } from '../catalog/connection.js';
import { runMigrations } from '../catalog/migration-runner.js';
import { ServiceError } from './errors.js';
import type { ServiceDatabase } from './schema.js';

const MIGRATION_TABLE = 'service_migration';
const MIGRATION_LOCK_TABLE = 'service_migration_lock';

function migrations(engine: Engine): Record<string, Migration> {
  // SQLite's INTEGER PRIMARY KEY is the 64-bit rowid; PostgreSQL needs a sequence.
  const autoId = engine === 'postgres' ? 'bigserial' : 'integer';
  return {
    '0001-jobs-schedules': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('jobs')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('payload', 'text', (c) => c.notNull())
          .addColumn('state', 'text', (c) =>
            c
              .notNull()
              .check(sql`state in ('queued', 'running', 'succeeded', 'partial', 'failed', 'cancelled')`),
          )
          .addColumn('singleton_key', 'text')
          .addColumn('idempotency_key', 'text', (c) => c.unique())
          .addColumn('attempt', 'integer', (c) => c.notNull())
          .addColumn('retry_limit', 'integer', (c) => c.notNull())
          .addColumn('retry_delay_ms', 'integer', (c) => c.notNull())
          .addColumn('run_after', 'text', (c) => c.notNull())
          .addColumn('lease_owner', 'text')
          .addColumn('lease_until', 'text')
          .addColumn('cancel_requested_at', 'text')
          .addColumn('progress', 'text')
          .addColumn('result', 'text')
          .addColumn('error', 'text')
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('started_at', 'text')
          .addColumn('finished_at', 'text')
          .execute();
        // The database, not a read-then-insert, keeps a resource to one active job, so two
        // processes enqueueing at once still meet.
        await db.schema
          .createIndex('jobs_singleton')
          .unique()
          .on('jobs')
          .column('singleton_key')
          .where(sql.ref('state'), 'in', ['queued', 'running'])
          .execute();
        // Workers look for due jobs of their names; the reaper for running jobs whose lease ran out.
        await db.schema.createIndex('jobs_due').on('jobs').columns(['name', 'state', 'run_after']).execute();
        await db.schema.createIndex('jobs_lease').on('jobs').columns(['state', 'lease_until']).execute();
        await db.schema.createIndex('jobs_created').on('jobs').columns(['created_at', 'id']).execute();

        await db.schema
          .createTable('job_logs')
          .addColumn('seq', autoId, (c) => c.primaryKey())
          .addColumn('job_id', 'text', (c) => c.notNull().references('jobs.id').onDelete('cascade'))
          .addColumn('attempt', 'integer', (c) => c.notNull())
          .addColumn('at', 'text', (c) => c.notNull())
          .addColumn('line', 'text', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('job_logs_job').on('job_logs').columns(['job_id', 'seq']).execute();

        await db.schema
          .createTable('schedules')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('organization_id', 'text', (c) => c.notNull())
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('cron', 'text', (c) => c.notNull())
          .addColumn('time_zone', 'text', (c) => c.notNull())
          .addColumn('job_name', 'text', (c) => c.notNull())
          .addColumn('job_payload', 'text', (c) => c.notNull())
          .addColumn('job_singleton_key', 'text')
          .addColumn('enabled', 'integer', (c) => c.notNull())
          .addColumn('next_slot', 'text')
          .addColumn('last_slot', 'text')
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('updated_at', 'text', (c) => c.notNull())
          .addUniqueConstraint('schedules_organization_name', ['organization_id', 'name'])
          .execute();
        await db.schema.createIndex('schedules_next_slot').on('schedules').column('next_slot').execute();

        await db.schema
          .createTable('schedule_runs')
          .addColumn('schedule_id', 'text', (c) => c.notNull().references('schedules.id').onDelete('cascade'))
          .addColumn('slot', 'text', (c) => c.notNull())
          .addColumn('job_id', 'text', (c) => c.notNull())
          .addColumn('enqueued_at', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('schedule_runs_pk', ['schedule_id', 'slot'])
          .execute();
      },
    },
    // Jobs are listed per organization (its job history, newest first).
    '0002-jobs-organization': {
      async up(db: Kysely<unknown>) {
        await db.schema.alterTable('jobs').addColumn('organization_id', 'text').execute();
        await db.schema
          .createIndex('jobs_organization')
          .on('jobs')
          .columns(['organization_id', 'created_at', 'id'])
          .execute();
      },
    },
  };
}

/** Brings the service schema up to date; safe to run on every start and from several processes. */
export function migrateService(db: Kysely<ServiceDatabase>, engine: Engine): Promise<void> {
  const set = {
    name: 'service',
    migrations: migrations(engine),
    table: MIGRATION_TABLE,
    lockTable: MIGRATION_LOCK_TABLE,
  };
  return runMigrations(db, set, (message) => new ServiceError(message));
}
