// Enterprise applications: every documented property except customSecurityAttributes (a
// permission of its own); owners as a relationship; the app roles the service principal
// holds in other resources (appRoleAssignments) and who holds its own app roles
// (appRoleAssignedTo) kept whole, so a restore grants the same app role again.
import type { AppRoleAssignment, ServicePrincipal } from '@microsoft/microsoft-graph-types';
import { byDisplayName, linkedObjects, navigationProperty, type ObjectTypeDescriptor } from './descriptor.js';

const PROPERTIES = [
  'id',
  'deletedDateTime',
  'accountEnabled',
  'addIns',
  'alternativeNames',
  'appDescription',
  'appDisplayName',
  'appId',
  'applicationTemplateId',
  'appOwnerOrganizationId',
  'appRoleAssignmentRequired',
  'appRoles',
  'description',
  'disabledByMicrosoftStatus',
  'displayName',
  'homepage',
  'info',
  'keyCredentials',
  'loginUrl',
  'logoutUrl',
  'notes',
  'notificationEmailAddresses',
  'oauth2PermissionScopes',
  'passwordCredentials',
  'preferredSingleSignOnMode',
  'preferredTokenSigningKeyThumbprint',
  'replyUrls',
  'resourceSpecificApplicationPermissions',
  'samlSingleSignOnSettings',
  'servicePrincipalNames',
  'servicePrincipalType',
  'signInAudience',
  'tags',
  'tokenEncryptionKeyId',
  'verifiedPublisher',
] as const satisfies readonly (keyof ServicePrincipal)[];

/**
 * Who holds which app role of which resource. Display names are left out: they follow
 * renames of the principal or resource, which would make every rename a new version.
 */
const ASSIGNMENT_QUERY = `?$select=${(
  [
    'id',
    'appRoleId',
    'principalId',
    'principalType',
    'resourceId',
  ] as const satisfies readonly (keyof AppRoleAssignment)[]
).join(',')}`;

export const servicePrincipals: ObjectTypeDescriptor = {
  kind: 'objects',
  type: 'servicePrincipals',
  select: PROPERTIES,
  delta: { tracked: [] },
  relationships: [
    linkedObjects('owners'),
    navigationProperty('appRoleAssignments', ASSIGNMENT_QUERY),
    navigationProperty('appRoleAssignedTo', ASSIGNMENT_QUERY),
  ],
  displayName: byDisplayName,
};
