// Schedules of organizations: named per organization ("backup", "retention"…), each a
// cron expression in a time zone and the job it enqueues. A schedule keeps its next slot,
// which the scheduler reads to find due schedules and people read as "next run"; enabling
// a schedule (or changing when it runs) starts it at the next slot after that moment.
import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import { validateJobName } from './queue/queue.js';
import { DEFAULT_CRON, DEFAULT_TIME_ZONE, nextSlot, validateSchedule } from './schedule.js';
import type { SchedulesTable, ServiceDatabase } from './schema.js';

type Db = Kysely<ServiceDatabase>;

export interface ScheduledJob {
  name: string;
  payload?: unknown;
  /** E.g. "backup:<tenant>:<workload>": a slot that finds that job still active adds none. */
  singletonKey?: string;
}

export interface ScheduleInput {
  organizationId: string;
  name: string;
  /** 5-field cron; default twice a day, twelve hours apart (DEFAULT_CRON). */
  cron?: string;
  /** IANA time zone the expression is read in; default UTC. */
  timeZone?: string;
  job: ScheduledJob;
  /** Default true. */
  enabled?: boolean;
}

export interface Schedule {
  id: string;
  organizationId: string;
  name: string;
  cron: string;
  timeZone: string;
  job: { name: string; payload: unknown; singletonKey: string | null };
  enabled: boolean;
  /** The next slot, null while disabled. */
  nextRun: string | null;
  /** The latest slot that enqueued a job. */
  lastRun: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface ScheduleRun {
  slot: string;
  jobId: string;
  enqueuedAt: string;
}

export function scheduleOf(row: Selectable<SchedulesTable>): Schedule {
  return {
    id: row.id,
    organizationId: row.organization_id,
    name: row.name,
    cron: row.cron,
    timeZone: row.time_zone,
    job: { name: row.job_name, payload: JSON.parse(row.job_payload), singletonKey: row.job_singleton_key },
    enabled: row.enabled === 1,
    nextRun: row.next_slot,
    lastRun: row.last_slot,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

const firstSlot = (cron: string, timeZone: string, enabled: boolean, now: Date) =>
  enabled ? (nextSlot(cron, timeZone, now)?.toISOString() ?? null) : null;

/** Creates or replaces an organization's schedule of that name; it runs from the next slot on. */
export async function saveSchedule(db: Db, input: ScheduleInput, now = new Date()): Promise<Schedule> {
  const cron = input.cron ?? DEFAULT_CRON;
  const timeZone = input.timeZone ?? DEFAULT_TIME_ZONE;
  validateSchedule(cron, timeZone);
  validateJobName(input.job.name);
  const enabled = input.enabled ?? true;
  const at = now.toISOString();
  const values = {
    cron,
    time_zone: timeZone,
    job_name: input.job.name,
    job_payload: JSON.stringify(input.job.payload ?? null),
    job_singleton_key: input.job.singletonKey ?? null,
    enabled: enabled ? 1 : 0,
    next_slot: firstSlot(cron, timeZone, enabled, now),
    updated_at: at,
  };
  const row = await db
    .insertInto('schedules')
    .values({
      id: randomUUID(),
      organization_id: input.organizationId,
      name: input.name,
      last_slot: null,
      created_at: at,
      ...values,
    })
    .onConflict((conflict) => conflict.columns(['organization_id', 'name']).doUpdateSet(values))
    .returningAll()
    .executeTakeFirstOrThrow();
  return scheduleOf(row);
}

/** Enables (from the next slot after now) or disables a schedule; undefined for an unknown id. */
export async function setScheduleEnabled(
  db: Db,
  id: string,
  enabled: boolean,
  now = new Date(),
): Promise<Schedule | undefined> {
  const row = await db.selectFrom('schedules').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row || (row.enabled === 1) === enabled) return row && scheduleOf(row);
  const updated = await db
    .updateTable('schedules')
    .set({
      enabled: enabled ? 1 : 0,
      next_slot: firstSlot(row.cron, row.time_zone, enabled, now),
      updated_at: now.toISOString(),
    })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
  return updated && scheduleOf(updated);
}

export async function getSchedule(db: Db, id: string): Promise<Schedule | undefined> {
  const row = await db.selectFrom('schedules').selectAll().where('id', '=', id).executeTakeFirst();
  return row && scheduleOf(row);
}

export async function listSchedules(db: Db, organizationId: string): Promise<Schedule[]> {
  const rows = await db
    .selectFrom('schedules')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .orderBy('name')
    .execute();
  return rows.map(scheduleOf);
}

/** Removes a schedule and its run records; false for an unknown id. */
export async function deleteSchedule(db: Db, id: string): Promise<boolean> {
  const result = await db.deleteFrom('schedules').where('id', '=', id).executeTakeFirst();
  return result.numDeletedRows > 0n;
}

/** The slots a schedule enqueued, newest first. */
export async function scheduleRuns(db: Db, scheduleId: string, limit = 50): Promise<ScheduleRun[]> {
  const rows = await db
    .selectFrom('schedule_runs')
    .select(['slot', 'job_id', 'enqueued_at'])
    .where('schedule_id', '=', scheduleId)
    .orderBy('slot', 'desc')
    .limit(limit)
    .execute();
  return rows.map((row) => ({ slot: row.slot, jobId: row.job_id, enqueuedAt: row.enqueued_at }));
}
