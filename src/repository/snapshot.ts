// Snapshot manifests and their item lists: leaves (JSON arrays of items) and lookup
// blobs (sorted key -> leaf records). See docs/repository-format.md, "Snapshots".
import { CorruptFileError, ItemNotFoundError } from './errors.js';
import { sealPayload, sha256, unsealPayload, type RepositoryKeys } from './crypto.js';

export const MANIFEST_VERSION = 1;
export const LOOKUP_RECORDS_PER_BLOB = 65_536;
export const LOOKUP_RECORD_LENGTH = 8;

/** One piece of an item's content: a data blob and its uncompressed size. */
export interface ContentRef {
  blob: string;
  size: number;
}

export interface SnapshotItem {
  path: string;
  id: string;
  /** JSON the writer attached; the repository gives it no meaning. */
  metadata: unknown;
  size: number;
  content: ContentRef[];
}

export interface Manifest {
  version: number;
  time: string;
  hostname: string;
  tags: string[];
  meta: Record<string, unknown>;
  items: number;
  size: number;
  leaves: string[];
  lookup: { first: number; blob: string }[];
}

export interface SnapshotSummary extends Omit<Manifest, 'version' | 'leaves' | 'lookup'> {
  id: string;
}

export function snapshotFileName(id: string): string {
  return `snapshots/${id}`;
}

export function encodeManifest(keys: RepositoryKeys, manifest: Manifest): { id: string; data: Buffer } {
  const data = sealPayload(keys, Buffer.from(JSON.stringify(manifest)));
  return { id: sha256(data).toString('hex'), data };
}

export function decodeManifest(keys: RepositoryKeys, id: string, data: Buffer): Manifest {
  const file = snapshotFileName(id);
  if (sha256(data).toString('hex') !== id)
    throw new CorruptFileError(file, 'content does not match its name (SHA-256)');
  let manifest: Manifest;
  try {
    manifest = JSON.parse(unsealPayload(keys, data, file).toString('utf8')) as Manifest;
  } catch (error) {
    if (error instanceof SyntaxError) throw new CorruptFileError(file, 'not valid JSON');
    throw error;
  }
  if (manifest.version > MANIFEST_VERSION)
    throw new CorruptFileError(file, `manifest version ${manifest.version} is unknown`);
  if (!Array.isArray(manifest.leaves) || !Array.isArray(manifest.lookup)) {
    throw new CorruptFileError(file, 'not a snapshot manifest');
  }
  return manifest;
}

export function summaryOf(id: string, manifest: Manifest): SnapshotSummary {
  const { time, hostname, tags, meta, items, size } = manifest;
  return { id, time, hostname, tags, meta, items, size };
}

/**
 * Lookup key of an item's path ('p') or id ('i'): 32-bit FNV-1a of the UTF-8 bytes. Not
 * a secret and collisions are checked, so a fast hash is enough (it runs twice per item).
 */
export function lookupKey(kind: 'p' | 'i', value: string): number {
  const bytes = Buffer.from(`${kind}\0${value}`, 'utf8');
  let hash = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i++) hash = Math.imul(hash ^ bytes[i]!, 0x01000193);
  return hash >>> 0;
}

export type BlobReader = (blob: string) => Promise<Buffer>;
/** A leaf's items, parsed. */
export type LeafReader = (blob: string) => Promise<SnapshotItem[]>;

export function parseLeaf(blob: string, content: Buffer): SnapshotItem[] {
  try {
    const items = JSON.parse(content.toString('utf8')) as SnapshotItem[];
    if (Array.isArray(items)) return items;
  } catch {
    // reported below
  }
  throw new CorruptFileError(`leaf blob ${blob}`, 'not a list of items');
}

export async function* itemsOf(manifest: Manifest, readBlob: BlobReader): AsyncIterable<SnapshotItem> {
  for (const leaf of manifest.leaves) yield* parseLeaf(leaf, await readBlob(leaf));
}

/** Leaf numbers whose items may have this lookup key. */
async function leavesWithKey(manifest: Manifest, key: number, readBlob: BlobReader): Promise<Set<number>> {
  const leaves = new Set<number>();
  const { lookup } = manifest;
  for (let j = 0; j < lookup.length; j++) {
    const next = lookup[j + 1];
    if (lookup[j]!.first > key || (next !== undefined && next.first < key)) continue;
    const records = await readBlob(lookup[j]!.blob);
    const count = records.length / LOOKUP_RECORD_LENGTH;
    let low = 0;
    let high = count;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (records.readUInt32BE(middle * LOOKUP_RECORD_LENGTH) < key) low = middle + 1;
      else high = middle;
    }
    for (let i = low; i < count && records.readUInt32BE(i * LOOKUP_RECORD_LENGTH) === key; i++) {
      leaves.add(records.readUInt32BE(i * LOOKUP_RECORD_LENGTH + 4));
    }
  }
  return leaves;
}

/** Finds an item by path, or else by id, touching only the blobs its lookup keys point to. */
export async function findItem(
  manifest: Manifest,
  pathOrId: string,
  readBlob: BlobReader,
  readLeaf: LeafReader,
): Promise<SnapshotItem> {
  for (const field of ['path', 'id'] as const) {
    const key = lookupKey(field === 'path' ? 'p' : 'i', pathOrId);
    for (const leaf of await leavesWithKey(manifest, key, readBlob)) {
      const blob = manifest.leaves[leaf];
      if (blob === undefined) continue;
      const found = (await readLeaf(blob)).find((item) => item[field] === pathOrId);
      if (found) return found;
    }
  }
  throw new ItemNotFoundError(`no item with path or id "${pathOrId}" in this snapshot`);
}
