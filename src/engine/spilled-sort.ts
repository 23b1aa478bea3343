// Sorting more records than should be held in memory: records are kept up to a byte
// bound, then sorted and written as a run to a temp file, and read back as one merged,
// ascending stream. Runs hold tenant data, so each is encrypted (AES-256-GCM, a key that
// lives only in this object's memory) in blocks that are authenticated before a record is
// read. A process killed mid-sort leaves files nobody can read; a finished or failed sort
// removes its own.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { mkdtemp, open, rm, type FileHandle } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface SortCodec<T> {
  /** Ascending order; records that compare equal are one record, yielded once. */
  compare(a: T, b: T): number;
  /** About how many bytes of memory the record holds. */
  size(record: T): number;
  encode(record: T): Buffer;
  decode(bytes: Buffer): T;
}

export interface SpilledSortOptions {
  /** Records held in memory before they are written out as a sorted run. */
  memoryBytes: number;
  /** Where runs are written (the system's temp directory by default). */
  directory?: string;
}

const BLOCK_BYTES = 64 * 1024;
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
const LENGTH_BYTES = 4;
/** Blocks are about BLOCK_BYTES, more only for one large record; a longer length is damage. */
const MAX_BLOCK_BYTES = 256 * 1024 * 1024;

export class SpilledSort<T> {
  private held: T[] = [];
  private heldBytes = 0;
  private readonly runs: string[] = [];
  private directory: string | undefined;
  private readonly key = randomBytes(32);

  constructor(
    private readonly codec: SortCodec<T>,
    private readonly options: SpilledSortOptions,
  ) {}

  /** How many runs went to disk so far. */
  get spilledRuns(): number {
    return this.runs.length;
  }

  async add(record: T): Promise<void> {
    this.held.push(record);
    this.heldBytes += this.codec.size(record);
    if (this.heldBytes >= this.options.memoryBytes) await this.spill();
  }

  /** Every record added, ascending, each once. The sort is spent afterwards: call dispose(). */
  async *sorted(): AsyncGenerator<T> {
    const inMemory = this.held.sort((a, b) => this.codec.compare(a, b));
    this.held = [];
    this.heldBytes = 0;
    const sources: Source<T>[] = [arraySource(inMemory)];
    try {
      for (const path of this.runs) sources.push(await RunReader.open(path, this.key, this.codec));
      let last: T | undefined;
      for await (const record of merged(sources, this.codec.compare)) {
        if (last !== undefined && this.codec.compare(last, record) === 0) continue;
        last = record;
        yield record;
      }
    } finally {
      await Promise.all(sources.map((source) => source.close()));
    }
  }

  /** Removes the runs written to disk. */
  async dispose(): Promise<void> {
    this.held = [];
    this.heldBytes = 0;
    if (this.directory) await rm(this.directory, { recursive: true, force: true });
    this.directory = undefined;
    this.runs.length = 0;
  }

  private async spill(): Promise<void> {
    const records = this.held.sort((a, b) => this.codec.compare(a, b));
    this.held = [];
    this.heldBytes = 0;
    this.directory ??= await mkdtemp(join(this.options.directory ?? tmpdir(), 'tenantvault-sort-'));
    const path = join(this.directory, `run-${this.runs.length}`);
    const file = await open(path, 'wx', 0o600);
    this.runs.push(path);
    try {
      let block: Buffer[] = [];
      let blockBytes = 0;
      const flush = async () => {
        await file.write(sealBlock(this.key, Buffer.concat(block, blockBytes)));
        block = [];
        blockBytes = 0;
      };
      for (const record of records) {
        const bytes = this.codec.encode(record);
        const length = Buffer.allocUnsafe(LENGTH_BYTES);
        length.writeUInt32BE(bytes.length);
        block.push(length, bytes);
        blockBytes += LENGTH_BYTES + bytes.length;
        if (blockBytes >= BLOCK_BYTES) await flush();
      }
      if (blockBytes > 0) await flush();
    } finally {
      await file.close();
    }
  }
}

/** A block on disk: its length, then nonce, tag and ciphertext. */
function sealBlock(key: Buffer, plaintext: Buffer): Buffer {
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  const length = Buffer.allocUnsafe(LENGTH_BYTES);
  length.writeUInt32BE(NONCE_BYTES + TAG_BYTES + body.length);
  return Buffer.concat([length, nonce, cipher.getAuthTag(), body]);
}

function openBlock(key: Buffer, sealed: Buffer, path: string): Buffer {
  const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, NONCE_BYTES));
  decipher.setAuthTag(sealed.subarray(NONCE_BYTES, NONCE_BYTES + TAG_BYTES));
  try {
    return Buffer.concat([decipher.update(sealed.subarray(NONCE_BYTES + TAG_BYTES)), decipher.final()]);
  } catch {
    throw new Error(`${path}: a sort run was altered on disk`);
  }
}

interface Source<T> {
  next(): Promise<T | undefined>;
  close(): Promise<void>;
}

function arraySource<T>(records: T[]): Source<T> {
  let index = 0;
  return {
    next: () => Promise.resolve(records[index++]),
    close: () => Promise.resolve(),
  };
}

/** One run read back a block at a time. */
class RunReader<T> implements Source<T> {
  private position = 0;
  private block: Buffer = Buffer.alloc(0);
  private offset = 0;

  private constructor(
    private readonly file: FileHandle,
    private readonly path: string,
    private readonly key: Buffer,
    private readonly codec: SortCodec<T>,
  ) {}

  static async open<T>(path: string, key: Buffer, codec: SortCodec<T>): Promise<RunReader<T>> {
    return new RunReader(await open(path, 'r'), path, key, codec);
  }

  async next(): Promise<T | undefined> {
    if (this.offset >= this.block.length && !(await this.readBlock())) return undefined;
    const length = this.block.readUInt32BE(this.offset);
    const start = this.offset + LENGTH_BYTES;
    this.offset = start + length;
    return this.codec.decode(this.block.subarray(start, this.offset));
  }

  close(): Promise<void> {
    return this.file.close();
  }

  private async readBlock(): Promise<boolean> {
    const header = Buffer.alloc(LENGTH_BYTES);
    const { bytesRead } = await this.file.read(header, 0, LENGTH_BYTES, this.position);
    if (bytesRead === 0) return false;
    const length = bytesRead === LENGTH_BYTES ? header.readUInt32BE() : 0;
    if (length < NONCE_BYTES + TAG_BYTES || length > MAX_BLOCK_BYTES)
      throw new Error(`${this.path}: a sort run was damaged on disk`);
    const sealed = Buffer.alloc(length);
    const body = await this.file.read(sealed, 0, length, this.position + LENGTH_BYTES);
    if (body.bytesRead < length) throw new Error(`${this.path}: a sort run was cut short on disk`);
    this.position += LENGTH_BYTES + length;
    this.block = openBlock(this.key, sealed, this.path);
    this.offset = 0;
    return true;
  }
}

/** The sources' records in one ascending order (each source ascending), through a binary heap. */
async function* merged<T>(sources: Source<T>[], compare: (a: T, b: T) => number): AsyncGenerator<T> {
  const heap: { record: T; source: Source<T> }[] = [];
  const less = (i: number, j: number) => compare(heap[i]!.record, heap[j]!.record) < 0;
  const swap = (i: number, j: number) => ([heap[i], heap[j]] = [heap[j]!, heap[i]!]);
  const push = (entry: { record: T; source: Source<T> }) => {
    heap.push(entry);
    for (let i = heap.length - 1; i > 0 && less(i, (i - 1) >> 1); i = (i - 1) >> 1) swap(i, (i - 1) >> 1);
  };
  const siftDown = () => {
    for (let i = 0; ;) {
      const [left, right] = [2 * i + 1, 2 * i + 2];
      let smallest = i;
      if (left < heap.length && less(left, smallest)) smallest = left;
      if (right < heap.length && less(right, smallest)) smallest = right;
      if (smallest === i) return;
      swap(i, smallest);
      i = smallest;
    }
  };
  for (const source of sources) {
    const record = await source.next();
    if (record !== undefined) push({ record, source });
  }
  while (heap.length > 0) {
    const top = heap[0]!;
    yield top.record;
    const record = await top.source.next();
    if (record !== undefined) {
      top.record = record;
    } else {
      const last = heap.pop()!;
      if (heap.length === 0) break;
      heap[0] = last;
    }
    siftDown();
  }
}
