import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { Chunker } from '../../src/repository/chunker.js';
import { randomData } from './support.js';

const parameters = { min: 16 * 1024, avg: 64 * 1024, max: 256 * 1024 };
const chunker = new Chunker(parameters, Buffer.alloc(32, 7));

async function split(data: Buffer, pieceSize: number): Promise<Buffer[]> {
  const pieces: Buffer[] = [];
  for (let offset = 0; offset < data.length; offset += pieceSize)
    pieces.push(data.subarray(offset, offset + pieceSize));
  const chunks: Buffer[] = [];
  for await (const chunk of chunker.split(Readable.from(pieces))) chunks.push(Buffer.from(chunk));
  return chunks;
}

test('chunks cover the stream exactly, within the size limits, whatever the input piece size', async () => {
  const data = randomData('chunks', 3 * 1024 * 1024 + 123);
  const bySmallPieces = await split(data, 1000);
  const byLargePieces = await split(data, 1024 * 1024);
  assert.ok(Buffer.concat(bySmallPieces).equals(data));
  assert.deepEqual(
    bySmallPieces.map((c) => c.length),
    byLargePieces.map((c) => c.length),
  );
  for (const chunk of bySmallPieces.slice(0, -1)) {
    assert.ok(chunk.length >= parameters.min && chunk.length <= parameters.max);
  }
  const average = data.length / bySmallPieces.length;
  assert.ok(average > parameters.avg / 2 && average < parameters.avg * 2, `average chunk ${average}`);
});

test('inserting bytes near the start changes only the chunks around the insertion', async () => {
  const data = randomData('shift', 2 * 1024 * 1024);
  const shifted = Buffer.concat([data.subarray(0, 5000), Buffer.from('inserted bytes'), data.subarray(5000)]);
  const before = new Set((await split(data, 65536)).map((c) => c.toString('base64')));
  const after = await split(shifted, 65536);
  const changed = after.filter((c) => !before.has(c.toString('base64')));
  assert.ok(changed.length <= 2, `${changed.length} of ${after.length} chunks changed`);
});

test('the gear table is keyed: another key cuts elsewhere', async () => {
  const data = randomData('keyed', 1024 * 1024);
  const other = new Chunker(parameters, Buffer.alloc(32, 8));
  assert.notEqual(chunker.cut(data), other.cut(data));
});
