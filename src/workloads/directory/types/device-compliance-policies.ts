// Intune compliance policies, read whole (each has a derived type per platform), with
// their assignments and the actions scheduled for non-compliance kept whole with them:
// Graph wants scheduledActionsForRule in the body that creates a policy again.
import { byDisplayName, navigationProperty, type ObjectTypeDescriptor } from './descriptor.js';

export const deviceCompliancePolicies: ObjectTypeDescriptor = {
  kind: 'objects',
  type: 'deviceCompliancePolicies',
  relationships: [
    navigationProperty('assignments'),
    navigationProperty('scheduledActionsForRule', '?$expand=scheduledActionConfigurations'),
  ],
  displayName: byDisplayName,
};
