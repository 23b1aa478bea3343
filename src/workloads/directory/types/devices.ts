// Devices registered or joined to Entra ID, with their registered owners and users.
import type { Device } from '@microsoft/microsoft-graph-types';
import { byDisplayName, expandedLinkedObjects, type ObjectTypeDescriptor } from './descriptor.js';

const PROPERTIES = [
  'id',
  'deletedDateTime',
  'accountEnabled',
  'alternativeSecurityIds',
  'approximateLastSignInDateTime',
  'complianceExpirationDateTime',
  'deviceCategory',
  'deviceId',
  'deviceMetadata',
  'deviceOwnership',
  'deviceVersion',
  'displayName',
  'enrollmentProfileName',
  'enrollmentType',
  'isCompliant',
  'isManaged',
  'isManagementRestricted',
  'isRooted',
  'managementType',
  'manufacturer',
  'mdmAppId',
  'model',
  'onPremisesLastSyncDateTime',
  'onPremisesSecurityIdentifier',
  'onPremisesSyncEnabled',
  'operatingSystem',
  'operatingSystemVersion',
  'physicalIds',
  'profileType',
  'registrationDateTime',
  'systemLabels',
  'trustType',
] as const satisfies readonly (keyof Device)[];

export const devices: ObjectTypeDescriptor = {
  kind: 'objects',
  type: 'devices',
  select: PROPERTIES,
  delta: { tracked: [] },
  // Expanded in listings rather than read one device at a time: the owner (Graph allows
  // one) with the devices, the users in a listing of device ids of their own.
  relationships: [
    expandedLinkedObjects('registeredOwners'),
    expandedLinkedObjects('registeredUsers', { listedApart: true }),
  ],
  displayName: byDisplayName,
};
