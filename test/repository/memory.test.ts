// A large stream goes in and out with bounded memory: never held whole.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { tempRepository } from './support.js';

const STREAM_BYTES = 320 * 1024 * 1024;
// Measured growth is ~150-175 MiB for 128 MiB to 512 MiB streams (packs, chunk buffers and
// not-yet-collected garbage); a stream larger than the limit proves it is not held whole.
const ALLOWED_GROWTH = 200 * 1024 * 1024;

function generated(hash: ReturnType<typeof createHash>): Readable {
  let produced = 0;
  return new Readable({
    read() {
      if (produced >= STREAM_BYTES) return void this.push(null);
      const piece = randomBytes(256 * 1024);
      produced += piece.length;
      hash.update(piece);
      this.push(piece);
    },
  });
}

test('writing and reading a 320 MiB item keeps memory bounded', async (t) => {
  // Real chunk and pack sizes (1 MiB average chunks, 16 MiB packs), not the small test ones.
  const { repository } = await tempRepository(t, { chunker: undefined, packSize: undefined });
  const baseline = process.memoryUsage().rss;
  let peak = baseline;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
  t.after(() => clearInterval(sampler));

  const written = createHash('sha256');
  const writer = await repository.startSnapshot();
  await writer.addItem({ path: 'huge.bin', id: 'huge', content: generated(written) });
  const snapshot = await writer.commit();
  assert.equal(snapshot.size, STREAM_BYTES);

  const read = createHash('sha256');
  for await (const piece of await repository.readItem(snapshot.id, 'huge.bin')) read.update(piece as Buffer);
  clearInterval(sampler);
  assert.equal(read.digest('hex'), written.digest('hex'));
  const growth = peak - baseline;
  assert.ok(growth < ALLOWED_GROWTH, `rss grew by ${Math.round(growth / 1024 / 1024)} MiB`);
});
