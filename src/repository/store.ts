// The opened repository's internals shared by readers, writers, check and prune: keys,
// configuration, the blob index, and verified reads of blobs and manifests.
import type { Backend } from './backend.js';
import { listAll } from './backend.js';
import { BlobIndex } from './blob-index.js';
import { Chunker } from './chunker.js';
import type { RepositoryConfig } from './config.js';
import { blobIdOf, unsealPayload, type RepositoryKeys } from './crypto.js';
import { BlobNotFoundError, CorruptFileError } from './errors.js';
import type { LockTimings } from './locks.js';
import { BlobType, packFileName } from './pack.js';
import { decodeManifest, parseLeaf, snapshotFileName, type Manifest, type SnapshotItem } from './snapshot.js';

const ITEM_LIST_CACHE_SIZE = 32;
/**
 * Parsing a leaf (up to 1,000 items) costs more than the rest of finding an item, and
 * items found one after another — a diff's changed objects, in key order — mostly share
 * a few leaves.
 */
const PARSED_LEAF_CACHE_SIZE = 8;

export class Store {
  readonly index: BlobIndex;
  readonly chunker: Chunker;
  private readonly manifests = new Map<string, Manifest>();
  /** Recently read leaf and lookup blobs: finding items one after another touches the same few. */
  private readonly itemListBlobs = new Map<string, Buffer>();
  /** Recently searched leaves, parsed, least recently used first. */
  private readonly parsedLeaves = new Map<string, SnapshotItem[]>();

  constructor(
    readonly backend: Backend,
    readonly keys: RepositoryKeys,
    readonly config: RepositoryConfig,
    readonly lockTimings: LockTimings,
    indexFileEntries?: number,
  ) {
    this.index = new BlobIndex(backend, keys, indexFileEntries);
    this.chunker = new Chunker(config.chunker, keys.chunker);
  }

  /** Reads, decrypts and verifies one blob's content. */
  readonly readBlob = async (blob: string): Promise<Buffer> => {
    const id = Buffer.from(blob, 'hex');
    await this.index.loadFor(id);
    const cached = this.itemListBlobs.get(blob);
    if (cached) return cached;
    let location = this.index.find(id);
    if (!location) {
      // Written since the index files were listed, perhaps by another process.
      this.index.forgetListing();
      await this.index.loadFor(id);
      location = this.index.find(id);
    }
    if (!location) throw new BlobNotFoundError(blob);
    const file = packFileName(location.pack);
    const box = await this.backend.getRange(file, location.offset, location.length);
    const where = `${file} (blob ${blob})`;
    if (box.length !== location.length)
      throw new CorruptFileError(where, 'pack is shorter than its index says');
    const content = unsealPayload(this.keys, box, where);
    if (!blobIdOf(this.keys, content).equals(id))
      throw new CorruptFileError(where, 'content does not match its id');
    if (location.type !== BlobType.data) {
      const oldest = this.itemListBlobs.keys().next();
      if (this.itemListBlobs.size >= ITEM_LIST_CACHE_SIZE && !oldest.done)
        this.itemListBlobs.delete(oldest.value);
      this.itemListBlobs.set(blob, content);
    }
    return content;
  };

  /** A leaf's items, parsed; shared with later finds, so not to be modified. */
  readonly readLeaf = async (blob: string): Promise<SnapshotItem[]> => {
    let items = this.parsedLeaves.get(blob);
    if (items) {
      this.parsedLeaves.delete(blob);
    } else {
      items = parseLeaf(blob, await this.readBlob(blob));
      const oldest = this.parsedLeaves.keys().next();
      if (this.parsedLeaves.size >= PARSED_LEAF_CACHE_SIZE && !oldest.done)
        this.parsedLeaves.delete(oldest.value);
    }
    this.parsedLeaves.set(blob, items);
    return items;
  };

  async snapshotIds(): Promise<string[]> {
    return (await listAll(this.backend, 'snapshots/')).map((file) => file.name.slice('snapshots/'.length));
  }

  async loadManifest(id: string): Promise<Manifest> {
    let manifest = this.manifests.get(id);
    if (!manifest) {
      manifest = decodeManifest(this.keys, id, await this.backend.get(snapshotFileName(id)));
      this.manifests.set(id, manifest);
    }
    return manifest;
  }
}
