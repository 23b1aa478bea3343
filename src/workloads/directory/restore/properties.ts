// Which backed-up properties a restore may write, per type. Entra computes some
// properties itself (ids, timestamps, security identifiers), keeps others in the
// on-premises directory (onPremises*), manages some through their own endpoints
// (licences, credentials, assignments) and accepts a few only when the object is created.
// Writing any of them fails the whole request, so they are left out of every body.
import type { DirectoryType, GraphObject } from '../item.js';

interface PropertyRules {
  /** Never written. */
  readOnly: readonly string[];
  /** Written when the object is created, never changed afterwards. */
  createOnly?: readonly string[];
  /** Navigation properties the backup expands inline; read with $expand, written by their own requests. */
  navigation?: readonly string[];
  /** Derived types share one collection: '@odata.type' goes with every body and reads are not narrowed by $select. */
  polymorphic?: boolean;
}

/** Read-only on every type. */
const ALWAYS_READ_ONLY = ['id', 'createdDateTime', 'deletedDateTime'];

const RULES: Partial<Record<DirectoryType, PropertyRules>> = {
  users: {
    readOnly: [
      'securityIdentifier',
      'proxyAddresses',
      'imAddresses',
      'creationType',
      'externalUserState',
      'externalUserStateChangeDateTime',
      'legalAgeGroupClassification',
      'authorizationInfo',
      'serviceProvisioningErrors',
      // Licences go through assignLicense; sign-in names through the UPN Entra keeps in sync.
      'assignedLicenses',
      'assignedPlans',
      'provisionedPlans',
      'licenseAssignmentStates',
      'identities',
      // Passwords are never readable, so never restored.
      'passwordProfile',
      'lastPasswordChangeDateTime',
      'signInSessionsValidFromDateTime',
      'refreshTokensValidFromDateTime',
      'signInActivity',
      'isManagementRestricted',
      'isResourceAccount',
      'mailboxSettings',
    ],
  },
  groups: {
    readOnly: [
      'securityIdentifier',
      'proxyAddresses',
      'mail',
      'renewedDateTime',
      'expirationDateTime',
      'serviceProvisioningErrors',
      'assignedLicenses',
      'hasMembersWithLicenseErrors',
      'licenseProcessingState',
      'isArchived',
      'createdByAppId',
    ],
    createOnly: ['isAssignableToRole', 'resourceBehaviorOptions', 'resourceProvisioningOptions'],
  },
  applications: {
    readOnly: [
      'appId',
      'publisherDomain',
      // Secrets and private keys are never readable: credentials must be issued again.
      'passwordCredentials',
      'keyCredentials',
      'certification',
      'verifiedPublisher',
      'applicationTemplateId',
      'disabledByMicrosoftStatus',
    ],
    createOnly: ['uniqueName'],
  },
  servicePrincipals: {
    readOnly: [
      'appOwnerOrganizationId',
      'appDisplayName',
      'servicePrincipalType',
      'signInAudience',
      'publisherName',
      'passwordCredentials',
      'keyCredentials',
      'verifiedPublisher',
      'applicationTemplateId',
      'disabledByMicrosoftStatus',
      // Defined by the app registration; the service principal mirrors them.
      'appRoles',
      'oauth2PermissionScopes',
      'info',
    ],
    // The app a service principal stands for is chosen once.
    createOnly: ['appId'],
    navigation: ['appRoleAssignments', 'appRoleAssignedTo'],
  },
  // A re-created role gets a new id and, with it, a new template id; both go through the id map.
  customRoles: {
    readOnly: ['isBuiltIn', 'version', 'inheritsPermissionsFrom', 'templateId'],
    navigation: ['roleAssignments'],
  },
  conditionalAccessPolicies: { readOnly: ['modifiedDateTime', 'templateId', 'partialEnablementStrategy'] },
  namedLocations: { readOnly: ['modifiedDateTime'], polymorphic: true },
  deviceConfigurations: {
    readOnly: ['lastModifiedDateTime', 'version', 'supportsScopeTags'],
    navigation: ['assignments'],
    polymorphic: true,
  },
  deviceCompliancePolicies: {
    readOnly: ['lastModifiedDateTime', 'version'],
    navigation: ['assignments', 'scheduledActionsForRule'],
    polymorphic: true,
  },
  administrativeUnits: {
    readOnly: [],
    createOnly: ['isMemberManagementRestricted'],
    navigation: ['scopedRoleMembers'],
  },
};

function rulesOf(type: DirectoryType): PropertyRules {
  return RULES[type] ?? { readOnly: [] };
}

/**
 * Properties synchronised from on-premises Active Directory: written there, not in Entra.
 * The extension attributes share the prefix but are Entra's own for cloud accounts.
 */
function isOnPremisesProperty(name: string): boolean {
  return name.startsWith('onPremises') && name !== 'onPremisesExtensionAttributes';
}

/** OData annotations ('@odata.context', 'members@delta' …) are never properties to write. */
function isAnnotation(name: string): boolean {
  return name.includes('@');
}

function writable(type: DirectoryType, name: string, creating: boolean): boolean {
  const rules = rulesOf(type);
  if (isAnnotation(name) || isOnPremisesProperty(name)) return false;
  if (ALWAYS_READ_ONLY.includes(name) || rules.readOnly.includes(name)) return false;
  if (rules.navigation?.includes(name)) return false;
  return creating || !rules.createOnly?.includes(name);
}

/** The backed-up properties a POST that re-creates the object carries. */
export function creatableProperties(type: DirectoryType, object: GraphObject): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  if (rulesOf(type).polymorphic && object['@odata.type'] !== undefined)
    body['@odata.type'] = object['@odata.type'];
  for (const [name, value] of Object.entries(object)) {
    if (writable(type, name, true) && value !== null) body[name] = value;
  }
  return body;
}

/** Read-only properties a person would expect back, and why the restore cannot write them. */
const MANAGED_ELSEWHERE: Readonly<Record<string, string>> = {
  assignedLicenses: 'licences are assigned through assignLicense, which a restore does not call',
  passwordCredentials: 'secrets are never readable: issue them again',
  keyCredentials: 'certificates are kept without their keys: upload them again',
};

/** Why a changed property the restore does not write deserves a word in the plan, if it does. */
export function managedElsewhere(name: string): string | undefined {
  return MANAGED_ELSEWHERE[name];
}

/** Whether a PATCH may carry this property. */
export function isPatchable(type: DirectoryType, name: string): boolean {
  return writable(type, name, false);
}

/** A PATCH body: the given properties, typed for derived types as Graph requires. */
export function patchBody(
  type: DirectoryType,
  object: GraphObject,
  properties: Record<string, unknown>,
): Record<string, unknown> {
  const typed =
    rulesOf(type).polymorphic && object['@odata.type'] !== undefined
      ? { '@odata.type': object['@odata.type'] }
      : {};
  return { ...typed, ...properties };
}

/** The properties to name in $select when reading the live object; undefined reads it whole. */
export function selectForRead(type: DirectoryType, object: GraphObject): string[] | undefined {
  const rules = rulesOf(type);
  if (rules.polymorphic) return undefined;
  return Object.keys(object).filter((name) => !isAnnotation(name) && !rules.navigation?.includes(name));
}

/** Navigation the planner compares with the backup (Intune assignments), to $expand when reading the live object. */
export function expandForRead(type: DirectoryType, object: GraphObject): string[] {
  return rulesOf(type).navigation?.includes('assignments') && object.assignments !== undefined
    ? ['assignments']
    : [];
}
