// Which application a client_id names when it signs in to a tenant: an app registered in
// that tenant, or a multi-tenant app registered elsewhere (e.g. the publisher's) whose
// enterprise application exists in the tenant once consented. Also which platform a
// redirect URI belongs to, which decides whether the client must authenticate.
import type { Sandbox } from '../sandbox.js';
import type { Tenant } from '../tenant.js';
import {
  applicationByAppId,
  servicePrincipalByAppId,
  type StoredApplication,
  type StoredServicePrincipal,
} from './directory-lookup.js';
import { applicationNotFound, IdentityError } from './oauth-errors.js';

export interface ClientApp {
  application: StoredApplication;
  /** The tenant holding the app registration. */
  home: Tenant;
}

const MULTI_TENANT_AUDIENCES = new Set(['AzureADMultipleOrgs', 'AzureADandPersonalMicrosoftAccount']);

export function isMultiTenant(application: StoredApplication): boolean {
  return MULTI_TENANT_AUDIENCES.has(application.signInAudience ?? '');
}

/** The app registration for a client id, wherever it lives; undefined when none exists. */
export function findApplication(
  sandbox: Sandbox,
  clientId: string,
  preferred?: Tenant,
): ClientApp | undefined {
  const own = preferred ? applicationByAppId(preferred, clientId) : undefined;
  if (own && preferred) return { application: own, home: preferred };
  for (const home of sandbox.tenants.values()) {
    const application = applicationByAppId(home, clientId);
    if (application && isMultiTenant(application)) return { application, home };
  }
  return undefined;
}

export type ResolvedClient = ClientApp & { servicePrincipal: StoredServicePrincipal | undefined };

/**
 * The client app and its enterprise application as seen from `tenant`. A single-tenant
 * app of another tenant does not exist here; a multi-tenant app exists once its
 * service principal does (when `requireServicePrincipal`).
 */
export function resolveClient(
  sandbox: Sandbox,
  tenant: Tenant,
  clientId: string,
  requireServicePrincipal: boolean,
): ResolvedClient {
  const client = findApplication(sandbox, clientId, tenant);
  const servicePrincipal = servicePrincipalByAppId(tenant, clientId);
  if (!client || (requireServicePrincipal && !servicePrincipal))
    throw applicationNotFound(clientId, tenant.id);
  return { ...client, servicePrincipal };
}

/** For /common and /organizations: only multi-tenant apps may be used there. */
export function requireMultiTenant(application: StoredApplication): void {
  if (isMultiTenant(application)) return;
  throw new IdentityError(
    'invalid_request',
    50194,
    `Application '${application.appId}'(${application.displayName}) is not configured as a multi-tenant application. Usage of the /common endpoint is not supported for such applications created after '10/15/2018'. Use a tenant-specific endpoint or configure the application to be multi-tenant.`,
  );
}

export type RedirectPlatform = 'web' | 'spa' | 'publicClient';

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Microsoft ignores the port of http loopback redirect URIs, so local apps may pick any. */
function redirectMatches(registered: string, requested: string): boolean {
  if (registered === requested) return true;
  try {
    const a = new URL(registered);
    const b = new URL(requested);
    return (
      a.protocol === 'http:' &&
      b.protocol === 'http:' &&
      LOOPBACK_HOSTS.has(a.hostname) &&
      a.hostname === b.hostname &&
      a.pathname === b.pathname &&
      a.search === b.search
    );
  } catch {
    return false;
  }
}

/** The platform whose registered redirect URIs contain `redirectUri`, if any. */
export function redirectPlatform(
  application: StoredApplication,
  redirectUri: string,
): RedirectPlatform | undefined {
  const platforms: [RedirectPlatform, string[] | undefined][] = [
    ['web', application.web?.redirectUris],
    ['spa', application.spa?.redirectUris],
    ['publicClient', application.publicClient?.redirectUris],
  ];
  for (const [platform, uris] of platforms) {
    if ((uris ?? []).some((uri) => redirectMatches(uri, redirectUri))) return platform;
  }
  return undefined;
}

export function redirectUriMismatch(application: StoredApplication, redirectUri: string): IdentityError {
  return new IdentityError(
    'invalid_request',
    50011,
    `The redirect URI '${redirectUri}' specified in the request does not match the redirect URIs configured for the application '${application.appId}'. Make sure the redirect URI sent in the request matches one added to your application in the Azure portal. Navigate to https://aka.ms/redirectUriMismatchError to learn more about how to fix this.`,
  );
}
