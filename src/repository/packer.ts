// Collects sealed blobs into packs of about the target size and uploads each pack with
// its own index file right after it, so a completed pack is reusable even when the
// writer dies later. Up to two packs upload while the next fills: at most three in memory.
import type { Backend } from './backend.js';
import type { BlobIndex } from './blob-index.js';
import { sha256, type RepositoryKeys } from './crypto.js';
import { packFileName, packTrailer, type BlobType, type PackedBlob } from './pack.js';

export interface PackerStats {
  packs: number;
  bytes: number;
}

/** Two uploads overlap the disk's or network's latency without holding many packs. */
const MAX_UPLOADS = 2;

export class Packer {
  private blobs: PackedBlob[] = [];
  private parts: Buffer[] = [];
  private size = 0;
  private uploads: Promise<void>[] = [];
  /** Blobs added but not yet findable in the index (their pack is filling or uploading). */
  private readonly unindexed = new Set<string>();
  readonly stats: PackerStats = { packs: 0, bytes: 0 };

  constructor(
    private readonly backend: Backend,
    private readonly keys: RepositoryKeys,
    private readonly index: BlobIndex,
    private readonly packSize: number,
  ) {}

  /** Whether a blob was added and its pack is not indexed yet (the index answers after that). */
  holds(blob: string): boolean {
    return this.unindexed.has(blob);
  }

  async add(id: Buffer, type: BlobType, rawLength: number, sealed: Buffer): Promise<void> {
    this.unindexed.add(id.toString('hex'));
    this.blobs.push({ id, type, offset: this.size, length: sealed.length, rawLength });
    this.parts.push(sealed);
    this.size += sealed.length;
    if (this.size >= this.packSize) await this.flush();
  }

  /** Starts uploading the pack being filled, once fewer than MAX_UPLOADS are in progress. */
  async flush(): Promise<void> {
    if (this.blobs.length === 0) return;
    const blobs = this.blobs;
    const parts = this.parts;
    this.blobs = [];
    this.parts = [];
    this.size = 0;
    while (this.uploads.length >= MAX_UPLOADS) await this.uploads.shift();
    const upload = this.write(blobs, parts);
    // Failure surfaces when the upload is awaited; this only keeps it from going unhandled meanwhile.
    upload.catch(() => undefined);
    this.uploads.push(upload);
  }

  /** Drops the pack being filled and waits for uploads in progress (whose failure no longer matters). */
  async abandon(): Promise<void> {
    for (const blob of this.blobs) this.unindexed.delete(blob.id.toString('hex'));
    this.blobs = [];
    this.parts = [];
    this.size = 0;
    await Promise.allSettled(this.uploads.splice(0));
  }

  /** Uploads everything still pending. */
  async close(): Promise<void> {
    await this.flush();
    while (this.uploads.length > 0) await this.uploads.shift();
  }

  private async write(blobs: PackedBlob[], parts: Buffer[]): Promise<void> {
    const pack = Buffer.concat([...parts, packTrailer(this.keys, blobs)]);
    const id = sha256(pack).toString('hex');
    await this.backend.put(packFileName(id), pack);
    await this.index.write([{ id, blobs }]);
    for (const blob of blobs) this.unindexed.delete(blob.id.toString('hex'));
    this.stats.packs += 1;
    this.stats.bytes += pack.length;
  }
}
