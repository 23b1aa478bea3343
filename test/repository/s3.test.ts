// The S3 backend against a real S3-compatible server (s3rver) on 127.0.0.1.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import S3rver from 's3rver';
import { Repository, S3Backend } from '../../src/repository/index.js';
import { PASSWORD, randomData, readAll, tempDir, TEST_OPTIONS } from './support.js';

async function startS3(t: Parameters<typeof tempDir>[0]): Promise<string> {
  const server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory: await tempDir(t),
    configureBuckets: [{ name: 'backups', configs: [] }],
  });
  const address = await server.run();
  t.after(() => server.close());
  return `http://127.0.0.1:${address.port}`;
}

const credentials = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

test('a repository on S3: write, read, check, forget and prune; packs use multipart upload', async (t) => {
  const endpoint = await startS3(t);
  const backend = new S3Backend({
    bucket: 'backups',
    prefix: 'tenants/contoso',
    endpoint,
    credentials,
    multipartThreshold: 256 * 1024,
    partSize: 128 * 1024,
  });
  t.after(() => backend.destroy());
  const repository = await Repository.init(backend, PASSWORD, TEST_OPTIONS);
  const large = randomData('s3', 2 * 1024 * 1024);
  const writer = await repository.startSnapshot({ tags: ['s3'] });
  await writer.addItem({ path: 'big', id: 'big', content: large });
  for (let i = 0; i < 100; i++)
    await writer.addItem({ path: `small/${i}`, id: `s${i}`, content: Buffer.from(`item ${i}`) });
  const first = await writer.commit();
  assert.ok(writer.stats.packs >= 3);

  const reopened = await Repository.open(backend, PASSWORD);
  assert.ok((await readAll(await reopened.readItem(first.id, 'big'))).equals(large));
  assert.equal((await readAll(await reopened.readItem(first.id, 's42'))).toString(), 'item 42');
  const report = await reopened.check({ readData: true });
  assert.deepEqual(report.errors, []);
  assert.ok(report.counts.blobsVerified > 100);

  const second = await reopened.startSnapshot();
  await second.addItem({ path: 'only', id: 'only', content: Buffer.from('left') });
  const kept = await second.commit();
  const forgotten = await reopened.forget({ last: 1 });
  assert.deepEqual(forgotten.removed, [first.id]);
  const pruned = await reopened.prune({ graceMs: 0 });
  assert.ok(pruned.packsDeleted >= 3);
  assert.deepEqual((await reopened.check({ readData: true })).errors, []);
  assert.equal((await readAll(await reopened.readItem(kept.id, 'only'))).toString(), 'left');
  await assert.rejects(Repository.open(backend, 'wrong'), /wrong password/);
});
