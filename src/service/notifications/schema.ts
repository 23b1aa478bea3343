// Table shapes of notifications as Kysely sees them: what each organization wants to hear
// about and where, every delivery of an event to a channel, and when each organization's
// backups were first expected. They live in the service's database with migrations of
// their own (migrations.ts); times are ISO-8601 UTC text, JSON values are text.
import type { OrganizationsTable } from '../organizations/schema.js';
import type { ServiceDatabase } from '../schema.js';

/** Where an organization's notifications go; no row: nowhere yet. */
export interface NotificationSettingsTable {
  organization_id: string;
  /** E-mail recipients, JSON string[]. */
  emails: string;
  webhook_url: string | null;
  /** The webhook's signing secret, sealed under the service key; never returned. */
  webhook_secret: string | null;
  /** The event kinds notified, JSON ServiceEventKind[]. */
  events: string;
  updated_at: string;
}

export type DeliveryChannel = 'email' | 'webhook';
export type DeliveryState = 'pending' | 'delivered' | 'failed';

/** One event sent to one channel of its organization: at most one row per (event, channel). */
export interface NotificationDeliveriesTable {
  id: string;
  event_seq: number;
  organization_id: string;
  channel: DeliveryChannel;
  /** The Notification JSON, rendered once so every attempt sends the same message. */
  message: string;
  state: DeliveryState;
  attempts: number;
  /** While pending: when the next attempt may start. */
  next_attempt_at: string;
  /** A notifier sending it holds it until then; another may take it after. */
  lease_until: string | null;
  last_error: string | null;
  created_at: string;
  delivered_at: string | null;
}

/** Since when an organization's backups are expected: from when it first had an object type on. */
export interface BackupWatchTable {
  organization_id: string;
  expected_since: string;
}

/** The notifier also reads jobs and organizations, and takes events from the service's outbox. */
export interface NotificationsDatabase extends ServiceDatabase {
  organizations: OrganizationsTable;
  notification_settings: NotificationSettingsTable;
  notification_deliveries: NotificationDeliveriesTable;
  notification_backup_watch: BackupWatchTable;
}
