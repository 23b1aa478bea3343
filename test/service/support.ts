// Service databases and queues for tests on both implementations: the embedded queue on a
// SQLite file in a temporary directory, the pg-boss queue on a fresh PostgreSQL database
// (dropped afterwards). Intervals are short so the suite stays fast on two cores.
import { setTimeout as sleep } from 'node:timers/promises';
import type { Engine } from '../../src/catalog/index.js';
import {
  openJobQueue,
  openServiceDb,
  type PgBossQueueOptions,
  type Queue,
  type QueueOptions,
  type ServiceDb,
} from '../../src/service/index.js';
import { tempCatalogUrl } from '../catalog/support.js';

type TestContext = { after: (fn: () => Promise<void>) => void };

const stacks = new WeakMap<TestContext, (() => Promise<void>)[]>();

/**
 * Cleanups that run last-registered first (node:test runs t.after hooks in registration
 * order): queues close before their database, the database before it is dropped.
 */
function cleanups(t: TestContext): TestContext {
  let stack = stacks.get(t);
  if (!stack) {
    const registered: (() => Promise<void>)[] = [];
    stacks.set(t, registered);
    t.after(async () => {
      for (const cleanup of registered.reverse()) await cleanup();
    });
    stack = registered;
  }
  const current = stack;
  return { after: (fn) => current.push(fn) };
}

/** The queue implementation each engine gets: embedded on SQLite, pg-boss on PostgreSQL. */
export const IMPLEMENTATIONS: readonly { name: string; engine: Engine }[] = [
  { name: 'embedded', engine: 'sqlite' },
  { name: 'pg-boss', engine: 'postgres' },
];

export const FAST: QueueOptions = {
  leaseMs: 1_500,
  heartbeatMs: 150,
  pollIntervalMs: 100,
  progressIntervalMs: 50,
};

/** A migrated service database of the engine, closed and removed when the test ends. */
export async function tempServiceDb(t: TestContext, engine: Engine): Promise<ServiceDb> {
  const database = await openServiceDb(await tempCatalogUrl(cleanups(t), engine));
  cleanups(t).after(() => database.close());
  return database;
}

/**
 * What another service process would use: on PostgreSQL a connection pool of its own; on
 * SQLite the same connection, since one process keeps one connection to its file (see
 * src/service/database.ts) and other processes are tested as child processes.
 */
export async function otherConnection(t: TestContext, database: ServiceDb): Promise<ServiceDb> {
  if (database.engine === 'sqlite') return database;
  const other = await openServiceDb(database.url);
  cleanups(t).after(() => other.close());
  return other;
}

/** A queue on the database, closed before the database when the test ends. */
export async function openQueue(
  t: TestContext,
  database: ServiceDb,
  options: PgBossQueueOptions = {},
): Promise<Queue> {
  const queue = await openJobQueue(database, { ...FAST, ...options });
  cleanups(t).after(() => queue.close());
  return queue;
}

type NotYet = undefined | null | false;

/** Polls until the check returns something other than undefined, null or false. */
export async function waitFor<T>(
  what: string,
  check: () => Promise<T | NotYet> | T | NotYet,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== null && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(25);
  }
}

/** Resolves when the signal aborts. */
export function aborted(signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) resolve();
    else signal.addEventListener('abort', () => resolve(), { once: true });
  });
}
