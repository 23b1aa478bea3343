// Pack files: sealed blobs one after another, then a sealed header describing them, so
// each pack is self-describing. See docs/repository-format.md, "Pack files".
import type { Backend } from './backend.js';
import { CorruptFileError } from './errors.js';
import { payloadOf, SEAL_OVERHEAD, sealInto, sha256, unsealPayload, type RepositoryKeys } from './crypto.js';

export const BlobType = { data: 0, leaf: 1, lookup: 2 } as const;
export type BlobType = (typeof BlobType)[keyof typeof BlobType];

export interface PackedBlob {
  id: Buffer;
  type: BlobType;
  /** Byte offset of the sealed blob in its pack. */
  offset: number;
  /** Stored (sealed) length. */
  length: number;
  /** Uncompressed content length. */
  rawLength: number;
}

const HEADER_MAGIC = Buffer.from('TVPK');
const HEADER_VERSION = 1;
const HEADER_ENTRY_LENGTH = 41;
const LENGTH_FIELD = 4;

export function packFileName(packId: string): string {
  return `data/${packId.slice(0, 2)}/${packId}`;
}

export function packIdOfFile(name: string): string | undefined {
  const match = /^data\/[0-9a-f]{2}\/([0-9a-f]{64})$/.exec(name);
  return match?.[1];
}

/** What the header says of a blob (its offset follows from the blobs before it). */
export type HeaderEntry = Omit<PackedBlob, 'offset'>;

/** Bytes after the blobs: the header box (stored raw) and its length field. */
export function trailerLength(count: number): number {
  return SEAL_OVERHEAD + 9 + count * HEADER_ENTRY_LENGTH + LENGTH_FIELD;
}

/**
 * Writes the header box and its length field at `offset` of `target`, which must have
 * trailerLength(blobs.length) bytes there. Returns the header body (the pack's blob list).
 */
export function writeTrailer(key: Buffer, blobs: HeaderEntry[], target: Buffer, offset: number): Buffer {
  const body = Buffer.alloc(HEADER_MAGIC.length + 1 + 4 + blobs.length * HEADER_ENTRY_LENGTH);
  HEADER_MAGIC.copy(body, 0);
  body.writeUInt8(HEADER_VERSION, 4);
  body.writeUInt32LE(blobs.length, 5);
  let position = 9;
  for (const blob of blobs) {
    body.writeUInt8(blob.type, position);
    body.writeUInt32LE(blob.length, position + 1);
    body.writeUInt32LE(blob.rawLength, position + 5);
    blob.id.copy(body, position + 9);
    position += HEADER_ENTRY_LENGTH;
  }
  // Stored raw so a pack's size follows from its index entries (see expectedPackSize).
  const boxLength = sealInto(key, payloadOf(body, false), target, offset);
  target.writeUInt32LE(boxLength, offset + boxLength);
  return body;
}

/** Decodes a header body into blob entries with their offsets. */
export function parseHeader(file: string, body: Buffer): PackedBlob[] {
  if (body.length < 9 || !body.subarray(0, 4).equals(HEADER_MAGIC))
    throw new CorruptFileError(file, 'bad pack header');
  if (body.readUInt8(4) > HEADER_VERSION) throw new CorruptFileError(file, 'pack header version is unknown');
  const count = body.readUInt32LE(5);
  if (body.length !== 9 + count * HEADER_ENTRY_LENGTH)
    throw new CorruptFileError(file, 'pack header has the wrong size');
  const blobs: PackedBlob[] = [];
  let offset = 0;
  for (let i = 0, position = 9; i < count; i++, position += HEADER_ENTRY_LENGTH) {
    const type = body.readUInt8(position);
    if (type > BlobType.lookup) throw new CorruptFileError(file, `unknown blob type ${type}`);
    const length = body.readUInt32LE(position + 1);
    blobs.push({
      id: Buffer.from(body.subarray(position + 9, position + 41)),
      type: type as BlobType,
      offset,
      length,
      rawLength: body.readUInt32LE(position + 5),
    });
    offset += length;
  }
  return blobs;
}

/** Reads a pack's header from its tail (two range reads at most). */
export async function readPackHeader(
  backend: Backend,
  keys: RepositoryKeys,
  file: string,
  size: number,
): Promise<PackedBlob[]> {
  if (size < LENGTH_FIELD) throw new CorruptFileError(file, 'too short to be a pack');
  const guess = Math.min(size, 64 * 1024);
  let tail = await backend.getRange(file, size - guess, guess);
  if (tail.length !== guess) throw new CorruptFileError(file, 'shorter than its listed size');
  const boxLength = tail.readUInt32LE(tail.length - LENGTH_FIELD);
  if (boxLength + LENGTH_FIELD > size)
    throw new CorruptFileError(file, 'header length points outside the pack');
  if (boxLength + LENGTH_FIELD > tail.length) {
    tail = await backend.getRange(file, size - boxLength - LENGTH_FIELD, boxLength + LENGTH_FIELD);
  }
  const box = tail.subarray(tail.length - LENGTH_FIELD - boxLength, tail.length - LENGTH_FIELD);
  const blobs = parseHeader(file, unsealPayload(keys, box, file));
  const end = blobs.reduce((sum, blob) => sum + blob.length, 0);
  if (end + boxLength + LENGTH_FIELD !== size)
    throw new CorruptFileError(file, 'blobs and header do not add up to its size');
  return blobs;
}

/** Decodes a whole pack's header (for check --read-data, which has the file anyway). */
export function parsePack(keys: RepositoryKeys, file: string, data: Buffer): PackedBlob[] {
  if (data.length < LENGTH_FIELD) throw new CorruptFileError(file, 'too short to be a pack');
  if (sha256(data).toString('hex') !== packIdOfFile(file)) {
    throw new CorruptFileError(file, 'content does not match its name (SHA-256)');
  }
  const boxLength = data.readUInt32LE(data.length - LENGTH_FIELD);
  if (boxLength + LENGTH_FIELD > data.length)
    throw new CorruptFileError(file, 'header length points outside the pack');
  const box = data.subarray(data.length - LENGTH_FIELD - boxLength, data.length - LENGTH_FIELD);
  const blobs = parseHeader(file, unsealPayload(keys, box, file));
  const end = blobs.reduce((sum, blob) => sum + blob.length, 0);
  if (end + boxLength + LENGTH_FIELD !== data.length) {
    throw new CorruptFileError(file, 'blobs and header do not add up to its size');
  }
  return blobs;
}

/** Exact size a pack with these blobs has; lets check spot truncation without reading it. */
export function expectedPackSize(blobs: { length: number }[]): number {
  return blobs.reduce((sum, blob) => sum + blob.length, 0) + trailerLength(blobs.length);
}
