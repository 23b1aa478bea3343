// Whether a connection to a tenant works, judged by the identity platform and Graph alone:
// an app token for the tenant proves the credential and the consent (a redirect saying
// "consented" proves nothing), its roles claim says which permissions were granted, and
// Graph says whether tenantvault's sign-in app may be used by every user of the tenant.
import { decodeJwt } from 'jose';
import { GraphAuthenticationError, GraphRequestError, type GraphClient } from '../../graph/index.js';
import { BACKUP_APP_PERMISSIONS } from './identity-platform.js';

/**
 * Who may sign in to tenantvault from the tenant: everyone (consent on behalf of the
 * organization), only some users (consent for the admin alone, or users assigned to the
 * enterprise application), nobody yet, or unknown (the connection may not read it).
 */
export type SignInConsent = 'organization' | 'some-users' | 'none' | 'unknown';

export interface ConnectionHealth {
  checkedAt: string;
  /** The identity platform issued an app token for the tenant. */
  connected: boolean;
  /** Why not, in the platform's words (AADSTS code and message). */
  error: string | null;
  grantedPermissions: string[];
  /** Permissions the backup needs that the token does not carry. */
  missingPermissions: string[];
  signInConsent: SignInConsent;
}

export interface CheckedConnection {
  health: ConnectionHealth;
  /** The tenant's name as Graph reports it, when it could be read. */
  displayName: string | undefined;
}

interface GraphList<T> {
  value: T[];
}

async function tenantName(graph: GraphClient, tenantId: string): Promise<string | undefined> {
  try {
    const organizations = await graph.get<GraphList<{ id: string; displayName?: string }>>('/organization', {
      $select: 'id,displayName',
    });
    return organizations.value.find((organization) => organization.id === tenantId)?.displayName;
  } catch (error) {
    if (error instanceof GraphRequestError) return undefined;
    throw error;
  }
}

async function signInConsent(graph: GraphClient, signInAppId: string): Promise<SignInConsent> {
  try {
    const principals = await graph.get<GraphList<{ id: string }>>('/servicePrincipals', {
      $filter: `appId eq '${signInAppId}'`,
      $select: 'id',
    });
    const principal = principals.value[0];
    if (!principal) return 'none';
    const grants = await graph.get<GraphList<{ consentType: string }>>('/oauth2PermissionGrants', {
      $filter: `clientId eq '${principal.id}'`,
    });
    if (grants.value.some((grant) => grant.consentType === 'AllPrincipals')) return 'organization';
    return 'some-users';
  } catch (error) {
    if (error instanceof GraphRequestError) return 'unknown';
    throw error;
  }
}

/** Acquires a fresh token for the tenant and reads what it allows. */
export async function checkConnection(
  graph: GraphClient,
  signInAppId: string,
  now: Date = new Date(),
): Promise<CheckedConnection> {
  const tenantId = graph.connection.tenantId;
  let token: string;
  try {
    token = await graph.tokens.token(true);
  } catch (error) {
    if (!(error instanceof GraphAuthenticationError)) throw error;
    return {
      displayName: undefined,
      health: {
        checkedAt: now.toISOString(),
        connected: false,
        error: error.description,
        grantedPermissions: [],
        missingPermissions: [...BACKUP_APP_PERMISSIONS],
        signInConsent: 'unknown',
      },
    };
  }
  const claims = decodeJwt(token);
  if (claims.tid !== tenantId) {
    throw new Error(`the identity platform issued a token for tenant ${String(claims.tid)}, not ${tenantId}`);
  }
  const granted = Array.isArray(claims.roles) ? claims.roles.map(String).sort() : [];
  const [displayName, consent] = await Promise.all([
    tenantName(graph, tenantId),
    signInConsent(graph, signInAppId),
  ]);
  return {
    displayName,
    health: {
      checkedAt: now.toISOString(),
      connected: true,
      error: null,
      grantedPermissions: granted,
      missingPermissions: BACKUP_APP_PERMISSIONS.filter((permission) => !granted.includes(permission)),
      signInConsent: consent,
    },
  };
}
