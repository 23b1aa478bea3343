// A tenant hosted by the sandbox: its identity (id, domain), its directory, and the
// secrets Microsoft never returns through Graph (password and client-secret hashes).
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { DirectoryStore, type StoreSnapshot } from './directory/store.js';

export interface TenantInfo {
  id: string;
  displayName: string;
  defaultDomain: string;
  /** The tenant that publishes tenantvault's own multi-tenant apps. */
  publisher: boolean;
}

export interface TenantSnapshot {
  info: TenantInfo;
  secrets: Record<string, string>;
  store: StoreSnapshot;
}

/** Salted SHA-256: the sandbox keeps no password or client secret in clear. */
function hashSecret(secret: string, salt = randomBytes(16).toString('hex')): string {
  return `${salt}:${createHash('sha256').update(`${salt}:${secret}`).digest('hex')}`;
}

function secretMatches(secret: string, stored: string): boolean {
  const salt = stored.slice(0, stored.indexOf(':'));
  const candidate = Buffer.from(hashSecret(secret, salt));
  const expected = Buffer.from(stored);
  return candidate.length === expected.length && timingSafeEqual(candidate, expected);
}

export class Tenant {
  /** "user:<id>" -> password hash; "secret:<appObjectId>:<keyId>" -> client secret hash. */
  private readonly secrets = new Map<string, string>();

  constructor(
    readonly info: TenantInfo,
    readonly store: DirectoryStore,
  ) {}

  get id(): string {
    return this.info.id;
  }

  setUserPassword(userId: string, password: string): void {
    this.secrets.set(`user:${userId}`, hashSecret(password));
  }

  checkUserPassword(userId: string, password: string): boolean {
    const stored = this.secrets.get(`user:${userId}`);
    return stored !== undefined && secretMatches(password, stored);
  }

  setClientSecret(applicationId: string, keyId: string, secret: string): void {
    this.secrets.set(`secret:${applicationId}:${keyId}`, hashSecret(secret));
  }

  removeClientSecret(applicationId: string, keyId: string): void {
    this.secrets.delete(`secret:${applicationId}:${keyId}`);
  }

  checkClientSecret(applicationId: string, keyId: string, secret: string): boolean {
    const stored = this.secrets.get(`secret:${applicationId}:${keyId}`);
    return stored !== undefined && secretMatches(secret, stored);
  }

  snapshot(): TenantSnapshot {
    return { info: this.info, secrets: Object.fromEntries(this.secrets), store: this.store.snapshot() };
  }

  static fromSnapshot(snapshot: TenantSnapshot, now: () => number): Tenant {
    const tenant = new Tenant(snapshot.info, DirectoryStore.fromSnapshot(snapshot.store, now));
    for (const [key, value] of Object.entries(snapshot.secrets)) tenant.secrets.set(key, value);
    return tenant;
  }
}
