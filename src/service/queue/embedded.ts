// The embedded queue: the jobs table in the data directory's SQLite file is the queue
// itself, and this process's workers claim due rows from it. Nothing else to run.
import type { ServiceDb } from '../database.js';
import { Queue, type JobTransport, type QueueOptions } from './queue.js';
import { claimDue } from './store.js';

export function openEmbeddedQueue(database: ServiceDb, options?: QueueOptions): Queue {
  const transport: JobTransport = {
    take: (name, limit, lease) => claimDue(database.db, name, limit, lease),
    close: () => Promise.resolve(),
  };
  return new Queue(database.db, transport, options);
}
