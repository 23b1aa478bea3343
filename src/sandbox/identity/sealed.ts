// Opaque values the identity platform hands out and later reads back: authorization codes,
// refresh tokens, sign-in sessions and consent tickets. They are encrypted and
// authenticated (AES-256-GCM with a key derived from the seed), so the server keeps no
// state for them, clients cannot read or forge them, and they survive a restart.
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import type { Sandbox } from '../sandbox.js';

export type SealedKind = 'code' | 'refresh' | 'session' | 'consent';

export interface SealedEnvelope {
  kind: SealedKind;
  /** Expiry in milliseconds on the sandbox clock. */
  exp: number;
}

export class Sealer {
  private readonly key: Buffer;

  constructor(private readonly sandbox: Sandbox) {
    this.key = createHash('sha256').update(sandbox.derivedSecret('identity-sealed-values', 43)).digest();
  }

  seal<T extends object>(kind: SealedKind, lifetimeMs: number, payload: T): string {
    const envelope = { ...payload, kind, exp: this.sandbox.clock.now() + lifetimeMs };
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(kind));
    const body = Buffer.concat([cipher.update(JSON.stringify(envelope), 'utf8'), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
  }

  /** The payload, or undefined when the value is damaged, of another kind or expired. */
  open<T extends object>(kind: SealedKind, value: string | undefined): (T & SealedEnvelope) | undefined {
    const envelope = this.decrypt<T>(kind, value);
    return envelope && envelope.exp > this.sandbox.clock.now() ? envelope : undefined;
  }

  /** Whether a value was issued here but has expired (Microsoft answers those differently). */
  isExpired(kind: SealedKind, value: string | undefined): boolean {
    const envelope = this.decrypt(kind, value);
    return envelope !== undefined && envelope.exp <= this.sandbox.clock.now();
  }

  private decrypt<T extends object>(
    kind: SealedKind,
    value: string | undefined,
  ): (T & SealedEnvelope) | undefined {
    if (!value) return undefined;
    try {
      const bytes = Buffer.from(value, 'base64url');
      const decipher = createDecipheriv('aes-256-gcm', this.key, bytes.subarray(0, 12));
      decipher.setAAD(Buffer.from(kind));
      decipher.setAuthTag(bytes.subarray(12, 28));
      const text = Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]).toString('utf8');
      const envelope = JSON.parse(text) as T & SealedEnvelope;
      return envelope.kind === kind ? envelope : undefined;
    } catch {
      return undefined;
    }
  }
}
