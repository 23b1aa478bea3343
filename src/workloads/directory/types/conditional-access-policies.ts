// Conditional Access policies, their state (enabled, disabled, report-only) included.
// The named locations they refer to are a type of their own, backed up with them.
import type { ConditionalAccessPolicy } from '@microsoft/microsoft-graph-types';
import { byDisplayName, type ObjectTypeDescriptor } from './descriptor.js';

const PROPERTIES = [
  'id',
  'conditions',
  'createdDateTime',
  'description',
  'displayName',
  'grantControls',
  'modifiedDateTime',
  'sessionControls',
  'state',
  'templateId',
] as const satisfies readonly (keyof ConditionalAccessPolicy)[];

export const conditionalAccessPolicies: ObjectTypeDescriptor = {
  kind: 'objects',
  type: 'conditionalAccessPolicies',
  select: PROPERTIES,
  relationships: [],
  displayName: byDisplayName,
};
