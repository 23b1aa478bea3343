// The notification tables as an ordered list of migrations compiled in, with bookkeeping
// tables of their own beside the queue's and the organizations'. Add a migration for every
// change; never edit a released one.
import { sql, type Kysely, type Migration } from 'kysely';
import { runMigrations } from '../../catalog/migration-runner.js';
import { ServiceError } from '../errors.js';
import type { NotificationsDatabase } from './schema.js';

const MIGRATION_TABLE = 'notification_migration';
const MIGRATION_LOCK_TABLE = 'notification_migration_lock';

const migrations: Record<string, Migration> = {
  '0001-notifications': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('notification_settings')
        .addColumn('organization_id', 'text', (c) => c.primaryKey())
        .addColumn('emails', 'text', (c) => c.notNull())
        .addColumn('webhook_url', 'text')
        .addColumn('webhook_secret', 'text')
        .addColumn('events', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('notification_deliveries')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('event_seq', 'bigint', (c) => c.notNull())
        .addColumn('organization_id', 'text', (c) => c.notNull())
        .addColumn('channel', 'text', (c) => c.notNull().check(sql`channel in ('email', 'webhook')`))
        .addColumn('message', 'text', (c) => c.notNull())
        .addColumn('state', 'text', (c) =>
          c.notNull().check(sql`state in ('pending', 'delivered', 'failed')`),
        )
        .addColumn('attempts', 'integer', (c) => c.notNull())
        .addColumn('next_attempt_at', 'text', (c) => c.notNull())
        .addColumn('lease_until', 'text')
        .addColumn('last_error', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('delivered_at', 'text')
        .addUniqueConstraint('notification_deliveries_event_channel', ['event_seq', 'channel'])
        .execute();
      // Notifiers look for pending deliveries that are due; people for an organization's latest.
      await db.schema
        .createIndex('notification_deliveries_due')
        .on('notification_deliveries')
        .columns(['state', 'next_attempt_at'])
        .execute();
      await db.schema
        .createIndex('notification_deliveries_organization')
        .on('notification_deliveries')
        .columns(['organization_id', 'created_at'])
        .execute();

      await db.schema
        .createTable('notification_backup_watch')
        .addColumn('organization_id', 'text', (c) => c.primaryKey())
        .addColumn('expected_since', 'text', (c) => c.notNull())
        .execute();
    },
  },
};

/** Brings the tables up to date; safe to run on every start and from several processes. */
export function migrateNotifications(db: Kysely<NotificationsDatabase>): Promise<void> {
  const set = { name: 'notification', migrations, table: MIGRATION_TABLE, lockTable: MIGRATION_LOCK_TABLE };
  return runMigrations(db, set, (message) => new ServiceError(message));
}
