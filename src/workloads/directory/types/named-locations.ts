// Named locations (IP ranges, countries) that Conditional Access policies refer to. Each
// is an ipNamedLocation or a countryNamedLocation, so they are read whole, @odata.type
// included.
import { byDisplayName, type ObjectTypeDescriptor } from './descriptor.js';

export const namedLocations: ObjectTypeDescriptor = {
  kind: 'objects',
  type: 'namedLocations',
  relationships: [],
  displayName: byDisplayName,
};
