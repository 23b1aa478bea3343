// The S3 backend against a real S3-compatible server (s3rver) on 127.0.0.1.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import S3rver from 's3rver';
import { Repository, S3Backend } from '../../src/repository/index.js';
import { runCli } from '../support/cli.js';
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

test('the CLI reaches S3 through --repo s3://bucket/prefix and TENANTVAULT_S3_ENDPOINT', async (t) => {
  const endpoint = await startS3(t);
  const source = await tempDir(t);
  await writeFile(join(source, 'note.txt'), 'stored on S3');
  const env = {
    TENANTVAULT_PASSWORD: PASSWORD,
    TENANTVAULT_S3_ENDPOINT: endpoint,
    AWS_ACCESS_KEY_ID: credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
    AWS_REGION: 'us-east-1',
  };
  const repo = ['--repo', 's3://backups/cli'];
  for (const args of [['init'], ['backup-dir', source], ['check', '--read-data']]) {
    const result = await runCli(['repo', ...args, ...repo], { env });
    assert.equal(result.code, 0, result.stderr);
  }
  const cat = await runCli(['repo', 'cat', 'latest', 'note.txt', ...repo], { env });
  assert.equal(cat.stdout, 'stored on S3');
});
