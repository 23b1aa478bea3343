import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { FsBackend } from '../../src/repository/index.js';
import {
  Repository,
  UnsupportedVersionError,
  WrongPasswordError,
  RepositoryExistsError,
} from '../../src/repository/index.js';
import { PASSWORD, randomData, readAll, tempRepository, TEST_OPTIONS } from './support.js';

test('items round-trip with metadata; lookup by path and by id', async (t) => {
  const { repository } = await tempRepository(t);
  const writer = await repository.startSnapshot({ tags: ['daily'], meta: { resource: 'user:1' } });
  const large = randomData('large', 3 * 1024 * 1024);
  await writer.addItem({
    path: 'mail/1.eml',
    id: 'm1',
    metadata: { subject: 'hi' },
    content: Buffer.from('hello'),
  });
  await writer.addItem({
    path: 'files/big.bin',
    id: 'f1',
    content: Readable.from([large.subarray(0, 1000), large.subarray(1000)]),
  });
  await writer.addItem({ path: 'users/u1', id: 'u1', metadata: { displayName: 'Ann' } });
  const snapshot = await writer.commit();
  assert.equal(snapshot.items, 3);
  assert.equal(snapshot.size, 5 + large.length);
  assert.deepEqual(snapshot.tags, ['daily']);

  const reopened = await Repository.open(repository.backend, PASSWORD);
  const [listed] = await reopened.listSnapshots();
  assert.equal(listed?.id, snapshot.id);
  assert.deepEqual(listed?.meta, { resource: 'user:1' });
  assert.equal((await readAll(await reopened.readItem(snapshot.id, 'mail/1.eml'))).toString(), 'hello');
  assert.ok((await readAll(await reopened.readItem(snapshot.id, 'f1'))).equals(large));
  const user = await reopened.findItem(snapshot.id, 'users/u1');
  assert.deepEqual(user.metadata, { displayName: 'Ann' });
  assert.equal(user.content.length, 0);
  const big = await reopened.findItem(snapshot.id, 'files/big.bin');
  assert.ok(big.content.length > 3, 'large content is chunked');
  const paths: string[] = [];
  for await (const item of reopened.items(snapshot.id)) paths.push(item.path);
  assert.deepEqual(paths, ['mail/1.eml', 'files/big.bin', 'users/u1']);
  await assert.rejects(reopened.findItem(snapshot.id, 'nope'), /no item/);
});

test('metadata given as a function is taken once the content has streamed through', async (t) => {
  const { repository } = await tempRepository(t);
  const writer = await repository.startSnapshot({});
  let bytes = 0;
  async function* counted(): AsyncGenerator<Buffer> {
    for (const piece of ['one ', 'two ', 'three']) {
      bytes += piece.length;
      yield Buffer.from(piece);
    }
  }
  const stored = await writer.addItem({
    path: 'day.jsonl',
    id: 'd',
    content: counted(),
    metadata: () => ({ bytes }),
  });
  assert.deepEqual(stored.metadata, { bytes: 13 });
  const snapshot = await writer.commit();
  assert.deepEqual((await repository.findItem(snapshot.id, 'd')).metadata, { bytes: 13 });
});

test('identical content is stored once; a changed large file stores only changed chunks', async (t) => {
  const { repository } = await tempRepository(t);
  const large = randomData('file', 4 * 1024 * 1024);
  const first = await repository.startSnapshot();
  await first.addItem({ path: 'a', id: 'a', content: large });
  await first.addItem({ path: 'b', id: 'b', content: large });
  await first.commit();
  assert.equal(first.stats.reusedBlobs >= first.stats.newBlobs - 2, true);

  const changed = Buffer.from(large);
  randomData('patch', 100).copy(changed, 2 * 1024 * 1024);
  const second = await repository.startSnapshot();
  const item = await second.addItem({ path: 'a', id: 'a', content: changed });
  await second.commit();
  assert.ok(item.content.length > 20);
  // Leaf and lookup blobs are new too; content changes in one or two chunks.
  assert.ok(second.stats.newBlobs <= 5, `new blobs: ${second.stats.newBlobs}`);
  assert.ok(
    (await readAll(await repository.readItem(await repository.resolveSnapshot('latest'), 'a'))).equals(
      changed,
    ),
  );
});

test('existing content can be referenced without re-reading it', async (t) => {
  const { repository } = await tempRepository(t);
  const first = await repository.startSnapshot();
  const stored = await first.addItem({ path: 'x', id: 'x', content: Buffer.from('unchanged') });
  await first.commit();
  const second = await repository.startSnapshot();
  await second.addItem({ path: 'x', id: 'x', existingContent: stored.content });
  await assert.rejects(
    second.addItem({ path: 'y', id: 'y', existingContent: [{ blob: '00'.repeat(32), size: 1 }] }),
    /not in any index/,
  );
  const snapshot = await second.commit();
  assert.equal((await readAll(await repository.readItem(snapshot.id, 'x'))).toString(), 'unchanged');
});

test('two writers fill one snapshot: the content of one goes into the other', async (t) => {
  const { repository } = await tempRepository(t);
  const main = await repository.startSnapshot();
  const side = await repository.startSnapshot();
  const large = randomData('side', 2 * 1024 * 1024);
  // Both write at once, each one item at a time.
  const [, sideItems] = await Promise.all([
    main.addItem({ path: 'main', id: 'main', content: Buffer.from('main content') }),
    Promise.all([side.addItem({ path: 'side', id: 'side', metadata: { day: 1 }, content: large })]),
  ]);
  await assert.rejects(
    main.addItem({ path: 'early', id: 'early', existingContent: sideItems[0]!.content }),
    /not in any index/,
    'content is there for others only once its writer stored it',
  );
  await side.commitContent();
  await assert.rejects(side.addItem({ path: 'late', id: 'late', content: Buffer.from('x') }), /already/);
  for (const item of sideItems) {
    await main.addItem({
      path: item.path,
      id: item.id,
      metadata: item.metadata,
      existingContent: item.content,
    });
  }
  const snapshot = await main.commit();
  assert.equal((await repository.listSnapshots()).length, 1, 'the side writer left no snapshot');
  assert.ok((await readAll(await repository.readItem(snapshot.id, 'side'))).equals(large));
  assert.equal((await readAll(await repository.readItem(snapshot.id, 'main'))).toString(), 'main content');
  assert.deepEqual((await repository.findItem(snapshot.id, 'side'))?.metadata, { day: 1 });
});

test('wrong password is refused and writes nothing', async (t) => {
  const { dir, backend } = await tempRepository(t);
  const before = await listNames(backend);
  await assert.rejects(Repository.open(backend, 'wrong'), WrongPasswordError);
  assert.deepEqual(await listNames(backend), before);
  await assert.rejects(Repository.init(backend, PASSWORD, TEST_OPTIONS), RepositoryExistsError);
  assert.ok(dir);
});

test('a repository of a newer format version is refused with a clear message', async (t) => {
  const { dir, backend } = await tempRepository(t);
  const config = JSON.parse(await readFile(join(dir, 'config'), 'utf8')) as { version: number };
  config.version = 2;
  await writeFile(join(dir, 'config'), JSON.stringify(config));
  await assert.rejects(Repository.open(backend, PASSWORD), (error: Error) => {
    assert.ok(error instanceof UnsupportedVersionError);
    assert.match(error.message, /version 2 is newer than this tenantvault supports \(1\)/);
    return true;
  });
});

test('several passwords open the same repository; changing one keeps the data', async (t) => {
  const { backend, repository } = await tempRepository(t);
  const writer = await repository.startSnapshot();
  await writer.addItem({ path: 'p', id: 'p', content: Buffer.from('data') });
  const snapshot = await writer.commit();
  await repository.addPassword('second', TEST_OPTIONS.scrypt);
  const second = await Repository.open(backend, 'second');
  await second.changePassword('third', TEST_OPTIONS.scrypt);
  await assert.rejects(Repository.open(backend, 'second'), WrongPasswordError);
  const third = await Repository.open(backend, 'third');
  assert.equal((await readAll(await third.readItem(snapshot.id, 'p'))).toString(), 'data');
  await Repository.open(backend, PASSWORD);
});

test('stats count blobs, packs and bytes', async (t) => {
  const { repository } = await tempRepository(t);
  const writer = await repository.startSnapshot();
  for (let i = 0; i < 50; i++) {
    await writer.addItem({ path: `m/${i}`, id: `${i}`, content: Buffer.from(`message ${i} `.repeat(200)) });
  }
  await writer.commit();
  const stats = await repository.stats();
  assert.equal(stats.snapshots, 1);
  assert.ok(stats.blobs >= 52);
  assert.ok(stats.storedBytes < stats.rawBytes, 'compressible text is compressed');
});

async function listNames(backend: FsBackend): Promise<string[]> {
  const names: string[] = [];
  for await (const file of backend.list('')) names.push(file.name);
  return names;
}

test('a pack whose index file was lost is indexed again by the next writer and reused', async (t) => {
  const { dir, repository } = await tempRepository(t);
  const first = await repository.startSnapshot();
  await first.addItem({ path: 'a', id: 'a', content: randomData('orphan', 600_000) });
  await first.abort(); // the full pack was written, the snapshot never

  for (const name of await readdir(join(dir, 'index'))) await rm(join(dir, 'index', name));
  const second = await (await Repository.open(repository.backend, PASSWORD)).startSnapshot();
  await second.addItem({ path: 'a', id: 'a', content: randomData('orphan', 600_000) });
  await second.commit();
  assert.ok(second.stats.reusedBlobs >= 1);
  assert.ok(second.stats.bytesUploaded < 300_000, `uploaded ${second.stats.bytesUploaded}`);
});

test('index files of many small backups are merged once they pass the threshold', async (t) => {
  const { dir, repository } = await tempRepository(t);
  const counts: number[] = [];
  for (let i = 0; i < 65; i++) {
    const writer = await repository.startSnapshot();
    await writer.addItem({ path: `p${i}`, id: `${i}`, content: Buffer.from(`content ${i}`) });
    await writer.commit();
    counts.push((await readdir(join(dir, 'index'))).length);
  }
  // One whole-range file per backup (its pack) until there are more than 64, then one merged file.
  assert.deepEqual(
    counts.slice(0, 64),
    Array.from({ length: 64 }, (_, i) => i + 1),
  );
  assert.equal(counts[64], 1);
  const reopened = await Repository.open(repository.backend, PASSWORD);
  const latest = await reopened.resolveSnapshot('latest');
  assert.equal((await readAll(await reopened.readItem(latest, 'p64'))).toString(), 'content 64');
  assert.deepEqual((await reopened.check()).errors, []);
});
