// The job queue's behaviour, one test body run on both implementations: embedded (SQLite,
// in-process workers) and scale-out (pg-boss on PostgreSQL).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { JobAbortedError, RetryableError, type Job, type Queue } from '../../src/service/index.js';
import { aborted, IMPLEMENTATIONS, openQueue, otherConnection, tempServiceDb, waitFor } from './support.js';

const WORKER_PROCESS = fileURLToPath(new URL('./worker-process.ts', import.meta.url));

function finished(queue: Queue, id: string, state: Job['state'] = 'succeeded'): Promise<Job> {
  return waitFor(`job ${id} ${state}`, async () => {
    const job = await queue.get(id);
    if (job && job.state !== 'queued' && job.state !== 'running' && job.state !== state) {
      throw new Error(`job ${id} ended ${job.state}: ${job.error}`);
    }
    return job?.state === state ? job : undefined;
  });
}

async function logLines(queue: Queue, id: string): Promise<string[]> {
  return (await queue.logs(id)).map((l) => l.line);
}

for (const { name: implementation, engine } of IMPLEMENTATIONS) {
  test(`${implementation}: a job runs once, reporting progress, log lines, a result and timings`, async (t) => {
    const queue = await openQueue(t, await tempServiceDb(t, engine));
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let calls = 0;
    queue.work<{ tenant: string }>('backup', async ({ job, progress, log }) => {
      calls++;
      progress({ users: 10 });
      log(`users of ${job.payload.tenant} done`);
      await gate;
      progress({ users: 10, groups: 3 });
      log('groups done');
      return { result: { items: 13 } };
    });

    const { job, created } = await queue.enqueue('backup', { tenant: 'contoso' });
    assert.equal(created, true);
    assert.equal(job.state, 'queued');
    assert.deepEqual(job.payload, { tenant: 'contoso' });

    const running = await waitFor('progress while running', async () => {
      const current = await queue.get(job.id);
      return current?.progress ? current : undefined;
    });
    assert.equal(running.state, 'running');
    assert.deepEqual(running.progress, { users: 10 });
    assert.equal(running.attempt, 1);
    assert.match(running.worker ?? '', /:\d+:/);
    const heldFor = 200;
    await sleep(heldFor);
    release();

    const done = await finished(queue, job.id);
    assert.equal(calls, 1);
    assert.deepEqual(done.progress, { users: 10, groups: 3 });
    assert.deepEqual(done.result, { items: 13 });
    assert.equal(done.error, null);
    assert.equal(done.worker, null);
    assert.ok(done.startedAt && done.finishedAt && done.startedAt <= done.finishedAt);
    assert.ok((done.durationMs ?? 0) >= heldFor, `duration ${done.durationMs} ms`);

    const logs = await queue.logs(job.id);
    assert.deepEqual(
      logs.map((l) => l.line.replace(/ on \S+$/, ' on <worker>')),
      ['attempt 1 of 4 started on <worker>', 'users of contoso done', 'groups done'],
    );
    assert.ok(logs.every((l) => l.attempt === 1));
    assert.deepEqual(
      (await queue.logs(job.id, logs[0]!.seq)).map((l) => l.line),
      ['users of contoso done', 'groups done'],
    );
    assert.deepEqual(
      (await queue.list({ name: 'backup' })).map((j) => j.id),
      [job.id],
    );
    assert.deepEqual(await queue.list({ state: 'queued' }), []);
  });

  test(`${implementation}: finished jobs older than a time are forgotten with their logs`, async (t) => {
    const queue = await openQueue(t, await tempServiceDb(t, engine));
    queue.work('note', async ({ log }) => log('done'));
    const { job: old } = await queue.enqueue('note', {});
    await finished(queue, old.id);
    const cutoff = new Date(Date.now() + 1);
    await sleep(5);
    const { job: recent } = await queue.enqueue('note', {});
    await finished(queue, recent.id);
    const { job: waiting } = await queue.enqueue('nobody-runs-this', {});
    assert.equal(await queue.deleteFinished(cutoff), 1);
    assert.equal(await queue.get(old.id), undefined);
    assert.deepEqual(await queue.logs(old.id), []);
    assert.ok(await queue.get(recent.id));
    assert.ok(await queue.get(waiting.id), 'unfinished jobs stay');
  });

  test(`${implementation}: a handler's outcome gives partial and failed jobs; plain errors are not retried`, async (t) => {
    const queue = await openQueue(t, await tempServiceDb(t, engine));
    let calls = 0;
    queue.work<{ mode: string }>('check', async ({ job }) => {
      calls++;
      if (job.payload.mode === 'partial') return { status: 'partial', result: { failedTypes: ['devices'] } };
      throw new Error('pack 3f2a is unreadable');
    });
    const partial = await queue.enqueue('check', { mode: 'partial' });
    const failing = await queue.enqueue('check', { mode: 'fail' });

    const partialJob = await finished(queue, partial.job.id, 'partial');
    assert.deepEqual(partialJob.result, { failedTypes: ['devices'] });
    const failed = await finished(queue, failing.job.id, 'failed');
    assert.equal(failed.error, 'pack 3f2a is unreadable');
    assert.equal(failed.attempt, 1);
    assert.equal(calls, 2);
    assert.ok((await logLines(queue, failed.id)).includes('attempt 1 failed: pack 3f2a is unreadable'));
  });

  test(`${implementation}: a retryable failure is retried with exponential backoff up to the limit`, async (t) => {
    const queue = await openQueue(t, await tempServiceDb(t, engine));
    const starts: number[] = [];
    queue.work('export', async ({ job }) => {
      starts.push(Date.now());
      if (job.attempt < 3) throw new RetryableError(`Graph answered 503 (attempt ${job.attempt})`);
      return { result: 'exported' };
    });
    const { job } = await queue.enqueue('export', {}, { retryDelayMs: 300 });
    const done = await finished(queue, job.id);
    assert.equal(done.attempt, 3);
    assert.equal(done.result, 'exported');
    assert.equal(done.error, null);
    assert.equal(starts.length, 3);
    const [first, second, third] = starts as [number, number, number];
    assert.ok(second - first >= 300, `first retry after ${second - first} ms`);
    assert.ok(third - second >= 600, `second retry after ${third - second} ms`);
    const lines = await logLines(queue, job.id);
    assert.ok(
      lines.includes('attempt 1 failed: Graph answered 503 (attempt 1); retry in 300 ms'),
      lines.join('\n'),
    );
    assert.ok(
      lines.includes('attempt 2 failed: Graph answered 503 (attempt 2); retry in 600 ms'),
      lines.join('\n'),
    );

    let pruneCalls = 0;
    queue.work('prune', async () => {
      pruneCalls++;
      throw new RetryableError('the repository is locked by another prune');
    });
    const prune = await queue.enqueue('prune', {}, { retryLimit: 1, retryDelayMs: 50 });
    const failed = await finished(queue, prune.job.id, 'failed');
    assert.equal(failed.attempt, 2);
    assert.equal(pruneCalls, 2);
    assert.equal(failed.error, 'the repository is locked by another prune');
  });

  test(`${implementation}: cancel stops a queued job at once and a running one through its signal`, async (t) => {
    const database = await tempServiceDb(t, engine);
    const queue = await openQueue(t, database);
    // Cancels come from another connection, as from the API in another process.
    const api = await openQueue(t, await otherConnection(t, database));

    const waiting = await queue.enqueue('restore', { items: 1 }, { runAfter: new Date(Date.now() + 60_000) });
    const cancelledQueued = await api.cancel(waiting.job.id);
    assert.equal(cancelledQueued?.state, 'cancelled');
    assert.ok(cancelledQueued?.finishedAt);

    const reasons: unknown[] = [];
    queue.work('restore', async ({ signal, progress }) => {
      progress({ started: true });
      await aborted(signal);
      reasons.push(signal.reason);
      throw signal.reason;
    });
    const { job } = await queue.enqueue('restore', { items: 2 });
    await waitFor('the restore to run', async () => (await queue.get(job.id))?.progress);
    const requested = await api.cancel(job.id);
    assert.equal(requested?.state, 'running');
    assert.equal(requested?.cancelRequested, true);
    const cancelled = await finished(queue, job.id, 'cancelled');
    assert.equal(cancelled.attempt, 1);
    assert.ok(cancelled.finishedAt);
    assert.equal(reasons.length, 1);
    assert.ok(reasons[0] instanceof JobAbortedError && reasons[0].reason === 'cancelled');
    assert.ok((await logLines(queue, job.id)).includes('cancelled'));

    // The queued job cancelled first never ran; a finished job stays as it is.
    await sleep(300);
    assert.equal(reasons.length, 1);
    assert.equal((await api.cancel(cancelled.id))?.state, 'cancelled');
    assert.equal(await api.cancel('00000000-0000-0000-0000-000000000000'), undefined);
  });

  test(`${implementation}: one job per singleton key while queued or running`, async (t) => {
    const database = await tempServiceDb(t, engine);
    const queue = await openQueue(t, database);
    const other = await openQueue(t, await otherConnection(t, database));
    const key = 'backup:contoso:directory';

    const first = await queue.enqueue('backup', { n: 1 }, { singletonKey: key });
    const second = await queue.enqueue('backup', { n: 2 }, { singletonKey: key });
    assert.equal(first.created, true);
    assert.equal(second.created, false);
    assert.equal(second.job.id, first.job.id);
    assert.deepEqual(second.job.payload, { n: 1 });
    const otherResource = await queue.enqueue('backup', { n: 3 }, { singletonKey: 'backup:contoso:mail' });
    assert.equal(otherResource.created, true);

    // Enqueued at the same moment from two connections: still one job.
    const racing = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        (i % 2 ? queue : other).enqueue('backup', { n: i }, { singletonKey: 'backup:fabrikam:directory' }),
      ),
    );
    assert.equal(new Set(racing.map((r) => r.job.id)).size, 1);
    assert.equal(racing.filter((r) => r.created).length, 1);

    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    queue.work('backup', () => gate);
    await waitFor('the backup to run', async () => (await queue.get(first.job.id))?.state === 'running');
    const whileRunning = await other.enqueue('backup', { n: 4 }, { singletonKey: key });
    assert.equal(whileRunning.job.id, first.job.id);
    assert.equal(whileRunning.job.state, 'running');
    release();
    await finished(queue, first.job.id);
    const afterwards = await queue.enqueue('backup', { n: 5 }, { singletonKey: key });
    assert.equal(afterwards.created, true);
    assert.notEqual(afterwards.job.id, first.job.id);
  });

  test(`${implementation}: an idempotency key always returns the job it made`, async (t) => {
    const database = await tempServiceDb(t, engine);
    const queue = await openQueue(t, database);
    const other = await openQueue(t, await otherConnection(t, database));
    const racing = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        (i % 2 ? queue : other).enqueue('restore', { attempt: i }, { idempotencyKey: 'portal-request-42' }),
      ),
    );
    const ids = new Set(racing.map((r) => r.job.id));
    assert.equal(ids.size, 1);
    assert.equal(racing.filter((r) => r.created).length, 1);
    const [id] = [...ids] as [string];

    queue.work('restore', async () => ({ result: 'restored' }));
    await finished(queue, id);
    const again = await other.enqueue('restore', { attempt: 99 }, { idempotencyKey: 'portal-request-42' });
    assert.equal(again.created, false);
    assert.equal(again.job.id, id);
    assert.equal(again.job.state, 'succeeded');
    assert.equal((await queue.list({ name: 'restore' })).length, 1);
  });

  test(`${implementation}: jobs spread over two workers run exactly once each, within their concurrency`, async (t) => {
    const database = await tempServiceDb(t, engine);
    const workers = [await openQueue(t, database), await openQueue(t, await otherConnection(t, database))];
    const runs = new Map<string, number>();
    let running = 0;
    let mostAtOnce = 0;
    workers.forEach((worker) =>
      worker.work(
        'check',
        async ({ job }) => {
          runs.set(job.id, (runs.get(job.id) ?? 0) + 1);
          mostAtOnce = Math.max(mostAtOnce, ++running);
          await sleep(40);
          running--;
        },
        { concurrency: 2 },
      ),
    );
    const jobs = await Promise.all(
      Array.from({ length: 12 }, (_, i) => workers[i % 2]!.enqueue('check', { i })),
    );
    for (const { job } of jobs) await finished(workers[0]!, job.id);
    assert.deepEqual(
      jobs.map(({ job }) => runs.get(job.id)),
      jobs.map(() => 1),
    );
    assert.ok(mostAtOnce <= 4, `${mostAtOnce} ran at once`);
  });

  test(`${implementation}: more enqueues at once than the connection pool holds all land, for a new job name too`, async (t) => {
    const queue = await openQueue(t, await tempServiceDb(t, engine));
    // More than the pool's connections, each enqueue holding one in its transaction.
    const enqueued = await Promise.race([
      Promise.all(Array.from({ length: 25 }, (_, i) => queue.enqueue('export', { i }))),
      sleep(15_000).then(() => assert.fail('concurrent enqueues did not finish within 15 s')),
    ]);
    assert.equal(new Set(enqueued.map(({ job }) => job.id)).size, 25);
    assert.equal((await queue.list({ name: 'export' })).length, 25);
  });
  test(`${implementation}: a closing worker hands its running job back without using a retry`, async (t) => {
    const database = await tempServiceDb(t, engine);
    const closing = await openQueue(t, database);
    closing.work('backup', async ({ signal }) => {
      await aborted(signal);
      throw signal.reason;
    });
    const { job } = await closing.enqueue('backup', {}, { retryLimit: 0 });
    await waitFor('the backup to run', async () => (await closing.get(job.id))?.state === 'running');
    await closing.close();

    const next = await openQueue(t, await otherConnection(t, database));
    const handedBack = await next.get(job.id);
    assert.equal(handedBack?.state, 'queued');
    assert.equal(handedBack?.attempt, 0);
    next.work('backup', async () => ({ result: 'done' }));
    const done = await finished(next, job.id);
    assert.equal(done.attempt, 1);
    assert.ok((await logLines(next, job.id)).includes('handed back to the queue: the worker is closing'));
  });

  test(`${implementation}: a worker that lost its job stops and leaves it to the new holder`, async (t) => {
    const database = await tempServiceDb(t, engine);
    const queue = await openQueue(t, database);
    const reasons: unknown[] = [];
    queue.work('export', async ({ signal, progress, log }) => {
      await aborted(signal);
      reasons.push(signal.reason);
      progress({ written: 'after losing the job' });
      log('a line after losing the job');
      throw new Error('stopped');
    });
    const { job } = await queue.enqueue('export', {});
    await waitFor('the export to run', async () => (await queue.get(job.id))?.state === 'running');
    // As if its lease had run out while it stalled, and another worker had claimed the job.
    await database.db
      .updateTable('jobs')
      .set((eb) => ({ lease_owner: 'elsewhere:1:abcdef', attempt: eb('attempt', '+', 1) }))
      .where('id', '=', job.id)
      .execute();
    await waitFor('the stalled worker to notice', () => reasons.length === 1);
    assert.ok(reasons[0] instanceof JobAbortedError && reasons[0].reason === 'lease-lost');
    await sleep(200);
    const current = await queue.get(job.id);
    assert.equal(current?.state, 'running');
    assert.equal(current?.worker, 'elsewhere:1:abcdef');
    assert.equal(current?.progress, null);
    assert.deepEqual(
      (await logLines(queue, job.id)).filter((line) => !line.startsWith('attempt 1 of 4 started')),
      [],
    );
  });

  test(`${implementation}: a worker killed mid-job loses it when its lease runs out; another finishes it`, async (t) => {
    const database = await tempServiceDb(t, engine);
    const queue = await openQueue(t, database);
    const { job } = await queue.enqueue('slow', { items: 100 }, { retryDelayMs: 100 });

    const child = spawn(process.execPath, ['--import', 'tsx', WORKER_PROCESS, database.url], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise((resolve) => child.on('exit', resolve));
    t.after(() => child.kill('SIGKILL'));
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    await waitFor(`the worker process to run the job (output: ${output})`, () =>
      output.includes(`running ${job.id}`),
    );
    await waitFor('its progress', async () => (await queue.get(job.id))?.progress);
    child.kill('SIGKILL');
    await exited;
    const killedAt = Date.now();

    let resumedFrom: unknown;
    queue.work('slow', async ({ job: current, progress }) => {
      resumedFrom = current.progress;
      progress({ itemsDone: 100 });
      return { result: { items: 100 } };
    });
    const done = await finished(queue, job.id);
    assert.equal(done.attempt, 2);
    assert.deepEqual(resumedFrom, { itemsDone: 50 }, 'the new attempt sees what the killed one reported');
    assert.deepEqual(done.result, { items: 100 });
    // Not before the killed worker's lease (1.5 s from its last heartbeat) ran out.
    assert.ok(Date.now() - killedAt >= 1_000, `finished ${Date.now() - killedAt} ms after the kill`);
    const lines = await logLines(queue, job.id);
    assert.ok(lines.includes(`half of 100 items done in process ${child.pid}`), lines.join('\n'));
    assert.ok(
      lines.some((line) =>
        /^attempt 1 failed: worker \S+ stopped renewing its lease; retry in 100 ms$/.test(line),
      ),
      lines.join('\n'),
    );
  });
}
