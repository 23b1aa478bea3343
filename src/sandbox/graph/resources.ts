// What the sandbox serves for each Entra ID object type: its Graph path, entity type,
// default properties, what $filter and delta it supports, its relationships, the
// permissions that read and write it, and the throttling scope it is charged to.
import type { ThrottleScope } from './throttle.js';

export interface RelationDefinition {
  name: string;
  /** Store relation the links live under; derived relations compute their targets. */
  kind: 'link' | 'memberOf' | 'single';
  /** Resource-unit cost of listing it (group members cost 3). */
  cost: number;
  /** Whether $ref writes are allowed. */
  writable: boolean;
}

export interface ResourceDefinition {
  collection: string;
  path: string;
  /** Graph entity type name, e.g. "user" for #microsoft.graph.user. */
  entity: string;
  defaultProperties?: readonly string[];
  /** Properties returned only when named in $select (e.g. a BitLocker key). */
  selectOnly?: readonly string[];
  /** Navigation properties stored inline; returned only with $expand or /{id}/{name}. */
  navigation?: readonly string[];
  filterable: readonly string[];
  /** Whether /delta exists, and whether it may be filtered by id. */
  delta?: { idFilter: boolean };
  relations?: readonly RelationDefinition[];
  read: readonly string[];
  write: readonly string[];
  /** Fields a POST must carry. */
  required?: readonly string[];
  /** Fields a client cannot write. */
  readOnly?: readonly string[];
  throttle: ThrottleScope;
  /** Identity resource units for a GET. */
  cost: number;
  pageSize: { default: number; max: number };
  /** Newest first by this timestamp (logs); otherwise id order. */
  orderByTime?: string;
  creatable: boolean;
  /** Extra request headers Graph insists on. */
  requiredHeaders?: readonly string[];
}

const DIRECTORY_READ = ['Directory.Read.All', 'Directory.ReadWrite.All'];
const DIRECTORY_WRITE = ['Directory.ReadWrite.All'];
const DIRECTORY_PAGE = { default: 100, max: 999 };

const members = (writable: boolean): RelationDefinition => ({
  name: 'members',
  kind: 'link',
  cost: 3,
  writable,
});
const owners: RelationDefinition = { name: 'owners', kind: 'link', cost: 3, writable: true };
const memberOf: RelationDefinition = { name: 'memberOf', kind: 'memberOf', cost: 3, writable: false };

export const USER_DEFAULT_PROPERTIES = [
  'businessPhones',
  'displayName',
  'givenName',
  'jobTitle',
  'mail',
  'mobilePhone',
  'officeLocation',
  'preferredLanguage',
  'surname',
  'userPrincipalName',
  'id',
] as const;

export const RESOURCES: readonly ResourceDefinition[] = [
  {
    collection: 'users',
    path: '/users',
    entity: 'user',
    defaultProperties: USER_DEFAULT_PROPERTIES,
    filterable: [
      'id',
      'userPrincipalName',
      'displayName',
      'mail',
      'mailNickname',
      'givenName',
      'surname',
      'jobTitle',
      'department',
      'accountEnabled',
      'userType',
      'employeeId',
      'createdDateTime',
      'assignedLicenses',
      'proxyAddresses',
      'otherMails',
      'usageLocation',
      'country',
    ],
    delta: { idFilter: true },
    relations: [{ name: 'manager', kind: 'single', cost: 2, writable: true }, memberOf],
    read: ['User.Read.All', 'User.ReadWrite.All', ...DIRECTORY_READ],
    write: ['User.ReadWrite.All', ...DIRECTORY_WRITE],
    required: ['accountEnabled', 'displayName', 'mailNickname', 'userPrincipalName', 'passwordProfile'],
    readOnly: ['id', 'createdDateTime'],
    throttle: 'identity',
    cost: 2,
    pageSize: DIRECTORY_PAGE,
    creatable: true,
  },
  {
    collection: 'groups',
    path: '/groups',
    entity: 'group',
    filterable: [
      'id',
      'displayName',
      'mail',
      'mailNickname',
      'mailEnabled',
      'securityEnabled',
      'groupTypes',
      'isAssignableToRole',
      'createdDateTime',
      'proxyAddresses',
    ],
    delta: { idFilter: true },
    relations: [members(true), owners, memberOf],
    read: ['Group.Read.All', 'Group.ReadWrite.All', 'GroupMember.ReadWrite.All', ...DIRECTORY_READ],
    write: ['Group.ReadWrite.All', 'GroupMember.ReadWrite.All', ...DIRECTORY_WRITE],
    required: ['displayName', 'mailEnabled', 'mailNickname', 'securityEnabled'],
    readOnly: ['id', 'createdDateTime'],
    throttle: 'identity',
    cost: 1,
    pageSize: DIRECTORY_PAGE,
    creatable: true,
  },
  {
    collection: 'applications',
    path: '/applications',
    entity: 'application',
    filterable: ['id', 'appId', 'displayName', 'signInAudience', 'identifierUris', 'createdDateTime', 'tags'],
    delta: { idFilter: false },
    relations: [owners],
    read: ['Application.Read.All', 'Application.ReadWrite.All', ...DIRECTORY_READ],
    write: ['Application.ReadWrite.All', ...DIRECTORY_WRITE],
    required: ['displayName'],
    readOnly: ['id', 'appId', 'createdDateTime', 'publisherDomain'],
    throttle: 'identity',
    cost: 2,
    pageSize: DIRECTORY_PAGE,
    creatable: true,
  },
  {
    collection: 'servicePrincipals',
    path: '/servicePrincipals',
    entity: 'servicePrincipal',
    filterable: [
      'id',
      'appId',
      'displayName',
      'servicePrincipalType',
      'accountEnabled',
      'tags',
      'servicePrincipalNames',
    ],
    delta: { idFilter: false },
    relations: [owners, memberOf],
    read: ['Application.Read.All', 'Application.ReadWrite.All', ...DIRECTORY_READ],
    write: ['Application.ReadWrite.All', ...DIRECTORY_WRITE],
    required: ['appId'],
    readOnly: ['id', 'appId', 'appOwnerOrganizationId'],
    throttle: 'identity',
    cost: 2,
    pageSize: DIRECTORY_PAGE,
    creatable: true,
  },
  {
    collection: 'devices',
    path: '/devices',
    entity: 'device',
    filterable: [
      'id',
      'deviceId',
      'displayName',
      'operatingSystem',
      'operatingSystemVersion',
      'accountEnabled',
      'trustType',
      'isCompliant',
      'isManaged',
      'approximateLastSignInDateTime',
    ],
    delta: { idFilter: false },
    relations: [
      { name: 'registeredOwners', kind: 'link', cost: 3, writable: true },
      { name: 'registeredUsers', kind: 'link', cost: 3, writable: true },
      memberOf,
    ],
    read: ['Device.Read.All', 'Device.ReadWrite.All', ...DIRECTORY_READ],
    write: ['Device.ReadWrite.All', ...DIRECTORY_WRITE],
    required: [
      'accountEnabled',
      'alternativeSecurityIds',
      'deviceId',
      'displayName',
      'operatingSystem',
      'operatingSystemVersion',
    ],
    readOnly: ['id'],
    throttle: 'identity',
    cost: 1,
    pageSize: DIRECTORY_PAGE,
    creatable: true,
  },
  {
    collection: 'administrativeUnits',
    path: '/directory/administrativeUnits',
    entity: 'administrativeUnit',
    navigation: ['scopedRoleMembers'],
    filterable: ['id', 'displayName', 'membershipType', 'visibility'],
    delta: { idFilter: false },
    relations: [members(true)],
    read: ['AdministrativeUnit.Read.All', 'AdministrativeUnit.ReadWrite.All', ...DIRECTORY_READ],
    write: ['AdministrativeUnit.ReadWrite.All', ...DIRECTORY_WRITE],
    required: ['displayName'],
    readOnly: ['id'],
    throttle: 'identity',
    cost: 1,
    pageSize: DIRECTORY_PAGE,
    creatable: true,
  },
  {
    collection: 'directoryRoles',
    path: '/directoryRoles',
    entity: 'directoryRole',
    filterable: ['id', 'roleTemplateId', 'displayName'],
    delta: { idFilter: false },
    relations: [members(true)],
    read: ['RoleManagement.Read.Directory', 'RoleManagement.ReadWrite.Directory', ...DIRECTORY_READ],
    write: ['RoleManagement.ReadWrite.Directory'],
    required: ['roleTemplateId'],
    readOnly: ['id'],
    throttle: 'identity',
    cost: 1,
    pageSize: DIRECTORY_PAGE,
    creatable: true,
  },
  {
    collection: 'roleDefinitions',
    path: '/roleManagement/directory/roleDefinitions',
    entity: 'unifiedRoleDefinition',
    filterable: ['id', 'displayName', 'isBuiltIn', 'isEnabled', 'templateId'],
    read: ['RoleManagement.Read.Directory', 'RoleManagement.ReadWrite.Directory', ...DIRECTORY_READ],
    write: ['RoleManagement.ReadWrite.Directory'],
    required: ['displayName', 'rolePermissions', 'isEnabled'],
    readOnly: ['id', 'isBuiltIn'],
    throttle: 'identity',
    cost: 1,
    pageSize: { default: 1000, max: 1000 },
    creatable: true,
  },
  {
    collection: 'roleAssignments',
    path: '/roleManagement/directory/roleAssignments',
    entity: 'unifiedRoleAssignment',
    filterable: ['id', 'principalId', 'roleDefinitionId', 'directoryScopeId'],
    read: ['RoleManagement.Read.Directory', 'RoleManagement.ReadWrite.Directory', ...DIRECTORY_READ],
    write: ['RoleManagement.ReadWrite.Directory'],
    required: ['principalId', 'roleDefinitionId', 'directoryScopeId'],
    readOnly: ['id'],
    throttle: 'identity',
    cost: 1,
    pageSize: { default: 1000, max: 1000 },
    creatable: true,
  },
  {
    collection: 'appRoleAssignments',
    path: '/appRoleAssignments',
    entity: 'appRoleAssignment',
    filterable: ['id', 'principalId', 'resourceId', 'appRoleId', 'principalType'],
    read: [
      'Application.Read.All',
      'Application.ReadWrite.All',
      'AppRoleAssignment.ReadWrite.All',
      ...DIRECTORY_READ,
    ],
    write: ['AppRoleAssignment.ReadWrite.All', 'Application.ReadWrite.All', ...DIRECTORY_WRITE],
    required: ['principalId', 'resourceId', 'appRoleId'],
    readOnly: ['id', 'creationTimestamp', 'principalDisplayName', 'resourceDisplayName', 'principalType'],
    throttle: 'identity',
    cost: 1,
    pageSize: DIRECTORY_PAGE,
    creatable: true,
  },
  {
    collection: 'oauth2PermissionGrants',
    path: '/oauth2PermissionGrants',
    entity: 'oAuth2PermissionGrant',
    filterable: ['id', 'clientId', 'resourceId', 'consentType', 'principalId'],
    read: ['Directory.Read.All', 'Directory.ReadWrite.All', 'DelegatedPermissionGrant.ReadWrite.All'],
    write: ['DelegatedPermissionGrant.ReadWrite.All', ...DIRECTORY_WRITE],
    required: ['clientId', 'consentType', 'resourceId', 'scope'],
    readOnly: ['id'],
    throttle: 'identity',
    cost: 1,
    pageSize: DIRECTORY_PAGE,
    creatable: true,
  },
  {
    collection: 'conditionalAccessPolicies',
    path: '/identity/conditionalAccess/policies',
    entity: 'conditionalAccessPolicy',
    filterable: ['id', 'displayName', 'state', 'createdDateTime', 'modifiedDateTime'],
    read: ['Policy.Read.All', 'Policy.ReadWrite.ConditionalAccess'],
    write: ['Policy.ReadWrite.ConditionalAccess'],
    required: ['displayName', 'state', 'conditions'],
    readOnly: ['id', 'createdDateTime', 'modifiedDateTime'],
    throttle: 'conditionalAccess',
    cost: 1,
    pageSize: { default: 1000, max: 1000 },
    creatable: true,
  },
  {
    collection: 'namedLocations',
    path: '/identity/conditionalAccess/namedLocations',
    entity: 'namedLocation',
    filterable: ['id', 'displayName', 'createdDateTime', 'modifiedDateTime'],
    read: ['Policy.Read.All', 'Policy.ReadWrite.ConditionalAccess'],
    write: ['Policy.ReadWrite.ConditionalAccess'],
    required: ['@odata.type', 'displayName'],
    readOnly: ['id', 'createdDateTime', 'modifiedDateTime'],
    throttle: 'conditionalAccess',
    cost: 1,
    pageSize: { default: 1000, max: 1000 },
    creatable: true,
  },
  {
    collection: 'deviceConfigurations',
    path: '/deviceManagement/deviceConfigurations',
    entity: 'deviceConfiguration',
    navigation: ['assignments'],
    filterable: ['id', 'displayName', 'lastModifiedDateTime', 'createdDateTime'],
    read: ['DeviceManagementConfiguration.Read.All', 'DeviceManagementConfiguration.ReadWrite.All'],
    write: ['DeviceManagementConfiguration.ReadWrite.All'],
    required: ['@odata.type', 'displayName'],
    readOnly: ['id', 'createdDateTime', 'lastModifiedDateTime', 'version'],
    throttle: 'intune',
    cost: 1,
    pageSize: { default: 1000, max: 1000 },
    creatable: true,
  },
  {
    collection: 'deviceCompliancePolicies',
    path: '/deviceManagement/deviceCompliancePolicies',
    entity: 'deviceCompliancePolicy',
    navigation: ['assignments', 'scheduledActionsForRule'],
    filterable: ['id', 'displayName', 'lastModifiedDateTime', 'createdDateTime'],
    read: ['DeviceManagementConfiguration.Read.All', 'DeviceManagementConfiguration.ReadWrite.All'],
    write: ['DeviceManagementConfiguration.ReadWrite.All'],
    required: ['@odata.type', 'displayName', 'scheduledActionsForRule'],
    readOnly: ['id', 'createdDateTime', 'lastModifiedDateTime', 'version'],
    throttle: 'intune',
    cost: 1,
    pageSize: { default: 1000, max: 1000 },
    creatable: true,
  },
  {
    collection: 'signIns',
    path: '/auditLogs/signIns',
    entity: 'signIn',
    filterable: [
      'id',
      'createdDateTime',
      'userId',
      'userPrincipalName',
      'userDisplayName',
      'appId',
      'appDisplayName',
      'ipAddress',
      'status/errorCode',
      'conditionalAccessStatus',
      'clientAppUsed',
      'location/city',
      'location/countryOrRegion',
    ],
    read: ['AuditLog.Read.All'],
    write: [],
    throttle: 'auditLogs',
    cost: 1,
    pageSize: { default: 1000, max: 1000 },
    orderByTime: 'createdDateTime',
    creatable: false,
  },
  {
    collection: 'directoryAudits',
    path: '/auditLogs/directoryAudits',
    entity: 'directoryAudit',
    filterable: [
      'id',
      'activityDateTime',
      'activityDisplayName',
      'category',
      'correlationId',
      'loggedByService',
      'result',
      'operationType',
      'initiatedBy/user/id',
      'initiatedBy/user/userPrincipalName',
      'initiatedBy/app/appId',
      'targetResources',
    ],
    read: ['AuditLog.Read.All'],
    write: [],
    throttle: 'auditLogs',
    cost: 1,
    pageSize: { default: 1000, max: 1000 },
    orderByTime: 'activityDateTime',
    creatable: false,
  },
  {
    collection: 'bitlockerRecoveryKeys',
    path: '/informationProtection/bitlocker/recoveryKeys',
    entity: 'bitlockerRecoveryKey',
    selectOnly: ['key'],
    filterable: ['deviceId'],
    read: ['BitlockerKey.Read.All', 'BitlockerKey.ReadBasic.All'],
    write: [],
    throttle: 'identity',
    cost: 1,
    pageSize: { default: 20, max: 20 },
    creatable: false,
    requiredHeaders: ['ocp-client-name', 'ocp-client-version'],
  },
  {
    collection: 'organization',
    path: '/organization',
    entity: 'organization',
    filterable: ['id'],
    read: ['Organization.Read.All', 'User.Read', 'User.Read.All', ...DIRECTORY_READ],
    write: ['Organization.ReadWrite.All'],
    readOnly: ['id'],
    throttle: 'identity',
    cost: 1,
    pageSize: DIRECTORY_PAGE,
    creatable: false,
  },
];

export const RESOURCE_BY_COLLECTION = new Map(RESOURCES.map((resource) => [resource.collection, resource]));

/** "#microsoft.graph.user" for a collection, for typed directoryObject answers. */
export function odataType(collection: string): string {
  return `#microsoft.graph.${RESOURCE_BY_COLLECTION.get(collection)?.entity ?? collection}`;
}
