// Where every blob is: index files map blob id -> pack, offset, length. Each file's
// entries are a sorted array of fixed-size records searched in place, so a repository
// of millions of blobs loads without building a map. See docs/repository-format.md.
import type { Backend } from './backend.js';
import { listAll } from './backend.js';
import { CorruptFileError, MissingFileError } from './errors.js';
import { sealPayload, sha256, unsealPayload, type RepositoryKeys } from './crypto.js';
import type { BlobType } from './pack.js';
import { packIdOfFile, readPackHeader, type PackedBlob } from './pack.js';

export interface BlobLocation {
  pack: string;
  type: BlobType;
  offset: number;
  length: number;
  rawLength: number;
}

export interface IndexedPack {
  id: string;
  blobs: PackedBlob[];
}

interface IndexFile {
  name: string;
  packs: string[];
  /** `count` records of RECORD_LENGTH bytes, sorted by blob id. */
  records: Buffer;
  count: number;
}

const MAGIC = Buffer.from('TVIX');
const VERSION = 1;
const PREAMBLE = 13;
const RECORD_LENGTH = 49;
/** A writer merges index files once a lookup would load more than this many. */
export const COMPACT_THRESHOLD = 64;
/**
 * Compacted files hold this many entries each, so one lookup loads about 800 KB (a
 * million blobs make 62 files; reading one item loads two or three of them).
 */
const ENTRIES_PER_RANGED_FILE = 16_384;
/** Runs of ranged files (one per compaction) that may overlap before all are merged into one. */
const MAX_RUNS = 4;
const PARALLEL_READS = 8;

export function indexFileName(name: string): string {
  return `index/${name}`;
}

/** An index body with its preamble and pack list written; records go from `recordsStart`. */
function newIndexBody(packs: string[], count: number): { body: Buffer; recordsStart: number } {
  const recordsStart = PREAMBLE + packs.length * 32;
  const body = Buffer.alloc(recordsStart + count * RECORD_LENGTH);
  MAGIC.copy(body, 0);
  body.writeUInt8(VERSION, 4);
  body.writeUInt32LE(packs.length, 5);
  body.writeUInt32LE(count, 9);
  packs.forEach((pack, number) => body.write(pack, PREAMBLE + number * 32, 'hex'));
  return { body, recordsStart };
}

function encodeIndex(packs: IndexedPack[]): Buffer {
  const count = packs.reduce((sum, pack) => sum + pack.blobs.length, 0);
  const order: { id: Buffer; pack: number; blob: PackedBlob }[] = [];
  packs.forEach((pack, number) =>
    pack.blobs.forEach((blob) => order.push({ id: blob.id, pack: number, blob })),
  );
  order.sort((a, b) => Buffer.compare(a.id, b.id));
  const { body, recordsStart } = newIndexBody(
    packs.map((pack) => pack.id),
    count,
  );
  let position = recordsStart;
  for (const { id, pack, blob } of order) {
    id.copy(body, position);
    body.writeUInt8(blob.type, position + 32);
    body.writeUInt32LE(pack, position + 33);
    body.writeUInt32LE(blob.offset, position + 37);
    body.writeUInt32LE(blob.length, position + 41);
    body.writeUInt32LE(blob.rawLength, position + 45);
    position += RECORD_LENGTH;
  }
  return body;
}

/** `<hash>` covers every blob id; `<lo>-<hi>-<hash>` only ids whose first 4 bytes (hex) lie in [lo, hi]. */
function parseIndexName(name: string): { hash: string; range?: [string, string] } {
  const ranged = /^([0-9a-f]{8})-([0-9a-f]{8})-([0-9a-f]{64})$/.exec(name);
  return ranged ? { hash: ranged[3]!, range: [ranged[1]!, ranged[2]!] } : { hash: name };
}

function covers(name: string, idPrefix: string): boolean {
  const { range } = parseIndexName(name);
  return range === undefined || (range[0] <= idPrefix && idPrefix <= range[1]);
}

function decodeIndex(keys: RepositoryKeys, name: string, data: Buffer): IndexFile {
  if (sha256(data).toString('hex') !== parseIndexName(name).hash)
    throw new CorruptFileError(indexFileName(name), 'content does not match its name (SHA-256)');
  return parseIndexBody(name, unsealPayload(keys, data, indexFileName(name)));
}

function parseIndexBody(name: string, body: Buffer): IndexFile {
  const file = indexFileName(name);
  if (body.length < PREAMBLE || !body.subarray(0, 4).equals(MAGIC))
    throw new CorruptFileError(file, 'not an index');
  if (body.readUInt8(4) > VERSION) throw new CorruptFileError(file, 'index version is unknown');
  const packCount = body.readUInt32LE(5);
  const count = body.readUInt32LE(9);
  const recordsStart = PREAMBLE + packCount * 32;
  if (body.length !== recordsStart + count * RECORD_LENGTH)
    throw new CorruptFileError(file, 'index has the wrong size');
  const packs: string[] = [];
  for (let i = 0; i < packCount; i++)
    packs.push(body.toString('hex', PREAMBLE + i * 32, PREAMBLE + (i + 1) * 32));
  return { name, packs, records: body.subarray(recordsStart), count };
}

/** The most ranged files that cover one blob id prefix: how many runs of compaction overlap. */
function rangedDepth(files: IndexFile[]): number {
  const events: [string, number][] = [];
  for (const file of files) {
    const { range } = parseIndexName(file.name);
    if (range) events.push([range[0], 1], [range[1], -1]);
  }
  // Ranges are inclusive: at one prefix, starts count before ends.
  events.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : b[1] - a[1]));
  let depth = 0;
  let deepest = 0;
  for (const [, step] of events) deepest = Math.max(deepest, (depth += step));
  return deepest;
}

export class BlobIndex {
  private files: IndexFile[] = [];
  private listing: Promise<string[]> | undefined;
  private readonly loads = new Map<string, Promise<void>>();
  /** Index files that could not be read, by name. */
  readonly unreadable = new Map<string, string>();

  constructor(
    private readonly backend: Backend,
    private readonly keys: RepositoryKeys,
    /** Entries per ranged file that compaction writes (smaller in tests). */
    private readonly entriesPerFile = ENTRIES_PER_RANGED_FILE,
  ) {}

  private names(): Promise<string[]> {
    this.listing ??= listAll(this.backend, 'index/').then((files) =>
      files.map((file) => file.name.slice('index/'.length)),
    );
    return this.listing;
  }

  /**
   * Lists the index files again at the next load: a long-lived reader then finds blobs
   * of snapshots committed after it opened.
   */
  forgetListing(): void {
    this.listing = undefined;
  }

  /** Loads every index file once; damaged files are skipped and listed in `unreadable`. */
  async load(): Promise<void> {
    await this.loadFiles(await this.names());
  }

  /** Loads only the index files that can hold `id` (all whole-range files, one ranged file). */
  async loadFor(id: Buffer): Promise<void> {
    const prefix = id.toString('hex', 0, 4);
    await this.loadFiles((await this.names()).filter((name) => covers(name, prefix)));
  }

  private async loadFiles(names: string[]): Promise<void> {
    const todo = names.filter((name) => !this.loads.has(name));
    const queue = [...todo];
    const worker = async () => {
      for (let name = queue.shift(); name !== undefined; name = queue.shift()) {
        try {
          this.files.push(decodeIndex(this.keys, name, await this.backend.get(indexFileName(name))));
        } catch (error) {
          // A file merged away by a concurrent compaction is simply gone.
          if (error instanceof MissingFileError) continue;
          if (!(error instanceof CorruptFileError)) throw error;
          this.unreadable.set(indexFileName(name), error.message);
        }
      }
    };
    const batch = Promise.all(Array.from({ length: PARALLEL_READS }, worker)).then(() => undefined);
    for (const name of todo) this.loads.set(name, batch);
    await Promise.all(names.map((name) => this.loads.get(name)));
  }

  get fileCount(): number {
    return this.files.length;
  }

  find(id: Buffer): BlobLocation | undefined {
    // Most steps of a search are decided by the first 4 bytes, read without a call into C++.
    const key = id.readUInt32BE(0);
    for (const file of this.files) {
      const records = file.records;
      let low = 0;
      let high = file.count - 1;
      while (low <= high) {
        const middle = (low + high) >>> 1;
        const start = middle * RECORD_LENGTH;
        const prefix = records.readUInt32BE(start);
        const order = prefix !== key ? prefix - key : records.compare(id, 0, 32, start, start + 32);
        if (order < 0) low = middle + 1;
        else if (order > 0) high = middle - 1;
        else return locationOf(file, start);
      }
    }
    return undefined;
  }

  has(id: Buffer): boolean {
    return this.find(id) !== undefined;
  }

  /** Every pack named by a loaded index file. */
  packIds(): Set<string> {
    return new Set(this.files.flatMap((file) => file.packs));
  }

  /** Every indexed pack with its blobs (one entry per pack, however many files name it). */
  packs(): Map<string, PackedBlob[]> {
    const packs = new Map<string, Map<string, PackedBlob>>();
    for (const file of this.files) {
      for (let i = 0; i < file.count; i++) {
        const start = i * RECORD_LENGTH;
        const location = locationOf(file, start);
        const id = Buffer.from(file.records.subarray(start, start + 32));
        let blobs = packs.get(location.pack);
        if (!blobs) packs.set(location.pack, (blobs = new Map()));
        blobs.set(id.toString('hex'), { id, ...location });
      }
    }
    return new Map(
      [...packs].map(([pack, blobs]) => [pack, [...blobs.values()].sort((a, b) => a.offset - b.offset)]),
    );
  }

  /** Writes one whole-range index file for `packs` and starts using it. */
  write(packs: IndexedPack[]): Promise<string> {
    return this.writeBody(encodeIndex(packs));
  }

  /** Seals and uploads an index body, then uses it; `range` is the blob id range it holds. */
  private async writeBody(body: Buffer, range?: [string, string]): Promise<string> {
    // Random ids do not compress; storing raw saves the attempt.
    const data = sealPayload(this.keys, body, false);
    const hash = sha256(data).toString('hex');
    const name = range ? `${range[0]}-${range[1]}-${hash}` : hash;
    await this.backend.put(indexFileName(name), data);
    this.files.push(parseIndexBody(name, body));
    this.loads.set(name, Promise.resolve());
    return name;
  }

  /**
   * Merges index files when a reader's first lookup would load too much: more
   * whole-range entries than one ranged file holds, or more than COMPACT_THRESHOLD files.
   * The whole-range files become one more run of ranged files; once MAX_RUNS runs
   * overlap, every file is merged into one run instead. Returns whether it merged.
   */
  async compactIfNeeded(): Promise<boolean> {
    const whole = this.files.filter((file) => parseIndexName(file.name).range === undefined);
    const wholeEntries = whole.reduce((sum, file) => sum + file.count, 0);
    const depth = rangedDepth(this.files);
    if (whole.length + depth <= COMPACT_THRESHOLD && wholeEntries <= this.entriesPerFile) return false;
    await this.merge(depth < MAX_RUNS ? whole : [...this.files]);
    return true;
  }

  /** Merges every loaded index file into one run of ranged files, leaving out `dropped` packs (prune). */
  rewrite(dropped: ReadonlySet<string>): Promise<void> {
    return this.merge([...this.files], dropped);
  }

  /**
   * Replaces `inputs` by ranged files holding their entries (one entry per blob id) in id
   * order. Every new file is durable before any input is deleted, so a crash in between
   * leaves duplicates only, and a reader that listed the inputs finds the new files when
   * it lists again. Only files this index loaded are deleted: never one it has not read.
   */
  private async merge(inputs: IndexFile[], dropped: ReadonlySet<string> = new Set()): Promise<void> {
    const run = new RangedFileBuilder(this.entriesPerFile);
    const written = new Set<string>();
    let last: { records: Buffer; start: number } | undefined;
    for (const { file, start } of mergedRecords(inputs)) {
      const pack = packOf(file, start);
      if (dropped.has(pack)) continue;
      // Duplicates (a blob in two files) are adjacent in id order: keep the first.
      if (last && last.records.compare(file.records, start, start + 32, last.start, last.start + 32) === 0)
        continue;
      last = { records: file.records, start };
      run.add(file.records, start, pack);
      if (run.full) written.add(await this.writeBody(...run.take()));
    }
    if (!run.empty) written.add(await this.writeBody(...run.take()));
    const replaced = new Set(inputs);
    this.files = this.files.filter((file) => !replaced.has(file));
    // An input identical to a new file has the same name: it stays.
    for (const file of inputs)
      if (!written.has(file.name)) await this.backend.delete(indexFileName(file.name));
  }

  /**
   * Indexes complete packs that no index names (their writer died before writing the
   * index), so their blobs are reused. Packs whose header cannot be read are left to check.
   */
  async indexOrphanPacks(): Promise<string[]> {
    const known = this.packIds();
    const orphans: IndexedPack[] = [];
    for (const file of await listAll(this.backend, 'data/')) {
      const id = packIdOfFile(file.name);
      if (!id || known.has(id)) continue;
      try {
        orphans.push({ id, blobs: await readPackHeader(this.backend, this.keys, file.name, file.size) });
      } catch (error) {
        if (!(error instanceof CorruptFileError || error instanceof MissingFileError)) throw error;
      }
    }
    if (orphans.length > 0) await this.write(orphans);
    return orphans.map((pack) => pack.id);
  }
}

function packOf(file: IndexFile, start: number): string {
  const pack = file.packs[file.records.readUInt32LE(start + 33)];
  if (pack === undefined)
    throw new CorruptFileError(indexFileName(file.name), 'entry names a pack out of range');
  return pack;
}

function locationOf(file: IndexFile, start: number): BlobLocation {
  const records = file.records;
  return {
    pack: packOf(file, start),
    type: records.readUInt8(start + 32) as BlobType,
    offset: records.readUInt32LE(start + 37),
    length: records.readUInt32LE(start + 41),
    rawLength: records.readUInt32LE(start + 45),
  };
}

/** The records of several sorted index files in blob id order (a k-way merge on a heap). */
function* mergedRecords(files: IndexFile[]): Generator<{ file: IndexFile; start: number }> {
  interface Cursor {
    file: IndexFile;
    start: number;
    end: number;
    /** The id's first 4 bytes: most comparisons end there. */
    key: number;
  }
  const before = (a: Cursor, b: Cursor) =>
    a.key !== b.key
      ? a.key < b.key
      : a.file.records.compare(b.file.records, b.start, b.start + 32, a.start, a.start + 32) < 0;
  const heap: Cursor[] = files
    .filter((file) => file.count > 0)
    .map((file) => ({ file, start: 0, end: file.count * RECORD_LENGTH, key: file.records.readUInt32BE(0) }));
  const siftDown = (from: number) => {
    for (let i = from; ;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let smallest = i;
      if (left < heap.length && before(heap[left]!, heap[smallest]!)) smallest = left;
      if (right < heap.length && before(heap[right]!, heap[smallest]!)) smallest = right;
      if (smallest === i) return;
      [heap[i], heap[smallest]] = [heap[smallest]!, heap[i]!];
      i = smallest;
    }
  };
  for (let i = (heap.length >> 1) - 1; i >= 0; i--) siftDown(i);
  while (heap.length > 0) {
    const top = heap[0]!;
    yield { file: top.file, start: top.start };
    top.start += RECORD_LENGTH;
    if (top.start < top.end) top.key = top.file.records.readUInt32BE(top.start);
    else {
      const lastCursor = heap.pop()!;
      if (heap.length === 0) return;
      heap[0] = lastCursor;
    }
    siftDown(0);
  }
}

/** Collects merged records into ranged index files of up to `capacity` entries. */
class RangedFileBuilder {
  private readonly records: Buffer;
  private count = 0;
  /** Pack id -> its number in the file being built, in order of first use. */
  private readonly packs = new Map<string, number>();

  constructor(private readonly capacity: number) {
    this.records = Buffer.allocUnsafe(capacity * RECORD_LENGTH);
  }

  get full(): boolean {
    return this.count === this.capacity;
  }

  get empty(): boolean {
    return this.count === 0;
  }

  add(source: Buffer, start: number, pack: string): void {
    let number = this.packs.get(pack);
    if (number === undefined) this.packs.set(pack, (number = this.packs.size));
    const position = this.count * RECORD_LENGTH;
    source.copy(this.records, position, start, start + RECORD_LENGTH);
    this.records.writeUInt32LE(number, position + 33);
    this.count += 1;
  }

  /** The file collected so far (body and blob id range); the next one starts empty. */
  take(): [Buffer, [string, string]] {
    const { body, recordsStart } = newIndexBody([...this.packs.keys()], this.count);
    this.records.copy(body, recordsStart, 0, this.count * RECORD_LENGTH);
    const lastStart = (this.count - 1) * RECORD_LENGTH;
    const range: [string, string] = [
      this.records.toString('hex', 0, 4),
      this.records.toString('hex', lastStart, lastStart + 4),
    ];
    this.count = 0;
    this.packs.clear();
    return [body, range];
  }
}
