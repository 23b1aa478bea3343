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
import { decodeManifest, snapshotFileName, type Manifest } from './snapshot.js';

const ITEM_LIST_CACHE_SIZE = 32;

export class Store {
  readonly index: BlobIndex;
  readonly chunker: Chunker;
  private readonly manifests = new Map<string, Manifest>();
  /** Recently read leaf and lookup blobs: finding items one after another touches the same few. */
  private readonly itemListBlobs = new Map<string, Buffer>();

  constructor(
    readonly backend: Backend,
    readonly keys: RepositoryKeys,
    readonly config: RepositoryConfig,
    readonly lockTimings: LockTimings,
  ) {
    this.index = new BlobIndex(backend, keys);
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
