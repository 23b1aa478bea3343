// The relationships a restore writes back, and the Graph requests that read and write
// them: multi-valued links (members, owners) are added with POST …/$ref and removed with
// DELETE …/{target}/$ref; the single-valued manager is set with PUT and cleared with
// DELETE. A link always names its target by its directoryObjects URL.
import type { DirectoryType, GraphObject } from '../item.js';
import { TYPE_ROUTES } from '../routes.js';

interface LinkRoute {
  /** One target at most (a user's manager). */
  single: boolean;
}

const LINK_ROUTES: Partial<Record<DirectoryType, Record<string, LinkRoute>>> = {
  users: { manager: { single: true } },
  groups: { members: { single: false }, owners: { single: false } },
  applications: { owners: { single: false } },
  servicePrincipals: { owners: { single: false } },
  administrativeUnits: { members: { single: false } },
};

export function linkRoute(type: DirectoryType, relationship: string): LinkRoute | undefined {
  return LINK_ROUTES[type]?.[relationship];
}

const ROLE_SCOPE_UNKNOWN =
  'this snapshot keeps who holds the role, not the scope (tenant or administrative unit) of each assignment';
const APP_ROLE_UNKNOWN = 'this snapshot keeps who is assigned, not which app role';

/**
 * Relationships snapshots of earlier versions kept as principal ids, which a restore does
 * not write, each with why: granting from ids alone could grant more than was granted.
 * Later snapshots keep each assignment whole (grants.ts).
 */
const NOT_RESTORED: Readonly<Record<string, string>> = {
  'builtInRoles/assignments': ROLE_SCOPE_UNKNOWN,
  'customRoles/assignments': ROLE_SCOPE_UNKNOWN,
  'servicePrincipals/appRoleAssignedTo': APP_ROLE_UNKNOWN,
  'servicePrincipals/appRoleAssignments': APP_ROLE_UNKNOWN,
};

/** Why a relationship without a link route is left alone. */
export function notRestoredReason(type: DirectoryType, relationship: string): string {
  const why = NOT_RESTORED[`${type}/${relationship}`];
  return why ? `${relationship} are not restored: ${why}` : `${relationship} are not restored`;
}

/** The relationships that point at directory objects which may be restored: [holder type, relationship]. */
export function linksPointingAtPrincipals(): [DirectoryType, string][] {
  return Object.entries(LINK_ROUTES).flatMap(([type, routes]) =>
    Object.keys(routes ?? {}).map((relationship): [DirectoryType, string] => [
      type as DirectoryType,
      relationship,
    ]),
  );
}

/** Members Entra computes from a rule (dynamic groups and units) cannot be written. */
export function membersFollowRule(type: DirectoryType, object: GraphObject): boolean {
  if (type === 'groups') {
    return Array.isArray(object.groupTypes) && object.groupTypes.includes('DynamicMembership');
  }
  return type === 'administrativeUnits' && object.membershipType === 'Dynamic';
}

/** Where the relationship lives below the Graph version, e.g. /groups/{id}/members. */
export function linkPath(type: DirectoryType, objectId: string, relationship: string): string {
  return `${TYPE_ROUTES[type].path}/${objectId}/${relationship}`;
}

export interface LinkWrite {
  method: 'POST' | 'PUT' | 'DELETE';
  url: string;
  body?: unknown;
}

/** The write that adds (or, for a single-valued relationship, sets) a link to `targetId`. */
export function addLink(
  type: DirectoryType,
  objectId: string,
  relationship: string,
  targetId: string,
  graphBaseUrl: string,
): LinkWrite {
  const single = linkRoute(type, relationship)?.single === true;
  return {
    method: single ? 'PUT' : 'POST',
    url: `${linkPath(type, objectId, relationship)}/$ref`,
    body: { '@odata.id': `${graphBaseUrl}/directoryObjects/${targetId}` },
  };
}

export function removeLink(
  type: DirectoryType,
  objectId: string,
  relationship: string,
  targetId: string,
): LinkWrite {
  const single = linkRoute(type, relationship)?.single === true;
  return {
    method: 'DELETE',
    url: single
      ? `${linkPath(type, objectId, relationship)}/$ref`
      : `${linkPath(type, objectId, relationship)}/${targetId}/$ref`,
  };
}
