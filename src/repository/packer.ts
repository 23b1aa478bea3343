// Collects sealed blobs into packs of about the target size and uploads each pack with
// its own index file right after it, so a completed pack is reusable even when the
// writer dies later. One pack uploads while the next fills: at most two in memory.
import type { Backend } from './backend.js';
import type { BlobIndex } from './blob-index.js';
import { sha256, type RepositoryKeys } from './crypto.js';
import { packFileName, packTrailer, type BlobType, type PackedBlob } from './pack.js';

export interface PackerStats {
  packs: number;
  bytes: number;
}

export class Packer {
  private blobs: PackedBlob[] = [];
  private parts: Buffer[] = [];
  private size = 0;
  private upload: Promise<void> = Promise.resolve();
  readonly stats: PackerStats = { packs: 0, bytes: 0 };

  constructor(
    private readonly backend: Backend,
    private readonly keys: RepositoryKeys,
    private readonly index: BlobIndex,
    private readonly packSize: number,
  ) {}

  async add(id: Buffer, type: BlobType, rawLength: number, sealed: Buffer): Promise<void> {
    this.blobs.push({ id, type, offset: this.size, length: sealed.length, rawLength });
    this.parts.push(sealed);
    this.size += sealed.length;
    if (this.size >= this.packSize) await this.flush();
  }

  /** Starts uploading the pack being filled, after the previous upload has finished. */
  async flush(): Promise<void> {
    await this.upload;
    if (this.blobs.length === 0) return;
    const blobs = this.blobs;
    const parts = this.parts;
    this.blobs = [];
    this.parts = [];
    this.size = 0;
    this.upload = this.write(blobs, parts);
    // Failure surfaces at the next flush or close; this only keeps it from going unhandled meanwhile.
    this.upload.catch(() => undefined);
  }

  /** Drops the pack being filled and waits for an upload in progress (whose failure no longer matters). */
  async abandon(): Promise<void> {
    this.blobs = [];
    this.parts = [];
    this.size = 0;
    await this.upload.catch(() => undefined);
  }

  /** Uploads everything still pending. */
  async close(): Promise<void> {
    await this.flush();
    await this.upload;
  }

  private async write(blobs: PackedBlob[], parts: Buffer[]): Promise<void> {
    const pack = Buffer.concat([...parts, packTrailer(this.keys, blobs)]);
    const id = sha256(pack).toString('hex');
    await this.backend.put(packFileName(id), pack);
    await this.index.write([{ id, blobs }]);
    this.stats.packs += 1;
    this.stats.bytes += pack.length;
  }
}
