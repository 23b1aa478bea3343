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
    const { min, avg, max } = this.parameters;
    if (data.length <= min) return data.length;
    const normal = Math.min(avg, data.length);
    const limit = Math.min(max, data.length);
    const gear = this.gear;
    const maskSmall = this.maskSmall;
    const maskLarge = this.maskLarge;
    let fp = 0;
    let i = min;
    for (; i < normal; i++) {
      fp = ((fp << 1) + gear[data[i]!]!) | 0;
      if ((fp & maskSmall) === 0) return i + 1;
    }
    for (; i < limit; i++) {
      fp = ((fp << 1) + gear[data[i]!]!) | 0;
      if ((fp & maskLarge) === 0) return i + 1;
    }
    return limit;
  }

  /**
   * Splits a stream into chunks. Input is copied into a window of two maximum-size chunks
   * as it arrives, so memory stays bounded and a source may reuse its buffer for the next
   * piece. Each chunk is a view of the window, valid until the next one is requested.
   */
  async *split(source: AsyncIterable<Uint8Array> | Iterable<Uint8Array>): AsyncIterable<Buffer> {
    const { max } = this.parameters;
    const window = Buffer.allocUnsafeSlow(2 * max);
    let start = 0;
    let end = 0;
    for await (const piece of source) {
      for (let copied = 0; copied < piece.length;) {
        if (end === window.length) {
          // Fewer than `max` bytes are pending here, so this frees at least `max`.
          end = window.copy(window, 0, start, end);
          start = 0;
        }
        const taken = Math.min(piece.length - copied, window.length - end);
        window.set(piece.subarray(copied, copied + taken), end);
        end += taken;
        copied += taken;
        while (end - start >= max) {
          const length = this.cut(window.subarray(start, end));
          yield window.subarray(start, start + length);
          start += length;
        }
      }
    }
    while (start < end) {
      const length = this.cut(window.subarray(start, end));
      yield window.subarray(start, start + length);
      start += length;
    }
  }
}
