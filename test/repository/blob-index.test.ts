import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { BlobIndex } from '../../src/repository/blob-index.js';
import { deriveKeys } from '../../src/repository/crypto.js';
import { BlobType } from '../../src/repository/pack.js';
import { FsBackend } from '../../src/repository/index.js';
import { tempDir } from './support.js';

function blobWithPrefix(firstByte: number) {
  const id = randomBytes(32);
  id[0] = firstByte;
  return { id, type: BlobType.data, offset: 0, length: 100, rawLength: 70 };
}

test('a reader loads only the range files that can hold the blob it looks up', async (t) => {
  const backend = new FsBackend(await tempDir(t));
  const keys = deriveKeys(randomBytes(32));
  const writer = new BlobIndex(backend, keys, 1);
  const low = blobWithPrefix(0x10);
  const high = blobWithPrefix(0xf0);
  const recent = blobWithPrefix(0x80);
  await writer.write([{ id: 'aa'.repeat(32), blobs: [low] }]);
  await writer.write([{ id: 'bb'.repeat(32), blobs: [high] }]);
  await writer.rewrite(new Set()); // two ranged files, one id each
  await writer.write([{ id: 'cc'.repeat(32), blobs: [recent] }]); // whole-range, as writers write them

  const reader = new BlobIndex(backend, keys);
  await reader.loadFor(high.id);
  assert.equal(reader.fileCount, 2, 'the covering range file and the whole-range file');
  assert.equal(reader.find(high.id)?.pack, 'bb'.repeat(32));
  assert.equal(reader.find(recent.id)?.pack, 'cc'.repeat(32));
  assert.equal(reader.find(low.id), undefined, 'not loaded yet');
  await reader.loadFor(low.id);
  assert.equal(reader.find(low.id)?.pack, 'aa'.repeat(32));
  assert.equal(reader.fileCount, 3);
});
