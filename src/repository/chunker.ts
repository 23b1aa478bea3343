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
  cut(data: Uint8Array): number {
    const { min, avg, max } = this.parameters;
    const length = data.length;
    if (length <= min) return length;
    const normal = Math.min(avg, length);
    const limit = Math.min(max, length);
    const gear = this.gear;
    let fp = 0;
    let i = min;
    for (; i < normal; i++) {
      fp = ((fp << 1) + gear[data[i]!]!) | 0;
      if ((fp & this.maskSmall) === 0) return i + 1;
    }
    for (; i < limit; i++) {
      fp = ((fp << 1) + gear[data[i]!]!) | 0;
      if ((fp & this.maskLarge) === 0) return i + 1;
    }
    return limit;
  }

  /** Splits a stream into chunks, holding at most about two maximum-size chunks. */
  async *split(source: AsyncIterable<Uint8Array> | Iterable<Uint8Array>): AsyncIterable<Buffer> {
    const { max } = this.parameters;
    let pending: Buffer[] = [];
    let pendingLength = 0;
    for await (const piece of source) {
      if (piece.length === 0) continue;
      pending.push(Buffer.from(piece.buffer, piece.byteOffset, piece.length));
      pendingLength += piece.length;
      if (pendingLength < 2 * max) continue;
      const data = Buffer.concat(pending, pendingLength);
      let offset = 0;
      while (data.length - offset >= max) {
        const length = this.cut(data.subarray(offset));
        yield data.subarray(offset, offset + length);
        offset += length;
      }
      pending = [data.subarray(offset)];
      pendingLength = data.length - offset;
    }
    let rest = Buffer.concat(pending, pendingLength);
    while (rest.length > 0) {
      const length = this.cut(rest);
      yield rest.subarray(0, length);
      rest = rest.subarray(length);
    }
  }
}
