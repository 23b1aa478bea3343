// Microsoft Graph's own service principal in every tenant, with the application
// permissions (app roles) and delegated permissions (scopes) tenantvault asks for.
// Ids are Microsoft's, so consent records look like the real ones.
import type { AppRole, PermissionScope } from '@microsoft/microsoft-graph-types';

export const MICROSOFT_GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000';
export const MICROSOFT_GRAPH_RESOURCE = 'https://graph.microsoft.com';

export interface Permission {
  id: string;
  value: string;
}

export const APPLICATION_PERMISSIONS: readonly Permission[] = [
  { id: 'df021288-bdef-4463-88db-98f22de89214', value: 'User.Read.All' },
  { id: '741f803b-c850-494e-b5df-cde7c675a1ca', value: 'User.ReadWrite.All' },
  { id: '5b567255-7703-4780-807c-7be8301ae99b', value: 'Group.Read.All' },
  { id: '62a82d76-70ea-41e2-9197-370581804d09', value: 'Group.ReadWrite.All' },
  { id: 'dbaae8cf-10b5-4b86-a4a1-f871c94c6695', value: 'GroupMember.ReadWrite.All' },
  { id: '7ab1d382-f21e-4acd-a863-ba3e13f7da61', value: 'Directory.Read.All' },
  { id: '19dbc75e-c2e2-444c-a770-ec69d8559fc7', value: 'Directory.ReadWrite.All' },
  { id: '9a5d68dd-52b0-4cc2-bd40-abcf44ac3a30', value: 'Application.Read.All' },
  { id: '1bfefb4e-e0b5-418b-a88f-73c46d2cc8e9', value: 'Application.ReadWrite.All' },
  { id: '06b708a9-e830-4db3-a914-8e69da51d44f', value: 'AppRoleAssignment.ReadWrite.All' },
  { id: '8e8e4742-1d95-4f68-9d56-6ee75648c72a', value: 'DelegatedPermissionGrant.ReadWrite.All' },
  { id: 'b0afded3-3588-46d8-8b3d-9842eff778da', value: 'AuditLog.Read.All' },
  { id: '246dd0d5-5bd0-4def-940b-0421030a5b68', value: 'Policy.Read.All' },
  { id: '01c0a623-fc9b-48e9-b794-0756f8e8f067', value: 'Policy.ReadWrite.ConditionalAccess' },
  { id: '7438b122-aefc-4978-80ed-43db9fcc7715', value: 'Device.Read.All' },
  { id: '1138cb37-bd11-4084-a2b7-9f71582aeddb', value: 'Device.ReadWrite.All' },
  { id: 'dc377aa6-52d8-4e23-b271-2a7ae04cedf3', value: 'DeviceManagementConfiguration.Read.All' },
  { id: '9241abd9-d0e6-425a-bd4f-47ba86e767a4', value: 'DeviceManagementConfiguration.ReadWrite.All' },
  { id: '483bed4a-2ad3-4361-a73b-c83ccdbdc53c', value: 'RoleManagement.Read.Directory' },
  { id: '9e3f62cf-ca93-4989-b6ce-bf83c28f9fe8', value: 'RoleManagement.ReadWrite.Directory' },
  { id: '57f1cf28-c0c4-4ec3-9a30-19a2eaaf2f6e', value: 'BitlockerKey.Read.All' },
  { id: '134fd756-38ce-4afd-ba33-e9623dbe66c2', value: 'AdministrativeUnit.Read.All' },
  { id: '5eb59dd3-1da2-4329-8733-9dabdc435916', value: 'AdministrativeUnit.ReadWrite.All' },
  { id: '498476ce-e0fe-48b0-b801-37ba7e2685c6', value: 'Organization.Read.All' },
];

export const DELEGATED_PERMISSIONS: readonly Permission[] = [
  { id: '37f7f235-527c-4136-accd-4a02d197296e', value: 'openid' },
  { id: '14dad69e-099b-42c9-810b-d002981feec1', value: 'profile' },
  { id: '64a6cdd6-aab1-4aaf-94b8-3cc8405e90d0', value: 'email' },
  { id: '7427e0e9-2fba-42fe-b0c0-848c9e6a8182', value: 'offline_access' },
  { id: 'e1fe6dd8-ba31-4d61-89e7-88639da4683d', value: 'User.Read' },
];

/** The application permissions tenantvault's backup app needs to back up and restore Entra ID. */
export const BACKUP_APP_PERMISSIONS = [
  'Directory.ReadWrite.All',
  'User.ReadWrite.All',
  'Group.ReadWrite.All',
  'Application.ReadWrite.All',
  'AppRoleAssignment.ReadWrite.All',
  'AuditLog.Read.All',
  'Policy.Read.All',
  'Policy.ReadWrite.ConditionalAccess',
  'Device.ReadWrite.All',
  'DeviceManagementConfiguration.ReadWrite.All',
  'RoleManagement.ReadWrite.Directory',
  'BitlockerKey.Read.All',
  'AdministrativeUnit.ReadWrite.All',
  'Organization.Read.All',
] as const;

export const SIGN_IN_APP_SCOPES = ['openid', 'profile', 'User.Read'] as const;

/** The app roles Graph's service principal offers (application permissions). */
export function graphAppRoles(): AppRole[] {
  return APPLICATION_PERMISSIONS.map((permission) => ({
    id: permission.id,
    value: permission.value,
    allowedMemberTypes: ['Application'],
    displayName: permission.value,
    description: `Allows the app to use ${permission.value} without a signed-in user.`,
    isEnabled: true,
    origin: 'Application',
  }));
}

/** The scopes Graph's service principal offers (delegated permissions). */
export function graphPermissionScopes(): PermissionScope[] {
  return DELEGATED_PERMISSIONS.map((permission) => ({
    id: permission.id,
    value: permission.value,
    type: 'User',
    isEnabled: true,
    adminConsentDisplayName: permission.value,
    adminConsentDescription: `Allows the app to use ${permission.value} on behalf of the signed-in user.`,
    userConsentDisplayName: permission.value,
    userConsentDescription: `Allows the app to use ${permission.value} on your behalf.`,
  }));
}
