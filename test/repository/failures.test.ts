// A backend that fails mid-write (a full disk, an S3 outage): the backup fails cleanly,
// the repository stays consistent, and the next backup succeeds.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FsBackend, Repository, type Backend } from '../../src/repository/index.js';
import { PASSWORD, randomData, tempRepository } from './support.js';

/** Passes calls through to a real backend until `budget` bytes were written, then fails like ENOSPC. */
function failingAfter(inner: Backend, budget: number): Backend {
  let written = 0;
  return {
    location: inner.location,
    put: async (name, data) => {
      written += data.length;
      if (written > budget)
        throw Object.assign(new Error(`ENOSPC: no space left on device, write '${name}'`), {
          code: 'ENOSPC',
        });
      await inner.put(name, data);
    },
    get: (name) => inner.get(name),
    getRange: (name, offset, length) => inner.getRange(name, offset, length),
    list: (prefix) => inner.list(prefix),
    stat: (name) => inner.stat(name),
    delete: (name) => inner.delete(name),
    removeIncomplete: (olderThan) => inner.removeIncomplete(olderThan),
  };
}

test('a write failure mid-backup fails cleanly and leaves a consistent repository', async (t) => {
  const { dir } = await tempRepository(t);
  const full = await Repository.open(failingAfter(new FsBackend(dir), 3 * 1024 * 1024), PASSWORD);
  const writer = await full.startSnapshot();
  await assert.rejects(async () => {
    for (let i = 0; i < 20; i++)
      await writer.addItem({ path: `f${i}`, id: `${i}`, content: randomData(`f${i}`, 512 * 1024) });
    await writer.commit();
  }, /ENOSPC/);
  await writer.abort();

  const repository = await Repository.open(new FsBackend(dir), PASSWORD);
  assert.deepEqual(await repository.listSnapshots(), []);
  assert.deepEqual((await repository.check({ readData: true })).errors, []);
  const retry = await repository.startSnapshot();
  for (let i = 0; i < 20; i++)
    await retry.addItem({ path: `f${i}`, id: `${i}`, content: randomData(`f${i}`, 512 * 1024) });
  await retry.commit();
  assert.ok(retry.stats.reusedBlobs > 0, 'blobs of packs completed before the failure are reused');
  assert.deepEqual((await repository.check()).errors, []);
});
