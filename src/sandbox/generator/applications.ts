// App registrations and enterprise applications: the tenant's own apps (redirect URIs of
// every platform, secrets and certificates - some expired, app roles, exposed scopes),
// one service principal each, third-party and Microsoft service principals, users and
// groups assigned to apps, Microsoft Graph application permissions granted to apps, and
// delegated-permission grants.
import type {
  Application,
  AppRole,
  AppRoleAssignment,
  KeyCredential,
  OAuth2PermissionGrant,
  PasswordCredential,
  PermissionScope,
  RequiredResourceAccess,
  ServicePrincipal,
} from '@microsoft/microsoft-graph-types';
import {
  APPLICATION_PERMISSIONS,
  DELEGATED_PERMISSIONS,
  graphAppRoles,
  graphPermissionScopes,
  MICROSOFT_GRAPH_APP_ID,
  type Permission,
} from '../directory/graph-permissions.js';
import type { DirectoryStore } from '../directory/store.js';
import type { Random } from '../random.js';
import type { TenantInfo } from '../tenant.js';
import {
  DAY_MS,
  iso,
  opaqueId,
  sampleOf,
  toDirectoryObject,
  weighted,
  type GenerationContext,
  type Stored,
} from './context.js';
import type { GeneratedGroups } from './groups.js';
import type { GeneratedUsers } from './users.js';

/** Microsoft's own tenant: the owner of every first-party service principal. */
const MICROSOFT_TENANT_ID = 'f8cdef31-a31e-4b4a-93e4-5f571e91255a';

const APP_NAMES = [
  'Expense Portal',
  'HR Sync Connector (PROD)',
  'HR Sync Connector (TEST)',
  'Intranet',
  'Paie & Congés — Intranet',
  '販売管理システム',
  'Field Service Mobile',
  'Power BI Embedded Reports',
  'Build Pipeline Deployer',
  'Customer Portal',
  'Legacy SOAP Gateway',
  'Ticketing Integration',
  'Data Lake Ingestion',
  'Contract Signing 📝',
  'Warehouse Scanner App',
  'Slack Notifier Bot',
];

const THIRD_PARTY_APPS: readonly { name: string; publisher: string; url: string }[] = [
  { name: 'Zoom', publisher: 'Zoom Video Communications, Inc.', url: 'https://zoom.us' },
  { name: 'Salesforce', publisher: 'Salesforce.com, Inc.', url: 'https://login.salesforce.com' },
  { name: 'ServiceNow', publisher: 'ServiceNow, Inc.', url: 'https://service-now.com' },
  { name: 'Adobe Acrobat Sign', publisher: 'Adobe Inc.', url: 'https://secure.adobesign.com' },
  { name: 'DocuSign', publisher: 'DocuSign, Inc.', url: 'https://account.docusign.com' },
  { name: 'Atlassian Cloud', publisher: 'Atlassian', url: 'https://id.atlassian.com' },
  { name: 'Miro', publisher: 'RealtimeBoard, Inc.', url: 'https://miro.com' },
];

const MICROSOFT_APPS: readonly { appId: string; name: string }[] = [
  { appId: '00000002-0000-0ff1-ce00-000000000000', name: 'Office 365 Exchange Online' },
  { appId: '00000003-0000-0ff1-ce00-000000000000', name: 'Office 365 SharePoint Online' },
  { appId: 'c44b4083-3bb0-49c1-b47d-974e53cbdf3c', name: 'Azure Portal' },
  { appId: '1fec8e78-bce4-4aaf-ab1b-5451cc387264', name: 'Microsoft Teams' },
  { appId: 'c5393580-f805-4401-95e8-94b7a6ef2fc2', name: 'Office 365 Management APIs' },
];

export interface GeneratedApplications {
  applications: Stored<Application>[];
  servicePrincipals: Stored<ServicePrincipal>[];
  microsoftGraph: Stored<ServicePrincipal>;
}

export function generateApplications(
  context: GenerationContext,
  users: GeneratedUsers,
  groups: GeneratedGroups,
  count: number,
): GeneratedApplications {
  const { random, store } = context;
  const factory = new ApplicationFactory(random, context.tenant.info);
  const microsoftGraph = ensureMicrosoftGraphServicePrincipal(store, random);
  const result: GeneratedApplications = { applications: [], servicePrincipals: [], microsoftGraph };
  for (let i = 0; i < count; i++) {
    const name = i < APP_NAMES.length ? (APP_NAMES[i] as string) : `${random.pick(APP_NAMES)} ${i}`;
    const application = factory.application(name, context.pastMs(3 * 365, 1), context.now);
    context.seed('applications', application);
    context.seedLinks(
      application.id,
      'owners',
      sampleOf(random, users.members, random.int(0, 2)).map((user) => user.id),
    );
    const servicePrincipal = factory.servicePrincipalFor(application);
    context.seed('servicePrincipals', servicePrincipal);
    context.seedLinks(servicePrincipal.id, 'owners', store.linked(application.id, 'owners'));
    result.applications.push(application);
    result.servicePrincipals.push(servicePrincipal);
    grantGraphPermissions(context, application, servicePrincipal, microsoftGraph, users);
    assignUsersAndGroups(context, servicePrincipal, users, groups);
  }
  for (const app of THIRD_PARTY_APPS) {
    const servicePrincipal = factory.thirdPartyServicePrincipal(app.name, app.publisher, app.url);
    context.seed('servicePrincipals', servicePrincipal);
    result.servicePrincipals.push(servicePrincipal);
    assignUsersAndGroups(context, servicePrincipal, users, groups);
    grantDelegated(
      context,
      servicePrincipal,
      microsoftGraph,
      ['openid', 'profile', 'email', 'User.Read'],
      null,
    );
  }
  for (const app of MICROSOFT_APPS) {
    if (findServicePrincipalByAppId(store, app.appId)) continue;
    context.seed('servicePrincipals', factory.microsoftServicePrincipal(app.appId, app.name));
  }
  return result;
}

export function findServicePrincipalByAppId(
  store: DirectoryStore,
  appId: string,
): Stored<ServicePrincipal> | undefined {
  for (const servicePrincipal of store.collection('servicePrincipals').values()) {
    if (servicePrincipal.appId === appId) return servicePrincipal as Stored<ServicePrincipal>;
  }
  return undefined;
}

/**
 * Microsoft Graph's service principal, the resource of every Graph permission. Identity
 * provisioning looks it up by appId too, so whichever side runs first creates it.
 */
export function ensureMicrosoftGraphServicePrincipal(
  store: DirectoryStore,
  random: Random,
): Stored<ServicePrincipal> {
  const existing = findServicePrincipalByAppId(store, MICROSOFT_GRAPH_APP_ID);
  if (existing) return existing;
  const graph: Stored<ServicePrincipal> = {
    id: random.uuid(),
    appId: MICROSOFT_GRAPH_APP_ID,
    appDisplayName: 'Microsoft Graph',
    displayName: 'Microsoft Graph',
    servicePrincipalType: 'Application',
    servicePrincipalNames: [
      MICROSOFT_GRAPH_APP_ID,
      'https://graph.microsoft.com',
      'https://graph.microsoft.com/',
    ],
    appOwnerOrganizationId: MICROSOFT_TENANT_ID,
    accountEnabled: true,
    appRoleAssignmentRequired: false,
    signInAudience: 'AzureADMultipleOrgs',
    tags: [],
    appRoles: graphAppRoles(),
    oauth2PermissionScopes: graphPermissionScopes(),
    passwordCredentials: [],
    keyCredentials: [],
  };
  store.seed('servicePrincipals', toDirectoryObject(graph));
  return graph;
}

export class ApplicationFactory {
  constructor(
    private readonly random: Random,
    private readonly info: TenantInfo,
  ) {}

  application(displayName: string, createdMs: number, now: number): Stored<Application> {
    const random = this.random;
    const appId = random.uuid();
    const slug =
      displayName
        .normalize('NFD')
        .replace(/[^A-Za-z0-9]+/g, '-')
        .replace(/^-|-$/g, '')
        .toLowerCase() || 'app';
    const host = `https://${slug}.${this.info.defaultDomain.replace('.onmicrosoft.com', '.example')}`;
    const exposesApi = random.chance(0.4);
    const roles = random.chance(0.5) ? this.appRoles() : [];
    return {
      id: random.uuid(),
      appId,
      displayName,
      description: random.chance(0.5) ? `${displayName} for ${this.info.displayName}` : null,
      createdDateTime: iso(createdMs),
      deletedDateTime: null,
      publisherDomain: this.info.defaultDomain,
      signInAudience: weighted(random, [
        ['AzureADMyOrg', 70],
        ['AzureADMultipleOrgs', 20],
        ['AzureADandPersonalMicrosoftAccount', 8],
        ['PersonalMicrosoftAccount', 2],
      ] as const),
      identifierUris: exposesApi ? [`api://${appId}`] : [],
      isFallbackPublicClient: false,
      isDeviceOnlyAuthSupported: null,
      groupMembershipClaims: random.chance(0.2) ? 'SecurityGroup' : null,
      notes: random.chance(0.2) ? 'Owner: platform team. Rotate the secret before it expires!' : null,
      tags: random.chance(0.3) ? ['HideApp'] : [],
      tokenEncryptionKeyId: null,
      defaultRedirectUri: null,
      serviceManagementReference: null,
      disabledByMicrosoftStatus: null,
      oauth2RequirePostResponse: false,
      samlMetadataUrl: null,
      applicationTemplateId: null,
      addIns: [],
      optionalClaims: null,
      certification: null,
      info: {
        logoUrl: null,
        marketingUrl: null,
        privacyStatementUrl: null,
        supportUrl: null,
        termsOfServiceUrl: null,
      },
      parentalControlSettings: { countriesBlockedForMinors: [], legalAgeGroupRule: 'Allow' },
      verifiedPublisher: { displayName: null, verifiedPublisherId: null, addedDateTime: null },
      web: {
        homePageUrl: random.chance(0.5) ? host : null,
        logoutUrl: null,
        redirectUris: this.webRedirectUris(host),
        implicitGrantSettings: {
          enableAccessTokenIssuance: false,
          enableIdTokenIssuance: random.chance(0.3),
        },
      },
      spa: { redirectUris: random.chance(0.3) ? [`${host}/`, 'http://localhost:3000/'] : [] },
      publicClient: {
        redirectUris: random.chance(0.2)
          ? [
              'https://login.microsoftonline.com/common/oauth2/nativeclient',
              `msal${appId}://auth`,
              'http://localhost',
            ]
          : [],
      },
      api: {
        acceptMappedClaims: null,
        knownClientApplications: [],
        requestedAccessTokenVersion: exposesApi ? 2 : null,
        oauth2PermissionScopes: exposesApi ? this.scopes(displayName) : [],
        preAuthorizedApplications: [],
      },
      appRoles: roles,
      requiredResourceAccess: this.requiredResourceAccess(),
      passwordCredentials: this.passwordCredentials(now),
      keyCredentials: this.keyCredentials(now, slug),
    };
  }

  servicePrincipalFor(application: Stored<Application>): Stored<ServicePrincipal> {
    const random = this.random;
    return {
      id: random.uuid(),
      appId: application.appId,
      appDisplayName: application.displayName,
      displayName: application.displayName,
      appDescription: null,
      description: null,
      servicePrincipalType: 'Application',
      servicePrincipalNames: [application.appId as string, ...(application.identifierUris ?? [])],
      appOwnerOrganizationId: this.info.id,
      accountEnabled: !random.chance(0.05),
      appRoleAssignmentRequired: random.chance(0.3),
      signInAudience: application.signInAudience,
      homepage: application.web?.homePageUrl ?? null,
      replyUrls: application.web?.redirectUris ?? [],
      logoutUrl: null,
      loginUrl: null,
      notes: null,
      notificationEmailAddresses: [],
      preferredSingleSignOnMode: random.chance(0.1) ? 'saml' : null,
      preferredTokenSigningKeyThumbprint: null,
      alternativeNames: [],
      tags: ['WindowsAzureActiveDirectoryIntegratedApp'],
      appRoles: application.appRoles ?? [],
      oauth2PermissionScopes: application.api?.oauth2PermissionScopes ?? [],
      passwordCredentials: [],
      keyCredentials: [],
      resourceSpecificApplicationPermissions: [],
      verifiedPublisher: application.verifiedPublisher,
      info: application.info,
      samlSingleSignOnSettings: null,
      disabledByMicrosoftStatus: null,
      applicationTemplateId: null,
      addIns: [],
      deletedDateTime: null,
    };
  }

  /** A multi-tenant app from another organisation, present here because someone consented to it. */
  thirdPartyServicePrincipal(name: string, publisher: string, url: string): Stored<ServicePrincipal> {
    const random = this.random;
    const appId = random.uuid();
    return {
      id: random.uuid(),
      appId,
      appDisplayName: name,
      displayName: name,
      servicePrincipalType: 'Application',
      servicePrincipalNames: [appId, url],
      appOwnerOrganizationId: random.uuid(),
      accountEnabled: true,
      appRoleAssignmentRequired: random.chance(0.5),
      signInAudience: 'AzureADMultipleOrgs',
      homepage: url,
      replyUrls: [`${url}/oauth2/callback`],
      verifiedPublisher: {
        displayName: publisher,
        verifiedPublisherId: String(random.int(1000000, 9999999)),
        addedDateTime: null,
      },
      tags: [
        'WindowsAzureActiveDirectoryIntegratedApp',
        'WindowsAzureActiveDirectoryGalleryApplicationNonPrimaryV1',
      ],
      appRoles: [userRole(random, 'User', 'User'), userRole(random, 'Administrator', 'Admin')],
      oauth2PermissionScopes: [],
      passwordCredentials: [],
      keyCredentials: [],
    };
  }

  microsoftServicePrincipal(appId: string, name: string): Stored<ServicePrincipal> {
    return {
      id: this.random.uuid(),
      appId,
      appDisplayName: name,
      displayName: name,
      servicePrincipalType: 'Application',
      servicePrincipalNames: [appId],
      appOwnerOrganizationId: MICROSOFT_TENANT_ID,
      accountEnabled: true,
      appRoleAssignmentRequired: false,
      signInAudience: 'AzureADMultipleOrgs',
      tags: [],
      appRoles: [],
      oauth2PermissionScopes: [],
      passwordCredentials: [],
      keyCredentials: [],
    };
  }

  /** A new client secret as Graph lists it: a hint of the first characters, never the secret. */
  passwordCredential(startMs: number, months: number, displayName: string | null): PasswordCredential {
    const random = this.random;
    return {
      keyId: random.uuid(),
      displayName,
      hint: random.hex(3).replace(/^./, (c) => (random.chance(0.5) ? c.toUpperCase() : '~')),
      customKeyIdentifier: null,
      secretText: null,
      startDateTime: iso(startMs),
      endDateTime: iso(startMs + months * 30 * DAY_MS),
    };
  }

  keyCredential(startMs: number, subject: string): KeyCredential {
    const random = this.random;
    return {
      keyId: random.uuid(),
      type: 'AsymmetricX509Cert',
      usage: 'Verify',
      displayName: `CN=${subject}`,
      customKeyIdentifier: random.hex(40).toUpperCase(),
      startDateTime: iso(startMs),
      endDateTime: iso(startMs + 365 * DAY_MS),
      key: null,
    };
  }

  redirectUri(host: string): string {
    return `${host}/${this.random.pick(['signin-oidc', 'auth/callback', 'oauth2/redirect', '.auth/login/aad/callback'])}${
      this.random.chance(0.3) ? `?tenant=${this.info.defaultDomain}` : ''
    }`;
  }

  private webRedirectUris(host: string): string[] {
    const random = this.random;
    // A few apps carry dozens of reply URLs (one per environment or customer).
    const count = random.chance(0.05) ? random.int(40, 120) : random.int(0, 4);
    const uris = new Set<string>();
    for (let i = 0; i < count; i++) {
      uris.add(
        i < 4 ? this.redirectUri(host) : `https://env-${i}.${host.slice('https://'.length)}/signin-oidc`,
      );
    }
    return [...uris];
  }

  /** Secrets: none, one, or several with some already expired and some about to. */
  private passwordCredentials(now: number): PasswordCredential[] {
    const random = this.random;
    const count = weighted(random, [
      [0, 3],
      [1, 5],
      [2, 2],
      [random.int(5, 12), 0.3],
    ] as const);
    const credentials: PasswordCredential[] = [];
    for (let i = 0; i < count; i++) {
      const startMs = now - random.int(1, 900) * DAY_MS;
      credentials.push(
        this.passwordCredential(
          startMs,
          random.pick([3, 6, 12, 24]),
          random.chance(0.7) ? `secret-${i + 1}` : null,
        ),
      );
    }
    return credentials;
  }

  private keyCredentials(now: number, subject: string): KeyCredential[] {
    const count = weighted(this.random, [
      [0, 6],
      [1, 3],
      [2, 1],
    ] as const);
    const credentials: KeyCredential[] = [];
    for (let i = 0; i < count; i++)
      credentials.push(this.keyCredential(now - this.random.int(1, 500) * DAY_MS, subject));
    return credentials;
  }

  private appRoles(): AppRole[] {
    const random = this.random;
    const roles = [userRole(random, 'Reader', 'Reader'), userRole(random, 'Approver', 'Approver')];
    if (random.chance(0.5)) {
      roles.push({ ...userRole(random, 'Background jobs', 'Jobs.Run'), allowedMemberTypes: ['Application'] });
    }
    if (random.chance(0.2)) roles.push({ ...userRole(random, 'Retired role', 'Legacy'), isEnabled: false });
    return roles;
  }

  private scopes(displayName: string): PermissionScope[] {
    return [
      {
        id: this.random.uuid(),
        value: 'access_as_user',
        type: 'User',
        isEnabled: true,
        adminConsentDisplayName: `Access ${displayName}`,
        adminConsentDescription: `Allows the app to access ${displayName} on behalf of the signed-in user.`,
        userConsentDisplayName: `Access ${displayName}`,
        userConsentDescription: `Allows the app to access ${displayName} on your behalf.`,
      },
    ];
  }

  private requiredResourceAccess(): RequiredResourceAccess[] {
    const random = this.random;
    const delegated = sampleOf(random, DELEGATED_PERMISSIONS, random.int(1, 4));
    const application = random.chance(0.4) ? sampleOf(random, APPLICATION_PERMISSIONS, random.int(1, 4)) : [];
    return [
      {
        resourceAppId: MICROSOFT_GRAPH_APP_ID,
        resourceAccess: [
          ...delegated.map((permission) => ({ id: permission.id, type: 'Scope' })),
          ...application.map((permission) => ({ id: permission.id, type: 'Role' })),
        ],
      },
    ];
  }
}

function userRole(random: Random, displayName: string, value: string): AppRole {
  return {
    id: random.uuid(),
    displayName,
    value,
    description: `${displayName} of the application`,
    allowedMemberTypes: ['User'],
    isEnabled: true,
    origin: 'Application',
  };
}

/** Admin consent for the permissions an app requests from Microsoft Graph. */
function grantGraphPermissions(
  context: GenerationContext,
  application: Stored<Application>,
  servicePrincipal: Stored<ServicePrincipal>,
  graph: Stored<ServicePrincipal>,
  users: GeneratedUsers,
): void {
  const { random } = context;
  const requested = application.requiredResourceAccess?.[0]?.resourceAccess ?? [];
  const byId = (list: readonly Permission[], id: string | undefined) =>
    list.find((permission) => permission.id === id);
  // Some requested permissions were never consented: backup code must not assume they were.
  if (random.chance(0.15)) return;
  for (const access of requested) {
    const permission = byId(APPLICATION_PERMISSIONS, access.id);
    if (access.type !== 'Role' || !permission) continue;
    context.seed<AppRoleAssignment>('appRoleAssignments', {
      id: opaqueId(random),
      principalId: servicePrincipal.id,
      principalType: 'ServicePrincipal',
      principalDisplayName: servicePrincipal.displayName,
      resourceId: graph.id,
      resourceDisplayName: graph.displayName,
      appRoleId: permission.id,
      createdDateTime: context.pastIso(365),
      deletedDateTime: null,
    });
  }
  const scopes = requested.flatMap((access) =>
    access.type === 'Scope' ? [byId(DELEGATED_PERMISSIONS, access.id)?.value ?? ''] : [],
  );
  if (scopes.length === 0) return;
  const forOneUser = random.chance(0.2) ? random.pick(users.members).id : null;
  grantDelegated(context, servicePrincipal, graph, scopes, forOneUser);
}

function grantDelegated(
  context: GenerationContext,
  client: Stored<ServicePrincipal>,
  resource: Stored<ServicePrincipal>,
  scopes: string[],
  principalId: string | null,
): void {
  context.seed<OAuth2PermissionGrant>('oauth2PermissionGrants', {
    id: opaqueId(context.random),
    clientId: client.id,
    consentType: principalId ? 'Principal' : 'AllPrincipals',
    principalId,
    resourceId: resource.id,
    // Entra stores scopes space-separated, often with a leading space.
    scope: ` ${scopes.join(' ')}`,
  });
}

function assignUsersAndGroups(
  context: GenerationContext,
  servicePrincipal: Stored<ServicePrincipal>,
  users: GeneratedUsers,
  groups: GeneratedGroups,
): void {
  const { random } = context;
  const userRoles = (servicePrincipal.appRoles ?? []).filter((appRole) =>
    appRole.allowedMemberTypes?.includes('User'),
  );
  // Apps without user roles are assigned with the default role (all zeros), as Entra does.
  const roleIds =
    userRoles.length > 0
      ? userRoles.map((appRole) => appRole.id as string)
      : ['00000000-0000-0000-0000-000000000000'];
  if (!servicePrincipal.appRoleAssignmentRequired && random.chance(0.5)) return;
  const principals = [
    ...sampleOf(random, users.members, random.int(0, 25)).map((user) => ({
      id: user.id,
      displayName: user.displayName,
      type: 'User',
    })),
    ...sampleOf(random, groups.security, random.int(0, 3)).map((group) => ({
      id: group.id,
      displayName: group.displayName,
      type: 'Group',
    })),
  ];
  for (const principal of principals) {
    context.seed<AppRoleAssignment>('appRoleAssignments', {
      id: opaqueId(random),
      principalId: principal.id,
      principalType: principal.type,
      principalDisplayName: principal.displayName,
      resourceId: servicePrincipal.id,
      resourceDisplayName: servicePrincipal.displayName,
      appRoleId: random.pick(roleIds),
      createdDateTime: context.pastIso(700),
      deletedDateTime: null,
    });
  }
}
