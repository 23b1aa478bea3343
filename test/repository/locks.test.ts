// Writers and prune coordinate through locks only; several writers never block each other.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { FsBackend, Repository, RepositoryLockedError } from '../../src/repository/index.js';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runCli } from '../support/cli.js';
import { PASSWORD, randomData, readAll, tempDir, tempRepository } from './support.js';

test('several writers at once, sharing content, each commit a complete snapshot', async (t) => {
  const { backend, repository } = await tempRepository(t);
  const shared = randomData('shared', 300_000);
  const writers = await Promise.all(
    [0, 1, 2].map(() => Repository.open(backend, PASSWORD).then((r) => r.startSnapshot())),
  );
  await Promise.all(
    writers.map(async (writer, w) => {
      for (let i = 0; i < 30; i++) {
        await writer.addItem({
          path: `w${w}/${i}`,
          id: `${w}-${i}`,
          content: randomData(`${w}-${i}`, 20_000),
        });
        if (i === 10) await writer.addItem({ path: `w${w}/shared`, id: `${w}-shared`, content: shared });
      }
      await writer.commit();
    }),
  );
  const snapshots = await repository.listSnapshots();
  assert.equal(snapshots.length, 3);
  assert.deepEqual((await repository.check({ readData: true })).errors, []);
  for (const snapshot of snapshots) {
    const [first] = await collect(repository.items(snapshot.id));
    const content = await readAll(await repository.readItem(snapshot.id, first!.path));
    assert.equal(content.length, 20_000);
  }
});

test('several writer processes back up into one repository at once', async (t) => {
  const root = await tempDir(t);
  const repo = join(root, 'repo');
  const env = { TENANTVAULT_PASSWORD: PASSWORD, TENANTVAULT_REPO: repo };
  assert.equal((await runCli(['repo', 'init', '--pack-size', '256KiB'], { env })).code, 0);
  const sources = [0, 1, 2].map((n) => join(root, `source-${n}`));
  for (const [n, source] of sources.entries()) {
    await mkdir(source);
    for (let i = 0; i < 20; i++) await writeFile(join(source, `${i}.bin`), randomData(`${n}-${i}`, 40_000));
    await writeFile(join(source, 'shared.bin'), randomData('shared', 100_000));
  }
  const results = await Promise.all(sources.map((source) => runCli(['repo', 'backup-dir', source], { env })));
  assert.deepEqual(
    results.map((r) => r.code),
    [0, 0, 0],
    results.map((r) => r.stderr).join('\n'),
  );
  const repository = await Repository.open(new FsBackend(repo), PASSWORD);
  assert.equal((await repository.listSnapshots()).length, 3);
  assert.deepEqual((await repository.check({ readData: true })).errors, []);
});

test('prune waits for a live backup; afterwards it frees forgotten data and keeps the new snapshot', async (t) => {
  const { repository } = await tempRepository(t);
  const old = await repository.startSnapshot();
  await old.addItem({ path: 'old', id: 'old', content: randomData('old', 600_000) });
  await old.commit();

  const writer = await repository.startSnapshot();
  await writer.addItem({ path: 'new', id: 'new', content: randomData('new', 600_000) });
  await repository.forget({ last: 1 }); // forgets nothing yet: the writer has not committed
  await assert.rejects(repository.prune({ graceMs: 0 }), RepositoryLockedError);
  const fresh = await writer.commit();

  assert.deepEqual((await repository.forget({ last: 1 })).removed.length, 1);
  const result = await repository.prune({ graceMs: 0 });
  assert.ok(result.packsDeleted >= 1);
  assert.ok(result.bytesFreed >= 600_000);
  assert.deepEqual((await repository.check({ readData: true })).errors, []);
  assert.ok((await readAll(await repository.readItem(fresh.id, 'new'))).equals(randomData('new', 600_000)));
});

test('the grace period protects young unreferenced packs from prune', async (t) => {
  const { repository } = await tempRepository(t);
  const writer = await repository.startSnapshot();
  await writer.addItem({ path: 'x', id: 'x', content: randomData('x', 600_000) });
  await writer.abort(); // packs written, never referenced
  const report = await repository.check();
  assert.deepEqual(report.errors, [], 'unreferenced packs are not errors');
  assert.ok(report.notes.some((note) => /hold nothing any snapshot uses/.test(note)));
  const result = await repository.prune(); // default grace: one hour
  assert.equal(result.packsDeleted, 0);
  assert.equal((await repository.prune({ graceMs: 0 })).packsDeleted > 0, true);
});

test('a stale lock of a dead writer does not block prune, which removes it', async (t) => {
  const timings = { refreshMs: 50, staleAfterMs: 300 };
  const { backend } = await tempRepository(t);
  const dead = await Repository.open(backend, PASSWORD, {
    lockTimings: { refreshMs: 60_000, staleAfterMs: 300 },
  });
  await dead.startSnapshot(); // never refreshed within 300 ms: behaves like a killed process
  const live = await Repository.open(backend, PASSWORD, { lockTimings: timings });
  await assert.rejects(live.prune({ graceMs: 0 }), RepositoryLockedError);
  await sleep(400);
  const result = await live.prune({ graceMs: 0 });
  assert.equal(result.staleLocksRemoved, 1);
});

test('a writer whose lock went stale refuses to commit', async (t) => {
  const { backend } = await tempRepository(t);
  const slow = await Repository.open(backend, PASSWORD, {
    lockTimings: { refreshMs: 60_000, staleAfterMs: 200 },
  });
  const writer = await slow.startSnapshot();
  await writer.addItem({ path: 'x', id: 'x', content: Buffer.from('x') });
  await sleep(300);
  await assert.rejects(writer.commit(), /lost the repository lock/);
  assert.deepEqual(await slow.listSnapshots(), []);
});

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

test('prune repacks a pack that is mostly unused and keeps what is still needed', async (t) => {
  const { repository } = await tempRepository(t);
  const first = await repository.startSnapshot();
  const kept = await first.addItem({ path: 'kept', id: 'kept', content: randomData('kept', 100_000) });
  await first.addItem({ path: 'dropped', id: 'dropped', content: randomData('dropped', 300_000) });
  await first.commit();
  const second = await repository.startSnapshot();
  await second.addItem({ path: 'kept', id: 'kept', existingContent: kept.content });
  const latest = await second.commit();
  await repository.forget({ last: 1 });
  const before = await repository.stats();

  const result = await repository.prune({ graceMs: 0 });
  assert.equal(result.packsRepacked, 1);
  assert.ok(result.bytesFreed >= 300_000);
  assert.ok((await repository.stats()).storedBytes < before.storedBytes - 300_000);
  assert.deepEqual((await repository.check({ readData: true })).errors, []);
  assert.ok(
    (await readAll(await repository.readItem(latest.id, 'kept'))).equals(randomData('kept', 100_000)),
  );
});
