// Directory roles: Microsoft's built-in role definitions (ids are the real template ids),
// the tenant's custom roles, the activated directoryRoles with their members, and role
// assignments at tenant and administrative-unit scope, kept consistent with each other.
import type {
  DirectoryRole,
  UnifiedRoleAssignment,
  UnifiedRoleDefinition,
} from '@microsoft/microsoft-graph-types';
import { GLOBAL_ADMINISTRATOR, PRIVILEGED_ROLE_ADMINISTRATOR, roleAssignmentId } from '../directory/roles.js';
import { sampleOf, type GenerationContext } from './context.js';

interface BuiltInRole {
  id: string;
  displayName: string;
  description: string;
  actions: string[];
}

export const USER_ADMINISTRATOR = 'fe930be7-5e62-47db-91af-98c3a49a38b1';
export const HELPDESK_ADMINISTRATOR = '729827e3-9c14-49f7-bb1b-9608f156bbb8';
export const SECURITY_ADMINISTRATOR = '194ae4cb-b126-40b2-bd5b-6091b380977d';
export const CONDITIONAL_ACCESS_ADMINISTRATOR = 'b1be1c3e-b65d-4f19-8427-f6fa0d97feb9';
export const GLOBAL_READER = 'f2ef992c-3afb-46b9-b7cf-a126ee74c451';

const USERS = 'microsoft.directory/users';
const GROUPS = 'microsoft.directory/groups';
const APPS = 'microsoft.directory/applications';
const SPS = 'microsoft.directory/servicePrincipals';

export const BUILT_IN_ROLES: readonly BuiltInRole[] = [
  role(
    GLOBAL_ADMINISTRATOR,
    'Global Administrator',
    'Can manage all aspects of Microsoft Entra ID and Microsoft services that use Microsoft Entra identities.',
    [
      'microsoft.directory/allEntities/allProperties/allTasks',
      'microsoft.office365.webPortal/allEntities/standard/read',
    ],
  ),
  role(
    PRIVILEGED_ROLE_ADMINISTRATOR,
    'Privileged Role Administrator',
    'Can manage role assignments in Microsoft Entra ID, and all aspects of Privileged Identity Management.',
    [
      'microsoft.directory/roleAssignments/allProperties/allTasks',
      'microsoft.directory/roleDefinitions/allProperties/allTasks',
      'microsoft.directory/servicePrincipals/appRoleAssignedTo/update',
      'microsoft.directory/oAuth2PermissionGrants/allProperties/allTasks',
    ],
  ),
  role(
    USER_ADMINISTRATOR,
    'User Administrator',
    'Can manage all aspects of users and groups, including resetting passwords for limited admins.',
    [
      `${USERS}/create`,
      `${USERS}/delete`,
      `${USERS}/restore`,
      `${USERS}/basic/update`,
      `${USERS}/manager/update`,
      `${USERS}/password/update`,
      `${GROUPS}/create`,
      `${GROUPS}/members/update`,
    ],
  ),
  role(
    'fdd7a751-b60b-444a-984c-02652fe8fa1c',
    'Groups Administrator',
    'Members of this role can create/manage groups, create/manage groups settings like naming and expiration policies, and view groups activity and audit reports.',
    [
      `${GROUPS}/create`,
      `${GROUPS}/delete`,
      `${GROUPS}/restore`,
      `${GROUPS}/basic/update`,
      `${GROUPS}/members/update`,
      `${GROUPS}/owners/update`,
    ],
  ),
  role(
    '9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3',
    'Application Administrator',
    'Can create and manage all aspects of app registrations and enterprise apps.',
    [
      `${APPS}/create`,
      `${APPS}/delete`,
      `${APPS}/credentials/update`,
      `${APPS}/owners/update`,
      `${SPS}/create`,
      `${SPS}/credentials/update`,
      `${SPS}/appRoleAssignedTo/update`,
    ],
  ),
  role(
    '158c047a-c907-4556-b7ef-446551a6b5f7',
    'Cloud Application Administrator',
    'Can create and manage all aspects of app registrations and enterprise apps except App Proxy.',
    [`${APPS}/create`, `${APPS}/credentials/update`, `${SPS}/create`, `${SPS}/appRoleAssignedTo/update`],
  ),
  role(
    HELPDESK_ADMINISTRATOR,
    'Helpdesk Administrator',
    'Can reset passwords for non-administrators and Helpdesk Administrators.',
    [
      `${USERS}/invalidateAllRefreshTokens`,
      `${USERS}/password/update`,
      'microsoft.directory/bitlockerKeys/key/read',
    ],
  ),
  role(
    '5d6b6bb7-de71-4623-b4af-96380a352509',
    'Security Reader',
    'Can read security information and reports in Microsoft Entra ID and Office 365.',
    [
      'microsoft.directory/auditLogs/allProperties/read',
      'microsoft.directory/signInReports/allProperties/read',
      'microsoft.directory/policies/conditionalAccess/standard/read',
    ],
  ),
  role(
    GLOBAL_READER,
    'Global Reader',
    'Can read everything that a Global Administrator can, but not update anything.',
    ['microsoft.directory/allEntities/allProperties/read'],
  ),
  role(
    SECURITY_ADMINISTRATOR,
    'Security Administrator',
    'Can read security information and reports, and manage configuration in Microsoft Entra ID and Office 365.',
    [
      'microsoft.directory/conditionalAccessPolicies/create',
      'microsoft.directory/conditionalAccessPolicies/basic/update',
      'microsoft.directory/namedLocations/create',
      'microsoft.directory/bitlockerKeys/key/read',
    ],
  ),
  role(
    '3a2c62db-5318-420d-8d74-23affee5d9d5',
    'Intune Administrator',
    'Can manage all aspects of the Intune product.',
    [
      'microsoft.directory/devices/create',
      'microsoft.directory/devices/delete',
      'microsoft.directory/deviceManagementPolicies/standard/read',
      'microsoft.directory/bitlockerKeys/key/read',
      'microsoft.intune/allEntities/allTasks',
    ],
  ),
  role(
    CONDITIONAL_ACCESS_ADMINISTRATOR,
    'Conditional Access Administrator',
    'Can manage Conditional Access capabilities.',
    [
      'microsoft.directory/conditionalAccessPolicies/create',
      'microsoft.directory/conditionalAccessPolicies/delete',
      'microsoft.directory/conditionalAccessPolicies/basic/update',
      'microsoft.directory/namedLocations/create',
      'microsoft.directory/namedLocations/basic/update',
    ],
  ),
  role(
    '29232cdf-9323-42fd-ade2-1d097af3e4de',
    'Exchange Administrator',
    'Can manage all aspects of the Exchange product.',
    [`${GROUPS}/unified/create`, 'microsoft.office365.exchange/allEntities/basic/allTasks'],
  ),
  role(
    'f28a1f50-f6e7-4571-818b-6a12f2af6b6c',
    'SharePoint Administrator',
    'Can manage all aspects of the SharePoint service.',
    [`${GROUPS}/unified/create`, 'microsoft.office365.sharePoint/allEntities/allTasks'],
  ),
  role(
    '69091246-20e8-4a56-aa4d-066075b2a7a8',
    'Teams Administrator',
    'Can manage the Microsoft Teams service.',
    [`${GROUPS}/unified/create`, 'microsoft.teams/allEntities/allProperties/allTasks'],
  ),
  role(
    'b0f54661-2d74-4c50-afa3-1ec803f12efe',
    'Billing Administrator',
    'Can perform common billing related tasks like updating payment information.',
    [
      'microsoft.directory/organization/basic/update',
      'microsoft.commerce.billing/allEntities/allProperties/allTasks',
    ],
  ),
  role(
    'c4e39bd9-1100-46d3-8c65-fb160da0071f',
    'Authentication Administrator',
    'Can access to view, set and reset authentication method information for any non-admin user.',
    [
      `${USERS}/authenticationMethods/create`,
      `${USERS}/authenticationMethods/delete`,
      `${USERS}/authenticationMethods/standard/restrictedRead`,
    ],
  ),
  role(
    '7be44c8a-adaf-4e2a-84d6-ab2649e08a13',
    'Privileged Authentication Administrator',
    'Can access to view, set and reset authentication method information for any user (admin or non-admin).',
    [`${USERS}/authenticationMethods/allProperties/allTasks`, `${USERS}/password/update`],
  ),
  role('4a5d8f65-41da-4de4-8968-e035b65339cf', 'Reports Reader', 'Can read sign-in and audit reports.', [
    'microsoft.directory/auditLogs/allProperties/read',
    'microsoft.directory/signInReports/allProperties/read',
  ]),
  role(
    '88d8e3e3-8f55-4a1e-953a-9b9898b8876b',
    'Directory Readers',
    'Can read basic directory information. Commonly used to grant directory read access to applications and guests.',
    [`${USERS}/standard/read`, `${GROUPS}/standard/read`],
  ),
  role(
    '95e79109-95c0-4d8e-aee3-d01accf2d47b',
    'Guest Inviter',
    "Can invite guest users independent of the 'members can invite guests' setting.",
    [`${USERS}/inviteGuest`],
  ),
  role(
    '4d6ac14f-3453-41d0-bef9-a3e0c569773a',
    'License Administrator',
    'Can manage product licenses on users and groups.',
    [`${USERS}/assignLicense`, `${GROUPS}/assignLicense`],
  ),
  role(
    '7698a772-787b-4ac8-901f-60d6b08affd2',
    'Cloud Device Administrator',
    'Limited access to manage devices in Microsoft Entra ID.',
    [
      'microsoft.directory/devices/delete',
      'microsoft.directory/devices/disable',
      'microsoft.directory/bitlockerKeys/key/read',
    ],
  ),
  role(
    '8ac3fc64-6eca-42ea-9e69-59f4c7b60eb2',
    'Hybrid Identity Administrator',
    'Can manage Active Directory to Microsoft Entra cloud provisioning, Microsoft Entra Connect, and federation settings.',
    [
      'microsoft.directory/onPremisesSynchronization/standard/read',
      'microsoft.directory/domains/federation/update',
    ],
  ),
];

function role(id: string, displayName: string, description: string, actions: string[]): BuiltInRole {
  return { id, displayName, description, actions };
}

const CUSTOM_ROLES: readonly Omit<BuiltInRole, 'id'>[] = [
  {
    displayName: 'Tier 2 Helpdesk - password reset',
    description: 'Resets passwords and revokes sessions for standard users.',
    actions: [`${USERS}/password/update`, `${USERS}/invalidateAllRefreshTokens`],
  },
  {
    displayName: 'App registration credential manager',
    description: 'Rotates secrets and certificates on app registrations it is assigned to.',
    actions: [`${APPS}/credentials/update`, `${APPS}/basic/update`],
  },
  {
    displayName: 'Device reader (EMEA) 🌍',
    description: 'Reads devices and their BitLocker keys for the EMEA service desk.',
    actions: ['microsoft.directory/devices/standard/read', 'microsoft.directory/bitlockerKeys/key/read'],
  },
  {
    displayName: 'Gestionnaire du cycle de vie des invités',
    description: 'Invite et supprime les utilisateurs invités.',
    actions: [`${USERS}/inviteGuest`, `${USERS}/delete`, `${USERS}/restore`],
  },
  {
    displayName: 'Group naming reviewer',
    description: 'Renames groups that break the naming policy.',
    actions: [`${GROUPS}/basic/update`],
  },
  {
    displayName: 'Enterprise app assignment manager',
    description: 'Assigns users and groups to enterprise applications.',
    actions: [`${SPS}/appRoleAssignedTo/update`, `${SPS}/standard/read`],
  },
];

export interface GeneratedRoles {
  customRoleIds: string[];
}

export function generateRoleDefinitions(context: GenerationContext): GeneratedRoles {
  for (const builtIn of BUILT_IN_ROLES) {
    context.seed<UnifiedRoleDefinition>('roleDefinitions', {
      id: builtIn.id,
      displayName: builtIn.displayName,
      description: builtIn.description,
      isBuiltIn: true,
      isEnabled: true,
      resourceScopes: ['/'],
      templateId: builtIn.id,
      version: '1',
      rolePermissions: [{ allowedResourceActions: builtIn.actions, condition: null }],
    });
  }
  const customRoleIds: string[] = [];
  for (const custom of CUSTOM_ROLES) {
    const id = context.random.uuid();
    customRoleIds.push(id);
    context.seed<UnifiedRoleDefinition>('roleDefinitions', {
      id,
      displayName: custom.displayName,
      description: custom.description,
      isBuiltIn: false,
      isEnabled: true,
      resourceScopes: ['/'],
      templateId: id,
      version: null,
      rolePermissions: [{ allowedResourceActions: custom.actions, condition: null }],
    });
  }
  return { customRoleIds };
}

/**
 * Seeds role assignments. Built-in roles activate their directoryRoles entry on first
 * use and list their tenant-wide principals as members, as Entra shows them; assignments
 * scoped to an administrative unit appear only under /roleManagement (and as the unit's
 * scopedRoleMembers).
 */
export class RoleAssigner {
  private readonly activated = new Map<string, string>();

  constructor(private readonly context: GenerationContext) {}

  /** The activated directoryRoles object id for a built-in role template. */
  directoryRoleId(templateId: string): string {
    let id = this.activated.get(templateId);
    if (id) return id;
    const definition = BUILT_IN_ROLES.find((builtIn) => builtIn.id === templateId);
    if (!definition) throw new Error(`not a built-in role: ${templateId}`);
    id = this.context.random.uuid();
    this.activated.set(templateId, id);
    this.context.seed<DirectoryRole>('directoryRoles', {
      id,
      displayName: definition.displayName,
      description: definition.description,
      roleTemplateId: templateId,
    });
    return id;
  }

  assign(roleDefinitionId: string, principalId: string, directoryScopeId = '/'): void {
    const id = roleAssignmentId(roleDefinitionId, principalId, directoryScopeId);
    const assignments = this.context.store.collection('roleAssignments');
    if (assignments.has(id)) return;
    this.context.seed<UnifiedRoleAssignment>('roleAssignments', {
      id,
      principalId,
      roleDefinitionId,
      directoryScopeId,
    });
    const builtIn = BUILT_IN_ROLES.some((definition) => definition.id === roleDefinitionId);
    if (builtIn && directoryScopeId === '/') {
      this.context.store.seedLink(this.directoryRoleId(roleDefinitionId), 'members', principalId);
    }
  }
}

export interface RolePrincipals {
  /** Member users, the IT department first: administrators come from there. */
  administrators: readonly { id: string }[];
  roleAssignableGroupIds: readonly string[];
  servicePrincipalIds: readonly string[];
  administrativeUnitIds: readonly string[];
}

/** Tenant-wide and unit-scoped assignments of built-in and custom roles. */
export function generateRoleAssignments(
  context: GenerationContext,
  assigner: RoleAssigner,
  roles: GeneratedRoles,
  principals: RolePrincipals,
): void {
  const { random } = context;
  const admins = principals.administrators;
  const scale = Math.max(1, Math.round(admins.length / 200));
  const plan: [string, number][] = [
    [GLOBAL_ADMINISTRATOR, random.int(2, 4)],
    [PRIVILEGED_ROLE_ADMINISTRATOR, random.int(1, 2)],
    [USER_ADMINISTRATOR, 1 + scale],
    [HELPDESK_ADMINISTRATOR, 2 + scale],
    [SECURITY_ADMINISTRATOR, 1],
    [CONDITIONAL_ACCESS_ADMINISTRATOR, 1],
    [GLOBAL_READER, 1 + Math.ceil(scale / 2)],
    ['3a2c62db-5318-420d-8d74-23affee5d9d5', 1 + Math.ceil(scale / 2)],
    ['9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3', 1],
    ['5d6b6bb7-de71-4623-b4af-96380a352509', random.int(1, 3)],
    ['4a5d8f65-41da-4de4-8968-e035b65339cf', 1],
  ];
  for (const [roleId, count] of plan) {
    for (const admin of sampleOf(random, admins, count)) assigner.assign(roleId, admin.id);
  }
  // Groups hold roles too: membership in them grants the role.
  const [tier0, helpdesk, appOwners] = principals.roleAssignableGroupIds;
  if (tier0) assigner.assign(SECURITY_ADMINISTRATOR, tier0);
  if (helpdesk) assigner.assign(HELPDESK_ADMINISTRATOR, helpdesk);
  if (appOwners) assigner.assign('158c047a-c907-4556-b7ef-446551a6b5f7', appOwners);
  // Automation accounts: a service principal with a directory role.
  for (const spId of sampleOf(random, principals.servicePrincipalIds, 2))
    assigner.assign(GLOBAL_READER, spId);
  for (const customRoleId of roles.customRoleIds) {
    for (const admin of sampleOf(random, admins, random.int(0, 2))) {
      const unitId =
        random.chance(0.4) && principals.administrativeUnitIds.length > 0
          ? random.pick(principals.administrativeUnitIds)
          : null;
      assigner.assign(customRoleId, admin.id, unitId ? `/administrativeUnits/${unitId}` : '/');
    }
  }
}
