import type { ServiceDb } from '../database.js';
import { openEmbeddedQueue } from './embedded.js';
import { openPgBossQueue, type PgBossQueueOptions } from './pg-boss.js';
import type { Queue } from './queue.js';

/** The queue that fits the service database: embedded on SQLite, pg-boss on PostgreSQL. */
export async function openJobQueue(database: ServiceDb, options?: PgBossQueueOptions): Promise<Queue> {
  return database.engine === 'postgres'
    ? openPgBossQueue(database, options)
    : openEmbeddedQueue(database, options);
}
