// The job queue as the rest of the service sees it. Two implementations share this
// interface and its behaviour: embedded (SQLite, in-process workers) and scale-out
// (pg-boss on PostgreSQL, workers in any number of processes). Jobs are typed by name with
// a JSON payload; handlers are registered by name.
import type { JobState } from '../schema.js';

export type { JobState };

/** States a job does not leave. */
export const FINISHED_STATES: readonly JobState[] = ['succeeded', 'partial', 'failed', 'cancelled'];

export interface Job<P = unknown> {
  id: string;
  name: string;
  payload: P;
  /** The organization the job works for; null for service-wide jobs. */
  organizationId: string | null;
  state: JobState;
  singletonKey: string | null;
  idempotencyKey: string | null;
  /** Attempts started so far: 0 while never run, 1 during the first run. */
  attempt: number;
  /** Retries allowed after the first attempt. */
  retryLimit: number;
  /** Backoff before the first retry; doubled for each later one. */
  retryDelayMs: number;
  /** While queued, when the job may start (after a failed attempt: its backoff). */
  runAfter: string;
  /** The worker running it (host:pid:tag), while running. */
  worker: string | null;
  cancelRequested: boolean;
  /** What the handler last reported (per-type counters, items so far…). */
  progress: unknown;
  /** What the handler returned (e.g. the partial-failure report). */
  result: unknown;
  /** Why the last attempt failed. */
  error: string | null;
  createdAt: string;
  /** When the first attempt started. */
  startedAt: string | null;
  finishedAt: string | null;
  /** From the first start to the finish, retries and their backoff included. */
  durationMs: number | null;
}

export interface EnqueueOptions {
  /** The organization the job works for: its jobs are listed together. */
  organizationId?: string;
  /** While a job with this key is queued or running, enqueueing returns that job. */
  singletonKey?: string;
  /** Enqueueing with a key used before returns the job made then, whatever its state. */
  idempotencyKey?: string;
  /** Retries after a RetryableError or a lost worker; default 3. */
  retryLimit?: number;
  /** First retry's delay; each later retry waits twice as long (capped at an hour). Default 30 s. */
  retryDelayMs?: number;
  /** Not before this time; default now. */
  runAfter?: Date;
}

export interface Enqueued<P = unknown> {
  job: Job<P>;
  /** False when a singleton or idempotency key returned an existing job. */
  created: boolean;
}

/** What a running handler sees. */
export interface JobContext<P = unknown> {
  readonly job: Job<P>;
  /**
   * Aborted when the job is cancelled, when this worker lost the job (its lease ran out,
   * e.g. after a long pause) or when the queue closes. Pass it to every long operation.
   */
  readonly signal: AbortSignal;
  /** Replaces the job's progress; written within a progress interval, not on every call. */
  progress(value: unknown): void;
  /** Appends a line to the job's log (written with the next progress write). */
  log(line: string): void;
}

export interface JobOutcome {
  /** 'partial' when some of the work failed and `result` says what; default 'succeeded'. */
  status?: 'succeeded' | 'partial';
  result?: unknown;
}

/**
 * Runs one attempt of a job. Return to finish it; throw RetryableError for a transient
 * failure (retried with backoff up to the job's limit); throw anything else to fail it.
 */
export type JobHandler<P = unknown> = (context: JobContext<P>) => Promise<JobOutcome | void>;

export interface WorkOptions {
  /** Jobs of this name run at once in this process; default 1. */
  concurrency?: number;
}

export interface JobLogLine {
  seq: number;
  attempt: number;
  at: string;
  line: string;
}

export interface JobFilter {
  organizationId?: string;
  name?: string;
  state?: JobState;
  /** Newest first; default 50. */
  limit?: number;
  /** Jobs created before this job (the last of the previous page). */
  before?: string;
}

export interface JobQueue {
  enqueue<P>(name: string, payload: P, options?: EnqueueOptions): Promise<Enqueued<P>>;
  get(id: string): Promise<Job | undefined>;
  list(filter?: JobFilter): Promise<Job[]>;
  /** A job's log lines after the given seq (all lines without one), in order. */
  logs(id: string, afterSeq?: number): Promise<JobLogLine[]>;
  /**
   * Cancels a queued job at once. A running job's handler sees its signal abort (in this
   * process now, elsewhere at its worker's next heartbeat); the job is cancelled when the
   * handler stops with an error, or ends as the handler's outcome says if it finishes
   * anyway. Finished jobs stay as they are. Undefined for an unknown id.
   */
  cancel(id: string): Promise<Job | undefined>;
  /** Forgets jobs that finished before a time, with their logs; returns how many. */
  deleteFinished(before: Date): Promise<number>;
  /** Starts taking jobs of a name in this process. One handler per name. */
  work<P>(name: string, handler: JobHandler<P>, options?: WorkOptions): void;
  /**
   * Stops taking jobs, aborts the running handlers and waits for them (at most one lease
   * period); jobs whose handler stopped go back to the queue without using a retry. The
   * service database stays open: its opener closes it.
   */
  close(): Promise<void>;
}
