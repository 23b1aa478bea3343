// The authorization policy: the one place that decides who may do what. Every route names
// an action; this module says which callers may take it, from the caller's identity (as the
// identity platform described them) and how they stand toward what the action is about.
// Routes never check roles themselves.
//
//   tenant admin    Global Administrator or Privileged Role Administrator of the tenant:
//                   Full Access to its Entra ID backup, its connection, users and audit log
//   Full Access     a user of the tenant an admin raised: operates the backup (settings)
//   No Access       every other user of the tenant: only their own data (who they are, their tokens)
//   reseller staff  an administrator of a reseller's partner tenant: what a tenant admin may
//                   do, for the reseller's customers only, plus the reseller's policies
//   stranger        anybody else: the organization is not even revealed (404)
import type { AccessLevel } from '../service/organizations/schema.js';
import { isTenantAdmin, type UserIdentity } from '../service/user-identity.js';

export const TOKEN_SCOPES = [
  'organizations:read',
  'organizations:write',
  'settings:read',
  'settings:write',
  'users:read',
  'users:write',
  'audit:read',
  'resellers:read',
  'resellers:write',
  'jobs:read',
  'jobs:write',
  'backup:read',
  'restore:write',
] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];

export type Relation = 'tenant-admin' | 'full-access' | 'no-access' | 'reseller-staff' | 'owner' | 'stranger';

/**
 * What an action is about, which decides how the caller's relation is found:
 *   none              nothing in particular (the caller's own data)
 *   own-tenant        the caller's own tenant (connecting it, registering it as a reseller)
 *   organization      the organization in the route
 *   new-organization  the tenant (and reseller) a new connection names
 *   reseller          the reseller in the route
 *   token             the API token in the route
 */
export type ResourceKind = 'none' | 'own-tenant' | 'organization' | 'new-organization' | 'reseller' | 'token';

interface Rule {
  resource: ResourceKind;
  /** Who may: these relations, any signed-in caller, or anyone at all. */
  allow: readonly Relation[] | 'signed-in' | 'anyone';
  /** The scope an API token needs; absent: only a browser session may (e.g. making tokens). */
  scope?: TokenScope;
  /** Leaves an audit entry: reads backup data, changes settings or restores. */
  audited: boolean;
}

const ADMINS = ['tenant-admin', 'reseller-staff'] as const;
const OPERATORS = ['tenant-admin', 'full-access', 'reseller-staff'] as const;

export const RULES = {
  // Sign-in, health, metrics and the API's documentation: no caller needed.
  public: { resource: 'none', allow: 'anyone', audited: false },
  // The portal's pages and assets: the same for everyone; what they show comes through the API.
  portal: { resource: 'none', allow: 'anyone', audited: false },
  'session.end': { resource: 'none', allow: 'signed-in', audited: false },
  'me.read': {
    resource: 'none',
    allow: 'signed-in',
    scope: 'organizations:read',
    audited: false,
  },
  'consent.start': { resource: 'own-tenant', allow: ['tenant-admin'], audited: false },
  'consent.finish': { resource: 'own-tenant', allow: ['tenant-admin'], audited: true },
  'organizations.list': {
    resource: 'none',
    allow: 'signed-in',
    scope: 'organizations:read',
    audited: false,
  },
  'organizations.connect': {
    resource: 'new-organization',
    allow: ADMINS,
    scope: 'organizations:write',
    audited: true,
  },
  'organization.read': {
    resource: 'organization',
    allow: OPERATORS,
    scope: 'organizations:read',
    audited: false,
  },
  'connection.replace': {
    resource: 'organization',
    allow: ADMINS,
    scope: 'organizations:write',
    audited: true,
  },
  'connection.check': {
    resource: 'organization',
    allow: ADMINS,
    scope: 'organizations:write',
    audited: false,
  },
  'settings.read': { resource: 'organization', allow: OPERATORS, scope: 'settings:read', audited: false },
  'settings.update': { resource: 'organization', allow: OPERATORS, scope: 'settings:write', audited: true },
  'settings.follow-policy': {
    resource: 'organization',
    allow: ADMINS,
    scope: 'settings:write',
    audited: true,
  },
  'notifications.read': {
    resource: 'organization',
    allow: OPERATORS,
    scope: 'settings:read',
    audited: false,
  },
  'notifications.update': {
    resource: 'organization',
    allow: OPERATORS,
    scope: 'settings:write',
    audited: true,
  },
  'notifications.test': {
    resource: 'organization',
    allow: OPERATORS,
    scope: 'settings:write',
    audited: true,
  },
  'users.list': { resource: 'organization', allow: ADMINS, scope: 'users:read', audited: false },
  'users.set-access': { resource: 'organization', allow: ADMINS, scope: 'users:write', audited: true },
  'jobs.read': { resource: 'organization', allow: OPERATORS, scope: 'jobs:read', audited: false },
  'jobs.start': { resource: 'organization', allow: OPERATORS, scope: 'jobs:write', audited: true },
  'jobs.cancel': { resource: 'organization', allow: OPERATORS, scope: 'jobs:write', audited: true },
  // Reading backed-up objects and restoring them: Full Access to Entra ID backup.
  'backup.read': { resource: 'organization', allow: OPERATORS, scope: 'backup:read', audited: true },
  'restore.start': { resource: 'organization', allow: OPERATORS, scope: 'restore:write', audited: true },
  'restore.passwords': { resource: 'organization', allow: OPERATORS, audited: true },
  'audit.read': { resource: 'organization', allow: ADMINS, scope: 'audit:read', audited: false },
  'audit.export': { resource: 'organization', allow: ADMINS, scope: 'audit:read', audited: true },
  'tokens.list-tenant': { resource: 'organization', allow: ['tenant-admin'], audited: false },
  'tokens.list-own': { resource: 'none', allow: 'signed-in', audited: false },
  'tokens.create': { resource: 'none', allow: 'signed-in', audited: true },
  'tokens.revoke': { resource: 'token', allow: ['owner', 'tenant-admin'], audited: true },
  'resellers.register': { resource: 'own-tenant', allow: ['tenant-admin'], audited: true },
  'reseller.read': {
    resource: 'reseller',
    allow: ['reseller-staff'],
    scope: 'resellers:read',
    audited: false,
  },
  'reseller.invite': {
    resource: 'reseller',
    allow: ['reseller-staff'],
    scope: 'resellers:write',
    audited: true,
  },
  'reseller.audit-read': {
    resource: 'reseller',
    allow: ['reseller-staff'],
    scope: 'audit:read',
    audited: false,
  },
  'policies.read': {
    resource: 'reseller',
    allow: ['reseller-staff'],
    scope: 'resellers:read',
    audited: false,
  },
  'policies.write': {
    resource: 'reseller',
    allow: ['reseller-staff'],
    scope: 'resellers:write',
    audited: true,
  },
} as const satisfies Record<string, Rule>;

export type Action = keyof typeof RULES;

export function ruleOf(action: Action): Rule {
  return RULES[action];
}

export function isAction(value: unknown): value is Action {
  return typeof value === 'string' && Object.hasOwn(RULES, value);
}

/** Who is calling: a person through a browser session, or through one of their API tokens. */
export interface Caller {
  identity: UserIdentity;
  via: 'session' | 'token';
  /** The token's scopes; a session holds them all (TOKEN_SCOPES). */
  scopes: readonly string[];
  tokenId: string | null;
}

/** The facts about the resource the relation is read from; the access layer gathers them. */
export type Target =
  | { kind: 'none' }
  | { kind: 'own-tenant' }
  | {
      kind: 'organization';
      /** False when there is no such organization: only strangers then. */
      exists: boolean;
      tenantId: string;
      /** The partner tenant of the reseller that manages it. */
      resellerTenantId: string | null;
      /** The caller's recorded access, when the caller belongs to the tenant. */
      accessLevel: AccessLevel;
    }
  | {
      kind: 'new-organization';
      tenantId: string;
      /** The reseller it would be connected under (null: none named). */
      reseller: { exists: boolean; partnerTenantId: string } | null;
    }
  | { kind: 'reseller'; exists: boolean; partnerTenantId: string }
  | { kind: 'token'; exists: boolean; ownerTenantId: string; ownerUserId: string };

export function relationOf(caller: Caller, target: Target): Relation {
  const { identity } = caller;
  const admin = isTenantAdmin(identity);
  const staffOf = (partnerTenantId: string) => admin && partnerTenantId === identity.tenantId;
  switch (target.kind) {
    case 'none':
      return 'stranger';
    case 'own-tenant':
      return admin ? 'tenant-admin' : 'no-access';
    case 'organization':
      if (!target.exists) return 'stranger';
      if (identity.tenantId === target.tenantId) {
        if (admin) return 'tenant-admin';
        return target.accessLevel === 'full' ? 'full-access' : 'no-access';
      }
      return target.resellerTenantId !== null && staffOf(target.resellerTenantId)
        ? 'reseller-staff'
        : 'stranger';
    case 'new-organization':
      // Under a reseller only its staff connect; otherwise an admin connects their own tenant.
      if (target.reseller) {
        return target.reseller.exists && staffOf(target.reseller.partnerTenantId)
          ? 'reseller-staff'
          : 'stranger';
      }
      if (identity.tenantId !== target.tenantId) return 'stranger';
      return admin ? 'tenant-admin' : 'no-access';
    case 'reseller':
      return target.exists && staffOf(target.partnerTenantId) ? 'reseller-staff' : 'stranger';
    case 'token':
      if (!target.exists) return 'stranger';
      if (identity.tenantId === target.ownerTenantId && identity.userId === target.ownerUserId)
        return 'owner';
      return admin && identity.tenantId === target.ownerTenantId ? 'tenant-admin' : 'stranger';
  }
}

export type Decision =
  | { allowed: true; relation: Relation }
  | { allowed: false; status: 401 | 403 | 404; code: string; message: string };

const NOT_FOUND: Record<ResourceKind, string> = {
  none: 'not found',
  'own-tenant': 'not found',
  organization: 'no such organization',
  'new-organization': 'not found',
  reseller: 'no such reseller',
  token: 'no such API token',
};

/** Whether the caller may take the action on the target, and if not, what to answer. */
export function decide(caller: Caller | undefined, action: Action, target: Target): Decision {
  const rule: Rule = RULES[action];
  if (rule.allow === 'anyone') return { allowed: true, relation: 'stranger' };
  if (!caller) return { allowed: false, status: 401, code: 'sign_in_required', message: 'sign in first' };
  if (caller.via === 'token' && (rule.scope === undefined || !caller.scopes.includes(rule.scope))) {
    return {
      allowed: false,
      status: 403,
      code: 'insufficient_scope',
      message: rule.scope
        ? `this API token lacks the ${rule.scope} scope`
        : 'this action needs a signed-in browser session, not an API token',
    };
  }
  const relation = relationOf(caller, target);
  if (rule.allow === 'signed-in' || rule.allow.includes(relation as never))
    return { allowed: true, relation };
  if (relation === 'no-access') {
    return {
      allowed: false,
      status: 403,
      code: 'no_access',
      message:
        'You have No Access to this organization’s Entra ID backup. A Global Administrator or Privileged ' +
        'Role Administrator of your organization can raise you to Full Access in tenantvault (Users).',
    };
  }
  if (relation === 'stranger' && rule.resource === 'new-organization') {
    return {
      allowed: false,
      status: 403,
      code: 'forbidden',
      message:
        'connect your own tenant as one of its administrators, or a customer tenant as staff of its reseller',
    };
  }
  if (relation === 'stranger') {
    return { allowed: false, status: 404, code: 'not_found', message: NOT_FOUND[rule.resource] };
  }
  return {
    allowed: false,
    status: 403,
    code: 'forbidden',
    message: 'only the organization’s administrators (or its reseller) may do this',
  };
}

/**
 * Which organizations a caller's list shows: their own tenant's when they may read it, and
 * the customers of the reseller whose partner tenant is theirs when they are its staff.
 */
export function organizationListScope(
  caller: Caller,
  own: Target & { kind: 'organization' },
  reseller: { id: string; partnerTenantId: string } | undefined,
): { tenantId?: string; resellerIds: string[] } {
  const staff =
    reseller !== undefined &&
    relationOf(caller, { kind: 'reseller', exists: true, partnerTenantId: reseller.partnerTenantId }) ===
      'reseller-staff';
  return {
    ...(decide(caller, 'organization.read', own).allowed ? { tenantId: own.tenantId } : {}),
    resellerIds: staff ? [reseller.id] : [],
  };
}
