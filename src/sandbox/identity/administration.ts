// Changes a tenant's administrator makes in the Entra admin center, as functions: grant
// admin consent, assign users or groups to an enterprise application, require assignment,
// add a redirect URI, create a single-tenant app with a secret. Used by the consent page,
// the sandbox's admin endpoint and tests.
import { randomUUID } from 'node:crypto';
import type { AppRoleAssignment } from '@microsoft/microsoft-graph-types';
import type { Sandbox } from '../sandbox.js';
import type { Tenant } from '../tenant.js';
import {
  addClientSecret,
  addRedirectUri,
  registerApplication,
  requestedGraphPermissions,
  type GraphPermissionRequest,
} from './app-registrations.js';
import { findApplication, type RedirectPlatform } from './clients.js';
import { assignAppRole, ensureServicePrincipal, recordConsent } from './consent.js';
import { servicePrincipalByAppId, type StoredServicePrincipal } from './directory-lookup.js';

export interface AdminConsentOptions {
  /** true: for every user (AllPrincipals); false: for `principalId` only. */
  forOrganization: boolean;
  principalId?: string;
  /** Defaults to what the app registration asks for (requiredResourceAccess). */
  permissions?: GraphPermissionRequest;
}

function requireApplication(sandbox: Sandbox, tenant: Tenant | undefined, clientId: string) {
  const client = findApplication(sandbox, clientId, tenant);
  if (!client)
    throw new Error(`no application with appId ${clientId} is usable${tenant ? ` in ${tenant.id}` : ''}`);
  return client;
}

function requireServicePrincipal(tenant: Tenant, clientId: string): StoredServicePrincipal {
  const servicePrincipal = servicePrincipalByAppId(tenant, clientId);
  if (!servicePrincipal) throw new Error(`no enterprise application for ${clientId} in ${tenant.id}`);
  return servicePrincipal;
}

/** Consents to an app in `tenant`, creating its enterprise application when missing. */
export function grantAdminConsent(
  sandbox: Sandbox,
  tenant: Tenant,
  clientId: string,
  options: AdminConsentOptions,
): StoredServicePrincipal {
  const { application, home } = requireApplication(sandbox, tenant, clientId);
  const servicePrincipal = ensureServicePrincipal(tenant, application, home);
  const permissions = options.permissions ?? requestedGraphPermissions(application);
  recordConsent(sandbox, tenant, servicePrincipal, {
    applicationPermissions: permissions.applicationPermissions ?? [],
    delegatedScopes: permissions.delegatedScopes ?? [],
    forOrganization: options.forOrganization,
    principalId: options.principalId,
  });
  return servicePrincipal;
}

/** Assigns a user or group to the enterprise application (Default Access unless a role is named). */
export function assignToEnterpriseApp(
  sandbox: Sandbox,
  tenant: Tenant,
  clientId: string,
  principalId: string,
  appRoleId?: string,
): AppRoleAssignment {
  const servicePrincipal = requireServicePrincipal(tenant, clientId);
  const principal = tenant.store.find(principalId);
  const kind = tenant.store.collectionOf(principalId);
  if (!principal || (kind !== 'users' && kind !== 'groups'))
    throw new Error(`no user or group ${principalId}`);
  return assignAppRole(
    sandbox,
    tenant,
    servicePrincipal,
    principal,
    kind === 'users' ? 'User' : 'Group',
    appRoleId,
  );
}

export function setAppRoleAssignmentRequired(tenant: Tenant, clientId: string, required: boolean): void {
  const servicePrincipal = requireServicePrincipal(tenant, clientId);
  tenant.store.update('servicePrincipals', servicePrincipal.id, { appRoleAssignmentRequired: required });
}

/** Adds a redirect URI to the app registration, wherever it lives. */
export function addApplicationRedirectUri(
  sandbox: Sandbox,
  clientId: string,
  redirectUri: string,
  platform: RedirectPlatform = 'web',
): void {
  const { application, home } = requireApplication(sandbox, undefined, clientId);
  addRedirectUri(home, application, redirectUri, platform);
}

export interface CreatedApplication {
  appId: string;
  objectId: string;
  clientSecret: string;
}

/** A single-tenant app registration with a client secret, optionally admin-consented. */
export function createSingleTenantApp(
  sandbox: Sandbox,
  tenant: Tenant,
  options: {
    displayName: string;
    permissions: GraphPermissionRequest;
    consent: boolean;
    webRedirectUris?: string[];
  },
): CreatedApplication {
  const appId = randomUUID();
  const application = registerApplication(sandbox, tenant, {
    id: randomUUID(),
    appId,
    displayName: options.displayName,
    signInAudience: 'AzureADMyOrg',
    permissions: options.permissions,
    webRedirectUris: options.webRedirectUris,
  });
  const clientSecret = sandbox.derivedSecret(`client-secret/${appId}`);
  addClientSecret(sandbox, tenant, application, {
    keyId: randomUUID(),
    displayName: 'secret',
    secret: clientSecret,
  });
  const servicePrincipal = ensureServicePrincipal(tenant, application, tenant);
  if (options.consent) {
    recordConsent(sandbox, tenant, servicePrincipal, {
      applicationPermissions: options.permissions.applicationPermissions ?? [],
      delegatedScopes: options.permissions.delegatedScopes ?? [],
      forOrganization: true,
    });
  }
  return { appId, objectId: application.id, clientSecret };
}
