// tenantvault's two apps on the identity platform and where that platform is. The sign-in
// app only signs people in to the portal (delegated openid, profile, User.Read); the
// backup app holds the application permissions and never signs anybody in. Both are
// multi-tenant apps of tenantvault's publisher tenant; the authority, Graph and an extra
// CA are configuration (Microsoft's public cloud, a national cloud, the sandbox).
import type { GraphCredential } from '../../graph/index.js';

export interface IdentityPlatformConfig {
  /** The identity platform's host, e.g. https://login.microsoftonline.com. */
  authorityHost: string;
  /** Where people sign in: organizations or common (any work account), or one tenant id. */
  signInTenant: string;
  graphBaseUrl: string;
  /** A PEM CA trusted in addition to the public roots (a private authority). */
  extraCaPem?: string;
  signInApp: { clientId: string; clientSecret: string };
  backupApp: { clientId: string; credential: GraphCredential };
}

/** Delegated permissions of the sign-in app. */
export const SIGN_IN_SCOPES = ['openid', 'profile', 'User.Read'] as const;

/**
 * The Microsoft Graph application permissions a connection needs to back up and restore
 * every Entra ID object type and to read the tenant's users and their directory roles.
 * A connection's health compares its token's roles with this list.
 */
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

/** Everything an app registration was granted, as an admin-consent request names it. */
const STATIC_GRAPH_SCOPE = 'https://graph.microsoft.com/.default';

/**
 * The identity platform's admin-consent page for one of tenantvault's apps (v2 endpoint):
 * `tenant` is a tenant id, or organizations when the admin's tenant is not known yet.
 */
export function adminConsentUrl(
  platform: IdentityPlatformConfig,
  app: 'sign-in' | 'backup',
  request: { tenant: string; redirectUri: string; state: string },
): string {
  const clientId = app === 'sign-in' ? platform.signInApp.clientId : platform.backupApp.clientId;
  const query = new URLSearchParams({
    client_id: clientId,
    scope: STATIC_GRAPH_SCOPE,
    redirect_uri: request.redirectUri,
    state: request.state,
  });
  return `${platform.authorityHost}/${encodeURIComponent(request.tenant)}/v2.0/adminconsent?${query}`;
}

/** Graph connection settings for one tenant with the given app and credential. */
export function graphConnection(
  platform: IdentityPlatformConfig,
  tenantId: string,
  app: { clientId: string; credential: GraphCredential },
) {
  return {
    tenantId,
    clientId: app.clientId,
    credential: app.credential,
    authority: platform.authorityHost,
    graphBaseUrl: platform.graphBaseUrl,
    extraCaPem: platform.extraCaPem,
  };
}

/**
 * Directory roles (template ids, as in the wids claim and role assignments) whose holders
 * administer tenantvault for their tenant: Global Administrator and Privileged Role
 * Administrator, the roles that may grant admin consent.
 */
export const TENANT_ADMIN_ROLES = [
  '62e90394-69f5-4237-9190-012177145e10',
  'e8611ab8-c189-46e8-94e1-60213ab1f814',
] as const;
