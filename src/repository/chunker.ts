// Content-defined chunking (FastCDC with normalized chunking), so an edit in the middle
// of a large stream changes only the chunks around it. The gear table is keyed per
// repository; see docs/repository-format.md, "Chunking".
import { createHmac } from 'node:crypto';
import type { ChunkerParameters } from './config.js';

export class Chunker {
  private readonly gear = new Int32Array(256);
  private readonly maskSmall: number;
  private readonly maskLarge: number;

  constructor(
    readonly parameters: ChunkerParameters,
    key: Buffer,
  ) {
    const table = Buffer.alloc(1024);
    for (let counter = 0; counter * 32 < table.length; counter++) {
      const block = Buffer.alloc(4);
      block.writeUInt32LE(counter);
      createHmac('sha256', key)
        .update(block)
        .digest()
        .copy(table, counter * 32);
    }
    for (let i = 0; i < 256; i++) this.gear[i] = table.readInt32LE(i * 4);
    const bits = Math.log2(parameters.avg);
    // The top bits of the rolling value depend on the most recent 32 bytes.
    this.maskSmall = (~0 << (32 - (bits + 2))) | 0;
    this.maskLarge = (~0 << (32 - (bits - 2))) | 0;
  }

  /** Length of the first chunk of `data` (all of it when it is the tail of the stream). */
  cut(data: Buffer): number {
    return this.findCut([data], data.length);
  }

  /** Length of the first chunk of the bytes in `pieces` (`available` in total), scanned in place. */
  private findCut(pieces: Buffer[], available: number): number {
    const { min, avg, max } = this.parameters;
    if (available <= min) return available;
    const normal = Math.min(avg, available);
    const limit = Math.min(max, available);
    const gear = this.gear;
    const maskSmall = this.maskSmall;
    const maskLarge = this.maskLarge;
    let fp = 0;
    let start = 0;
    for (const piece of pieces) {
      // Positions relative to this piece keep the hot loops to one array read per byte.
      let j = Math.max(min - start, 0);
      for (const stop = Math.min(normal - start, piece.length); j < stop; j++) {
        fp = ((fp << 1) + gear[piece[j]!]!) | 0;
        if ((fp & maskSmall) === 0) return start + j + 1;
      }
      for (const stop = Math.min(limit - start, piece.length); j < stop; j++) {
        fp = ((fp << 1) + gear[piece[j]!]!) | 0;
        if ((fp & maskLarge) === 0) return start + j + 1;
      }
      start += piece.length;
      if (start >= limit) break;
    }
    return limit;
  }

  /**
   * Splits a stream into chunks, holding at most one maximum-size chunk plus one input
   * piece. A chunk inside one input piece is a view of it; a chunk that spans pieces is
   * assembled in a buffer reused for the next such chunk, so each chunk is valid only until
   * the next one is requested (fresh memory for every spanning chunk costs more than
   * copying into it).
   */
  async *split(source: AsyncIterable<Uint8Array> | Iterable<Uint8Array>): AsyncIterable<Buffer> {
    const pending: Buffer[] = [];
    let pendingLength = 0;
    let spanning: Buffer | undefined;
    const take = (length: number): Buffer => {
      pendingLength -= length;
      const first = pending[0]!;
      if (first.length > length) {
        pending[0] = first.subarray(length);
        return first.subarray(0, length);
      }
      if (first.length === length) return pending.shift()!;
      spanning ??= Buffer.allocUnsafeSlow(this.parameters.max);
      for (let filled = 0; filled < length;) {
        const piece = pending[0]!;
        const used = Math.min(piece.length, length - filled);
        filled += piece.copy(spanning, filled, 0, used);
        if (used === piece.length) pending.shift();
        else pending[0] = piece.subarray(used);
      }
      return spanning.subarray(0, length);
    };
    for await (const piece of source) {
      if (piece.length === 0) continue;
      pending.push(Buffer.from(piece.buffer, piece.byteOffset, piece.length));
      pendingLength += piece.length;
      while (pendingLength >= this.parameters.max) yield take(this.findCut(pending, pendingLength));
    }
    while (pendingLength > 0) yield take(this.findCut(pending, pendingLength));
  }
}
