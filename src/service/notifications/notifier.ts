// The notifier: runs in the scheduler role, in any number of processes. Every interval it
//   - takes new events from the service's outbox (one conditional update per event, so one
//     notifier takes each) and, in the same transaction, adds a pending delivery per
//     channel of the organization that wants to hear about that kind of event;
//   - every overdue-check interval, records backup.overdue for backups that did not happen;
//   - claims due deliveries and sends them: delivered, or retried with backoff, or failed
//     for good after the last attempt. Every failure is logged (never a secret) and kept
//     with the delivery; none stops the loop.
// Delivery is at least once: a process that dies after sending and before recording it
// sends again after the lease. Receivers drop duplicates by the notification's id.
import type { Kysely, Selectable } from 'kysely';
import { pino } from 'pino';
import type { ServiceDb } from '../database.js';
import type { OrganizationServices } from '../organizations/index.js';
import type { Organization } from '../organizations/organizations.js';
import { retryDelayMs } from '../queue/retry.js';
import { getJob } from '../queue/store.js';
import type { ServiceDatabase, ServiceEventsTable } from '../schema.js';
import { Periodic } from '../periodic.js';
import { channelsOf, UndeliverableError } from './channels.js';
import { addDeliveries, type Delivery } from './deliveries.js';
import type { NotificationServices } from './index.js';
import {
  backupOverdueNotification,
  consentRevokedNotification,
  jobNotification,
  type Notification,
} from './messages.js';
import { OverdueBackups } from './overdue.js';
import type { DeliveryChannel, NotificationsDatabase } from './schema.js';

/** Where the notifier reports: pino's (and Fastify's) logger fits. */
export interface NotifierLog {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

export interface NotifierOptions {
  /** How often new events and due deliveries are looked for; default 10 s. */
  intervalMs?: number;
  /** How often overdue backups are looked for; default 5 minutes. */
  overdueCheckIntervalMs?: number;
  /** Delay before a delivery's first retry, doubled for each later one (at most an hour); default 60 s. */
  retryDelayMs?: number;
  /** Attempts of a delivery before it fails for good; default 8 (about four hours with the defaults). */
  maxAttempts?: number;
  /** How long a notifier holds a delivery it sends; default 2 minutes. */
  leaseMs?: number;
  /** The notifier's clock (tests move it). */
  now?: () => Date;
  log?: NotifierLog;
}

/** Events and deliveries taken per pass; the rest wait for the next. */
const BATCH = 50;

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

interface Route {
  organizationId: string;
  channels: DeliveryChannel[];
  notification: Notification;
}

export class Notifier {
  private readonly db: Kysely<NotificationsDatabase>;
  private readonly jobs: Kysely<ServiceDatabase>;
  private readonly overdueCheckIntervalMs: number;
  private readonly retryDelayMs: number;
  private readonly maxAttempts: number;
  private readonly leaseMs: number;
  private readonly now: () => Date;
  private readonly log: NotifierLog;
  private readonly overdue: OverdueBackups;
  private readonly periodic: Periodic;
  private lastOverdueCheck: number | undefined;

  constructor(
    serviceDb: ServiceDb,
    private readonly organizations: OrganizationServices,
    private readonly notifications: NotificationServices,
    options: NotifierOptions = {},
  ) {
    this.jobs = serviceDb.db;
    this.db = serviceDb.db as unknown as Kysely<NotificationsDatabase>;
    this.overdueCheckIntervalMs = options.overdueCheckIntervalMs ?? 5 * 60_000;
    this.retryDelayMs = options.retryDelayMs ?? 60_000;
    this.maxAttempts = options.maxAttempts ?? 8;
    this.leaseMs = options.leaseMs ?? 2 * 60_000;
    this.now = options.now ?? (() => new Date());
    this.log = options.log ?? pino({ name: 'notifier' }, process.stderr);
    this.overdue = new OverdueBackups(serviceDb, organizations, (error) =>
      this.failed(error, 'overdue check'),
    );
    // A failed pass (the database away for a moment) is logged; the next one tries again.
    this.periodic = new Periodic(
      () => this.tick(),
      options.intervalMs ?? 10_000,
      (error) => this.failed(error, 'notifier pass'),
    );
  }

  start(): void {
    this.periodic.start();
  }

  stop(): Promise<void> {
    return this.periodic.stop();
  }

  /** One pass: overdue backups when their check is due, new events, due deliveries. */
  async tick(): Promise<void> {
    const now = this.now();
    if (
      this.lastOverdueCheck === undefined ||
      now.getTime() - this.lastOverdueCheck >= this.overdueCheckIntervalMs
    ) {
      this.lastOverdueCheck = now.getTime();
      await this.overdue.check(now);
    }
    await this.routeEvents();
    await this.deliverDue();
  }

  private failed(error: unknown, what: string): void {
    this.log.error({ error: messageOf(error) }, `${what} failed`);
  }

  private async routeEvents(): Promise<void> {
    const events = await this.db
      .selectFrom('service_events')
      .selectAll()
      .where('handled_at', 'is', null)
      .orderBy('seq')
      .limit(BATCH)
      .execute();
    for (const event of events) {
      try {
        await this.routeEvent(event);
      } catch (error) {
        // Stays unhandled: the next pass tries again.
        this.failed(error, `routing event ${event.dedupe_key}`);
      }
    }
  }

  private async routeEvent(event: Selectable<ServiceEventsTable>): Promise<void> {
    // Read before the transaction: on SQLite the transaction holds the one connection.
    const route = await this.routeOf(event);
    const seq = Number(event.seq);
    const taken = await this.db.transaction().execute(async (trx) => {
      const claimed = await trx
        .updateTable('service_events')
        .set({ handled_at: this.now().toISOString() })
        .where('seq', '=', seq)
        .where('handled_at', 'is', null)
        .returning('seq')
        .executeTakeFirst();
      if (claimed && route) {
        await addDeliveries(
          trx,
          { seq, organizationId: route.organizationId },
          route.channels,
          route.notification,
          this.now(),
        );
      }
      return claimed !== undefined;
    });
    if (taken && route) {
      this.log.info(
        { event: event.dedupe_key, organizationId: route.organizationId, channels: route.channels },
        'notification queued',
      );
    }
  }

  /** Where an event goes and what it says; undefined when nobody wants to hear it. */
  private async routeOf(event: Selectable<ServiceEventsTable>): Promise<Route | undefined> {
    if (event.organization_id === null) return undefined;
    const organization = await this.organizations.organizations.get(event.organization_id);
    if (!organization) return undefined;
    const settings = await this.notifications.settings.get(organization.id);
    const channels = channelsOf(settings);
    if (channels.length === 0 || !settings.events.some((kind) => kind === event.kind)) return undefined;
    const notification = await this.notificationOf(event, organization);
    return notification && { organizationId: organization.id, channels, notification };
  }

  private async notificationOf(
    event: Selectable<ServiceEventsTable>,
    organization: Organization,
  ): Promise<Notification | undefined> {
    const id = event.dedupe_key;
    const details = (event.details === null ? {} : JSON.parse(event.details)) as Record<string, never>;
    switch (event.kind) {
      case 'job.failed':
      case 'job.partial': {
        const job = event.subject === null ? undefined : await getJob(this.jobs, event.subject);
        return job && jobNotification(id, organization, job);
      }
      case 'consent.revoked':
        return consentRevokedNotification(id, organization, event.occurred_at, details);
      case 'backup.overdue':
        return backupOverdueNotification(id, organization, event.occurred_at, details);
      default:
        return undefined;
    }
  }

  private async deliverDue(): Promise<void> {
    const now = this.now();
    const due = await this.notifications.deliveries.claimDue(
      now,
      new Date(now.getTime() + this.leaseMs),
      BATCH,
    );
    await Promise.all(due.map((delivery) => this.deliver(delivery)));
  }

  private async deliver(delivery: Delivery): Promise<void> {
    const { deliveries, settings, channels } = this.notifications;
    const about = {
      delivery: delivery.id,
      notification: delivery.notification.id,
      organizationId: delivery.organizationId,
      channel: delivery.channel,
      attempt: delivery.attempts,
    };
    try {
      const current = await settings.get(delivery.organizationId);
      await channels.send(delivery.channel, current, delivery.notification, delivery.id);
      await deliveries.delivered(delivery, this.now());
      this.log.info(about, 'notification delivered');
    } catch (error) {
      const reason = messageOf(error);
      const retry = !(error instanceof UndeliverableError) && delivery.attempts < this.maxAttempts;
      const retryAt = retry
        ? new Date(this.now().getTime() + retryDelayMs(this.retryDelayMs, delivery.attempts))
        : undefined;
      this.log.warn(
        { ...about, error: reason, retryAt: retryAt?.toISOString() ?? null },
        retry ? 'notification not delivered; it will be retried' : 'notification not delivered; giving up',
      );
      await deliveries.attemptFailed(delivery, reason, retryAt).catch((failure: unknown) => {
        // Its lease runs out and another pass takes it again.
        this.failed(failure, `recording delivery ${delivery.id}`);
      });
    }
  }
}
