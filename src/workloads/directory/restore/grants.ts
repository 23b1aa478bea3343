// Role assignments and app role assignments as a snapshot keeps them: whole, inside the
// role definition (`roleAssignments`) and the service principals (`appRoleAssignedTo` of
// the resource, `appRoleAssignments` of a client) they belong to. A restore brings back
// every one that names an object it restores, as principal, role, resource or scope.
// Snapshots of earlier versions kept only the principal ids of assignments; those are
// collected too, so the plan can say what to grant again by hand.
import type { DirectoryItem, DirectoryType } from '../item.js';
import type { SnapshotItems } from './planning-context.js';

/** A directory role held by a principal at a scope. */
export interface RoleAssignmentFields {
  principalId: string;
  roleDefinitionId: string;
  /** '/' (the tenant), /administrativeUnits/{id} or /{application id}. */
  directoryScopeId: string;
  appScopeId: string | null;
}

/** An app role of a resource service principal held by a user, group or service principal. */
export interface AppRoleAssignmentFields {
  principalId: string;
  resourceId: string;
  appRoleId: string;
}

export interface RoleGrant extends RoleAssignmentFields {
  kind: 'role';
  /** The role definition the snapshot kept it with (its name, built-in or custom). */
  role: DirectoryItem;
}

export interface AppRoleGrant extends AppRoleAssignmentFields {
  kind: 'appRole';
  /** The resource's item, when the snapshot holds it (its name and app roles). */
  resource: DirectoryItem | undefined;
}

export type Grant = RoleGrant | AppRoleGrant;

/** An assignment an older snapshot kept as a principal id only: who held what, not which scope or app role. */
export interface GrantWithoutDetails {
  /** The role definition or resource service principal that kept it. */
  holder: DirectoryItem;
  relationship: string;
  principalId: string;
}

export interface BackedUpGrants {
  grants: Grant[];
  withoutDetails: GrantWithoutDetails[];
}

/** Types whose objects an assignment can name. */
const GRANTED_TYPES: ReadonlySet<DirectoryType> = new Set([
  'users',
  'groups',
  'servicePrincipals',
  'customRoles',
  'administrativeUnits',
  'applications',
]);

/** Relationships of older snapshots that kept assignments as principal ids. */
const ID_ONLY_GRANTS: readonly [DirectoryType, string][] = [
  ['builtInRoles', 'assignments'],
  ['customRoles', 'assignments'],
  ['servicePrincipals', 'appRoleAssignedTo'],
];

/** The object a directoryScopeId names (an administrative unit or an application), or undefined for the tenant. */
export function scopeObjectId(directoryScopeId: string): string | undefined {
  return /^\/(?:administrativeUnits\/)?([^/]+)$/.exec(directoryScopeId)?.[1];
}

/** The assignment without its own id: what makes two assignments the same grant. */
export function grantKey(
  grant: ({ kind: 'role' } & RoleAssignmentFields) | ({ kind: 'appRole' } & AppRoleAssignmentFields),
): string {
  return grant.kind === 'role'
    ? `role ${grant.principalId} ${grant.roleDefinitionId} ${grant.directoryScopeId} ${grant.appScopeId ?? ''}`
    : `appRole ${grant.principalId} ${grant.resourceId} ${grant.appRoleId}`;
}

/** The directory objects a grant names: principal, resource, scope (a role definition is not one). */
export function grantedDirectoryObjects(grant: Grant): string[] {
  if (grant.kind === 'appRole') return [grant.principalId, grant.resourceId];
  const scope = scopeObjectId(grant.directoryScopeId);
  return [grant.principalId, ...(scope === undefined ? [] : [scope])];
}

/** Every object a grant names, the role definition included. */
export function namedIds(grant: Grant): string[] {
  const objects = grantedDirectoryObjects(grant);
  return grant.kind === 'role' ? [...objects, grant.roleDefinitionId] : objects;
}

export type Entry = Record<string, unknown>;

function entriesOf(item: DirectoryItem, name: string): Entry[] | undefined {
  const entries = item.object[name];
  return Array.isArray(entries) ? (entries as Entry[]) : undefined;
}

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/** A role assignment as Graph answers it (unifiedRoleAssignment), or undefined when it lacks what a grant needs. */
export function roleAssignmentFields(entry: Entry): RoleAssignmentFields | undefined {
  const principalId = text(entry.principalId);
  const roleDefinitionId = text(entry.roleDefinitionId);
  if (!principalId || !roleDefinitionId) return undefined;
  return {
    principalId,
    roleDefinitionId,
    directoryScopeId: text(entry.directoryScopeId) ?? '/',
    appScopeId: text(entry.appScopeId) ?? null,
  };
}

/** An app role assignment as Graph answers it (appRoleAssignment), or undefined when it lacks what a grant needs. */
export function appRoleAssignmentFields(entry: Entry): AppRoleAssignmentFields | undefined {
  const principalId = text(entry.principalId);
  const resourceId = text(entry.resourceId);
  const appRoleId = text(entry.appRoleId);
  if (!principalId || !resourceId || !appRoleId) return undefined;
  return { principalId, resourceId, appRoleId };
}

function roleGrant(role: DirectoryItem, entry: Entry): RoleGrant | undefined {
  const fields = roleAssignmentFields(entry);
  return fields && { kind: 'role', role, ...fields };
}

function appRoleGrant(resource: DirectoryItem | undefined, entry: Entry): AppRoleGrant | undefined {
  const fields = appRoleAssignmentFields(entry);
  return fields && { kind: 'appRole', resource, ...fields };
}

/** The grants of one role definition or service principal item, as kept whole. */
function grantsKeptIn(item: DirectoryItem): Grant[] {
  const grants: (Grant | undefined)[] = [];
  if (item.type === 'builtInRoles' || item.type === 'customRoles') {
    for (const entry of entriesOf(item, 'roleAssignments') ?? []) grants.push(roleGrant(item, entry));
  } else {
    for (const entry of entriesOf(item, 'appRoleAssignedTo') ?? []) grants.push(appRoleGrant(item, entry));
    // Held in another resource: that resource's own item names it too, unless the snapshot lacks it.
    for (const entry of entriesOf(item, 'appRoleAssignments') ?? [])
      grants.push(appRoleGrant(undefined, entry));
  }
  return grants.filter((grant): grant is Grant => grant !== undefined);
}

/** Every assignment of the snapshot that names one of the restored objects. */
export async function backedUpGrants(
  restored: readonly DirectoryItem[],
  snapshot: SnapshotItems,
): Promise<BackedUpGrants> {
  const found: BackedUpGrants = { grants: [], withoutDetails: [] };
  if (!restored.some((item) => GRANTED_TYPES.has(item.type))) return found;
  const ids = new Set(restored.map((item) => item.id));
  const byKey = new Map<string, Grant>();
  for (const type of ['builtInRoles', 'customRoles', 'servicePrincipals'] as const) {
    for await (const item of snapshot.ofType(type)) {
      for (const grant of grantsKeptIn(item)) {
        const key = grantKey(grant);
        const known = byKey.get(key);
        // The resource's own item names the app role; a client's copy does not.
        if (
          namedIds(grant).some((id) => ids.has(id)) &&
          (!known || (known.kind === 'appRole' && !known.resource))
        )
          byKey.set(key, grant);
      }
      for (const [holderType, relationship] of ID_ONLY_GRANTS) {
        if (holderType !== type) continue;
        for (const principalId of item.relationships[relationship] ?? []) {
          if (ids.has(principalId)) found.withoutDetails.push({ holder: item, relationship, principalId });
        }
      }
    }
  }
  found.grants = [...byKey.values()];
  return found;
}
