// The sandbox's shared state: options, clock, tenants and keys. Identity-platform routes,
// Graph routes and the admin endpoint all read and write through this object.
import { createHmac } from 'node:crypto';
import { SandboxClock } from './clock.js';
import type { KeyAndCertificate } from './pki.js';
import { Random } from './random.js';
import type { Tenant } from './tenant.js';

export type ThrottleSetting = 'on' | 'off' | number;

export interface SandboxOptions {
  host: string;
  port: number;
  /** Customer tenants besides the publisher's. */
  tenants: number;
  /** Users in the first customer tenant; the others get a tenth as many (at least 50). */
  users: number;
  seed: string;
  /** Where state survives restarts; in memory when absent. */
  dataDir?: string;
  /** Where the certificate authority lives when there is no dataDir. */
  pkiDir: string;
  throttle: ThrottleSetting;
  /** Share of Graph requests that fail with 503 / 504 / a dropped connection / a slow answer. */
  faults: number;
  /** Directory changes per minute made by the activity simulator (0 = none). */
  activity: number;
  deltaTokenLifetimeMs: number;
  accessTokenLifetimeSeconds: number;
}

export const DEFAULT_SANDBOX_OPTIONS: Omit<SandboxOptions, 'pkiDir'> = {
  host: '127.0.0.1',
  port: 8443,
  tenants: 2,
  users: 200,
  seed: '1',
  throttle: 'on',
  faults: 0,
  activity: 0,
  deltaTokenLifetimeMs: 7 * 24 * 3600 * 1000,
  accessTokenLifetimeSeconds: 3600,
};

export interface SigningKey {
  kid: string;
  keyPem: string;
  certPem: string;
}

export class Sandbox {
  readonly clock = new SandboxClock();
  readonly tenants = new Map<string, Tenant>();
  /** Set once the server listens: "https://host:port". */
  baseUrl = '';
  private dirtyListener: (() => void) | undefined;
  private readonly tenantListeners: ((tenant: Tenant) => void)[] = [];

  constructor(
    readonly options: SandboxOptions,
    readonly ca: KeyAndCertificate,
    readonly signingKey: SigningKey,
  ) {}

  /** A random source for one purpose, reproducible from the seed. */
  random(purpose: string): Random {
    return new Random(`${this.options.seed}/${purpose}`);
  }

  /** A secret derived from the seed, so printed credentials survive restarts without being stored. */
  derivedSecret(purpose: string, length = 40): string {
    const bytes = createHmac('sha256', `tenantvault-sandbox/${this.options.seed}`).update(purpose).digest();
    // Entra client secrets are 40 characters with ~ and . in them.
    return bytes.toString('base64url').replace(/-/g, '~').replace(/_/g, '.').slice(0, length);
  }

  /** Key for the /_sandbox/ admin endpoint; Graph tokens never open it. */
  get adminKey(): string {
    return this.derivedSecret('sandbox-admin-key', 32);
  }

  get publisher(): Tenant {
    for (const tenant of this.tenants.values()) if (tenant.info.publisher) return tenant;
    throw new Error('the sandbox has no publisher tenant');
  }

  customerTenants(): Tenant[] {
    return [...this.tenants.values()].filter((tenant) => !tenant.info.publisher);
  }

  /** Resolves an authority path segment: a tenant id or a verified domain. */
  tenantBySegment(segment: string): Tenant | undefined {
    const byId = this.tenants.get(segment.toLowerCase());
    if (byId) return byId;
    const domain = segment.toLowerCase();
    for (const tenant of this.tenants.values()) if (tenant.info.defaultDomain === domain) return tenant;
    return undefined;
  }

  authorityUrl(tenant: Tenant): string {
    return `${this.baseUrl}/${tenant.id}`;
  }

  get graphBaseUrl(): string {
    return `${this.baseUrl}/v1.0`;
  }

  addTenant(tenant: Tenant): void {
    this.tenants.set(tenant.id, tenant);
    for (const listener of this.tenantListeners) listener(tenant);
  }

  /** Called for every tenant added from now on (persistence watches their changes). */
  onTenantAdded(listener: (tenant: Tenant) => void): void {
    this.tenantListeners.push(listener);
  }

  /** Tells persistence that state changed outside the directory stores (e.g. a new tenant). */
  markDirty(): void {
    this.dirtyListener?.();
  }

  onDirty(listener: () => void): void {
    this.dirtyListener = listener;
  }
}
