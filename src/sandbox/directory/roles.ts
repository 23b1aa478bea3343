// Directory roles. A built-in role assignment is visible two ways in Graph, as a member
// of the activated /directoryRoles entry and as a /roleManagement/directory/roleAssignments
// entry; both are kept in step here. The roles a user holds become the `wids` claim.
import type { DirectoryObject, DirectoryStore } from './store.js';

export const GLOBAL_ADMINISTRATOR = '62e90394-69f5-4237-9190-012177145e10';
export const PRIVILEGED_ROLE_ADMINISTRATOR = 'e8611ab8-c189-46e8-94e1-60213ab1f814';

/** A stable roleAssignment id for (role, principal, scope), shaped like Graph's opaque ids. */
export function roleAssignmentId(
  roleDefinitionId: string,
  principalId: string,
  directoryScopeId = '/',
): string {
  const scope = directoryScopeId === '/' ? '' : `:${directoryScopeId}`;
  return Buffer.from(`${roleDefinitionId}:${principalId}${scope}`).toString('base64url');
}

function activatedRole(store: DirectoryStore, roleTemplateId: string) {
  for (const role of store.collection('directoryRoles').values()) {
    if (role.roleTemplateId === roleTemplateId) return role;
  }
  return undefined;
}

/**
 * Assigns a role, tenant-wide unless a narrower scope is named; a tenant-wide built-in
 * role activates its directory role when needed. Answers with the assignment.
 */
export function assignDirectoryRole(
  store: DirectoryStore,
  roleDefinitionId: string,
  principalId: string,
  newId: () => string,
  scope: { directoryScopeId: string; appScopeId?: string | null } = { directoryScopeId: '/' },
): DirectoryObject {
  const definition = store.collection('roleDefinitions').get(roleDefinitionId);
  if (definition?.isBuiltIn && scope.directoryScopeId === '/') {
    let role = activatedRole(store, roleDefinitionId);
    if (!role) {
      role = store.create('directoryRoles', {
        id: newId(),
        displayName: definition.displayName,
        description: definition.description,
        roleTemplateId: roleDefinitionId,
      });
    }
    store.link('directoryRoles', role.id, 'members', principalId);
  }
  const id = roleAssignmentId(roleDefinitionId, principalId, scope.directoryScopeId);
  const assignment = store.collection('roleAssignments').get(id);
  if (assignment) return assignment;
  return store.create('roleAssignments', {
    id,
    principalId,
    roleDefinitionId,
    directoryScopeId: scope.directoryScopeId,
    ...(scope.appScopeId ? { appScopeId: scope.appScopeId } : {}),
  });
}

/** Role template ids the principal holds: the `wids` claim of its tokens. */
export function directoryRoleTemplateIds(store: DirectoryStore, principalId: string): string[] {
  const ids = new Set<string>();
  for (const assignment of store.collection('roleAssignments').values()) {
    if (assignment.principalId === principalId) ids.add(assignment.roleDefinitionId as string);
  }
  return [...ids];
}
