// Keys, sealed boxes (AES-256-GCM, random nonce) and payloads (flag + raw or zstd body).
// See docs/repository-format.md, "Cryptography".
import { createCipheriv, createDecipheriv, createHmac, hash, randomBytes } from 'node:crypto';
import { Compressor, Decompressor } from 'zstd-napi';
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

// One zstd context each, reused: creating one per blob costs more than compressing a mail.
const compressor = compressorAt(ZSTD_LEVEL);
const sampleCompressor = compressorAt(1);
const decompressor = new Decompressor();

function compressorAt(compressionLevel: number): Compressor {
  const created = new Compressor();
  created.setParameters({ compressionLevel });
  return created;
}

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

export function seal(key: Buffer, plaintext: Buffer | Buffer[]): Buffer {
  const nonce = nextNonce();
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  const parts = [nonce];
  for (const part of Array.isArray(plaintext) ? plaintext : [plaintext]) parts.push(cipher.update(part));
  parts.push(cipher.final(), cipher.getAuthTag());
  return Buffer.concat(parts);
}

/** Decrypts a sealed box; `file` names it in the error when it does not authenticate. */
export function unseal(key: Buffer, box: Buffer, file: string): Buffer {
  if (box.length < NONCE_LENGTH + TAG_LENGTH)
    throw new CorruptFileError(file, 'too short to be encrypted data');
  const decipher = createDecipheriv('aes-256-gcm', key, box.subarray(0, NONCE_LENGTH));
  decipher.setAuthTag(box.subarray(box.length - TAG_LENGTH));
  try {
    return Buffer.concat([
      decipher.update(box.subarray(NONCE_LENGTH, box.length - TAG_LENGTH)),
      decipher.final(),
    ]);
  } catch {
    throw new CorruptFileError(file, 'authentication failed (damaged or not written with this key)');
  }
}

/** Large bodies are compressed only if their first part compresses: skips random data cheaply. */
function sampleCompresses(body: Buffer): boolean {
  if (body.length <= COMPRESSION_SAMPLE) return true;
  const sample = body.subarray(0, COMPRESSION_SAMPLE);
  return sampleCompressor.compress(sample).length <= sample.length * (1 - MIN_SAVING);
}

/** Seals `body` as a payload, compressed when that pays (and `compressible` allows it). */
export function sealPayload(keys: RepositoryKeys, body: Buffer, compressible = true): Buffer {
  if (compressible && body.length >= MIN_COMPRESS_LENGTH && sampleCompresses(body)) {
    const packed = compressor.compress(body);
    if (packed.length <= body.length * (1 - MIN_SAVING)) {
      return seal(keys.encryption, [Buffer.of(FLAG_ZSTD), packed]);
    }
  }
  return seal(keys.encryption, [Buffer.of(FLAG_RAW), body]);
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
