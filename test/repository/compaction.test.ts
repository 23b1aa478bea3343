// Index compaction at the end of a backup: many per-pack index files become a few ranged
// ones, without losing an entry to concurrent writers, readers or a crash.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { Repository, type SnapshotWriter } from '../../src/repository/index.js';
import { PASSWORD, randomData, readAll, tempRepository } from './support.js';

/** Small ranged files, so a few thousand blobs make many of them. */
const ENTRIES = 100;
const ITEM_SIZE = 2000;

const RANGED = /^[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{64}$/;

async function indexFiles(dir: string): Promise<{ ranged: string[]; whole: string[] }> {
  const names = (await readdir(join(dir, 'index'))).filter((name) => !name.includes('.tmp-'));
  return {
    ranged: names.filter((name) => RANGED.test(name)),
    whole: names.filter((name) => !RANGED.test(name)),
  };
}

async function addItems(writer: SnapshotWriter, seed: string, count: number): Promise<void> {
  for (let i = 0; i < count; i++)
    await writer.addItem({
      path: `${seed}/${i}`,
      id: `${seed}-${i}`,
      content: randomData(`${seed} ${i}`, ITEM_SIZE),
    });
}

async function assertReadsBack(repository: Repository, snapshot: string, seed: string, count: number) {
  for (let i = 0; i < count; i += 37) {
    const content = await readAll(await repository.readItem(snapshot, `${seed}/${i}`));
    assert.ok(content.equals(randomData(`${seed} ${i}`, ITEM_SIZE)), `${seed}/${i} reads back`);
  }
}

test('a backup that writes many index files ends with a few ranged ones', async (t) => {
  const { dir, backend } = await tempRepository(t);
  const repository = await Repository.open(backend, PASSWORD, { indexFileEntries: ENTRIES });
  const writer = await repository.startSnapshot();
  await addItems(writer, 'big', 1500);
  const snapshot = await writer.commit();

  const after = await indexFiles(dir);
  assert.ok(writer.stats.packs >= 4, `packs, each with its index file: ${writer.stats.packs}`);
  assert.deepEqual(after.whole, [], 'every per-pack index file was merged');
  const blobs = (await repository.stats()).blobs;
  assert.equal(after.ranged.length, Math.ceil(blobs / ENTRIES));

  // A fresh reader finds items through the ranged files alone.
  const reader = await Repository.open(backend, PASSWORD);
  await assertReadsBack(reader, snapshot.id, 'big', 1500);
  const report = await reader.check({ readData: true });
  assert.deepEqual(report.errors, []);
  assert.deepEqual(report.notes, []);
});

test('writers running while another compacts lose nothing and still reuse its blobs', async (t) => {
  const { dir, backend } = await tempRepository(t);
  const open = () => Repository.open(backend, PASSWORD, { indexFileEntries: ENTRIES });
  const early = await (await open()).startSnapshot(); // lists the index before anything below exists
  const concurrent = await (await open()).startSnapshot();
  const compacting = await (await open()).startSnapshot();
  await Promise.all([addItems(concurrent, 'concurrent', 600), addItems(compacting, 'compacting', 1200)]);
  await addItems(early, 'early', 100);
  const compacted = await compacting.commit();
  assert.ok((await indexFiles(dir)).ranged.length > 0, 'the commit compacted');

  // Content of the compacted snapshot, whose per-pack index files are gone, is found by
  // a writer that listed the index before they were written.
  const reused = await (await open()).findItem(compacted.id, 'compacting/5');
  await early.addItem({ path: 'reused', id: 'reused', existingContent: reused.content });
  const [concurrentSnapshot, earlySnapshot] = await Promise.all([concurrent.commit(), early.commit()]);

  const reader = await Repository.open(backend, PASSWORD);
  const report = await reader.check({ readData: true });
  assert.deepEqual(report.errors, []);
  assert.deepEqual(report.notes, [], 'every pack is indexed');
  await assertReadsBack(reader, compacted.id, 'compacting', 1200);
  await assertReadsBack(reader, concurrentSnapshot.id, 'concurrent', 600);
  await assertReadsBack(reader, earlySnapshot.id, 'early', 100);
  const content = await readAll(await reader.readItem(earlySnapshot.id, 'reused'));
  assert.ok(content.equals(randomData('compacting 5', ITEM_SIZE)));
});

test('a reader that listed index files a full merge deletes still finds every blob', async (t) => {
  const { dir, backend } = await tempRepository(t);
  // Files of 10 entries: the reader's first item loads a few of them, not all.
  const open = () => Repository.open(backend, PASSWORD, { indexFileEntries: 10 });
  const snapshots: string[] = [];
  // Each backup merges its own index files into one more run of ranged files.
  for (const seed of ['a', 'b', 'c', 'd']) {
    const writer = await (await open()).startSnapshot();
    await addItems(writer, seed, 150);
    snapshots.push((await writer.commit()).id);
  }
  const reader = await open();
  await assertReadsBack(reader, snapshots[0]!, 'a', 1); // lists the index, loads a few files
  const listed = (await indexFiles(dir)).ranged;

  // Four runs overlap: the next backup merges every file into one run.
  const writer = await (await open()).startSnapshot();
  await addItems(writer, 'e', 150);
  await writer.commit();
  const now = (await indexFiles(dir)).ranged;
  assert.deepEqual(
    listed.filter((name) => now.includes(name)),
    [],
    'every file the reader listed is gone',
  );

  for (const [i, seed] of ['a', 'b', 'c', 'd'].entries())
    await assertReadsBack(reader, snapshots[i]!, seed, 150);
});

// The child writes a first snapshot, then a second whose compaction it dies in: SIGKILL
// once the third new ranged index file is written, before any old file is deleted.
const CHILD = `
import { FsBackend, Repository } from ${JSON.stringify(new URL('../../src/repository/index.ts', import.meta.url).href)};
import { randomData } from ${JSON.stringify(new URL('./support.ts', import.meta.url).href)};
const [dir, password, entries, size] = process.argv.slice(1);
let armed = false;
let ranged = 0;
class DyingBackend extends FsBackend {
  async put(name, data) {
    await super.put(name, data);
    if (armed && /^index\\/[0-9a-f]{8}-/.test(name) && ++ranged === 3) process.kill(process.pid, 'SIGKILL');
  }
}
const repository = await Repository.open(new DyingBackend(dir), password, { indexFileEntries: Number(entries) });
for (const [seed, count] of [['first', 300], ['second', 1500]]) {
  const writer = await repository.startSnapshot();
  for (let i = 0; i < count; i++)
    await writer.addItem({ path: seed + '/' + i, id: seed + '-' + i, content: randomData(seed + ' ' + i, Number(size)) });
  armed = seed === 'second';
  await writer.commit();
}
`;

test('SIGKILL mid-compaction leaves a repository check passes, with every blob still indexed', async (t) => {
  const { dir, backend } = await tempRepository(t);
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      '--input-type=module',
      '-e',
      CHILD,
      dir,
      PASSWORD,
      String(ENTRIES),
      String(ITEM_SIZE),
    ],
    { stdio: ['ignore', 'inherit', 'inherit'] },
  );
  const signal = await new Promise((resolve) => child.on('exit', (_code, killedBy) => resolve(killedBy)));
  assert.equal(signal, 'SIGKILL');

  const left = await indexFiles(dir);
  assert.ok(left.whole.length > 0, 'the second backup’s per-pack index files are still there');
  assert.ok(left.ranged.length >= 3, 'next to the first new ranged files');
  const repository = await Repository.open(backend, PASSWORD, { indexFileEntries: ENTRIES });
  const snapshots = await repository.listSnapshots();
  assert.equal(snapshots.length, 1, 'the second snapshot was never committed');
  const report = await repository.check({ readData: true });
  assert.deepEqual(report.errors, []);
  assert.deepEqual(
    report.notes.filter((note) => note.includes('not indexed')),
    [],
    'every pack is indexed',
  );
  await assertReadsBack(repository, snapshots[0]!.id, 'first', 300);

  // Backing the second set up again stores no content: every blob the killed writer packed is found.
  const writer = await repository.startSnapshot();
  await addItems(writer, 'second', 1500);
  const second = await writer.commit();
  assert.equal(writer.stats.newBlobs, 0, `new blobs: ${writer.stats.newBlobs}`);
  assert.deepEqual((await indexFiles(dir)).whole, []);
  const reader = await Repository.open(backend, PASSWORD);
  assert.deepEqual((await reader.check({ readData: true })).errors, []);
  await assertReadsBack(reader, second.id, 'second', 1500);
});
