// Consent and access, as Entra ID records them: an enterprise application (service
// principal) per tenant, application permissions as app role assignments to Microsoft
// Graph's service principal, delegated permissions as an OAuth2 permission grant for the
// whole organization (AllPrincipals) or one user (Principal), and user / group
// assignments to the enterprise application.
import { randomBytes, randomUUID } from 'node:crypto';
import type {
  AppRole,
  AppRoleAssignment,
  OAuth2PermissionGrant,
  ServicePrincipal,
} from '@microsoft/microsoft-graph-types';
import { MICROSOFT_GRAPH_APP_ID } from '../directory/graph-permissions.js';
import type { DirectoryObject } from '../directory/store.js';
import type { Sandbox } from '../sandbox.js';
import type { Tenant } from '../tenant.js';
import {
  graphServicePrincipal,
  servicePrincipalByAppId,
  transitiveGroupIds,
  type StoredApplication,
  type StoredServicePrincipal,
  type StoredUser,
} from './directory-lookup.js';
import { consentRequired, IdentityError } from './oauth-errors.js';

/** The app role id Entra uses for "Default Access" when an app defines no roles. */
export const DEFAULT_ACCESS_ROLE_ID = '00000000-0000-0000-0000-000000000000';

/** The OpenID Connect scopes: consented with any delegated permission, never a Graph scope. */
export const OIDC_SCOPES = new Set(['openid', 'profile', 'email', 'offline_access']);

/** Graph's ids for grants and assignments: 43 base64url characters. */
function grantId(): string {
  return randomBytes(32).toString('base64url').slice(0, 43);
}

/** Creates the enterprise application for `application` in `tenant` unless it exists. */
export function ensureServicePrincipal(
  tenant: Tenant,
  application: StoredApplication,
  owner: Tenant,
  id: string = randomUUID(),
): StoredServicePrincipal {
  const existing = servicePrincipalByAppId(tenant, application.appId as string);
  if (existing) return existing;
  const servicePrincipal: ServicePrincipal & DirectoryObject = {
    id,
    accountEnabled: true,
    appId: application.appId as string,
    appDisplayName: application.displayName ?? null,
    displayName: application.displayName ?? null,
    appOwnerOrganizationId: owner.id,
    appRoleAssignmentRequired: false,
    appRoles: application.appRoles ?? [],
    oauth2PermissionScopes: application.api?.oauth2PermissionScopes ?? [],
    servicePrincipalNames: [application.appId as string, ...(application.identifierUris ?? [])],
    servicePrincipalType: 'Application',
    signInAudience: application.signInAudience ?? 'AzureADMyOrg',
    replyUrls: [...(application.web?.redirectUris ?? []), ...(application.publicClient?.redirectUris ?? [])],
    tags: ['WindowsAzureActiveDirectoryIntegratedApp'],
    publisherName: owner.info.displayName,
    keyCredentials: [],
    passwordCredentials: [],
    alternativeNames: [],
    notificationEmailAddresses: [],
    addIns: [],
    info: {
      logoUrl: null,
      marketingUrl: null,
      privacyStatementUrl: null,
      supportUrl: null,
      termsOfServiceUrl: null,
    },
    description: null,
    notes: null,
    homepage: application.web?.homePageUrl ?? null,
    loginUrl: null,
    logoutUrl: application.web?.logoutUrl ?? null,
    preferredSingleSignOnMode: null,
    verifiedPublisher: { displayName: null, verifiedPublisherId: null, addedDateTime: null },
  };
  tenant.store.create('servicePrincipals', servicePrincipal);
  return servicePrincipal;
}

function requireGraphServicePrincipal(tenant: Tenant): StoredServicePrincipal {
  const graph = graphServicePrincipal(tenant);
  if (!graph) throw new Error(`tenant ${tenant.id} has no Microsoft Graph service principal`);
  return graph;
}

function assignmentsTo(tenant: Tenant, resourceId: string): (AppRoleAssignment & DirectoryObject)[] {
  return [...tenant.store.collection('appRoleAssignments').values()].filter(
    (assignment) => assignment.resourceId === resourceId,
  ) as (AppRoleAssignment & DirectoryObject)[];
}

/** Assigns an app role of `resource` to a principal (user, group or service principal) unless it holds it. */
export function assignAppRole(
  sandbox: Sandbox,
  tenant: Tenant,
  resource: StoredServicePrincipal,
  principal: DirectoryObject,
  principalType: 'User' | 'Group' | 'ServicePrincipal',
  appRoleId: string = DEFAULT_ACCESS_ROLE_ID,
): AppRoleAssignment {
  const existing = assignmentsTo(tenant, resource.id).find(
    (assignment) => assignment.principalId === principal.id && assignment.appRoleId === appRoleId,
  );
  if (existing) return existing;
  const assignment: AppRoleAssignment & DirectoryObject = {
    id: grantId(),
    appRoleId,
    createdDateTime: sandbox.clock.iso(),
    deletedDateTime: null,
    principalDisplayName: (principal.displayName as string | undefined) ?? null,
    principalId: principal.id,
    principalType,
    resourceDisplayName: resource.displayName ?? null,
    resourceId: resource.id,
  };
  return tenant.store.create('appRoleAssignments', assignment);
}

/** Application permissions (Graph app role values) consented for the service principal. */
export function grantedApplicationPermissions(
  tenant: Tenant,
  servicePrincipal: StoredServicePrincipal,
): string[] {
  const graph = graphServicePrincipal(tenant);
  if (!graph) return [];
  const roles = new Map((graph.appRoles ?? []).map((role) => [role.id, role.value]));
  const values = new Set<string>();
  for (const assignment of assignmentsTo(tenant, graph.id)) {
    const value =
      assignment.principalId === servicePrincipal.id ? roles.get(assignment.appRoleId) : undefined;
    if (value) values.add(value);
  }
  return [...values].sort();
}

function delegatedGrants(
  tenant: Tenant,
  client: StoredServicePrincipal,
): (OAuth2PermissionGrant & DirectoryObject)[] {
  const graph = graphServicePrincipal(tenant);
  return [...tenant.store.collection('oauth2PermissionGrants').values()].filter(
    (grant) => grant.clientId === client.id && grant.resourceId === graph?.id,
  ) as (OAuth2PermissionGrant & DirectoryObject)[];
}

function scopesOf(grant: OAuth2PermissionGrant): string[] {
  return (grant.scope ?? '').split(' ').filter(Boolean);
}

export interface ConsentRequest {
  /** Graph application permission values, e.g. "User.Read.All". */
  applicationPermissions: readonly string[];
  /** Graph delegated permission values, e.g. "User.Read". */
  delegatedScopes: readonly string[];
  /** true: an AllPrincipals grant; false: a grant for `principalId` alone. */
  forOrganization: boolean;
  /** The consenting user (required when not for the organization). */
  principalId?: string;
}

/** Records admin consent: app role assignments to Graph and a delegated grant, merged with what exists. */
export function recordConsent(
  sandbox: Sandbox,
  tenant: Tenant,
  client: StoredServicePrincipal,
  consent: ConsentRequest,
): void {
  const graph = requireGraphServicePrincipal(tenant);
  for (const value of consent.applicationPermissions) {
    const role = (graph.appRoles ?? []).find((candidate: AppRole) => candidate.value === value);
    if (role?.id) assignAppRole(sandbox, tenant, graph, client, 'ServicePrincipal', role.id);
  }
  if (consent.delegatedScopes.length === 0) return;
  const consentType = consent.forOrganization ? 'AllPrincipals' : 'Principal';
  const principalId = consent.forOrganization ? null : (consent.principalId ?? null);
  const existing = delegatedGrants(tenant, client).find(
    (grant) => grant.consentType === consentType && (grant.principalId ?? null) === principalId,
  );
  if (existing) {
    const scopes = new Set([...scopesOf(existing), ...consent.delegatedScopes]);
    tenant.store.update('oauth2PermissionGrants', existing.id, { scope: [...scopes].join(' ') });
    return;
  }
  const grant: OAuth2PermissionGrant & DirectoryObject = {
    id: grantId(),
    clientId: client.id,
    consentType,
    principalId,
    resourceId: graph.id,
    scope: consent.delegatedScopes.join(' '),
  };
  tenant.store.create('oauth2PermissionGrants', grant);
}

/** Whether the user, or a group they are in, is assigned to the enterprise application. */
export function isAssigned(
  tenant: Tenant,
  servicePrincipal: StoredServicePrincipal,
  userId: string,
): boolean {
  const principals = transitiveGroupIds(tenant, userId).add(userId);
  return assignmentsTo(tenant, servicePrincipal.id).some((assignment) =>
    principals.has(assignment.principalId ?? ''),
  );
}

/** Values of the app roles (of the client app itself) the user holds directly or through groups. */
export function assignedAppRoles(
  tenant: Tenant,
  servicePrincipal: StoredServicePrincipal,
  userId: string,
): string[] {
  const principals = transitiveGroupIds(tenant, userId).add(userId);
  const roles = new Map((servicePrincipal.appRoles ?? []).map((role) => [role.id, role.value]));
  const values = new Set<string>();
  for (const assignment of assignmentsTo(tenant, servicePrincipal.id)) {
    const value = principals.has(assignment.principalId ?? '') ? roles.get(assignment.appRoleId) : undefined;
    if (value) values.add(value);
  }
  return [...values].sort();
}

/** The delegated scopes the app was granted for the user, from either kind of grant. */
function consentedScopes(
  tenant: Tenant,
  servicePrincipal: StoredServicePrincipal,
  userId: string,
): Set<string> | undefined {
  const grants = delegatedGrants(tenant, servicePrincipal).filter(
    (grant) => grant.consentType === 'AllPrincipals' || grant.principalId === userId,
  );
  return grants.length > 0 ? new Set(grants.flatMap(scopesOf)) : undefined;
}

/** The Graph delegated permissions the app registration asks for (requiredResourceAccess). */
function requiredDelegatedScopes(tenant: Tenant, application: StoredApplication): string[] {
  const graph = graphServicePrincipal(tenant);
  const values = new Map((graph?.oauth2PermissionScopes ?? []).map((scope) => [scope.id, scope.value]));
  return (application.requiredResourceAccess ?? [])
    .filter((access) => access.resourceAppId === MICROSOFT_GRAPH_APP_ID)
    .flatMap((access) => access.resourceAccess ?? [])
    .filter((access) => access.type === 'Scope')
    .map((access) => values.get(access.id))
    .filter((value): value is string => typeof value === 'string');
}

export interface SignInAccess {
  /** Delegated Graph permissions the user's tokens carry (scp), OpenID scopes included as Microsoft does. */
  scopes: string[];
  /** App roles of the client app assigned to the user (roles). */
  roles: string[];
}

/**
 * Decides whether a user may sign in to an app in a tenant: with a grant for the whole
 * organization, a grant for that user, or an assignment to the enterprise application
 * (an admin's decision); with appRoleAssignmentRequired, only assigned users.
 */
export function signInAccess(
  tenant: Tenant,
  application: StoredApplication,
  servicePrincipal: StoredServicePrincipal | undefined,
  user: StoredUser,
  requestedScopes: readonly string[],
): SignInAccess {
  const appId = application.appId as string;
  const appName = application.displayName ?? appId;
  if (!servicePrincipal) throw consentRequired(appId, appName);
  const assigned = isAssigned(tenant, servicePrincipal, user.id);
  if (servicePrincipal.appRoleAssignmentRequired && !assigned) {
    throw new IdentityError(
      'invalid_grant',
      50105,
      `Your administrator has configured the application ${appName} ('${appId}') to block users unless they are specifically granted ('assigned') access to the application. The signed in user '${user.userPrincipalName}' is blocked because they are not a direct member of a group with access, nor had access directly assigned by an administrator. Please contact your administrator to assign access to this application.`,
    );
  }
  const granted = consentedScopes(tenant, servicePrincipal, user.id);
  // Assignment by an admin counts as approval of what the app registration asks for.
  const scopes = granted ?? (assigned ? new Set(requiredDelegatedScopes(tenant, application)) : undefined);
  if (!scopes) throw consentRequired(appId, appName);
  const missing = requestedScopes.filter(
    (scope) => !OIDC_SCOPES.has(scope) && scope !== '.default' && !scopes.has(scope),
  );
  if (missing.length > 0) throw consentRequired(appId, appName);
  return {
    scopes: [...scopes],
    roles: assignedAppRoles(tenant, servicePrincipal, user.id),
  };
}
