// Directory role definitions, built-in and custom alike (one Graph collection told apart
// by isBuiltIn), with the principals assigned to each role as the `assignments`
// relationship, read from /roleManagement/directory/roleAssignments.
import type { UnifiedRoleDefinition } from '@microsoft/microsoft-graph-types';
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

export function roleDefinitions(type: 'builtInRoles' | 'customRoles'): ObjectTypeDescriptor {
  return {
    kind: 'objects',
    type,
    select: PROPERTIES,
    filter: `isBuiltIn eq ${type === 'builtInRoles'}`,
    relationships: [
      {
        name: 'assignments',
        url: (_objectUrl, roleId) =>
          `/roleManagement/directory/roleAssignments?$filter=${encodeURIComponent(`roleDefinitionId eq '${roleId}'`)}`,
        targetId: (assignment) => assignment.principalId,
      },
    ],
    displayName: byDisplayName,
  };
}
