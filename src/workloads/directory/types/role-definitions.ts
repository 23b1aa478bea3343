// Directory role definitions, built-in and custom alike (one Graph collection told apart
// by isBuiltIn), with the assignments of each role kept whole as `roleAssignments` (who
// holds it, at which scope), read from /roleManagement/directory/roleAssignments: a
// restore grants them again exactly as they were.
import type { UnifiedRoleAssignment, UnifiedRoleDefinition } from '@microsoft/microsoft-graph-types';
import { byDisplayName, type ObjectTypeDescriptor } from './descriptor.js';

const PROPERTIES = [
  'id',
  'description',
  'displayName',
  'isBuiltIn',
  'isEnabled',
  'resourceScopes',
  'rolePermissions',
  'templateId',
  'version',
] as const satisfies readonly (keyof UnifiedRoleDefinition)[];

/** What an assignment grants: the principal, the role and the scope, tenant-wide or narrower. */
const ASSIGNMENT_PROPERTIES = [
  'id',
  'principalId',
  'roleDefinitionId',
  'directoryScopeId',
  'appScopeId',
] as const satisfies readonly (keyof UnifiedRoleAssignment)[];

export function roleDefinitions(type: 'builtInRoles' | 'customRoles'): ObjectTypeDescriptor {
  return {
    kind: 'objects',
    type,
    select: PROPERTIES,
    filter: `isBuiltIn eq ${type === 'builtInRoles'}`,
    relationships: [
      {
        name: 'roleAssignments',
        url: (_objectUrl, roleId) =>
          `/roleManagement/directory/roleAssignments?$filter=${encodeURIComponent(`roleDefinitionId eq '${roleId}'`)}&$select=${ASSIGNMENT_PROPERTIES.join(',')}`,
        keepWhole: true,
      },
    ],
    displayName: byDisplayName,
  };
}
