// Table shapes of the service as Kysely sees them (migrations.ts: their own migrations, so
// they can share the catalog's PostgreSQL database; see database.ts). Times are ISO-8601 UTC text on both engines, as in
// the catalog: one representation that sorts correctly and reads back identically; JSON
// values are text.
import type { Generated } from 'kysely';

export type JobState = 'queued' | 'running' | 'succeeded' | 'partial' | 'failed' | 'cancelled';

export interface JobsTable {
  id: string;
  /** What to run: handlers are registered by name (backup, restore, export, check, prune…). */
  name: string;
  payload: string;
  /** The organization the job works for; null for service-wide jobs. */
  organization_id: string | null;
  state: JobState;
  /** At most one queued or running job per key (e.g. "backup:<tenant>:<workload>"). */
  singleton_key: string | null;
  /** The same key always names the same job, whatever its state. */
  idempotency_key: string | null;
  /** Attempts started so far; the fence of every write an attempt makes. */
  attempt: number;
  retry_limit: number;
  retry_delay_ms: number;
  /** When a queued job may start: later than its creation during a retry's backoff. */
  run_after: string;
  /** The worker holding a running job, until lease_until unless it renews. */
  lease_owner: string | null;
  lease_until: string | null;
  cancel_requested_at: string | null;
  progress: string | null;
  result: string | null;
  error: string | null;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
}

export interface JobLogsTable {
  /** Order of the lines of all jobs; a job's lines read in this order. */
  seq: Generated<number>;
  job_id: string;
  attempt: number;
  at: string;
  line: string;
}

export interface SchedulesTable {
  id: string;
  organization_id: string;
  /** The schedule's name within its organization ("backup", "retention"…). */
  name: string;
  cron: string;
  time_zone: string;
  job_name: string;
  job_payload: string;
  job_singleton_key: string | null;
  /** 1 or 0: SQLite has no boolean. */
  enabled: number;
  /** The next slot to enqueue; null while disabled. */
  next_slot: string | null;
  last_slot: string | null;
  created_at: string;
  updated_at: string;
}

/** One row per slot a schedule enqueued: its primary key makes each slot run once. */
export interface ScheduleRunsTable {
  schedule_id: string;
  slot: string;
  job_id: string;
  enqueued_at: string;
}

export interface ServiceDatabase {
  jobs: JobsTable;
  job_logs: JobLogsTable;
  schedules: SchedulesTable;
  schedule_runs: ScheduleRunsTable;
}
