// Opaque continuation tokens ($skiptoken in nextLinks, $deltatoken in deltaLinks). They
// carry their state so the server keeps none per client, and are signed so a forged or
// damaged token is refused instead of misread.
import { createHmac, timingSafeEqual } from 'node:crypto';

export class TokenSealer {
  constructor(private readonly key: string) {}

  seal(payload: object): string {
    const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
    return `${body}.${this.sign(body)}`;
  }

  /** The payload, or undefined when the token is malformed or was not issued here. */
  open<T>(token: string): T | undefined {
    const dot = token.lastIndexOf('.');
    if (dot <= 0) return undefined;
    const body = token.slice(0, dot);
    const signature = Buffer.from(token.slice(dot + 1));
    const expected = Buffer.from(this.sign(body));
    if (signature.length !== expected.length || !timingSafeEqual(signature, expected)) return undefined;
    try {
      return JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as T;
    } catch {
      return undefined;
    }
  }

  private sign(body: string): string {
    return createHmac('sha256', this.key).update(body).digest('base64url').slice(0, 22);
  }
}
