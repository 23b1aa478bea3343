// Job records in the service database, shared by both queue implementations: creation
// with singleton and idempotency keys, claims under a lease, progress and log lines, the
// end of an attempt, cancellation, and the leases that ran out. Every write an attempt
// makes is fenced by (id, lease owner, attempt), so a worker that lost its job can no
// longer touch it.
import type { Kysely, Selectable } from 'kysely';
import { jobEndEvent, recordEvent } from '../events.js';
import type { JobsTable, ServiceDatabase } from '../schema.js';
import type { Job, JobFilter, JobLogLine } from './types.js';

/** The database or a transaction on it. */
export type Db = Kysely<ServiceDatabase>;

export interface NewJob {
  id: string;
  name: string;
  payload: unknown;
  organizationId: string | null;
  singletonKey: string | null;
  idempotencyKey: string | null;
  retryLimit: number;
  retryDelayMs: number;
  runAfter: Date;
  createdAt: Date;
}

/** One attempt of a running job. */
export interface AttemptFence {
  id: string;
  owner: string;
  attempt: number;
}

export interface PendingLine {
  at: string;
  line: string;
}

/** What an attempt has to write: its latest progress (if it changed) and new log lines. */
export interface Report {
  progress?: { value: unknown };
  lines: PendingLine[];
}

/** How an attempt ends. */
export type Settlement =
  | {
      /** Back to the queue: a retry (countAttempt) or a job handed back unfinished. */
      state: 'queued';
      runAfter: Date;
      error: string | null;
      countAttempt: boolean;
    }
  | { state: 'succeeded' | 'partial' | 'failed' | 'cancelled'; result?: unknown; error: string | null };

/** A running job whose lease ran out: its worker stopped renewing it. */
export interface ExpiredLease extends AttemptFence {
  name: string;
  retryLimit: number;
  retryDelayMs: number;
}

type JobRow = Selectable<JobsTable>;

const json = (value: unknown): string => JSON.stringify(value ?? null);
const parsed = (text: string | null): unknown => (text === null ? null : JSON.parse(text));

export function jobOf(row: JobRow): Job {
  return {
    id: row.id,
    name: row.name,
    payload: parsed(row.payload),
    organizationId: row.organization_id,
    state: row.state,
    singletonKey: row.singleton_key,
    idempotencyKey: row.idempotency_key,
    attempt: row.attempt,
    retryLimit: row.retry_limit,
    retryDelayMs: row.retry_delay_ms,
    runAfter: row.run_after,
    worker: row.state === 'running' ? row.lease_owner : null,
    cancelRequested: row.cancel_requested_at !== null,
    progress: parsed(row.progress),
    result: parsed(row.result),
    error: row.error,
    createdAt: row.created_at,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    durationMs:
      row.started_at && row.finished_at ? Date.parse(row.finished_at) - Date.parse(row.started_at) : null,
  };
}

/** Inserts a job unless its singleton or idempotency key is taken; undefined then. */
export async function insertJob(db: Db, job: NewJob): Promise<Job | undefined> {
  const row = await db
    .insertInto('jobs')
    .values({
      id: job.id,
      name: job.name,
      payload: json(job.payload),
      organization_id: job.organizationId,
      state: 'queued',
      singleton_key: job.singletonKey,
      idempotency_key: job.idempotencyKey,
      attempt: 0,
      retry_limit: job.retryLimit,
      retry_delay_ms: job.retryDelayMs,
      run_after: job.runAfter.toISOString(),
      created_at: job.createdAt.toISOString(),
    })
    .onConflict((conflict) => conflict.doNothing())
    .returningAll()
    .executeTakeFirst();
  return row && jobOf(row);
}

/** The job an idempotency key made, else the queued or running job of a singleton key. */
export async function existingJob(
  db: Db,
  keys: { idempotencyKey: string | null; singletonKey: string | null },
): Promise<Job | undefined> {
  if (keys.idempotencyKey !== null) {
    const row = await db
      .selectFrom('jobs')
      .selectAll()
      .where('idempotency_key', '=', keys.idempotencyKey)
      .executeTakeFirst();
    if (row) return jobOf(row);
  }
  if (keys.singletonKey !== null) {
    const row = await db
      .selectFrom('jobs')
      .selectAll()
      .where('singleton_key', '=', keys.singletonKey)
      .where('state', 'in', ['queued', 'running'])
      .executeTakeFirst();
    if (row) return jobOf(row);
  }
  return undefined;
}

export async function getJob(db: Db, id: string): Promise<Job | undefined> {
  const row = await db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst();
  return row && jobOf(row);
}

export async function listJobs(db: Db, filter: JobFilter = {}): Promise<Job[]> {
  let query = db.selectFrom('jobs').selectAll();
  if (filter.organizationId !== undefined) query = query.where('organization_id', '=', filter.organizationId);
  if (filter.name !== undefined) query = query.where('name', '=', filter.name);
  if (filter.state !== undefined) query = query.where('state', '=', filter.state);
  if (filter.before !== undefined) {
    const cursor = await db
      .selectFrom('jobs')
      .select(['created_at', 'id'])
      .where('id', '=', filter.before)
      .executeTakeFirst();
    if (!cursor) return [];
    query = query.where((eb) =>
      eb.or([
        eb('created_at', '<', cursor.created_at),
        eb.and([eb('created_at', '=', cursor.created_at), eb('id', '<', cursor.id)]),
      ]),
    );
  }
  const rows = await query
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(filter.limit ?? 50)
    .execute();
  return rows.map(jobOf);
}

/** Deletes finished jobs (and their log lines) that finished before `before`; returns how many. */
export async function deleteFinishedJobs(db: Db, before: Date): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const old = trx
      .selectFrom('jobs')
      .select('id')
      .where('state', 'in', ['succeeded', 'partial', 'failed', 'cancelled'])
      .where('finished_at', '<', before.toISOString());
    await trx.deleteFrom('job_logs').where('job_id', 'in', old).execute();
    const result = await trx.deleteFrom('jobs').where('id', 'in', old).executeTakeFirst();
    return Number(result.numDeletedRows);
  });
}

export async function jobLogs(db: Db, id: string, afterSeq = 0): Promise<JobLogLine[]> {
  return db
    .selectFrom('job_logs')
    .select(['seq', 'attempt', 'at', 'line'])
    .where('job_id', '=', id)
    .where('seq', '>', afterSeq)
    .orderBy('seq')
    .execute();
}

interface Lease {
  owner: string;
  until: Date;
  now: Date;
}

const claimedValues = (lease: Lease) => ({
  state: 'running' as const,
  lease_owner: lease.owner,
  lease_until: lease.until.toISOString(),
});

/**
 * Claims up to `limit` due jobs of a name in one statement, oldest due first: a job can
 * only be claimed while queued, so two claimers never share one.
 */
export async function claimDue(db: Db, name: string, limit: number, lease: Lease): Promise<Job[]> {
  const now = lease.now.toISOString();
  const rows = await db
    .updateTable('jobs')
    .set((eb) => ({
      ...claimedValues(lease),
      attempt: eb('attempt', '+', 1),
      started_at: eb.fn.coalesce('started_at', eb.val(now)),
    }))
    .where('id', 'in', (eb) =>
      eb
        .selectFrom('jobs')
        .select('id')
        .where('name', '=', name)
        .where('state', '=', 'queued')
        .where('run_after', '<=', now)
        .orderBy('run_after')
        .orderBy('created_at')
        .limit(limit),
    )
    .where('state', '=', 'queued')
    .returningAll()
    .execute();
  return rows.map(jobOf);
}

/** Claims one job by id if it is still queued (a delivery can outlive its job's turn). */
export async function claimJob(db: Db, id: string, lease: Lease): Promise<Job | undefined> {
  const now = lease.now.toISOString();
  const row = await db
    .updateTable('jobs')
    .set((eb) => ({
      ...claimedValues(lease),
      attempt: eb('attempt', '+', 1),
      started_at: eb.fn.coalesce('started_at', eb.val(now)),
    }))
    .where('id', '=', id)
    .where('state', '=', 'queued')
    .returningAll()
    .executeTakeFirst();
  return row && jobOf(row);
}

function fenced(db: Db, fence: AttemptFence) {
  return db
    .updateTable('jobs')
    .where('id', '=', fence.id)
    .where('lease_owner', '=', fence.owner)
    .where('attempt', '=', fence.attempt)
    .where('state', '=', 'running');
}

/** Extends a lease; undefined when the attempt no longer holds the job. */
export async function renewLease(
  db: Db,
  fence: AttemptFence,
  until: Date,
): Promise<{ cancelRequested: boolean } | undefined> {
  const row = await fenced(db, fence)
    .set({ lease_until: until.toISOString() })
    .returning('cancel_requested_at')
    .executeTakeFirst();
  return row && { cancelRequested: row.cancel_requested_at !== null };
}

async function appendLines(db: Db, fence: AttemptFence, lines: PendingLine[]): Promise<void> {
  if (lines.length === 0) return;
  await db
    .insertInto('job_logs')
    .values(lines.map(({ at, line }) => ({ job_id: fence.id, attempt: fence.attempt, at, line })))
    .execute();
}

/** Writes progress and log lines; false when the attempt no longer holds the job. */
export async function writeReport(db: Db, fence: AttemptFence, report: Report): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    // The fenced update comes first, so SQLite takes its write lock before anything is read.
    const held = await fenced(trx, fence)
      .set((eb) => ({ progress: report.progress ? json(report.progress.value) : eb.ref('progress') }))
      .returning('id')
      .executeTakeFirst();
    if (!held) return false;
    await appendLines(trx, fence, report.lines);
    return true;
  });
}

/**
 * Ends an attempt with its last report. A job going back to the queue while a cancel was
 * requested is cancelled instead; `onQueued` runs in the same transaction for one that
 * did go back (pg-boss sends its delivery there), and a failed or partial end records its
 * service event there. `leaseExpiredBefore` limits the end to
 * a lease that ran out (the reaper), so a worker renewing just in time keeps its job.
 */
export async function settleAttempt(
  db: Db,
  fence: AttemptFence,
  settlement: Settlement,
  report: Report,
  options: { now: Date; onQueued: (trx: Db, job: Job) => Promise<void>; leaseExpiredBefore?: Date },
): Promise<Job | undefined> {
  const now = options.now.toISOString();
  return db.transaction().execute(async (trx) => {
    let update = fenced(trx, fence);
    if (options.leaseExpiredBefore) {
      update = update.where('lease_until', '<', options.leaseExpiredBefore.toISOString());
    }
    const released = { lease_owner: null, lease_until: null };
    const progress = report.progress ? { progress: json(report.progress.value) } : {};
    let row =
      settlement.state === 'queued'
        ? await update
            .set((eb) => ({
              ...released,
              ...progress,
              state: 'queued',
              run_after: settlement.runAfter.toISOString(),
              error: settlement.error,
              attempt: settlement.countAttempt ? eb.ref('attempt') : eb('attempt', '-', 1),
            }))
            .returningAll()
            .executeTakeFirst()
        : await update
            .set({
              ...released,
              ...progress,
              state: settlement.state,
              result: settlement.result === undefined ? null : json(settlement.result),
              error: settlement.error,
              finished_at: now,
            })
            .returningAll()
            .executeTakeFirst();
    if (!row) return undefined;
    await appendLines(trx, fence, report.lines);
    if (row.state === 'queued' && row.cancel_requested_at !== null) {
      row = await trx
        .updateTable('jobs')
        .set({ state: 'cancelled', finished_at: now })
        .where('id', '=', row.id)
        .returningAll()
        .executeTakeFirstOrThrow();
    }
    const job = jobOf(row);
    if (job.state === 'queued') await options.onQueued(trx, job);
    // A failed or partial end is reported through the outbox, whichever process finished it.
    const ended = jobEndEvent(job);
    if (ended) await recordEvent(trx, ended);
    return job;
  });
}

/**
 * Cancels a queued job, or marks a running one for cancellation; a finished job is left
 * as it is. Undefined for an unknown id.
 */
export async function requestCancel(db: Db, id: string, now: Date): Promise<Job | undefined> {
  const at = now.toISOString();
  const cancelled = await db
    .updateTable('jobs')
    .set({ state: 'cancelled', finished_at: at, cancel_requested_at: at })
    .where('id', '=', id)
    .where('state', '=', 'queued')
    .returningAll()
    .executeTakeFirst();
  if (cancelled) return jobOf(cancelled);
  const requested = await db
    .updateTable('jobs')
    .set((eb) => ({ cancel_requested_at: eb.fn.coalesce('cancel_requested_at', eb.val(at)) }))
    .where('id', '=', id)
    .where('state', '=', 'running')
    .returningAll()
    .executeTakeFirst();
  return requested ? jobOf(requested) : getJob(db, id);
}

/** Running jobs whose lease ran out before `now`, oldest first. */
export async function expiredLeases(db: Db, now: Date, limit: number): Promise<ExpiredLease[]> {
  const rows = await db
    .selectFrom('jobs')
    .select(['id', 'name', 'lease_owner', 'attempt', 'retry_limit', 'retry_delay_ms'])
    .where('state', '=', 'running')
    .where('lease_until', '<', now.toISOString())
    .orderBy('lease_until')
    .limit(limit)
    .execute();
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    owner: row.lease_owner ?? '',
    attempt: row.attempt,
    retryLimit: row.retry_limit,
    retryDelayMs: row.retry_delay_ms,
  }));
}
