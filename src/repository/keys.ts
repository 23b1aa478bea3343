// Key files: the master key wrapped by a password-derived key (scrypt with stored
// parameters). Several key files can wrap the same master key, one per password.
import { randomBytes, scrypt } from 'node:crypto';
import { CorruptFileError } from './errors.js';
import { seal, unseal } from './crypto.js';

export const KEY_FILE_VERSION = 1;

export interface ScryptParameters {
  N: number;
  r: number;
  p: number;
}

/** About 100 ms and 32 MiB per attempt: slow enough to make guessing expensive. */
export const DEFAULT_SCRYPT: ScryptParameters = { N: 32768, r: 8, p: 1 };

interface KeyFile extends ScryptParameters {
  version: number;
  created: string;
  kdf: 'scrypt';
  salt: string;
  masterKey: string;
}

function deriveWrappingKey(password: string, salt: Buffer, parameters: ScryptParameters): Promise<Buffer> {
  const { N, r, p } = parameters;
  return new Promise((resolve, reject) =>
    scrypt(password, salt, 32, { N, r, p, maxmem: 256 * N * r + 1024 * 1024 }, (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  );
}

export async function wrapMasterKey(
  master: Buffer,
  password: string,
  parameters: ScryptParameters = DEFAULT_SCRYPT,
): Promise<Buffer> {
  const salt = randomBytes(32);
  const wrapping = await deriveWrappingKey(password, salt, parameters);
  const file: KeyFile = {
    version: KEY_FILE_VERSION,
    created: new Date().toISOString(),
    kdf: 'scrypt',
    ...parameters,
    salt: salt.toString('base64'),
    masterKey: seal(wrapping, master).toString('base64'),
  };
  return Buffer.from(`${JSON.stringify(file, null, 2)}\n`);
}

/** Parses a key file; throws CorruptFileError when it is not one. */
export function parseKeyFile(name: string, data: Buffer): KeyFile {
  let file: KeyFile;
  try {
    file = JSON.parse(data.toString('utf8')) as KeyFile;
  } catch {
    throw new CorruptFileError(name, 'not valid JSON');
  }
  const valid =
    file !== null &&
    typeof file === 'object' &&
    file.kdf === 'scrypt' &&
    [file.N, file.r, file.p].every((n) => Number.isInteger(n) && n > 0) &&
    typeof file.salt === 'string' &&
    typeof file.masterKey === 'string';
  if (!valid) throw new CorruptFileError(name, 'not a key file');
  if (file.version > KEY_FILE_VERSION)
    throw new CorruptFileError(name, `key file version ${file.version} is unknown`);
  return file;
}

/** The master key, or undefined when `password` is not the one this file was made with. */
export async function unwrapMasterKey(
  name: string,
  data: Buffer,
  password: string,
): Promise<Buffer | undefined> {
  const file = parseKeyFile(name, data);
  const wrapping = await deriveWrappingKey(password, Buffer.from(file.salt, 'base64'), file);
  try {
    const master = unseal(wrapping, Buffer.from(file.masterKey, 'base64'), name);
    if (master.length !== 32) throw new CorruptFileError(name, 'master key has the wrong length');
    return master;
  } catch (error) {
    if (error instanceof CorruptFileError && error.message.includes('authentication failed'))
      return undefined;
    throw error;
  }
}
