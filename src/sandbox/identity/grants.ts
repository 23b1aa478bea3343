// What the sealed values of the user flows carry, and how requested scopes are read.
// Authorization codes are single-use (Microsoft answers AADSTS54005 to a second
// redemption), so redeemed codes are remembered until they would have expired anyway.
import type { Sandbox } from '../sandbox.js';
import type { RedirectPlatform } from './clients.js';
import { IdentityError } from './oauth-errors.js';

export const CODE_LIFETIME_MS = 10 * 60 * 1000;
/** Refresh tokens of web and native apps: 90 days, renewed by every use. */
export const REFRESH_TOKEN_LIFETIME_MS = 90 * 24 * 3600 * 1000;
/** Single-page apps get 24 hours, not renewed. */
export const SPA_REFRESH_TOKEN_LIFETIME_MS = 24 * 3600 * 1000;
export const SESSION_LIFETIME_MS = 24 * 3600 * 1000;

export interface UserSession {
  tid: string;
  userId: string;
  /** Seconds since the epoch when the password was entered. */
  authTime: number;
  sid: string;
}

export interface AuthorizationCode extends UserSession {
  jti: string;
  clientId: string;
  redirectUri: string;
  platform: RedirectPlatform;
  scopes: string[];
  nonce?: string;
  codeChallenge?: string;
  codeChallengeMethod?: string;
}

export interface RefreshGrant extends UserSession {
  clientId: string;
  platform: RedirectPlatform;
  scopes: string[];
  /** Fixed end of an SPA refresh-token chain (ms). */
  chainEnd?: number;
}

/** Remembers redeemed authorization codes until they expire. */
export class CodeRedemptions {
  private readonly redeemed = new Map<string, number>();

  constructor(private readonly sandbox: Sandbox) {}

  /** Marks the code redeemed; false when it already was. */
  redeem(jti: string, expiresAt: number): boolean {
    const now = this.sandbox.clock.now();
    for (const [id, expiry] of this.redeemed) if (expiry < now) this.redeemed.delete(id);
    if (this.redeemed.has(jti)) return false;
    this.redeemed.set(jti, expiresAt);
    return true;
  }
}

const GRAPH_PREFIXES = ['https://graph.microsoft.com/', '00000003-0000-0000-c000-000000000000/'];

/**
 * Scopes as Graph permission values and OIDC scopes: "https://graph.microsoft.com/User.Read"
 * and "User.Read" are the same; "https://graph.microsoft.com/.default" means whatever was
 * consented (returned as ".default"). Another resource is not served here.
 */
export function parseUserScopes(scope: string | undefined): string[] {
  const scopes = new Set<string>();
  for (const raw of (scope ?? '').split(/\s+/).filter(Boolean)) {
    const prefix = GRAPH_PREFIXES.find((candidate) => raw.toLowerCase().startsWith(candidate));
    const value = prefix ? raw.slice(prefix.length).replace(/^\//, '') : raw;
    if (!prefix && /^[a-z][a-z0-9+.-]*:\/\//i.test(raw)) {
      throw new IdentityError(
        'invalid_request',
        500011,
        `The resource principal named ${raw.slice(0, raw.lastIndexOf('/'))} was not found in the tenant. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You might have sent your authentication request to the wrong tenant.`,
      );
    }
    scopes.add(value);
  }
  return [...scopes];
}
