// Authenticated encryption under the service key: app credentials at rest, the sign-in
// state a browser carries in a cookie, and page tokens handed to API clients. AES-256-GCM
// with a fresh nonce per value; the purpose is bound in as additional data, so a value
// sealed for one use never opens for another (a page token cannot pose as a credential).
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

const KEY_BYTES = 32;
const NONCE_BYTES = 12;
const TAG_BYTES = 16;

export class SecretBox {
  constructor(private readonly key: Buffer) {
    if (key.length !== KEY_BYTES) throw new Error(`the service key must be ${KEY_BYTES} bytes`);
  }

  seal(purpose: string, plaintext: string): string {
    const nonce = randomBytes(NONCE_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, nonce);
    cipher.setAAD(Buffer.from(purpose));
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return Buffer.concat([nonce, cipher.getAuthTag(), body]).toString('base64url');
  }

  /** The plaintext, or undefined when the value was altered, sealed for another purpose or by another key. */
  open(purpose: string, sealed: string): string | undefined {
    const bytes = Buffer.from(sealed, 'base64url');
    if (bytes.length < NONCE_BYTES + TAG_BYTES) return undefined;
    const decipher = createDecipheriv('aes-256-gcm', this.key, bytes.subarray(0, NONCE_BYTES));
    decipher.setAAD(Buffer.from(purpose));
    decipher.setAuthTag(bytes.subarray(NONCE_BYTES, NONCE_BYTES + TAG_BYTES));
    try {
      return Buffer.concat([
        decipher.update(bytes.subarray(NONCE_BYTES + TAG_BYTES)),
        decipher.final(),
      ]).toString('utf8');
    } catch {
      return undefined;
    }
  }

  sealJson(purpose: string, value: unknown): string {
    return this.seal(purpose, JSON.stringify(value));
  }

  openJson<T>(purpose: string, sealed: string): T | undefined {
    const text = this.open(purpose, sealed);
    return text === undefined ? undefined : (JSON.parse(text) as T);
  }
}

/**
 * The service key from its file (base64), created with owner-only access on first start.
 * Every process of one deployment must read the same key: it opens stored credentials.
 */
export async function loadServiceKey(path: string): Promise<Buffer> {
  let text: string | undefined;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  if (text === undefined) {
    await mkdir(dirname(path), { recursive: true });
    try {
      await writeFile(path, `${randomBytes(KEY_BYTES).toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
    } catch (error) {
      // Another process created it first: everyone uses that one.
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    text = await readFile(path, 'utf8');
  }
  const key = Buffer.from(text.trim(), 'base64');
  if (key.length !== KEY_BYTES) throw new Error(`${path} does not hold a ${KEY_BYTES}-byte base64 key`);
  return key;
}
