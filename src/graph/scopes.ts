// Which throttling budget a Graph request draws from, and what it costs there. Graph
// enforces separate limits per service; the client paces each one on its own so that an
// exhausted audit-log budget never holds up directory reads.
//   identity: directory reads, resource units per app+tenant per 10 s (3,500 for a small
//     tenant, 5,000 up to 500 users, 8,000 above), costs as documented below
//   identityWrites: directory writes, 3,000 per 150 s
//   auditLogs: identity reports, 5 requests per 10 s
//   conditionalAccess: 1 request per second per tenant
//   intune: deviceManagement, 1,000 requests per 20 s
//   mailbox: Outlook per app per mailbox, 10,000 requests per 10 min, 4 concurrent

export type ScopeKind =
  'identity' | 'identityWrites' | 'auditLogs' | 'conditionalAccess' | 'intune' | 'mailbox';

export interface Budget {
  /** Units (requests, or resource units for identity reads) allowed per window. */
  limit: number;
  windowMs: number;
  /** Requests in flight at once. */
  concurrency: number;
}

export type Budgets = Record<ScopeKind, Budget>;

/**
 * Microsoft's published limits. Identity reads start at the smallest tenant's limit; the
 * client raises it to the tenant's own once it has counted the tenant's users
 * (identityLimitForUsers, tenant-size.ts).
 */
export const DEFAULT_BUDGETS: Budgets = {
  identity: { limit: 3500, windowMs: 10_000, concurrency: 8 },
  identityWrites: { limit: 3000, windowMs: 150_000, concurrency: 4 },
  auditLogs: { limit: 5, windowMs: 10_000, concurrency: 2 },
  conditionalAccess: { limit: 1, windowMs: 1_000, concurrency: 1 },
  intune: { limit: 1000, windowMs: 20_000, concurrency: 4 },
  mailbox: { limit: 10_000, windowMs: 600_000, concurrency: 4 },
};

/** Graph's identity read limit (resource units per 10 s) for a tenant of this many users. */
export function identityLimitForUsers(users: number): number {
  if (users < 50) return 3500;
  if (users <= 500) return 5000;
  return 8000;
}

export interface Charge {
  kind: ScopeKind;
  /** The budget instance: the kind, plus the mailbox for per-mailbox budgets. */
  key: string;
  cost: number;
}

const MAILBOX_SEGMENTS = new Set([
  'messages',
  'mailfolders',
  'contacts',
  'contactfolders',
  'calendar',
  'calendars',
  'calendargroups',
  'calendarview',
  'events',
  'mailboxsettings',
  'inferenceclassification',
  'outlook',
]);

/** Documented base costs; any other identity read costs 1. */
const COLLECTION_COSTS: Record<string, number> = {
  users: 2,
  groups: 2,
  applications: 2,
  serviceprincipals: 2,
};
const RELATION_COSTS: Record<string, number> = {
  members: 3,
  owners: 3,
  memberof: 3,
  registeredowners: 3,
  registeredusers: 3,
  transitivemembers: 5,
  transitivememberof: 5,
};

function identityReadCost(segments: string[], query: URLSearchParams): number {
  let cost = COLLECTION_COSTS[segments[0] ?? ''] ?? 1;
  const relation = segments[2];
  if (relation && RELATION_COSTS[relation] !== undefined) cost = RELATION_COSTS[relation];
  if (query.has('$select')) cost -= 1;
  if (query.has('$expand')) cost += 1;
  const top = Number(query.get('$top') ?? NaN);
  if (top < 20) cost -= 1;
  return Math.max(cost, 1);
}

/** The budget and cost of one request; `path` is below the Graph version (e.g. /users/x/messages). */
export function chargeFor(method: string, path: string, query: URLSearchParams): Charge {
  const segments = path
    .split('/')
    .filter(Boolean)
    .map((segment) => decodeURIComponent(segment).toLowerCase());
  const [first, second] = segments;
  if (first === 'auditlogs') return { kind: 'auditLogs', key: 'auditLogs', cost: 1 };
  if (first === 'identity' && second === 'conditionalaccess')
    return { kind: 'conditionalAccess', key: 'conditionalAccess', cost: 1 };
  if (first === 'devicemanagement' || first === 'deviceappmanagement')
    return { kind: 'intune', key: 'intune', cost: 1 };
  if ((first === 'users' || first === 'me') && segments.some((segment) => MAILBOX_SEGMENTS.has(segment))) {
    const mailbox = first === 'me' ? 'me' : (segments[1] ?? '');
    return { kind: 'mailbox', key: `mailbox/${mailbox}`, cost: 1 };
  }
  if (method !== 'GET') return { kind: 'identityWrites', key: 'identityWrites', cost: 1 };
  return { kind: 'identity', key: 'identity', cost: identityReadCost(segments, query) };
}
