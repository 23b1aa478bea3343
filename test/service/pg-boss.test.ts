// What only the scale-out queue has: pg-boss deliveries. One fetched by a process that
// died before claiming its job is delivered again, and the job runs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import PgBoss from 'pg-boss';
import { openQueue, tempServiceDb, waitFor } from './support.js';

test('a delivery fetched by a process that died before claiming is delivered again', async (t) => {
  const database = await tempServiceDb(t, 'postgres');
  const queue = await openQueue(t, database, { maintenanceIntervalSeconds: 1, deliveryExpirySeconds: 1 });
  const { job } = await queue.enqueue('check', { repository: 'contoso' });

  // The dying process: it fetches the delivery and is gone before it claims the job.
  const dying = new PgBoss({ connectionString: database.url, schedule: false, supervise: false });
  await dying.start();
  const [lost] = await dying.fetch<{ jobId: string }>('check');
  await dying.stop({ graceful: false });
  assert.equal(lost?.data.jobId, job.id);
  assert.equal((await queue.get(job.id))?.state, 'queued');

  queue.work('check', async () => ({ result: 'ok' }));
  const done = await waitFor('the job to run', async () => {
    const current = await queue.get(job.id);
    return current?.state === 'succeeded' ? current : undefined;
  });
  assert.equal(done.attempt, 1);
  assert.equal(done.result, 'ok');
});
