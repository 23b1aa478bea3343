// Writes one snapshot: item content is chunked, deduplicated against the index and packed;
// the item list streams into leaf blobs as items arrive; the manifest is written last,
// so a snapshot is either complete or invisible.
import { hostname } from 'node:os';
import type { Readable } from 'node:stream';
import { blobIdOf } from './crypto.js';
import { BlobNotFoundError, RepositoryError } from './errors.js';
import type { Lock } from './locks.js';
import { BlobType } from './pack.js';
import { Packer } from './packer.js';
import {
  encodeManifest,
  lookupKey,
  LOOKUP_RECORD_LENGTH,
  LOOKUP_RECORDS_PER_BLOB,
  MANIFEST_VERSION,
  snapshotFileName,
  summaryOf,
  type ContentRef,
  type Manifest,
  type SnapshotItem,
  type SnapshotSummary,
} from './snapshot.js';
import type { Store } from './store.js';

export type ItemContent = Buffer | Uint8Array | Readable | AsyncIterable<Uint8Array>;

export interface NewItem {
  path: string;
  id: string;
  /**
   * Any JSON-serializable value describing the item, or a function that gives it, called
   * once the content is stored: metadata computed from content that streams through (its
   * hash) without reading the content twice.
   */
  metadata?: unknown;
  /**
   * The item's bytes, streamed through and never held whole. They are copied as they are
   * read: a buffer may be reused once addItem resolves, a stream's buffer as soon as it
   * is asked for its next piece.
   */
  content?: ItemContent;
  /** Content already in the repository (e.g. an unchanged item of an earlier snapshot). */
  existingContent?: ContentRef[];
}

export interface SnapshotOptions {
  tags?: string[];
  meta?: Record<string, unknown>;
  /** Snapshot time; defaults to now. */
  time?: Date;
}

export interface WriterStats {
  items: number;
  /** Content bytes received. */
  bytesRead: number;
  newBlobs: number;
  reusedBlobs: number;
  /** Packs and bytes written to the backend by this writer. */
  packs: number;
  bytesUploaded: number;
}

const LEAF_MAX_ITEMS = 1000;
const LEAF_MAX_BYTES = 256 * 1024;
/** Room for a full leaf, even one of multi-byte characters or with a last item past the limit. */
const LEAF_BUFFER = 2 * LEAF_MAX_BYTES;

export class SnapshotWriter {
  private readonly packer: Packer;
  private leafItems: string[] = [];
  private leafBytes = 0;
  /** Leaves are encoded into one reused buffer (the packer copies them): fresh memory per leaf costs page faults. */
  private leafBuffer = Buffer.alloc(0);
  private readonly leaves: string[] = [];
  /** (lookup key << 32 | leaf number) per path and per id; 16 bytes per item. */
  private lookup = new BigUint64Array(1024);
  private lookupCount = 0;
  private contentBytes = 0;
  private busy = false;
  private finished = false;
  private readonly counters = { items: 0, bytesRead: 0, newBlobs: 0, reusedBlobs: 0 };

  constructor(
    private readonly store: Store,
    private readonly lock: Lock,
    private readonly options: SnapshotOptions,
    packSize: number,
  ) {
    this.packer = new Packer(store.backend, store.keys, store.index, packSize);
  }

  get stats(): WriterStats {
    return { ...this.counters, packs: this.packer.stats.packs, bytesUploaded: this.packer.stats.bytes };
  }

  /** Adds one item; call one at a time (use several writers for parallelism). */
  async addItem(item: NewItem): Promise<SnapshotItem> {
    if (this.finished) throw new RepositoryError('this snapshot is already committed or aborted');
    if (this.busy)
      throw new RepositoryError('addItem must not be called again before the previous call finished');
    this.busy = true;
    try {
      const content = item.existingContent
        ? await this.checkExisting(item.existingContent)
        : item.content === undefined
          ? []
          : await this.storeContent(item.content);
      const stored: SnapshotItem = {
        path: item.path,
        id: item.id,
        metadata:
          (typeof item.metadata === 'function' ? (item.metadata as () => unknown)() : item.metadata) ?? null,
        size: content.reduce((sum, ref) => sum + ref.size, 0),
        content,
      };
      await this.addToLeaf(stored);
      this.counters.items += 1;
      this.contentBytes += stored.size;
      return stored;
    } finally {
      this.busy = false;
    }
  }

  private async checkExisting(refs: ContentRef[]): Promise<ContentRef[]> {
    const known = (blob: string) => this.packer.holds(blob) || this.store.index.has(Buffer.from(blob, 'hex'));
    if (!refs.every((ref) => known(ref.blob))) {
      // Indexed since this writer listed the index, or merged into new files by a compaction.
      this.store.index.forgetListing();
      await this.store.index.load();
      const missing = refs.find((ref) => !known(ref.blob));
      if (missing) throw new BlobNotFoundError(missing.blob);
    }
    this.counters.reusedBlobs += refs.length;
    return refs.map(({ blob, size }) => ({ blob, size }));
  }

  private async storeContent(content: ItemContent): Promise<ContentRef[]> {
    let source: AsyncIterable<Uint8Array> | Iterable<Uint8Array>;
    if (content instanceof Uint8Array) {
      const whole = Buffer.from(content.buffer, content.byteOffset, content.length);
      // Most items (mails, small files) are one chunk: no chunker and no iteration for them.
      if (whole.length <= this.store.config.chunker.min) return [await this.storeChunk(whole)];
      source = [whole];
    } else {
      source = content;
    }
    const refs: ContentRef[] = [];
    for await (const chunk of this.store.chunker.split(source)) refs.push(await this.storeChunk(chunk));
    return refs;
  }

  private async storeChunk(chunk: Buffer): Promise<ContentRef> {
    this.counters.bytesRead += chunk.length;
    return { blob: await this.storeBlob(chunk, BlobType.data), size: chunk.length };
  }

  private async storeBlob(content: Buffer, type: BlobType): Promise<string> {
    const id = blobIdOf(this.store.keys, content);
    const hex = id.toString('hex');
    if (this.packer.holds(hex) || this.store.index.has(id)) {
      this.counters.reusedBlobs += 1;
      return hex;
    }
    this.counters.newBlobs += 1;
    await this.packer.add(id, type, content);
    return hex;
  }

  private async addToLeaf(item: SnapshotItem): Promise<void> {
    const json = JSON.stringify(item);
    const leaf = this.leaves.length;
    this.addLookupRecord(lookupKey('p', item.path), leaf);
    this.addLookupRecord(lookupKey('i', item.id), leaf);
    this.leafItems.push(json);
    this.leafBytes += json.length;
    if (this.leafItems.length >= LEAF_MAX_ITEMS || this.leafBytes >= LEAF_MAX_BYTES) await this.flushLeaf();
  }

  private addLookupRecord(key: number, leaf: number): void {
    if (this.lookupCount === this.lookup.length) {
      const grown = new BigUint64Array(this.lookup.length * 2);
      grown.set(this.lookup);
      this.lookup = grown;
    }
    this.lookup[this.lookupCount++] = (BigInt(key) << 32n) | BigInt(leaf);
  }

  private async flushLeaf(): Promise<void> {
    if (this.leafItems.length === 0) return;
    const json = `[${this.leafItems.join(',')}]`;
    this.leafItems = [];
    this.leafBytes = 0;
    const length = Buffer.byteLength(json);
    if (this.leafBuffer.length < length)
      this.leafBuffer = Buffer.allocUnsafeSlow(Math.max(length, LEAF_BUFFER));
    this.leafBuffer.write(json);
    this.leaves.push(await this.storeBlob(this.leafBuffer.subarray(0, length), BlobType.leaf));
  }

  private async writeLookup(): Promise<Manifest['lookup']> {
    const records = this.lookup.subarray(0, this.lookupCount).sort();
    const lookup: Manifest['lookup'] = [];
    for (let start = 0; start < records.length; start += LOOKUP_RECORDS_PER_BLOB) {
      const slice = records.subarray(start, start + LOOKUP_RECORDS_PER_BLOB);
      const blob = Buffer.alloc(slice.length * LOOKUP_RECORD_LENGTH);
      slice.forEach((record, i) => blob.writeBigUInt64BE(record, i * LOOKUP_RECORD_LENGTH));
      lookup.push({ first: blob.readUInt32BE(0), blob: await this.storeBlob(blob, BlobType.lookup) });
    }
    return lookup;
  }

  /**
   * Writes the remaining packs, their indexes and then the manifest; returns the snapshot.
   * `meta`, when given, replaces the meta the snapshot started with: a backup knows its
   * outcome only at the end.
   */
  async commit(meta?: Record<string, unknown>): Promise<SnapshotSummary> {
    if (this.finished || this.busy)
      throw new RepositoryError('cannot commit: snapshot finished or an item is being added');
    this.finished = true;
    try {
      await this.flushLeaf();
      const lookup = await this.writeLookup();
      await this.packer.close();
      // Before the manifest, so that a snapshot is never listed before its index is merged
      // (a reader's first lookup then loads a few files, not one per pack); under a lock
      // prune has not taken over, since prune may have dropped packs this index still names.
      await this.lock.assertHeld();
      await this.store.index.compactIfNeeded();
      const manifest: Manifest = {
        version: MANIFEST_VERSION,
        time: (this.options.time ?? new Date()).toISOString(),
        hostname: hostname(),
        tags: this.options.tags ?? [],
        meta: meta ?? this.options.meta ?? {},
        items: this.counters.items,
        size: this.contentBytes,
        leaves: this.leaves,
        lookup,
      };
      const { id, data } = encodeManifest(this.store.keys, manifest);
      await this.lock.assertHeld();
      await this.store.backend.put(snapshotFileName(id), data);
      return summaryOf(id, manifest);
    } finally {
      await this.lock.release();
    }
  }

  /**
   * Stores everything added (remaining packs and their indexes) but writes no manifest:
   * the items addItem returned can then go into another writer's snapshot as
   * `existingContent`. This is how several writers, one item at a time each, fill one
   * snapshot in parallel. Content no snapshot comes to reference is left to prune.
   */
  async commitContent(): Promise<void> {
    if (this.finished || this.busy)
      throw new RepositoryError('cannot commit: snapshot finished or an item is being added');
    this.finished = true;
    try {
      await this.packer.close();
    } finally {
      await this.lock.release();
    }
  }

  /** Gives up without writing a manifest; packs already written stay for later reuse. */
  async abort(): Promise<void> {
    if (this.finished) return;
    this.finished = true;
    await this.packer.abandon();
    await this.lock.release();
  }
}
