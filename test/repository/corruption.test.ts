// Damaged files of every kind: check names each one, and items stored elsewhere stay readable.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, readdir, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CorruptFileError, FsBackend, Repository } from '../../src/repository/index.js';
import { PASSWORD, randomData, readAll, tempRepository, TEST_OPTIONS } from './support.js';

async function filesIn(dir: string, sub: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(join(dir, sub), { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) out.push(join(entry.parentPath, entry.name).slice(dir.length + 1));
  }
  return out.sort();
}

async function flipByte(path: string, fromEnd = 100): Promise<void> {
  const data = await readFile(path);
  const at = Math.max(0, data.length - fromEnd);
  data[at] = data[at]! ^ 0xff;
  await writeFile(path, data);
}

/** Two snapshots whose content lives in separate packs (one pack per snapshot). */
async function twoSnapshots(t: Parameters<typeof tempRepository>[0]) {
  const setup = await tempRepository(t, { packSize: 4 * 1024 * 1024 });
  const first = await setup.repository.startSnapshot();
  await first.addItem({ path: 'one', id: '1', content: randomData('one', 100_000) });
  const a = await first.commit();
  const packsOfA = await filesIn(setup.dir, 'data');
  const second = await setup.repository.startSnapshot();
  await second.addItem({ path: 'two', id: '2', content: randomData('two', 100_000) });
  const b = await second.commit();
  const packOfB = (await filesIn(setup.dir, 'data')).find((file) => !packsOfA.includes(file))!;
  return { ...setup, a, b, packOfA: packsOfA[0]!, packOfB };
}

async function checkErrors(dir: string, readData = false) {
  const repository = await Repository.open(new FsBackend(dir), PASSWORD);
  return (await repository.check({ readData })).errors;
}

test('a healthy repository checks clean, with and without reading data', async (t) => {
  const { dir } = await twoSnapshots(t);
  assert.deepEqual(await checkErrors(dir), []);
  assert.deepEqual(await checkErrors(dir, true), []);
});

test('a bit-flipped pack is named by check --read-data; other items still read', async (t) => {
  const { dir, packOfB, a, b } = await twoSnapshots(t);
  await flipByte(join(dir, packOfB), 5000);
  const errors = await checkErrors(dir, true);
  assert.ok(
    errors.some((e) => e.file === packOfB),
    JSON.stringify(errors),
  );
  assert.ok(
    errors.some((e) => e.file === `snapshots/${b.id}`),
    'the snapshot using it is named too',
  );
  const repository = await Repository.open(new FsBackend(dir), PASSWORD);
  assert.ok((await readAll(await repository.readItem(a.id, 'one'))).equals(randomData('one', 100_000)));
  await assert.rejects(async () => readAll(await repository.readItem(b.id, 'two')), CorruptFileError);
});

test('a truncated pack is named by check without reading data', async (t) => {
  const { dir, packOfA, a } = await twoSnapshots(t);
  const size = (await readFile(join(dir, packOfA))).length;
  await truncate(join(dir, packOfA), size - 10);
  const errors = await checkErrors(dir);
  assert.ok(
    errors.some((e) => e.file === packOfA && /bytes, its index says/.test(e.message)),
    JSON.stringify(errors),
  );
  assert.ok(errors.some((e) => e.file === `snapshots/${a.id}`));
});

test('a missing pack is named', async (t) => {
  const { dir, packOfA } = await twoSnapshots(t);
  await rm(join(dir, packOfA));
  const errors = await checkErrors(dir);
  assert.ok(errors.some((e) => e.file === packOfA && /missing/.test(e.message)));
});

test('a bit-flipped index file is named; items stay readable through the other index', async (t) => {
  const { dir, b } = await twoSnapshots(t);
  const indexes = await filesIn(dir, 'index');
  await flipByte(join(dir, indexes[0]!), 10);
  const errors = await checkErrors(dir);
  assert.ok(
    errors.some((e) => e.file === indexes[0]),
    JSON.stringify(errors),
  );
  // The damaged index's pack is still found (by its header) when a writer starts.
  const repository = await Repository.open(new FsBackend(dir), PASSWORD);
  const writer = await repository.startSnapshot();
  await writer.addItem({ path: 'three', id: '3', content: Buffer.from('three') });
  await writer.commit();
  assert.ok(await repository.findItem(b.id, 'two'));
});

test('a bit-flipped snapshot is named; other snapshots list and read', async (t) => {
  const { dir, a, b } = await twoSnapshots(t);
  await flipByte(join(dir, 'snapshots', a.id), 20);
  const errors = await checkErrors(dir);
  assert.ok(
    errors.some((e) => e.file === `snapshots/${a.id}`),
    JSON.stringify(errors),
  );
  const repository = await Repository.open(new FsBackend(dir), PASSWORD);
  assert.deepEqual(
    (await repository.listSnapshots()).map((s) => s.id),
    [b.id],
  );
  assert.ok((await readAll(await repository.readItem(b.id, 'two'))).equals(randomData('two', 100_000)));
});

test('a damaged key file is named; the repository opens with another key', async (t) => {
  const { dir, repository } = await twoSnapshots(t);
  const extra = await repository.addPassword('other', TEST_OPTIONS.scrypt);
  await writeFile(join(dir, extra), '{"not": "a key"}');
  const errors = await checkErrors(dir);
  assert.deepEqual(
    errors.map((e) => e.file),
    [extra],
  );
});

test('a modified config is refused by name', async (t) => {
  const { dir } = await twoSnapshots(t);
  const config = JSON.parse(await readFile(join(dir, 'config'), 'utf8')) as { packSize: number };
  config.packSize = 1;
  await writeFile(join(dir, 'config'), JSON.stringify(config));
  await assert.rejects(checkErrors(dir), /config is corrupt/);
  await writeFile(join(dir, 'config'), 'garbage');
  await assert.rejects(checkErrors(dir), /config is corrupt: not valid JSON/);
});

test('a damaged lock file is named', async (t) => {
  const { dir } = await twoSnapshots(t);
  await mkdir(join(dir, 'locks'), { recursive: true });
  await writeFile(join(dir, 'locks', 'ab'.repeat(16)), 'garbage');
  const errors = await checkErrors(dir);
  assert.deepEqual(
    errors.map((e) => e.file),
    [`locks/${'ab'.repeat(16)}`],
  );
});
