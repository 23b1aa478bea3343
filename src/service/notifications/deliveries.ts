// The record of every notification sent to a channel: pending until delivered, retried
// with backoff, failed for good after the last attempt, each attempt's error kept for
// people to see. A notifier claims a due delivery under a lease (attempts + 1 in one
// conditional update), so several notifiers never send one at the same time; its result
// is written only while that attempt still holds it.
import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { Notification } from './messages.js';
import type {
  DeliveryChannel,
  DeliveryState,
  NotificationDeliveriesTable,
  NotificationsDatabase,
} from './schema.js';

type Db = Kysely<NotificationsDatabase>;

export interface Delivery {
  id: string;
  organizationId: string;
  channel: DeliveryChannel;
  notification: Notification;
  state: DeliveryState;
  /** Attempts started so far. */
  attempts: number;
  nextAttemptAt: string;
  lastError: string | null;
  createdAt: string;
  deliveredAt: string | null;
}

function deliveryOf(row: Selectable<NotificationDeliveriesTable>): Delivery {
  return {
    id: row.id,
    organizationId: row.organization_id,
    channel: row.channel,
    notification: JSON.parse(row.message) as Notification,
    state: row.state,
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at,
    lastError: row.last_error,
    createdAt: row.created_at,
    deliveredAt: row.delivered_at,
  };
}

/** Adds one pending delivery per channel of an event (in the transaction that takes the event). */
export async function addDeliveries(
  trx: Db,
  event: { seq: number; organizationId: string },
  channels: DeliveryChannel[],
  notification: Notification,
  now: Date,
): Promise<void> {
  if (channels.length === 0) return;
  const at = now.toISOString();
  await trx
    .insertInto('notification_deliveries')
    .values(
      channels.map((channel) => ({
        id: randomUUID(),
        event_seq: event.seq,
        organization_id: event.organizationId,
        channel,
        message: JSON.stringify(notification),
        state: 'pending' as const,
        attempts: 0,
        next_attempt_at: at,
        created_at: at,
      })),
    )
    .onConflict((conflict) => conflict.columns(['event_seq', 'channel']).doNothing())
    .execute();
}

export class DeliveryLog {
  constructor(private readonly db: Db) {}

  /** Claims up to `limit` due deliveries until `leaseUntil`, oldest due first. */
  async claimDue(now: Date, leaseUntil: Date, limit: number): Promise<Delivery[]> {
    const at = now.toISOString();
    const candidates = await this.db
      .selectFrom('notification_deliveries')
      .select('id')
      .where('state', '=', 'pending')
      .where('next_attempt_at', '<=', at)
      .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', at)]))
      .orderBy('next_attempt_at')
      .limit(limit)
      .execute();
    const claimed: Delivery[] = [];
    for (const { id } of candidates) {
      // The same conditions again: another notifier may have claimed it since the select.
      const row = await this.db
        .updateTable('notification_deliveries')
        .set((eb) => ({ attempts: eb('attempts', '+', 1), lease_until: leaseUntil.toISOString() }))
        .where('id', '=', id)
        .where('state', '=', 'pending')
        .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', at)]))
        .returningAll()
        .executeTakeFirst();
      if (row) claimed.push(deliveryOf(row));
    }
    return claimed;
  }

  async delivered(delivery: Delivery, now: Date): Promise<void> {
    await this.held(delivery)
      .set({ state: 'delivered', lease_until: null, last_error: null, delivered_at: now.toISOString() })
      .execute();
  }

  /** Records a failed attempt: pending again from `retryAt`, or failed for good without one. */
  async attemptFailed(delivery: Delivery, error: string, retryAt: Date | undefined): Promise<void> {
    await this.held(delivery)
      .set({
        state: retryAt ? 'pending' : 'failed',
        ...(retryAt ? { next_attempt_at: retryAt.toISOString() } : {}),
        lease_until: null,
        last_error: error,
      })
      .execute();
  }

  /** An organization's latest deliveries, newest first. */
  async recent(organizationId: string, limit: number): Promise<Delivery[]> {
    const rows = await this.db
      .selectFrom('notification_deliveries')
      .selectAll()
      .where('organization_id', '=', organizationId)
      .orderBy('created_at', 'desc')
      .orderBy('id')
      .limit(limit)
      .execute();
    return rows.map(deliveryOf);
  }

  private held(delivery: Delivery) {
    return this.db
      .updateTable('notification_deliveries')
      .where('id', '=', delivery.id)
      .where('attempts', '=', delivery.attempts)
      .where('state', '=', 'pending');
  }
}
