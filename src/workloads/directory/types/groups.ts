// Groups: every documented property a list can return, members and owners as
// relationships. Left out of $select: the Exchange settings Graph serves only for one
// group at a time (allowExternalSenders, autoSubscribeNewMembers, hideFromAddressLists,
// hideFromOutlookClients, isSubscribedByMail, unseenCount).
import type { Group } from '@microsoft/microsoft-graph-types';
import { byDisplayName, linkedObjects, type ObjectTypeDescriptor } from './descriptor.js';

const PROPERTIES = [
  'id',
  'deletedDateTime',
  'assignedLabels',
  'assignedLicenses',
  'classification',
  'createdDateTime',
  'description',
  'displayName',
  'expirationDateTime',
  'groupTypes',
  'hasMembersWithLicenseErrors',
  'isArchived',
  'isAssignableToRole',
  'isManagementRestricted',
  'licenseProcessingState',
  'mail',
  'mailEnabled',
  'mailNickname',
  'membershipRule',
  'membershipRuleProcessingState',
  'onPremisesDomainName',
  'onPremisesLastSyncDateTime',
  'onPremisesNetBiosName',
  'onPremisesProvisioningErrors',
  'onPremisesSamAccountName',
  'onPremisesSecurityIdentifier',
  'onPremisesSyncEnabled',
  'preferredDataLocation',
  'preferredLanguage',
  'proxyAddresses',
  'renewedDateTime',
  'securityEnabled',
  'securityIdentifier',
  'serviceProvisioningErrors',
  'theme',
  'uniqueName',
  'visibility',
] as const satisfies readonly (keyof Group)[];

export const groups: ObjectTypeDescriptor = {
  kind: 'objects',
  type: 'groups',
  select: PROPERTIES,
  // Membership changes show in groups delta (members@delta) only when members are selected.
  delta: { tracked: ['members'] },
  relationships: [linkedObjects('members'), linkedObjects('owners')],
  displayName: byDisplayName,
};
