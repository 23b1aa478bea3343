// The writes that grant backed-up role assignments and app role assignments again:
//   POST /roleManagement/directory/roleAssignments            (principal, role, scope)
//   POST /servicePrincipals/{resource}/appRoleAssignedTo      (principal, resource, app role)
// with every id through the id map, so a re-created group gets its role back under its
// new id. An assignment the tenant still has is left alone; one that names an object
// neither in the tenant nor restored is said so. A restore grants, never revokes:
// assignments made since the backup stay.
import type { DirectoryItem } from '../item.js';
import { TYPE_ROUTES } from '../routes.js';
import {
  appRoleAssignmentFields,
  grantKey,
  namedIds,
  roleAssignmentFields,
  scopeObjectId,
  type AppRoleGrant,
  type BackedUpGrants,
  type Grant,
} from './grants.js';
import { notRestoredReason } from './links.js';
import { itemRef, kindOf } from './plan-builder.js';
import type { PlanningContext } from './planning-context.js';
import type { Reference } from './references.js';

/** The app role every app can be assigned with when it defines none of its own. */
const DEFAULT_ACCESS = '00000000-0000-0000-0000-000000000000';

function quoted(item: DirectoryItem | undefined, id: string): string {
  const name = item?.object.displayName;
  return typeof name === 'string' ? `"${name}" (${id})` : id;
}

function appRoleName(grant: AppRoleGrant): string {
  if (grant.appRoleId === DEFAULT_ACCESS) return 'default access';
  const appRoles = (grant.resource?.object.appRoles ?? []) as { id?: unknown; displayName?: unknown }[];
  const appRole = appRoles.find((candidate) => candidate.id === grant.appRoleId);
  return typeof appRole?.displayName === 'string' ? `"${appRole.displayName}"` : grant.appRoleId;
}

/** "built-in role "Global Reader" (…) for 5be7… tenant-wide", "app role "Reader" of enterprise app … for …". */
function describe(grant: Grant): string {
  if (grant.kind === 'role') {
    const scope = grant.directoryScopeId === '/' ? 'tenant-wide' : `at scope ${grant.directoryScopeId}`;
    return `${kindOf(grant.role.type)} ${quoted(grant.role, grant.roleDefinitionId)} for ${grant.principalId} ${scope}`;
  }
  return `app role ${appRoleName(grant)} of ${kindOf('servicePrincipals')} ${quoted(grant.resource, grant.resourceId)} for ${grant.principalId}`;
}

/** Keys of the assignments the tenant has now, read for the roles and resources that are there as they were. */
async function currentGrants(context: PlanningContext, grants: readonly Grant[]): Promise<Set<string>> {
  const { live, references } = context;
  // Re-created (new id) or waiting for a recycle bin restore: nothing to read yet.
  const readable = (id: string) => references.resolve(id)?.after.length === 0 && !references.isReplaced(id);
  const keys = new Set<string>();
  const roles = new Set(grants.flatMap((grant) => (grant.kind === 'role' ? [grant.roleDefinitionId] : [])));
  for (const roleId of [...roles].filter(readable)) {
    for (const entry of await live.roleAssignments(roleId)) {
      const fields = roleAssignmentFields(entry);
      if (fields) keys.add(grantKey({ kind: 'role', ...fields }));
    }
  }
  const resources = new Set(grants.flatMap((grant) => (grant.kind === 'appRole' ? [grant.resourceId] : [])));
  for (const resourceId of [...resources].filter(readable)) {
    for (const entry of await live.appRoleAssignedTo(resourceId)) {
      const fields = appRoleAssignmentFields(entry);
      if (fields) keys.add(grantKey({ kind: 'appRole', ...fields }));
    }
  }
  return keys;
}

/** The write that grants it, with ids as the target knows them. */
function grantWrite(grant: Grant, resolve: (id: string) => Reference) {
  if (grant.kind === 'role') {
    const scopeId = scopeObjectId(grant.directoryScopeId);
    const directoryScopeId =
      scopeId === undefined
        ? grant.directoryScopeId
        : grant.directoryScopeId.replace(scopeId, resolve(scopeId).value);
    return {
      url: '/roleManagement/directory/roleAssignments',
      body: {
        principalId: resolve(grant.principalId).value,
        roleDefinitionId: resolve(grant.roleDefinitionId).value,
        directoryScopeId,
        ...(grant.appScopeId === null ? {} : { appScopeId: grant.appScopeId }),
      },
    };
  }
  const resourceId = resolve(grant.resourceId).value;
  return {
    url: `${TYPE_ROUTES.servicePrincipals.path}/${resourceId}/appRoleAssignedTo`,
    body: { principalId: resolve(grant.principalId).value, resourceId, appRoleId: grant.appRoleId },
  };
}

/**
 * Plans the grants of the backed-up assignments that name restored objects (`restored`,
 * by id). Runs once every restored object has its place in the plan.
 */
export async function planGrants(
  context: PlanningContext,
  backedUp: BackedUpGrants,
  restored: ReadonlyMap<string, DirectoryItem>,
): Promise<void> {
  const { builder, references } = context;
  for (const { holder, relationship, principalId } of backedUp.withoutDetails) {
    const principal = restored.get(principalId);
    if (!principal || !references.isReplaced(principalId)) continue;
    builder.skip(
      itemRef(principal),
      `held ${kindOf(holder.type)} ${quoted(holder, holder.id)} in the backup: grant it again; ${notRestoredReason(holder.type, relationship)}`,
    );
  }
  // Scoped role members are role assignments at the unit's scope: older snapshots kept them only inside the unit.
  for (const unit of restored.values()) {
    const members = unit.type === 'administrativeUnits' ? unit.object.scopedRoleMembers : undefined;
    const scope = `/administrativeUnits/${unit.id}`;
    if (
      references.isReplaced(unit.id) &&
      Array.isArray(members) &&
      members.length > 0 &&
      !backedUp.grants.some((grant) => grant.kind === 'role' && grant.directoryScopeId === scope)
    )
      builder.skip(
        itemRef(unit),
        "its scoped role members are not restored: assign the unit's administrators again",
      );
  }
  if (backedUp.grants.length === 0) return;

  const current = await currentGrants(context, backedUp.grants);
  for (const grant of backedUp.grants) {
    const ids = namedIds(grant);
    // The write belongs to the restored object it came back with, the principal first.
    const owner = itemRef(
      ids.map((id) => restored.get(id)).find((item) => item !== undefined) as DirectoryItem,
    );
    const missing = ids.filter((id) => references.resolve(id) === undefined);
    if (missing.length > 0) {
      builder.skip(
        owner,
        `${describe(grant)} not granted again: ${missing.join(', ')} no longer in the tenant and not restored`,
      );
      continue;
    }
    if (!ids.some((id) => references.isReplaced(id)) && current.has(grantKey(grant))) continue;
    const resolve = (id: string) => references.resolve(id) as Reference;
    builder.add({
      method: 'POST',
      ...grantWrite(grant, resolve),
      why: `grant ${describe(grant)}, as in the backup`,
      item: owner,
      after: ids.flatMap((id) => resolve(id).after),
      batchable: true,
      alreadyDone: 'assignmentExists',
    });
  }
}
