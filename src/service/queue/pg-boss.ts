// The scale-out queue: job records stay in the service tables (shared with the embedded
// queue), and pg-boss carries deliveries to worker processes on any number of machines.
// Every time a job becomes due (enqueued, retried, requeued from a lost worker) one
// delivery is sent in the same transaction, to start no sooner than the job's run_after.
// A worker fetches deliveries (pg-boss: FOR UPDATE SKIP LOCKED), claims each job and
// completes its delivery in one transaction; from then on the job's lease, not pg-boss,
// says who runs it, so jobs may run for hours. A delivery whose job is no longer queued
// (cancelled, already taken) is completed and dropped. A process that dies between fetch
// and claim leaves its deliveries active: pg-boss expires and redelivers them.
import { CompiledQuery } from 'kysely';
import pg from 'pg';
import PgBoss from 'pg-boss';
import type { ServiceDb } from '../database.js';
import { ServiceError } from '../errors.js';
import { Queue, reportToStderr, type JobTransport, type Lease, type QueueOptions } from './queue.js';
import { claimJob, type Db } from './store.js';

export interface PgBossQueueOptions extends QueueOptions {
  /** How often pg-boss expires lost deliveries and archives old ones; default 120 s. */
  maintenanceIntervalSeconds?: number;
  /**
   * A fetched delivery is claimed within milliseconds; one still unclaimed after this many
   * seconds was lost with its process and is delivered again. Default 60.
   */
  deliveryExpirySeconds?: number;
}

interface Delivery {
  jobId: string;
}

/** Redeliveries of a lost delivery: only a process dying mid-claim loses one. */
const DELIVERY_RETRY_LIMIT = 100;

const CREATE_QUEUE_LOCK = 'tenantvault: pg-boss create queue';

/** pg-boss's SQL on a Kysely connection or transaction, so its rows commit with ours. */
function pgBossDb(db: Db): PgBoss.Db {
  return {
    executeSql: async (text, values) => db.executeQuery(CompiledQuery.raw(text, values ?? [])),
  };
}

class PgBossTransport implements JobTransport {
  private readonly created = new Map<string, Promise<void>>();

  constructor(
    private readonly boss: PgBoss,
    private readonly db: Db,
    private readonly url: string,
    private readonly deliveryExpirySeconds: number,
  ) {}

  /** pg-boss keeps one queue (a table partition) per job name, created once per database. */
  private ensureQueue(name: string): Promise<void> {
    let created = this.created.get(name);
    if (!created) {
      created = this.createQueue(name);
      created.catch(() => this.created.delete(name));
      this.created.set(name, created);
    }
    return created;
  }

  private async createQueue(name: string): Promise<void> {
    if (await this.boss.getQueue(name)) return;
    // Two processes creating one queue at once deadlock inside pg-boss (partition and
    // foreign keys), so creations take turns under an advisory lock. The lock is held on a
    // connection of its own: the first enqueue of a name waits here inside its transaction,
    // and a connection from the service's pool could be one that the other enqueues hold.
    const lockHolder = new pg.Client({ connectionString: this.url, application_name: 'tenantvault' });
    await lockHolder.connect();
    try {
      await lockHolder.query('select pg_advisory_lock(hashtext($1))', [CREATE_QUEUE_LOCK]);
      await this.boss.createQueue(name);
    } finally {
      await lockHolder.end();
    }
  }

  async queued(trx: Db, job: { id: string; name: string; runAfter: string }): Promise<void> {
    await this.ensureQueue(job.name);
    await this.boss.send(job.name, { jobId: job.id } satisfies Delivery, {
      startAfter: new Date(job.runAfter),
      expireInSeconds: this.deliveryExpirySeconds,
      retryLimit: DELIVERY_RETRY_LIMIT,
      retryDelay: 0,
      db: pgBossDb(trx),
    });
  }

  async take(name: string, limit: number, lease: Lease) {
    await this.ensureQueue(name);
    const deliveries = await this.boss.fetch<Delivery>(name, { batchSize: limit });
    const jobs = [];
    for (const delivery of deliveries) {
      const job = await this.db.transaction().execute(async (trx) => {
        const claimed = await claimJob(trx, delivery.data.jobId, lease);
        await this.boss.complete(
          name,
          delivery.id,
          { claimed: claimed !== undefined },
          { db: pgBossDb(trx) },
        );
        return claimed;
      });
      if (job) jobs.push(job);
    }
    return jobs;
  }

  close(): Promise<void> {
    return this.boss.stop({ graceful: false });
  }
}

export async function openPgBossQueue(database: ServiceDb, options: PgBossQueueOptions = {}): Promise<Queue> {
  if (database.engine !== 'postgres') throw new ServiceError('the pg-boss queue needs PostgreSQL');
  const onError = options.onError ?? reportToStderr;
  const boss = new PgBoss({
    connectionString: database.url,
    application_name: 'tenantvault',
    max: 4,
    // Schedules are the service's own (scheduler.ts): per organization, one run per slot.
    schedule: false,
    maintenanceIntervalSeconds: options.maintenanceIntervalSeconds ?? 120,
  });
  boss.on('error', onError);
  await boss.start();
  const transport = new PgBossTransport(boss, database.db, database.url, options.deliveryExpirySeconds ?? 60);
  return new Queue(database.db, transport, { ...options, onError });
}
