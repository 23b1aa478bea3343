// The `config` file: plaintext so the format version can be checked before any key is
// tried, authenticated by an HMAC once the master key is known.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { CorruptFileError, UnsupportedVersionError } from './errors.js';
import type { RepositoryKeys } from './crypto.js';

export const FORMAT_NAME = 'tenantvault-repository';
export const FORMAT_VERSION = 1;
export const CONFIG_FILE = 'config';

export interface ChunkerParameters {
  min: number;
  avg: number;
  max: number;
}

export const DEFAULT_CHUNKER: ChunkerParameters = { min: 256 * 1024, avg: 1024 * 1024, max: 4 * 1024 * 1024 };
export const DEFAULT_PACK_SIZE = 16 * 1024 * 1024;

export interface RepositoryConfig {
  format: string;
  version: number;
  id: string;
  created: string;
  chunker: ChunkerParameters;
  packSize: number;
}

export function newConfig(options: { chunker?: ChunkerParameters; packSize?: number }): RepositoryConfig {
  const chunker = options.chunker ?? DEFAULT_CHUNKER;
  if (!(chunker.min < chunker.avg && chunker.avg < chunker.max) || (chunker.avg & (chunker.avg - 1)) !== 0) {
    throw new RangeError('chunker sizes must satisfy min < avg < max with avg a power of two');
  }
  return {
    format: FORMAT_NAME,
    version: FORMAT_VERSION,
    id: randomBytes(16).toString('hex'),
    created: new Date().toISOString(),
    chunker: { min: chunker.min, avg: chunker.avg, max: chunker.max },
    packSize: options.packSize ?? DEFAULT_PACK_SIZE,
  };
}

function macOf(config: RepositoryConfig, keys: RepositoryKeys): Buffer {
  const { format, version, id, created, chunker, packSize } = config;
  const canonical = JSON.stringify({ format, version, id, created, chunker, packSize });
  return createHmac('sha256', keys.config).update(canonical).digest();
}

export function serializeConfig(config: RepositoryConfig, keys: RepositoryKeys): Buffer {
  return Buffer.from(`${JSON.stringify({ ...config, mac: macOf(config, keys).toString('hex') }, null, 2)}\n`);
}

/** Parses the config and refuses unknown formats and newer versions; the MAC is checked later. */
export function parseConfig(data: Buffer): RepositoryConfig & { mac: string } {
  let parsed: RepositoryConfig & { mac: string };
  try {
    parsed = JSON.parse(data.toString('utf8')) as RepositoryConfig & { mac: string };
  } catch {
    throw new CorruptFileError(CONFIG_FILE, 'not valid JSON');
  }
  if (parsed === null || typeof parsed !== 'object' || parsed.format !== FORMAT_NAME) {
    throw new CorruptFileError(CONFIG_FILE, 'not a tenantvault repository configuration');
  }
  if (!Number.isInteger(parsed.version) || parsed.version < 1) {
    throw new CorruptFileError(CONFIG_FILE, 'invalid format version');
  }
  if (parsed.version > FORMAT_VERSION) throw new UnsupportedVersionError(parsed.version, FORMAT_VERSION);
  const { chunker } = parsed;
  const sizesValid =
    chunker &&
    [chunker.min, chunker.avg, chunker.max, parsed.packSize].every((n) => Number.isInteger(n) && n > 0);
  if (!sizesValid || typeof parsed.mac !== 'string')
    throw new CorruptFileError(CONFIG_FILE, 'missing fields');
  return parsed;
}

export function verifyConfig(config: RepositoryConfig & { mac: string }, keys: RepositoryKeys): void {
  const expected = macOf(config, keys);
  const actual = Buffer.from(config.mac, 'hex');
  if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) {
    throw new CorruptFileError(CONFIG_FILE, 'authentication failed (modified or damaged)');
  }
}
