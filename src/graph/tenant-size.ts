// Graph gives a tenant's identity reads 3,500, 5,000 or 8,000 resource units per 10 s by
// its number of users (scopes.ts, identityLimitForUsers). A client paced at the smallest
// limit takes up to 2.3 times as long as Graph allows, so the transport counts the
// tenant's users before its first identity read (GET /users/$count with ConsistencyLevel:
// eventual: one request, 2 RU) and paces identity reads at that tenant's limit. A client
// that lives long (the service keeps one per organization) counts again after a day. A
// count Graph refuses (a missing permission, a cloud without $count) keeps the smallest
// limit for the day: the client may be slow, never too fast.

/** How long a count holds before a long-lived client counts again. */
export const TENANT_SIZE_TTL_MS = 24 * 60 * 60 * 1000;

/** The request that counts a tenant's users; advanced queries need ConsistencyLevel: eventual. */
export const USER_COUNT_REQUEST = {
  url: '/users/$count',
  headers: { ConsistencyLevel: 'eventual' },
} as const;

/** The number in a /users/$count answer (text/plain), or undefined for anything else. */
export function userCountOf(body: unknown): number | undefined {
  const count = typeof body === 'number' ? body : typeof body === 'string' ? Number(body.trim()) : NaN;
  return Number.isInteger(count) && count >= 0 ? count : undefined;
}

/** When the identity budget was last sized, and the sizing under way or done. */
export class TenantSize {
  private sizing?: { startedAt: number; done: Promise<void> };
  /** The tenant's user count as last learnt; undefined before, or when Graph refused it. */
  users?: number;

  constructor(
    /** Counts the users (undefined when Graph refused) and applies the limit. */
    private readonly learn: () => Promise<number | undefined>,
    private readonly now: () => number = Date.now,
  ) {}

  /** Resolves once the identity budget follows the tenant's size (or could not be sized). */
  ensure(): Promise<void> {
    const now = this.now();
    if (!this.sizing || now - this.sizing.startedAt > TENANT_SIZE_TTL_MS) {
      const sizing = {
        startedAt: now,
        done: this.learn().then(
          (users) => {
            if (users !== undefined) this.users = users;
          },
          () => {
            // Not Graph's answer (no token, no network): the next identity read tries again.
            if (this.sizing === sizing) this.sizing = undefined;
          },
        ),
      };
      this.sizing = sizing;
    }
    return this.sizing.done;
  }
}
