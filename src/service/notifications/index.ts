// Notifications: per organization where they go (e-mail, webhook) and which events; the
// deployment's SMTP server; the record of deliveries; and the notifier that turns service
// events into deliveries (notifier.ts). See docs/architecture.md, "Notifications".
import type { Kysely } from 'kysely';
import type { ServiceDb } from '../database.js';
import type { Organization } from '../organizations/organizations.js';
import type { SecretBox } from '../secret-box.js';
import { channelsOf, NotificationChannels } from './channels.js';
import { DeliveryLog } from './deliveries.js';
import { testNotification } from './messages.js';
import { migrateNotifications } from './migrations.js';
import type { DeliveryChannel, NotificationsDatabase } from './schema.js';
import { NotificationSettingsStore } from './settings.js';
import { Mailer, type SmtpConfig } from './smtp.js';

export interface NotificationOptions {
  /** The deployment's SMTP server; without one, e-mail deliveries fail and say so. */
  smtp?: SmtpConfig;
  /** How long a webhook receiver or SMTP server may take to answer; default 10 s. */
  timeoutMs?: number;
}

export interface TestResult {
  channel: DeliveryChannel;
  delivered: boolean;
  error: string | null;
}

export interface NotificationServices {
  settings: NotificationSettingsStore;
  deliveries: DeliveryLog;
  channels: NotificationChannels;
  /** Sends a test message to each channel the organization has set, now, once. */
  sendTest(organization: Organization): Promise<TestResult[]>;
  close(): void;
}

/** Brings the notification tables up to date and opens the services on the process's one database. */
export async function openNotificationServices(
  serviceDb: ServiceDb,
  box: SecretBox,
  options: NotificationOptions = {},
): Promise<NotificationServices> {
  const db = serviceDb.db as unknown as Kysely<NotificationsDatabase>;
  await migrateNotifications(db);
  const timeoutMs = options.timeoutMs ?? 10_000;
  const settings = new NotificationSettingsStore(db, box);
  const channels = new NotificationChannels(options.smtp && new Mailer(options.smtp, timeoutMs), timeoutMs);
  return {
    settings,
    deliveries: new DeliveryLog(db),
    channels,
    async sendTest(organization) {
      const current = await settings.get(organization.id);
      const notification = testNotification(organization, new Date());
      return Promise.all(
        channelsOf(current).map(async (channel) => {
          try {
            await channels.send(channel, current, notification, notification.id);
            return { channel, delivered: true, error: null };
          } catch (error) {
            return {
              channel,
              delivered: false,
              error: error instanceof Error ? error.message : String(error),
            };
          }
        }),
      );
    },
    close: () => channels.close(),
  };
}

export { Notifier } from './notifier.js';
export type { NotifierLog, NotifierOptions } from './notifier.js';
export { parseSmtpUrl } from './smtp.js';
export type { SmtpConfig } from './smtp.js';
export type { Delivery } from './deliveries.js';
export { NotificationSettingsInputSchema, NotificationSettingsViewSchema, viewOf } from './settings.js';
export type { NotificationSettingsView } from './settings.js';
export { SIGNATURE_HEADER, TIMESTAMP_HEADER, webhookSignature } from './webhook.js';
