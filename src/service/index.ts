// The service: job queue (embedded | pg-boss), workers, schedules and the scheduler role,
// over the service database (database.ts). See docs/architecture.md, "The service".
export { defaultServiceDbUrl, openServiceDb, SERVICE_DB_FILE_NAME } from './database.js';
export type { ServiceDb } from './database.js';
export { ServiceError } from './errors.js';
export { JobAbortedError, RetryableError } from './queue/errors.js';
export { openEmbeddedQueue } from './queue/embedded.js';
export { openPgBossQueue } from './queue/pg-boss.js';
export type { PgBossQueueOptions } from './queue/pg-boss.js';
export { openJobQueue } from './queue/open.js';
export { Queue } from './queue/queue.js';
export type { QueueOptions } from './queue/queue.js';
export { FINISHED_STATES } from './queue/types.js';
export type {
  Enqueued,
  EnqueueOptions,
  Job,
  JobContext,
  JobFilter,
  JobHandler,
  JobLogLine,
  JobOutcome,
  JobQueue,
  JobState,
  WorkOptions,
} from './queue/types.js';
export { DEFAULT_CRON, DEFAULT_TIME_ZONE, latestSlot, nextSlot, validateSchedule } from './schedule.js';
export {
  deleteSchedule,
  getSchedule,
  listSchedules,
  saveSchedule,
  scheduleRuns,
  setScheduleEnabled,
} from './schedules.js';
export type { Schedule, ScheduledJob, ScheduleInput, ScheduleRun } from './schedules.js';
export { Scheduler } from './scheduler.js';
export type { SchedulerOptions } from './scheduler.js';
