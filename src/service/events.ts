// Service events: what happened that people may want to hear about, recorded in the
// `service_events` outbox in the same transaction as the change that reports it, so an
// event is never lost between a worker process and the notifier, and never recorded for
// a change that rolled back. Each occurrence has a dedupe key: recording it again (a
// retried transaction, two processes noticing the same thing) adds nothing.
import type { Kysely } from 'kysely';
import type { Job } from './queue/types.js';
import type { ServiceEventsDatabase } from './schema.js';

export const SERVICE_EVENT_KINDS = [
  'job.failed',
  'job.partial',
  'consent.revoked',
  'backup.overdue',
] as const;
export type ServiceEventKind = (typeof SERVICE_EVENT_KINDS)[number];

export interface NewServiceEvent {
  kind: ServiceEventKind;
  organizationId: string | null;
  subject: string | null;
  /** One occurrence, one key: e.g. "job.failed:<job id>". */
  dedupeKey: string;
  details?: Record<string, unknown>;
  occurredAt: Date;
}

/**
 * Records an event unless its occurrence was recorded before; true when this call added it.
 * Works on any database (or transaction) holding the service tables.
 */
export async function recordEvent(
  db: Pick<Kysely<ServiceEventsDatabase>, 'insertInto'>,
  event: NewServiceEvent,
): Promise<boolean> {
  const inserted = await db
    .insertInto('service_events')
    .values({
      kind: event.kind,
      organization_id: event.organizationId,
      subject: event.subject,
      dedupe_key: event.dedupeKey,
      details: event.details === undefined ? null : JSON.stringify(event.details),
      occurred_at: event.occurredAt.toISOString(),
    })
    .onConflict((conflict) => conflict.column('dedupe_key').doNothing())
    .returning('seq')
    .executeTakeFirst();
  return inserted !== undefined;
}

/** The organization a job works for: jobs carry it in their payload as organizationId. */
export function organizationOfJob(job: Pick<Job, 'payload'>): string | null {
  const payload = job.payload as { organizationId?: unknown } | null;
  return typeof payload?.organizationId === 'string' ? payload.organizationId : null;
}

/** The event of a job that finished failed or partial; undefined for other ends. */
export function jobEndEvent(job: Job): NewServiceEvent | undefined {
  if (job.state !== 'failed' && job.state !== 'partial') return undefined;
  return {
    kind: job.state === 'failed' ? 'job.failed' : 'job.partial',
    organizationId: organizationOfJob(job),
    subject: job.id,
    dedupeKey: `job.${job.state}:${job.id}`,
    occurredAt: new Date(job.finishedAt ?? Date.now()),
  };
}
