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
/** A writer merges index files once there are more than this many. */
export const COMPACT_THRESHOLD = 64;
/** Compacted files hold this many entries each, so one lookup loads about 3 MB. */
const ENTRIES_PER_RANGED_FILE = 65_536;
const PARALLEL_READS = 8;

export function indexFileName(name: string): string {
  return `index/${name}`;
}

function encodeIndex(keys: RepositoryKeys, packs: IndexedPack[]): { hash: string; data: Buffer } {
  const count = packs.reduce((sum, pack) => sum + pack.blobs.length, 0);
  const order: { id: Buffer; pack: number; blob: PackedBlob }[] = [];
  packs.forEach((pack, number) =>
    pack.blobs.forEach((blob) => order.push({ id: blob.id, pack: number, blob })),
  );
  order.sort((a, b) => Buffer.compare(a.id, b.id));
  const body = Buffer.alloc(PREAMBLE + packs.length * 32 + count * RECORD_LENGTH);
  MAGIC.copy(body, 0);
  body.writeUInt8(VERSION, 4);
  body.writeUInt32LE(packs.length, 5);
  body.writeUInt32LE(count, 9);
  packs.forEach((pack, number) => body.write(pack.id, PREAMBLE + number * 32, 'hex'));
  let position = PREAMBLE + packs.length * 32;
  for (const { id, pack, blob } of order) {
    id.copy(body, position);
    body.writeUInt8(blob.type, position + 32);
    body.writeUInt32LE(pack, position + 33);
    body.writeUInt32LE(blob.offset, position + 37);
    body.writeUInt32LE(blob.length, position + 41);
    body.writeUInt32LE(blob.rawLength, position + 45);
    position += RECORD_LENGTH;
  }
  // Random ids do not compress; storing raw saves the attempt.
  const data = sealPayload(keys, body, false);
  return { hash: sha256(data).toString('hex'), data };
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
  const file = indexFileName(name);
  if (sha256(data).toString('hex') !== parseIndexName(name).hash)
    throw new CorruptFileError(file, 'content does not match its name (SHA-256)');
  const body = unsealPayload(keys, data, file);
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

export class BlobIndex {
  private files: IndexFile[] = [];
  private listing: Promise<string[]> | undefined;
  private readonly loads = new Map<string, Promise<void>>();
  /** Index files that could not be read, by name. */
  readonly unreadable = new Map<string, string>();

  constructor(
    private readonly backend: Backend,
    private readonly keys: RepositoryKeys,
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
    for (const file of this.files) {
      let low = 0;
      let high = file.count - 1;
      while (low <= high) {
        const middle = (low + high) >>> 1;
        const start = middle * RECORD_LENGTH;
        const order = file.records.compare(id, 0, 32, start, start + 32);
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

  /** Writes one index file for `packs` and starts using it; `ranged` names its id range. */
  async write(packs: IndexedPack[], ranged = false): Promise<string> {
    const { hash, data } = encodeIndex(this.keys, packs);
    let name = hash;
    if (ranged) {
      const prefixes = packs
        .flatMap((pack) => pack.blobs.map((blob) => blob.id.toString('hex', 0, 4)))
        .sort();
      name = `${prefixes[0]}-${prefixes.at(-1)}-${hash}`;
    }
    await this.backend.put(indexFileName(name), data);
    this.files.push(decodeIndex(this.keys, name, data));
    this.loads.set(name, Promise.resolve());
    return name;
  }

  /**
   * Replaces every loaded index file by files covering exactly `packs`, split by blob id
   * range so a reader loads only the part it needs. New files first, then the old ones
   * are deleted, so a crash in between leaves duplicates only.
   */
  async replaceAll(packs: IndexedPack[]): Promise<void> {
    const old = this.files.map((file) => file.name);
    this.files = [];
    const entries = packs
      .flatMap((pack) => pack.blobs.map((blob) => ({ pack: pack.id, blob })))
      .sort((a, b) => Buffer.compare(a.blob.id, b.blob.id));
    for (let start = 0; start < entries.length; start += ENTRIES_PER_RANGED_FILE) {
      const byPack = new Map<string, PackedBlob[]>();
      for (const { pack, blob } of entries.slice(start, start + ENTRIES_PER_RANGED_FILE)) {
        const blobs = byPack.get(pack);
        if (blobs) blobs.push(blob);
        else byPack.set(pack, [blob]);
      }
      await this.write(
        [...byPack].map(([id, blobs]) => ({ id, blobs })),
        true,
      );
    }
    const kept = new Set(this.files.map((file) => file.name));
    for (const name of old) if (!kept.has(name)) await this.backend.delete(indexFileName(name));
  }

  /** Merges many small index files into few (a writer does this when they pile up). */
  async compactIfNeeded(): Promise<boolean> {
    if (this.files.length <= COMPACT_THRESHOLD) return false;
    const packs = this.packs();
    await this.replaceAll([...packs].map(([id, blobs]) => ({ id, blobs })));
    return true;
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

function locationOf(file: IndexFile, start: number): BlobLocation {
  const records = file.records;
  const pack = file.packs[records.readUInt32LE(start + 33)];
  if (pack === undefined)
    throw new CorruptFileError(indexFileName(file.name), 'entry names a pack out of range');
  return {
    pack,
    type: records.readUInt8(start + 32) as BlobType,
    offset: records.readUInt32LE(start + 37),
    length: records.readUInt32LE(start + 41),
    rawLength: records.readUInt32LE(start + 45),
  };
}
