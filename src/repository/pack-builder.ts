// Assembles one pack file in a buffer: blobs are sealed straight into it and the header
// follows them, so a blob's bytes are copied once on their way to the backend.
import { payloadOf, sealedLength, sealInto, sha256 } from './crypto.js';
import { trailerLength, writeTrailer, type BlobType, type HeaderEntry } from './pack.js';

export interface FinishedPack {
  /** SHA-256 of the file, its name. */
  id: string;
  /** The whole file: a view of the builder's buffer. */
  data: Buffer;
  /** The header body, listing the blobs (see parseHeader). */
  header: Buffer;
}

export class PackBuilder {
  private size = 0;
  private readonly blobs: HeaderEntry[] = [];

  /**
   * `buffer` is where the pack is built; a larger one replaces it when it runs out. Both
   * own their memory (never a slice of Node's shared pool), so the pack can be transferred.
   */
  constructor(
    private readonly key: Buffer,
    private buffer: Buffer,
  ) {}

  /** Bytes of sealed blobs so far. */
  get length(): number {
    return this.size;
  }

  /** Seals `content` as a payload (compressed when that pays) and appends it. */
  addContent(id: Buffer, type: BlobType, content: Buffer): void {
    const payload = payloadOf(content);
    this.reserve(sealedLength(payload));
    const length = sealInto(this.key, payload, this.buffer, this.size);
    this.append({ id, type, length, rawLength: content.length });
  }

  /** Appends a blob that is sealed already (prune moves blobs between packs as they are). */
  addSealed(id: Buffer, type: BlobType, rawLength: number, sealed: Buffer): void {
    this.reserve(sealed.length);
    sealed.copy(this.buffer, this.size);
    this.append({ id, type, length: sealed.length, rawLength });
  }

  /** Writes the header; the builder's buffer then holds the finished pack. */
  finish(): FinishedPack {
    this.reserve(trailerLength(this.blobs.length));
    const header = writeTrailer(this.key, this.blobs, this.buffer, this.size);
    const data = this.buffer.subarray(0, this.size + trailerLength(this.blobs.length));
    return { id: sha256(data).toString('hex'), data, header };
  }

  private append(blob: HeaderEntry): void {
    // The id may be a view of a buffer that is reused once the blob is added.
    this.blobs.push({ ...blob, id: Buffer.from(blob.id) });
    this.size += blob.length;
  }

  private reserve(bytes: number): void {
    if (this.size + bytes <= this.buffer.length) return;
    const grown = Buffer.allocUnsafeSlow(Math.max(this.size + bytes, this.buffer.length * 2));
    this.buffer.copy(grown, 0, 0, this.size);
    this.buffer = grown;
  }
}
