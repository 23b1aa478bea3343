// Keys, sealed boxes (AES-256-GCM, random nonce) and payloads (flag + raw or zstd body).
// See docs/repository-format.md, "Cryptography".
import { createCipheriv, createDecipheriv, createHmac, hash, randomBytes } from 'node:crypto';
import { Decompressor } from 'zstd-napi';
import zstd from 'zstd-napi/binding.js';
import { CorruptFileError } from './errors.js';

export const NONCE_LENGTH = 12;
export const TAG_LENGTH = 16;
/** Bytes a sealed payload adds to its body: nonce, flag, tag. */
export const SEAL_OVERHEAD = NONCE_LENGTH + 1 + TAG_LENGTH;

const FLAG_RAW = 0;
const FLAG_ZSTD = 1;
const ZSTD_LEVEL = 3;
/** Compressed form is kept only when it saves at least this fraction. */
const MIN_SAVING = 0.03;
/** Below this, compression rarely pays for the zstd frame header. */
const MIN_COMPRESS_LENGTH = 128;
const COMPRESSION_SAMPLE = 64 * 1024;
const SAMPLE_LEVEL = 1;
/**
 * Ciphers are fed this much at a time: each update returns a new buffer, and small ones
 * come from memory the allocator reuses while large ones are fresh pages (much slower).
 */
const CIPHER_PIECE = 64 * 1024;

// One zstd context, reused: creating one per blob costs more than compressing a mail. It
// compresses into a scratch buffer that grows to the largest body seen, for the same reason.
const compressor = new zstd.CCtx();
let compressed = Buffer.alloc(0);
const decompressor = new Decompressor();

export interface RepositoryKeys {
  encryption: Buffer;
  blobId: Buffer;
  config: Buffer;
  chunker: Buffer;
}

export function newMasterKey(): Buffer {
  return randomBytes(32);
}

export function deriveKeys(master: Buffer): RepositoryKeys {
  const derive = (label: string) => createHmac('sha256', master).update(label).digest();
  return {
    encryption: derive('tenantvault/v1/encryption'),
    blobId: derive('tenantvault/v1/blob-id'),
    config: derive('tenantvault/v1/config'),
    chunker: derive('tenantvault/v1/chunker'),
  };
}

/** Nonces are cut from a pool of random bytes: one CSPRNG call per 4096 nonces. */
const NONCES_PER_POOL = 4096;
let noncePool = Buffer.alloc(0);
let noncePoolOffset = 0;

function nextNonce(): Buffer {
  if (noncePoolOffset + NONCE_LENGTH > noncePool.length) {
    noncePool = randomBytes(NONCE_LENGTH * NONCES_PER_POOL);
    noncePoolOffset = 0;
  }
  noncePoolOffset += NONCE_LENGTH;
  return noncePool.subarray(noncePoolOffset - NONCE_LENGTH, noncePoolOffset);
}

/** Writes the sealed box of `plaintext` (its parts concatenated) at `offset`; returns its length. */
export function sealInto(key: Buffer, plaintext: Buffer[], target: Buffer, offset: number): number {
  const nonce = nextNonce();
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  let position = offset + nonce.copy(target, offset);
  for (const part of plaintext) {
    for (let start = 0; start < part.length; start += CIPHER_PIECE) {
      position += cipher.update(part.subarray(start, start + CIPHER_PIECE)).copy(target, position);
    }
  }
  position += cipher.final().copy(target, position);
  position += cipher.getAuthTag().copy(target, position);
  return position - offset;
}

export function seal(key: Buffer, plaintext: Buffer): Buffer {
  const box = Buffer.allocUnsafe(plaintext.length + NONCE_LENGTH + TAG_LENGTH);
  sealInto(key, [plaintext], box, 0);
  return box;
}

/** Decrypts a sealed box; `file` names it in the error when it does not authenticate. */
export function unseal(key: Buffer, box: Buffer, file: string): Buffer {
  if (box.length < NONCE_LENGTH + TAG_LENGTH)
    throw new CorruptFileError(file, 'too short to be encrypted data');
  const decipher = createDecipheriv('aes-256-gcm', key, box.subarray(0, NONCE_LENGTH));
  decipher.setAuthTag(box.subarray(box.length - TAG_LENGTH));
  const ciphertext = box.subarray(NONCE_LENGTH, box.length - TAG_LENGTH);
  const plaintext = Buffer.allocUnsafe(ciphertext.length);
  let position = 0;
  for (let start = 0; start < ciphertext.length; start += CIPHER_PIECE) {
    position += decipher.update(ciphertext.subarray(start, start + CIPHER_PIECE)).copy(plaintext, position);
  }
  try {
    decipher.final();
    return plaintext;
  } catch {
    throw new CorruptFileError(file, 'authentication failed (damaged or not written with this key)');
  }
}

/** Compresses into the scratch buffer; the result is valid until the next call. */
function compress(body: Buffer, level: number): Buffer {
  const bound = zstd.compressBound(body.length);
  if (compressed.length < bound) compressed = Buffer.allocUnsafe(bound);
  return compressed.subarray(0, compressor.compress(compressed, body, level));
}

/** Large bodies are compressed only if their first part compresses: skips random data cheaply. */
function sampleCompresses(body: Buffer): boolean {
  if (body.length <= COMPRESSION_SAMPLE) return true;
  const sample = body.subarray(0, COMPRESSION_SAMPLE);
  return compress(sample, SAMPLE_LEVEL).length <= sample.length * (1 - MIN_SAVING);
}

const RAW = Buffer.of(FLAG_RAW);
const ZSTD = Buffer.of(FLAG_ZSTD);

/**
 * The plaintext of `body`'s payload as parts (flag, then the body stored raw or compressed
 * when that pays and `compressible` allows it). Valid until the next call: the compressed
 * form lives in a scratch buffer.
 */
export function payloadOf(body: Buffer, compressible = true): Buffer[] {
  if (compressible && body.length >= MIN_COMPRESS_LENGTH && sampleCompresses(body)) {
    const packed = compress(body, ZSTD_LEVEL);
    if (packed.length <= body.length * (1 - MIN_SAVING)) return [ZSTD, packed];
  }
  return [RAW, body];
}

/** Sealed length of a payload given as parts by payloadOf. */
export function sealedLength(payload: Buffer[]): number {
  return payload.reduce((sum, part) => sum + part.length, NONCE_LENGTH + TAG_LENGTH);
}

/** Seals `body` as a payload, compressed when that pays (and `compressible` allows it). */
export function sealPayload(keys: RepositoryKeys, body: Buffer, compressible = true): Buffer {
  const payload = payloadOf(body, compressible);
  const box = Buffer.allocUnsafe(sealedLength(payload));
  sealInto(keys.encryption, payload, box, 0);
  return box;
}

export function unsealPayload(keys: RepositoryKeys, box: Buffer, file: string): Buffer {
  const payload = unseal(keys.encryption, box, file);
  const body = payload.subarray(1);
  switch (payload[0]) {
    case FLAG_RAW:
      return body;
    case FLAG_ZSTD:
      try {
        return decompressor.decompress(body);
      } catch {
        throw new CorruptFileError(file, 'compressed data cannot be decompressed');
      }
    default:
      throw new CorruptFileError(file, `unknown payload flag ${payload[0]}`);
  }
}

export function blobIdOf(keys: RepositoryKeys, content: Buffer): Buffer {
  return createHmac('sha256', keys.blobId).update(content).digest();
}

export function sha256(data: Buffer | string): Buffer {
  return hash('sha256', data, 'buffer');
}

export function randomName(bytes = 16): string {
  return randomBytes(bytes).toString('hex');
}
