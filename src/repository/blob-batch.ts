// Blobs travel to the pack thread in batches: records one after another in a buffer that
// is transferred, not copied, with one message, so a thousand mail-sized blobs cost one
// message rather than a thousand. A record is
//   sealed (uint8) || type (uint8) || raw length (uint32) || length (uint32) || blob id (32) || bytes
// where `bytes` is the content to seal, or with sealed = 1 a blob sealed already.
import type { BlobType } from './pack.js';

export interface BatchRecord {
  sealed: boolean;
  type: BlobType;
  rawLength: number;
  id: Buffer;
  bytes: Buffer;
}

const RECORD_HEADER = 42;

/** Bytes a record of `length` bytes of content takes in a batch. */
export function recordLength(length: number): number {
  return RECORD_HEADER + length;
}

/** Writes a record at `offset` of `batch` (which must have room for it); returns the offset after it. */
export function writeRecord(batch: Buffer, offset: number, record: BatchRecord): number {
  batch.writeUInt8(record.sealed ? 1 : 0, offset);
  batch.writeUInt8(record.type, offset + 1);
  batch.writeUInt32LE(record.rawLength, offset + 2);
  batch.writeUInt32LE(record.bytes.length, offset + 6);
  record.id.copy(batch, offset + 10);
  return offset + RECORD_HEADER + record.bytes.copy(batch, offset + RECORD_HEADER);
}

/** The records of a batch; their id and bytes are views of it. */
export function* readRecords(batch: Buffer): Generator<BatchRecord> {
  for (let offset = 0; offset < batch.length;) {
    const length = batch.readUInt32LE(offset + 6);
    const start = offset + RECORD_HEADER;
    yield {
      sealed: batch.readUInt8(offset) === 1,
      type: batch.readUInt8(offset + 1) as BlobType,
      rawLength: batch.readUInt32LE(offset + 2),
      id: batch.subarray(offset + 10, start),
      bytes: batch.subarray(start, start + length),
    };
    offset = start + length;
  }
}
