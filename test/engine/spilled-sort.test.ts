// The spilled sort against real temp files: many runs merged in order with duplicates
// dropped, runs unreadable without the sort's key, damage refused, and nothing left behind.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { SpilledSort, type SortCodec } from '../../src/engine/spilled-sort.js';
import { tempDir } from '../catalog/support.js';

interface Entry {
  key: number;
  text: string;
}

const CODEC: SortCodec<Entry> = {
  compare: (a, b) => a.key - b.key,
  size: (entry) => entry.text.length + 16,
  encode: ({ key, text }) => Buffer.concat([Buffer.from(`${key}\t`), Buffer.from(text)]),
  decode: (bytes) => {
    const [key, text] = bytes.toString().split('\t') as [string, string];
    return { key: Number(key), text };
  },
};

async function drain<T>(records: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const record of records) out.push(record);
  return out;
}

async function runFiles(directory: string): Promise<string[]> {
  const sorts = await readdir(directory);
  const files = await Promise.all(
    sorts.map(async (sort) =>
      (await readdir(join(directory, sort))).map((run) => join(directory, sort, run)),
    ),
  );
  return files.flat();
}

test('records beyond the memory bound are sorted in runs and merged, each once', async (t) => {
  const directory = await tempDir(t);
  const sort = new SpilledSort(CODEC, { memoryBytes: 4096, directory });
  // Keys in descending blocks, as Graph lists logs newest first, with repeats across runs.
  const keys = Array.from({ length: 3000 }, (_, index) => (index * 7919) % 2000);
  for (const key of keys) await sort.add({ key, text: `entry ${key} ${'x'.repeat(key % 300)}` });
  assert.ok(sort.spilledRuns > 10, `${sort.spilledRuns} runs`);
  const files = await runFiles(directory);
  assert.equal(files.length, sort.spilledRuns);
  for (const file of files) assert.equal((await stat(file)).mode & 0o777, 0o600, file);

  const sorted = await drain(sort.sorted());
  assert.deepEqual(
    sorted.map(({ key }) => key),
    [...new Set(keys)].sort((a, b) => a - b),
  );
  for (const { key, text } of sorted) assert.equal(text, `entry ${key} ${'x'.repeat(key % 300)}`);
  await sort.dispose();
  assert.deepEqual(await readdir(directory), []);
});

test('a sort that fits in memory writes nothing to disk', async (t) => {
  const directory = await tempDir(t);
  const sort = new SpilledSort(CODEC, { memoryBytes: 1 << 20, directory });
  for (const key of [3, 1, 2, 1]) await sort.add({ key, text: String(key) });
  assert.deepEqual(
    (await drain(sort.sorted())).map(({ key }) => key),
    [1, 2, 3],
  );
  assert.equal(sort.spilledRuns, 0);
  assert.deepEqual(await readdir(directory), []);
  await sort.dispose();
});

test('runs on disk hold no plaintext, and a damaged or cut run is refused by name', async (t) => {
  for (const damage of ['flip', 'cut'] as const) {
    const directory = await tempDir(t);
    const sort = new SpilledSort(CODEC, { memoryBytes: 1024, directory });
    const marker = randomBytes(8).toString('hex');
    for (let key = 0; key < 200; key++) await sort.add({ key, text: `${marker} ${'y'.repeat(40)}` });
    const [file] = await runFiles(directory);
    const bytes = await readFile(file!);
    assert.ok(!bytes.includes(marker), 'the run is encrypted');
    if (damage === 'flip') bytes[bytes.length - 3]! ^= 0x20;
    await writeFile(file!, damage === 'flip' ? bytes : bytes.subarray(0, bytes.length - 10));
    await assert.rejects(drain(sort.sorted()), (error: Error) => {
      assert.match(error.message, new RegExp(`${file}: a sort run was (altered|cut short) on disk`));
      return true;
    });
    await sort.dispose();
    assert.deepEqual(await readdir(directory), [], 'a failed sort removes its runs too');
  }
});
