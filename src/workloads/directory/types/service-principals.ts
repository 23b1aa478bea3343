// Enterprise applications: every documented property except customSecurityAttributes (a
// permission of its own); owners, the app roles the service principal holds in other
// resources (appRoleAssignments: the resource ids) and who holds its own app roles
// (appRoleAssignedTo: the principal ids) as relationships.
import type { ServicePrincipal } from '@microsoft/microsoft-graph-types';
import { byDisplayName, linkedObjects, type ObjectTypeDescriptor } from './descriptor.js';

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

export const servicePrincipals: ObjectTypeDescriptor = {
  kind: 'objects',
  type: 'servicePrincipals',
  select: PROPERTIES,
  delta: { tracked: [] },
  relationships: [
    linkedObjects('owners'),
    {
      name: 'appRoleAssignments',
      url: (objectUrl) => `${objectUrl}/appRoleAssignments`,
      targetId: (assignment) => assignment.resourceId,
    },
    {
      name: 'appRoleAssignedTo',
      url: (objectUrl) => `${objectUrl}/appRoleAssignedTo`,
      targetId: (assignment) => assignment.principalId,
    },
  ],
  displayName: byDisplayName,
};
