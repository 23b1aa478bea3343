// Intune device configuration profiles. Each has a derived type (Windows 10 general,
// iOS, custom OMA-URI …) with settings of its own, so profiles are read whole; their
// assignments (include and exclude groups, all devices) are kept whole with them.
import { byDisplayName, navigationProperty, type ObjectTypeDescriptor } from './descriptor.js';

export const deviceConfigurations: ObjectTypeDescriptor = {
  kind: 'objects',
  type: 'deviceConfigurations',
  relationships: [navigationProperty('assignments')],
  displayName: byDisplayName,
};
