// The job queue over the service database, whatever carries jobs to workers: job records,
// keys, cancel and logs are the same on both implementations; a JobTransport says how a
// process's workers find due jobs (embedded: straight from the table; scale-out: pg-boss
// deliveries). Per registered name a loop takes jobs while it has free slots and sleeps a
// poll interval otherwise, woken early by local enqueues, finished jobs and due retries.
// A reaper requeues jobs whose worker stopped renewing its lease (a killed process).
import { randomBytes, randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { ServiceError } from '../errors.js';
import { Wakeup } from '../wakeup.js';
import { Attempt } from './attempt.js';
import { afterTransientFailure } from './retry.js';
import {
  deleteFinishedJobs,
  existingJob,
  expiredLeases,
  getJob,
  insertJob,
  jobLogs,
  listJobs,
  requestCancel,
  settleAttempt,
  type Db,
} from './store.js';
import type {
  Enqueued,
  EnqueueOptions,
  Job,
  JobFilter,
  JobHandler,
  JobLogLine,
  JobQueue,
  WorkOptions,
} from './types.js';

export interface Lease {
  owner: string;
  until: Date;
  now: Date;
}

/** How queued jobs reach this process's workers. */
export interface JobTransport {
  /** Runs in the transaction that queues a job, so the job and its delivery commit together. */
  queued?(trx: Db, job: Job): Promise<void>;
  /** Claims up to `limit` due jobs of a name under the lease. */
  take(name: string, limit: number, lease: Lease): Promise<Job[]>;
  close(): Promise<void>;
}

export interface QueueOptions {
  /** How long a running job stays with a worker that stopped renewing it; default 60 s. */
  leaseMs?: number;
  /** How often a worker renews its leases and looks for cancel requests; default a quarter lease. */
  heartbeatMs?: number;
  /** How often an idle worker looks for due jobs; default 2 s. */
  pollIntervalMs?: number;
  /** How often a running job's progress and log lines are written; default 1 s. */
  progressIntervalMs?: number;
  /** Background failures (a poll, a heartbeat, the database briefly away). Default: stderr. */
  onError?: (error: unknown) => void;
}

export const reportToStderr = (error: unknown) => console.error('job queue:', error);

interface Registration {
  name: string;
  handler: JobHandler;
  concurrency: number;
  running: Set<Promise<void>>;
  wakeup: Wakeup;
}

const NAME = /^[A-Za-z][A-Za-z0-9_-]*$/;

/** Job names become pg-boss queue names: letters, digits, - and _. */
export function validateJobName(name: string): void {
  if (!NAME.test(name)) throw new ServiceError(`job name "${name}": use letters, digits, - and _`);
}
const DEFAULT_RETRY_LIMIT = 3;
const DEFAULT_RETRY_DELAY_MS = 30_000;
/** Expired leases handled per reaper pass; the rest wait for the next. */
const REAP_BATCH = 100;
/** Tries of an enqueue whose key's job finished between the insert and the look-up. */
const ENQUEUE_TRIES = 3;

export class Queue implements JobQueue {
  private readonly owner = `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  private readonly leaseMs: number;
  private readonly heartbeatMs: number;
  private readonly pollIntervalMs: number;
  private readonly progressIntervalMs: number;
  private readonly onError: (error: unknown) => void;
  private readonly registrations = new Map<string, Registration>();
  private readonly attempts = new Map<string, Attempt>();
  private readonly loops: Promise<void>[] = [];
  private readonly reaperWakeup = new Wakeup();
  private closed = false;
  private readonly onQueued = (trx: Db, job: Job) => this.transport.queued?.(trx, job) ?? Promise.resolve();

  constructor(
    private readonly db: Db,
    private readonly transport: JobTransport,
    options: QueueOptions = {},
  ) {
    this.leaseMs = options.leaseMs ?? 60_000;
    this.heartbeatMs = options.heartbeatMs ?? Math.floor(this.leaseMs / 4);
    this.pollIntervalMs = options.pollIntervalMs ?? 2_000;
    this.progressIntervalMs = options.progressIntervalMs ?? 1_000;
    this.onError = options.onError ?? reportToStderr;
    if (this.heartbeatMs >= this.leaseMs) {
      throw new ServiceError('the heartbeat must come more often than the lease runs out');
    }
  }

  enqueue<P>(name: string, payload: P, options?: EnqueueOptions): Promise<Enqueued<P>> {
    return this.enqueueIn(this.db, name, payload, options);
  }

  /**
   * Enqueues on the given database or inside the caller's transaction (the scheduler
   * records a slot and its job together); the job is visible when that commits.
   */
  async enqueueIn<P>(db: Db, name: string, payload: P, options: EnqueueOptions = {}): Promise<Enqueued<P>> {
    validateJobName(name);
    const keys = {
      singletonKey: options.singletonKey ?? null,
      idempotencyKey: options.idempotencyKey ?? null,
    };
    const now = new Date();
    for (let tries = 0; tries < ENQUEUE_TRIES; tries++) {
      const insert = async (trx: Db) => {
        const job = await insertJob(trx, {
          id: randomUUID(),
          name,
          payload,
          organizationId: options.organizationId ?? null,
          ...keys,
          retryLimit: options.retryLimit ?? DEFAULT_RETRY_LIMIT,
          retryDelayMs: options.retryDelayMs ?? DEFAULT_RETRY_DELAY_MS,
          runAfter: options.runAfter ?? now,
          createdAt: now,
        });
        if (job) await this.transport.queued?.(trx, job);
        return job;
      };
      const created = db.isTransaction ? await insert(db) : await db.transaction().execute(insert);
      if (created) {
        this.wakeWhenDue(created);
        return { job: created as Job<P>, created: true };
      }
      // A key is taken: by a job made before, or by one enqueued at the same moment.
      const existing = await existingJob(db, keys);
      if (existing) return { job: existing as Job<P>, created: false };
    }
    throw new ServiceError(`could not enqueue ${name}: its singleton key keeps changing hands`);
  }

  get(id: string): Promise<Job | undefined> {
    return getJob(this.db, id);
  }

  list(filter?: JobFilter): Promise<Job[]> {
    return listJobs(this.db, filter);
  }

  logs(id: string, afterSeq?: number): Promise<JobLogLine[]> {
    return jobLogs(this.db, id, afterSeq);
  }

  async cancel(id: string): Promise<Job | undefined> {
    const job = await requestCancel(this.db, id, new Date());
    // A handler in this process hears it now; elsewhere at its worker's next heartbeat.
    if (job?.state === 'running') this.attempts.get(id)?.abort('cancelled');
    return job;
  }

  deleteFinished(before: Date): Promise<number> {
    return deleteFinishedJobs(this.db, before);
  }

  work<P>(name: string, handler: JobHandler<P>, options: WorkOptions = {}): void {
    if (this.closed) throw new ServiceError('the job queue is closed');
    validateJobName(name);
    if (this.registrations.has(name)) throw new ServiceError(`jobs of ${name} already have a handler`);
    const registration: Registration = {
      name,
      handler: handler as JobHandler,
      concurrency: Math.max(1, options.concurrency ?? 1),
      running: new Set(),
      wakeup: new Wakeup(),
    };
    this.registrations.set(name, registration);
    if (this.loops.length === 0) this.loops.push(this.reapLoop());
    this.loops.push(this.workLoop(registration));
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const attempt of this.attempts.values()) attempt.abort('closing');
    for (const registration of this.registrations.values()) registration.wakeup.wake();
    this.reaperWakeup.wake();
    await Promise.all(this.loops);
    // Handlers should stop at their signal; past a lease another worker may take the job anyway.
    const running = [...this.registrations.values()].flatMap((r) => [...r.running]);
    let timer: NodeJS.Timeout | undefined;
    const leasePassed = new Promise<void>((resolve) => (timer = setTimeout(resolve, this.leaseMs)));
    await Promise.race([Promise.all(running), leasePassed]);
    clearTimeout(timer);
    await this.transport.close();
  }

  private lease(): Lease {
    const now = new Date();
    return { owner: this.owner, until: new Date(now.getTime() + this.leaseMs), now };
  }

  private async workLoop(registration: Registration): Promise<void> {
    while (!this.closed) {
      const free = registration.concurrency - registration.running.size;
      if (free > 0) {
        try {
          const jobs = await this.transport.take(registration.name, free, this.lease());
          for (const job of jobs) this.start(registration, job);
        } catch (error) {
          this.onError(error);
        }
      }
      await registration.wakeup.sleep(this.pollIntervalMs);
    }
  }

  private start(registration: Registration, job: Job): void {
    if (this.closed) {
      // Claimed while closing: it goes back at once rather than after its lease.
      const handedBack = this.handBack(job).finally(() => registration.running.delete(handedBack));
      registration.running.add(handedBack);
      return;
    }
    const attempt = new Attempt(job, registration.handler, {
      db: this.db,
      leaseMs: this.leaseMs,
      heartbeatMs: this.heartbeatMs,
      progressIntervalMs: this.progressIntervalMs,
      onQueued: this.onQueued,
      onSettled: (settled) => settled && this.wakeWhenDue(settled),
      onError: this.onError,
    });
    this.attempts.set(job.id, attempt);
    const running = attempt
      .run()
      .catch(this.onError)
      .finally(() => {
        this.attempts.delete(job.id);
        registration.running.delete(running);
        registration.wakeup.wake();
      });
    registration.running.add(running);
  }

  private async handBack(job: Job): Promise<void> {
    const fence = { id: job.id, owner: this.owner, attempt: job.attempt };
    await settleAttempt(
      this.db,
      fence,
      { state: 'queued', runAfter: new Date(), error: job.error, countAttempt: false },
      { lines: [] },
      { now: new Date(), onQueued: this.onQueued },
    ).catch(this.onError);
  }

  /** Wakes the local worker of a queued job's name when it becomes due. */
  private wakeWhenDue(job: Job): void {
    const registration = this.registrations.get(job.name);
    if (!registration || job.state !== 'queued') return;
    const delay = Date.parse(job.runAfter) - Date.now();
    if (delay <= 0) registration.wakeup.wake();
    else setTimeout(() => registration.wakeup.wake(), delay).unref();
  }

  /** Requeues jobs whose worker stopped renewing its lease, as a failed attempt. */
  private async reap(): Promise<void> {
    const now = new Date();
    for (const lease of await expiredLeases(this.db, now, REAP_BATCH)) {
      const lost = `worker ${lease.owner} stopped renewing its lease`;
      const { settlement, line } = afterTransientFailure(lease, lost, now);
      const settled = await settleAttempt(
        this.db,
        lease,
        settlement,
        { lines: [{ at: now.toISOString(), line }] },
        { now, leaseExpiredBefore: now, onQueued: this.onQueued },
      );
      if (settled) this.wakeWhenDue(settled);
    }
  }

  private async reapLoop(): Promise<void> {
    while (!this.closed) {
      try {
        await this.reap();
      } catch (error) {
        this.onError(error);
      }
      await this.reaperWakeup.sleep(this.heartbeatMs);
    }
  }
}
