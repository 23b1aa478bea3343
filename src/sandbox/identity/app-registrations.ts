// App registrations (Graph `application` objects) and their credentials: client secrets
// (Graph shows keyId, hint and dates, never the text; the tenant keeps a hash) and
// certificates (keyCredentials with the DER certificate), plus redirect URIs and the
// Graph permissions an app asks for (requiredResourceAccess).
import { X509Certificate } from 'node:crypto';
import type {
  Application,
  KeyCredential,
  PasswordCredential,
  RequiredResourceAccess,
} from '@microsoft/microsoft-graph-types';
import {
  APPLICATION_PERMISSIONS,
  DELEGATED_PERMISSIONS,
  MICROSOFT_GRAPH_APP_ID,
} from '../directory/graph-permissions.js';
import type { DirectoryObject } from '../directory/store.js';
import { certificateDer, thumbprints } from '../pki.js';
import type { Sandbox } from '../sandbox.js';
import type { Tenant } from '../tenant.js';
import type { RedirectPlatform } from './clients.js';
import { applicationByAppId, type StoredApplication } from './directory-lookup.js';

/** Client secrets made here last two years, the longest the Entra portal recommends. */
const CREDENTIAL_LIFETIME_MS = 2 * 365 * 24 * 3600 * 1000;

export interface GraphPermissionRequest {
  applicationPermissions?: readonly string[];
  delegatedScopes?: readonly string[];
}

function permissionId(table: readonly { id: string; value: string }[], value: string): string {
  const permission = table.find((candidate) => candidate.value === value);
  if (!permission) throw new Error(`unknown Microsoft Graph permission ${value}`);
  return permission.id;
}

export function graphResourceAccess(request: GraphPermissionRequest): RequiredResourceAccess[] {
  const resourceAccess = [
    ...(request.delegatedScopes ?? []).map((value) => ({
      id: permissionId(DELEGATED_PERMISSIONS, value),
      type: 'Scope',
    })),
    ...(request.applicationPermissions ?? []).map((value) => ({
      id: permissionId(APPLICATION_PERMISSIONS, value),
      type: 'Role',
    })),
  ];
  return resourceAccess.length > 0 ? [{ resourceAppId: MICROSOFT_GRAPH_APP_ID, resourceAccess }] : [];
}

/** The Graph permissions an app registration asks for, as permission values. */
export function requestedGraphPermissions(application: Application): Required<GraphPermissionRequest> {
  const access = (application.requiredResourceAccess ?? [])
    .filter((entry) => entry.resourceAppId === MICROSOFT_GRAPH_APP_ID)
    .flatMap((entry) => entry.resourceAccess ?? []);
  const values = (table: readonly { id: string; value: string }[], type: string) =>
    access
      .filter((entry) => entry.type === type)
      .map((entry) => table.find((permission) => permission.id === entry.id)?.value)
      .filter((value): value is string => value !== undefined);
  return {
    applicationPermissions: values(APPLICATION_PERMISSIONS, 'Role'),
    delegatedScopes: values(DELEGATED_PERMISSIONS, 'Scope'),
  };
}

export interface ApplicationSpec {
  id: string;
  appId: string;
  displayName: string;
  signInAudience: 'AzureADMyOrg' | 'AzureADMultipleOrgs';
  permissions: GraphPermissionRequest;
  webRedirectUris?: string[];
  publicClientRedirectUris?: string[];
}

/** Registers an application in `tenant` unless one with that appId exists; returns it. */
export function registerApplication(
  sandbox: Sandbox,
  tenant: Tenant,
  spec: ApplicationSpec,
): StoredApplication {
  const existing = applicationByAppId(tenant, spec.appId);
  if (existing) return existing;
  const application: Application & DirectoryObject = {
    id: spec.id,
    appId: spec.appId,
    displayName: spec.displayName,
    description: null,
    notes: null,
    createdDateTime: sandbox.clock.iso(),
    deletedDateTime: null,
    signInAudience: spec.signInAudience,
    publisherDomain: tenant.info.defaultDomain,
    identifierUris: [],
    tags: [],
    isFallbackPublicClient: false,
    groupMembershipClaims: null,
    tokenEncryptionKeyId: null,
    api: {
      acceptMappedClaims: null,
      knownClientApplications: [],
      oauth2PermissionScopes: [],
      preAuthorizedApplications: [],
      requestedAccessTokenVersion: null,
    },
    appRoles: [],
    info: {
      logoUrl: null,
      marketingUrl: null,
      privacyStatementUrl: null,
      supportUrl: null,
      termsOfServiceUrl: null,
    },
    keyCredentials: [],
    passwordCredentials: [],
    publicClient: { redirectUris: spec.publicClientRedirectUris ?? [] },
    spa: { redirectUris: [] },
    web: {
      homePageUrl: null,
      logoutUrl: null,
      redirectUris: spec.webRedirectUris ?? [],
      implicitGrantSettings: { enableAccessTokenIssuance: false, enableIdTokenIssuance: false },
    },
    requiredResourceAccess: graphResourceAccess(spec.permissions),
  };
  return tenant.store.create('applications', application) as StoredApplication;
}

/** Adds a redirect URI to one of the app's platforms (no-op when registered). */
export function addRedirectUri(
  tenant: Tenant,
  application: StoredApplication,
  redirectUri: string,
  platform: RedirectPlatform = 'web',
): StoredApplication {
  const current = application[platform] ?? {};
  const uris = current.redirectUris ?? [];
  if (uris.includes(redirectUri)) return application;
  return tenant.store.update('applications', application.id, {
    [platform]: { ...current, redirectUris: [...uris, redirectUri] },
  }) as StoredApplication;
}

export interface SecretSpec {
  keyId: string;
  displayName: string;
  secret: string;
}

/** Adds a client secret: Graph sees its metadata and hint, the tenant keeps a hash. */
export function addClientSecret(
  sandbox: Sandbox,
  tenant: Tenant,
  application: StoredApplication,
  spec: SecretSpec,
): StoredApplication {
  if (!tenant.checkClientSecret(application.id, spec.keyId, spec.secret)) {
    tenant.setClientSecret(application.id, spec.keyId, spec.secret);
    sandbox.markDirty();
  }
  if ((application.passwordCredentials ?? []).some((credential) => credential.keyId === spec.keyId))
    return application;
  const now = sandbox.clock.now();
  const credential: PasswordCredential = {
    customKeyIdentifier: null,
    displayName: spec.displayName,
    endDateTime: new Date(now + CREDENTIAL_LIFETIME_MS).toISOString(),
    hint: spec.secret.slice(0, 3),
    keyId: spec.keyId,
    secretText: null,
    startDateTime: new Date(now).toISOString(),
  };
  return tenant.store.update('applications', application.id, {
    passwordCredentials: [...(application.passwordCredentials ?? []), credential],
  }) as StoredApplication;
}

/** Adds (or replaces, by keyId) a certificate credential, as an admin uploading a .cer does. */
export function addCertificate(
  tenant: Tenant,
  application: StoredApplication,
  keyId: string,
  certPem: string,
): StoredApplication {
  const certificate = new X509Certificate(certPem);
  const credential: KeyCredential = {
    customKeyIdentifier: Buffer.from(thumbprints(certPem).sha1Hex, 'hex').toString('base64'),
    displayName: certificate.subject.replace(/\n/g, ', '),
    endDateTime: new Date(certificate.validTo).toISOString(),
    key: certificateDer(certPem).toString('base64'),
    keyId,
    startDateTime: new Date(certificate.validFrom).toISOString(),
    type: 'AsymmetricX509Cert',
    usage: 'Verify',
  };
  const others = (application.keyCredentials ?? []).filter((existing) => existing.keyId !== keyId);
  return tenant.store.update('applications', application.id, {
    keyCredentials: [...others, credential],
  }) as StoredApplication;
}
