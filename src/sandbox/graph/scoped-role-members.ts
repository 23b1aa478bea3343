// An administrative unit's scopedRoleMembers, as Entra derives them: the built-in role
// assignments scoped to the unit (directoryScopeId /administrativeUnits/{id}), each named by
// its activated directory role and its principal. Assigning or removing a role at the unit's
// scope through /roleManagement shows here at once, as it does in Graph.
import type { DirectoryStore } from '../directory/store.js';

export interface ScopedRoleMember {
  id: string;
  roleId: string;
  administrativeUnitId: string;
  roleMemberInfo: { id: string; displayName: string | null };
}

export function scopedRoleMembers(store: DirectoryStore, administrativeUnitId: string): ScopedRoleMember[] {
  const scope = `/administrativeUnits/${administrativeUnitId}`;
  const roles = [...store.collection('directoryRoles').values()];
  const members: ScopedRoleMember[] = [];
  for (const assignment of store.collection('roleAssignments').values()) {
    if (assignment.directoryScopeId !== scope) continue;
    // Custom roles have no directory role: Graph lists only built-in ones here.
    const role = roles.find((candidate) => candidate.roleTemplateId === assignment.roleDefinitionId);
    const principal = store.find(String(assignment.principalId));
    if (!role || !principal) continue;
    members.push({
      id: String(assignment.id),
      roleId: String(role.id),
      administrativeUnitId,
      roleMemberInfo: {
        id: String(principal.id),
        displayName: typeof principal.displayName === 'string' ? principal.displayName : null,
      },
    });
  }
  return members;
}
