// The identity-platform objects every start makes sure exist (creating only what is
// missing, so it also runs on state restored from disk): Microsoft Graph's service
// principal, demo accounts, the publisher's multi-tenant apps and, in each customer
// tenant, a single-tenant backup app with a secret, a certificate and consent.
// describeAccess() tells clients how to reach all of it.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { User } from '@microsoft/microsoft-graph-types';
import {
  APPLICATION_PERMISSIONS,
  BACKUP_APP_PERMISSIONS,
  graphAppRoles,
  graphPermissionScopes,
  MICROSOFT_GRAPH_APP_ID,
  MICROSOFT_GRAPH_RESOURCE,
  SIGN_IN_APP_SCOPES,
} from '../directory/graph-permissions.js';
import {
  assignDirectoryRole,
  GLOBAL_ADMINISTRATOR,
  PRIVILEGED_ROLE_ADMINISTRATOR,
} from '../directory/roles.js';
import type { DirectoryObject } from '../directory/store.js';
import { createClientCertificate, thumbprints } from '../pki.js';
import type { Sandbox } from '../sandbox.js';
import type { Tenant } from '../tenant.js';
import {
  addCertificate,
  addClientSecret,
  addRedirectUri,
  registerApplication,
  type ApplicationSpec,
} from './app-registrations.js';
import { ensureServicePrincipal, recordConsent } from './consent.js';
import { applicationByAppId, graphServicePrincipal, userBySignInName } from './directory-lookup.js';

/** The tenant Microsoft's own first-party apps belong to. */
const MICROSOFT_SERVICES_TENANT_ID = 'f8cdef31-a31e-4b4a-93e4-5f571e91255a';

/** A UUID derived from the seed and a purpose: stable across restarts and reprovisioning. */
export function stableUuid(sandbox: Sandbox, purpose: string): string {
  const h = createHash('sha256').update(`${sandbox.options.seed}/${purpose}`).digest('hex');
  const variant = ((parseInt(h[16] as string, 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export type DemoRole = 'Global Administrator' | 'Privileged Role Administrator' | 'User';

interface DemoAccount {
  alias: string;
  givenName: string;
  surname: string;
  role: DemoRole;
  jobTitle: string;
}

/** Microsoft's own demo-tenant people, so screenshots look familiar. */
const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  {
    alias: 'admin',
    givenName: 'MOD',
    surname: 'Administrator',
    role: 'Global Administrator',
    jobTitle: 'IT Administrator',
  },
  {
    alias: 'privadmin',
    givenName: 'Patti',
    surname: 'Fernandez',
    role: 'Privileged Role Administrator',
    jobTitle: 'Security Administrator',
  },
  { alias: 'alex', givenName: 'Alex', surname: 'Wilber', role: 'User', jobTitle: 'Marketing Assistant' },
  { alias: 'megan', givenName: 'Megan', surname: 'Bowen', role: 'User', jobTitle: 'Marketing Manager' },
];

const ROLE_TEMPLATE: Partial<Record<DemoRole, string>> = {
  'Global Administrator': GLOBAL_ADMINISTRATOR,
  'Privileged Role Administrator': PRIVILEGED_ROLE_ADMINISTRATOR,
};

function demoPassword(sandbox: Sandbox, tenant: Tenant, alias: string): string {
  // Entra's complexity rules want three of: upper, lower, digit, symbol.
  return `Tv-${sandbox.derivedSecret(`password/${tenant.id}/${alias}`, 12)}-7a`;
}

export const SIGN_IN_APP_NAME = 'tenantvault sign-in';
export const BACKUP_APP_NAME = 'tenantvault backup';
const MANUAL_APP_NAME = 'tenantvault backup (manual)';

export const signInAppId = (sandbox: Sandbox) => stableUuid(sandbox, 'publisher/sign-in-app');
export const backupAppId = (sandbox: Sandbox) => stableUuid(sandbox, 'publisher/backup-app');
const manualAppId = (sandbox: Sandbox, tenant: Tenant) =>
  stableUuid(sandbox, `${tenant.id}/manual-backup-app`);

const appSecret = (sandbox: Sandbox, appId: string) => sandbox.derivedSecret(`client-secret/${appId}`);

/** Microsoft Graph's enterprise application, whose app roles and scopes consent refers to. */
function ensureGraphServicePrincipal(sandbox: Sandbox, tenant: Tenant): void {
  const existing = graphServicePrincipal(tenant);
  if (existing) {
    const known = new Set((existing.appRoles ?? []).map((role) => role.id));
    if (APPLICATION_PERMISSIONS.every((permission) => known.has(permission.id))) return;
    tenant.store.update('servicePrincipals', existing.id, {
      appRoles: graphAppRoles(),
      oauth2PermissionScopes: graphPermissionScopes(),
    });
    return;
  }
  tenant.store.create('servicePrincipals', {
    id: stableUuid(sandbox, `${tenant.id}/microsoft-graph-sp`),
    accountEnabled: true,
    appId: MICROSOFT_GRAPH_APP_ID,
    appDisplayName: 'Microsoft Graph',
    displayName: 'Microsoft Graph',
    appOwnerOrganizationId: MICROSOFT_SERVICES_TENANT_ID,
    appRoleAssignmentRequired: false,
    appRoles: graphAppRoles(),
    oauth2PermissionScopes: graphPermissionScopes(),
    servicePrincipalNames: [MICROSOFT_GRAPH_APP_ID, MICROSOFT_GRAPH_RESOURCE, 'https://graph.microsoft.com/'],
    servicePrincipalType: 'Application',
    signInAudience: 'AzureADMultipleOrgs',
    tags: [],
    keyCredentials: [],
    passwordCredentials: [],
    publisherName: 'Microsoft Services',
  });
}

function ensureDemoAccounts(sandbox: Sandbox, tenant: Tenant): void {
  const domain = tenant.info.defaultDomain;
  for (const account of DEMO_ACCOUNTS) {
    const userPrincipalName = `${account.alias}@${domain}`;
    let user = userBySignInName(tenant, userPrincipalName);
    if (!user) {
      const created: User & DirectoryObject = {
        id: stableUuid(sandbox, `${tenant.id}/user/${account.alias}`),
        accountEnabled: true,
        displayName: `${account.givenName} ${account.surname}`,
        givenName: account.givenName,
        surname: account.surname,
        userPrincipalName,
        mail: userPrincipalName,
        mailNickname: account.alias,
        jobTitle: account.jobTitle,
        userType: 'Member',
        usageLocation: 'US',
        preferredLanguage: 'en-US',
        businessPhones: [],
        mobilePhone: null,
        officeLocation: null,
        createdDateTime: sandbox.clock.iso(),
        creationType: null,
        onPremisesSyncEnabled: null,
        identities: [
          { signInType: 'userPrincipalName', issuer: domain, issuerAssignedId: userPrincipalName },
        ],
        passwordPolicies: 'DisablePasswordExpiration',
      };
      user = tenant.store.create('users', created);
    }
    const password = demoPassword(sandbox, tenant, account.alias);
    if (!tenant.checkUserPassword(user.id, password)) {
      tenant.setUserPassword(user.id, password);
      sandbox.markDirty();
    }
    const template = ROLE_TEMPLATE[account.role];
    if (template) {
      assignDirectoryRole(tenant.store, template, user.id, () =>
        stableUuid(sandbox, `${tenant.id}/directory-role/${template}`),
      );
    }
  }
}

/** Registers an app with its secret and current redirect URIs (the port may change between starts). */
function ensureApplication(
  sandbox: Sandbox,
  tenant: Tenant,
  spec: Omit<ApplicationSpec, 'id'>,
  secretName: string,
): void {
  let application = registerApplication(sandbox, tenant, {
    ...spec,
    id: stableUuid(sandbox, `${tenant.id}/app/${spec.appId}`),
  });
  for (const uri of spec.webRedirectUris ?? []) application = addRedirectUri(tenant, application, uri, 'web');
  addClientSecret(sandbox, tenant, application, {
    keyId: stableUuid(sandbox, `${spec.appId}/secret`),
    displayName: secretName,
    secret: appSecret(sandbox, spec.appId),
  });
  ensureServicePrincipal(tenant, application, tenant, stableUuid(sandbox, `${tenant.id}/sp/${spec.appId}`));
}

function provisionPublisherApps(sandbox: Sandbox, publisher: Tenant): void {
  ensureApplication(
    sandbox,
    publisher,
    {
      appId: signInAppId(sandbox),
      displayName: SIGN_IN_APP_NAME,
      signInAudience: 'AzureADMultipleOrgs',
      permissions: { delegatedScopes: SIGN_IN_APP_SCOPES },
      webRedirectUris: [`${sandbox.baseUrl}/auth/callback`, 'http://localhost:8080/auth/callback'],
    },
    'portal',
  );
  ensureApplication(
    sandbox,
    publisher,
    {
      appId: backupAppId(sandbox),
      displayName: BACKUP_APP_NAME,
      signInAudience: 'AzureADMultipleOrgs',
      permissions: { applicationPermissions: BACKUP_APP_PERMISSIONS },
      webRedirectUris: [`${sandbox.baseUrl}/consent/callback`, 'http://localhost:8080/consent/callback'],
    },
    'backup service',
  );
  // Publisher staff sign in to the portal without a consent prompt.
  const signIn = applicationByAppId(publisher, signInAppId(sandbox));
  if (signIn) {
    const servicePrincipal = ensureServicePrincipal(publisher, signIn, publisher);
    recordConsent(sandbox, publisher, servicePrincipal, {
      applicationPermissions: [],
      delegatedScopes: SIGN_IN_APP_SCOPES,
      forOrganization: true,
    });
  }
}

function credentialDirectory(sandbox: Sandbox, tenant: Tenant): string {
  return join(sandbox.options.dataDir ?? sandbox.options.pkiDir, 'tenants', tenant.id);
}

export function manualAppCertificatePaths(
  sandbox: Sandbox,
  tenant: Tenant,
): { certificatePath: string; privateKeyPath: string } {
  const directory = credentialDirectory(sandbox, tenant);
  return {
    certificatePath: join(directory, 'backup-app.pem'),
    privateKeyPath: join(directory, 'backup-app-key.pem'),
  };
}

/** The customer's own backup app: secret, certificate on disk, backup permissions consented. */
async function provisionManualApp(sandbox: Sandbox, tenant: Tenant): Promise<void> {
  const appId = manualAppId(sandbox, tenant);
  ensureApplication(
    sandbox,
    tenant,
    {
      appId,
      displayName: MANUAL_APP_NAME,
      signInAudience: 'AzureADMyOrg',
      permissions: { applicationPermissions: BACKUP_APP_PERMISSIONS },
    },
    'tenantvault',
  );
  const application = applicationByAppId(tenant, appId);
  if (!application) return;
  const { certificatePath, privateKeyPath } = manualAppCertificatePaths(sandbox, tenant);
  let certPem =
    existsSync(certificatePath) && existsSync(privateKeyPath)
      ? await readFile(certificatePath, 'utf8')
      : undefined;
  if (!certPem) {
    const pair = await createClientCertificate(MANUAL_APP_NAME);
    await mkdir(credentialDirectory(sandbox, tenant), { recursive: true });
    await writeFile(privateKeyPath, pair.keyPem, { mode: 0o600 });
    await writeFile(certificatePath, pair.certPem);
    certPem = pair.certPem;
  }
  const keyId = stableUuid(sandbox, `${appId}/certificate`);
  const registered = (application.keyCredentials ?? []).find((credential) => credential.keyId === keyId);
  if (
    registered?.customKeyIdentifier !== Buffer.from(thumbprints(certPem).sha1Hex, 'hex').toString('base64')
  ) {
    addCertificate(tenant, application, keyId, certPem);
  }
  const servicePrincipal = ensureServicePrincipal(tenant, application, tenant);
  recordConsent(sandbox, tenant, servicePrincipal, {
    applicationPermissions: BACKUP_APP_PERMISSIONS,
    delegatedScopes: [],
    forOrganization: true,
  });
}

export interface ProvisioningOptions {
  publisher: boolean;
}

/** Creates whatever identity-platform objects `tenant` is missing. Needs sandbox.baseUrl. */
export async function provisionTenantIdentity(
  sandbox: Sandbox,
  tenant: Tenant,
  options: ProvisioningOptions,
): Promise<void> {
  ensureGraphServicePrincipal(sandbox, tenant);
  ensureDemoAccounts(sandbox, tenant);
  if (options.publisher) provisionPublisherApps(sandbox, tenant);
  else await provisionManualApp(sandbox, tenant);
}

export interface AccountAccess {
  role: DemoRole;
  userPrincipalName: string;
  password: string;
  id: string;
}

export interface TenantAccess {
  tenantId: string;
  domain: string;
  displayName: string;
  authority: string;
  graph: string;
  clientId: string;
  clientSecret: string;
  certificatePath: string;
  privateKeyPath: string;
  /** SHA-1 thumbprint, upper-case hex, as the Entra portal shows it. */
  certificateThumbprint: string;
  accounts: AccountAccess[];
}

export interface PublisherAccess {
  tenantId: string;
  domain: string;
  authority: string;
  signInAppId: string;
  signInAppSecret: string;
  backupAppId: string;
  backupAppSecret: string;
  /** Admin-consent URL with {tenant}, {redirect_uri} and {state} to fill in. */
  consentUrl: string;
  accounts: AccountAccess[];
}

export interface SandboxAccess {
  tenants: TenantAccess[];
  publisher: PublisherAccess;
}

function accountsOf(sandbox: Sandbox, tenant: Tenant): AccountAccess[] {
  return DEMO_ACCOUNTS.map((account) => {
    const userPrincipalName = `${account.alias}@${tenant.info.defaultDomain}`;
    return {
      role: account.role,
      userPrincipalName,
      password: demoPassword(sandbox, tenant, account.alias),
      id: userBySignInName(tenant, userPrincipalName)?.id ?? '',
    };
  });
}

function tenantAccess(sandbox: Sandbox, tenant: Tenant): TenantAccess {
  const clientId = manualAppId(sandbox, tenant);
  const paths = manualAppCertificatePaths(sandbox, tenant);
  const key = applicationByAppId(tenant, clientId)?.keyCredentials?.[0]?.customKeyIdentifier;
  return {
    tenantId: tenant.id,
    domain: tenant.info.defaultDomain,
    displayName: tenant.info.displayName,
    authority: sandbox.authorityUrl(tenant),
    graph: sandbox.graphBaseUrl,
    clientId,
    clientSecret: appSecret(sandbox, clientId),
    ...paths,
    certificateThumbprint: key ? Buffer.from(key, 'base64').toString('hex').toUpperCase() : '',
    accounts: accountsOf(sandbox, tenant),
  };
}

/** Everything a client needs to reach the sandbox's tenants, as plain JSON. */
export function describeAccess(sandbox: Sandbox): SandboxAccess {
  const publisher = sandbox.publisher;
  const backup = backupAppId(sandbox);
  const signIn = signInAppId(sandbox);
  return {
    tenants: sandbox.customerTenants().map((tenant) => tenantAccess(sandbox, tenant)),
    publisher: {
      tenantId: publisher.id,
      domain: publisher.info.defaultDomain,
      authority: sandbox.authorityUrl(publisher),
      signInAppId: signIn,
      signInAppSecret: appSecret(sandbox, signIn),
      backupAppId: backup,
      backupAppSecret: appSecret(sandbox, backup),
      consentUrl: `${sandbox.baseUrl}/{tenant}/adminconsent?client_id=${backup}&redirect_uri={redirect_uri}&state={state}`,
      accounts: accountsOf(sandbox, publisher),
    },
  };
}
