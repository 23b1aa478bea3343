// Throttling as Microsoft Graph documents it. Each request is charged against the scopes
// it belongs to; when one is exhausted the answer is 429, with Retry-After except for
// Conditional Access, which sends none. Throttled requests still count.
//   identity (directory objects): resource units per app+tenant per 10 s, 3,500 / 5,000 /
//     8,000 by tenant size; writes 3,000 per 150 s.
//   audit logs: 5 requests per 10 s per app+tenant.  Conditional Access: 1 per second per tenant.
//   Intune (deviceManagement): 1,000 requests per 20 s per app+tenant.
//   global: 130,000 requests per 10 s per app across all tenants.
// A speed factor shrinks every window so tests reach the limits in little time.
import type { ThrottleSetting } from '../sandbox.js';

export type ThrottleScope = 'identity' | 'auditLogs' | 'conditionalAccess' | 'intune';

export interface ThrottleRequest {
  scope: ThrottleScope;
  tenantId: string;
  appId: string;
  tenantUsers: number;
  write: boolean;
  /** Resource units for identity reads (1 for everything else). */
  cost: number;
}

export interface ThrottleDecision {
  allowed: boolean;
  headers: Record<string, string>;
  /** Seconds to wait, absent when the scope sends no Retry-After. */
  retryAfterSeconds?: number;
}

interface Window {
  limit: number;
  windowMs: number;
}

/** A token bucket refilled continuously; it may go into debt when throttled requests still count. */
class Bucket {
  private tokens: number;
  private updated: number;

  constructor(
    private readonly capacity: number,
    private readonly windowMs: number,
    now: number,
  ) {
    this.tokens = capacity;
    this.updated = now;
  }

  take(cost: number, now: number): { ok: boolean; waitMs: number; used: number } {
    const refill = ((now - this.updated) / this.windowMs) * this.capacity;
    this.tokens = Math.min(this.capacity, this.tokens + refill);
    this.updated = now;
    const ok = this.tokens >= cost;
    // A rejected request is charged too, but debt is capped at one window.
    this.tokens = Math.max(-this.capacity, this.tokens - cost);
    const waitMs = ok ? 0 : ((cost - this.tokens) / this.capacity) * this.windowMs;
    return { ok, waitMs: Math.max(waitMs, 0), used: 1 - this.tokens / this.capacity };
  }
}

export function identityLimit(tenantUsers: number): number {
  if (tenantUsers < 50) return 3500;
  if (tenantUsers <= 500) return 5000;
  return 8000;
}

const WINDOWS: Record<Exclude<ThrottleScope, 'identity'>, Window> = {
  auditLogs: { limit: 5, windowMs: 10_000 },
  conditionalAccess: { limit: 1, windowMs: 1_000 },
  intune: { limit: 1000, windowMs: 20_000 },
};
const IDENTITY_WINDOW_MS = 10_000;
const IDENTITY_WRITES: Window = { limit: 3000, windowMs: 150_000 };
const GLOBAL: Window = { limit: 130_000, windowMs: 10_000 };

export class Throttle {
  private readonly buckets = new Map<string, Bucket>();
  private readonly speed: number;

  constructor(
    setting: ThrottleSetting,
    private readonly now: () => number = Date.now,
  ) {
    this.speed = setting === 'off' ? 0 : setting === 'on' ? 1 : setting;
  }

  get enabled(): boolean {
    return this.speed > 0;
  }

  check(request: ThrottleRequest): ThrottleDecision {
    if (!this.enabled) return { allowed: true, headers: {} };
    const global = this.charge(`global/${request.appId}`, GLOBAL, 1);
    if (!global.ok) return this.reject(global.waitMs, 'Global', request, true);

    if (request.scope === 'identity') {
      const limit = identityLimit(request.tenantUsers);
      const window: Window = request.write ? IDENTITY_WRITES : { limit, windowMs: IDENTITY_WINDOW_MS };
      const kind = request.write ? 'Write' : 'ReadWrite';
      const result = this.charge(
        `identity/${kind}/${request.tenantId}/${request.appId}`,
        window,
        request.cost,
      );
      const headers: Record<string, string> = { 'x-ms-resource-unit': String(request.cost) };
      if (result.used > 0.8) headers['x-ms-throttle-limit-percentage'] = Math.min(result.used, 1).toFixed(1);
      if (!result.ok) {
        const rejected = this.reject(result.waitMs, `Tenant_Application/${kind}`, request, true);
        return { ...rejected, headers: { ...headers, ...rejected.headers } };
      }
      return { allowed: true, headers };
    }

    const window = WINDOWS[request.scope];
    const key =
      request.scope === 'conditionalAccess'
        ? `${request.scope}/${request.tenantId}`
        : `${request.scope}/${request.tenantId}/${request.appId}`;
    const result = this.charge(key, window, 1);
    if (!result.ok)
      return this.reject(result.waitMs, request.scope, request, request.scope !== 'conditionalAccess');
    return { allowed: true, headers: {} };
  }

  private charge(key: string, window: Window, cost: number) {
    const now = this.now();
    const windowMs = window.windowMs / this.speed;
    let bucket = this.buckets.get(key);
    if (!bucket) this.buckets.set(key, (bucket = new Bucket(window.limit, windowMs, now)));
    return bucket.take(cost, now);
  }

  private reject(
    waitMs: number,
    scope: string,
    request: ThrottleRequest,
    withRetryAfter: boolean,
  ): ThrottleDecision {
    const headers: Record<string, string> = {
      'x-ms-throttle-scope': `${scope}/${request.appId}/${request.tenantId}`,
      'x-ms-throttle-information': scope.startsWith('Tenant_Application')
        ? 'ResourceUnitLimitExceeded'
        : 'Throttled',
    };
    if (!withRetryAfter) return { allowed: false, headers };
    const retryAfterSeconds = Math.max(1, Math.ceil(waitMs / 1000));
    headers['retry-after'] = String(retryAfterSeconds);
    return { allowed: false, headers, retryAfterSeconds };
  }
}
