// Administrative units: members as a relationship, and the administrators scoped to the
// unit (scopedRoleMembers: role, member and its name) kept whole.
import type { AdministrativeUnit } from '@microsoft/microsoft-graph-types';
import { byDisplayName, linkedObjects, navigationProperty, type ObjectTypeDescriptor } from './descriptor.js';

const PROPERTIES = [
  'id',
  'deletedDateTime',
  'description',
  'displayName',
  'isMemberManagementRestricted',
  'membershipRule',
  'membershipRuleProcessingState',
  'membershipType',
  'visibility',
] as const satisfies readonly (keyof AdministrativeUnit)[];

export const administrativeUnits: ObjectTypeDescriptor = {
  kind: 'objects',
  type: 'administrativeUnits',
  select: PROPERTIES,
  delta: { tracked: ['members'] },
  relationships: [linkedObjects('members'), navigationProperty('scopedRoleMembers')],
  displayName: byDisplayName,
};
