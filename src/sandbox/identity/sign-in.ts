// Interactive sign-in: finding the user's tenant and account from what they typed,
// checking the password, and writing the attempt to the tenant's sign-in log
// (/auditLogs/signIns), successful or not.
import { randomUUID } from 'node:crypto';
import type { SignIn } from '@microsoft/microsoft-graph-types';
import { MICROSOFT_GRAPH_APP_ID } from '../directory/graph-permissions.js';
import type { DirectoryObject } from '../directory/store.js';
import type { Sandbox } from '../sandbox.js';
import type { Tenant } from '../tenant.js';
import { userBySignInName, type StoredUser } from './directory-lookup.js';
import { IdentityError } from './oauth-errors.js';

export interface AuthenticatedUser {
  tenant: Tenant;
  user: StoredUser;
}

const invalidCredentials = () =>
  new IdentityError(
    'invalid_grant',
    50126,
    'Error validating credentials due to invalid username or password.',
  );

/** The tenant a sign-in name belongs to: its domain (for /common and /organizations). */
export function tenantOfSignInName(sandbox: Sandbox, login: string): Tenant | undefined {
  const domain = login.slice(login.lastIndexOf('@') + 1);
  return domain && login.includes('@') ? sandbox.tenantBySegment(domain) : undefined;
}

/** Checks name and password in `tenant`; throws the AADSTS error Microsoft shows for each failure. */
export function authenticateUser(tenant: Tenant, login: string, password: string): StoredUser {
  const user = userBySignInName(tenant, login);
  if (!user) {
    throw new IdentityError(
      'invalid_grant',
      50034,
      `The user account {EUII Hidden} does not exist in the '${tenant.id}' directory. To sign into this application, the account must be added to the directory.`,
    );
  }
  if (!tenant.checkUserPassword(user.id, password)) throw invalidCredentials();
  if (user.accountEnabled === false) {
    throw new IdentityError('invalid_grant', 50057, 'The user account is disabled.');
  }
  return user;
}

export interface SignInRecord {
  login: string;
  user?: StoredUser;
  appId: string;
  appDisplayName: string;
  ipAddress: string;
  userAgent?: string;
  failure?: IdentityError;
}

/** Appends one interactive sign-in to the tenant's log in Graph's signIn shape. */
export function recordSignIn(sandbox: Sandbox, tenant: Tenant, record: SignInRecord): void {
  const entry: SignIn & DirectoryObject = {
    id: randomUUID(),
    createdDateTime: sandbox.clock.iso().replace(/\.\d+Z$/, 'Z'),
    userDisplayName: record.user?.displayName ?? null,
    userPrincipalName: record.user?.userPrincipalName ?? record.login,
    userId: record.user?.id ?? '00000000-0000-0000-0000-000000000000',
    appId: record.appId,
    appDisplayName: record.appDisplayName,
    ipAddress: record.ipAddress,
    clientAppUsed: 'Browser',
    correlationId: randomUUID(),
    conditionalAccessStatus: 'notApplied',
    isInteractive: true,
    riskDetail: 'none',
    riskLevelAggregated: 'none',
    riskLevelDuringSignIn: 'none',
    riskState: 'none',
    riskEventTypes: [],
    riskEventTypes_v2: [],
    resourceDisplayName: 'Microsoft Graph',
    resourceId: MICROSOFT_GRAPH_APP_ID,
    status: {
      errorCode: record.failure?.aadsts ?? 0,
      failureReason: record.failure?.description ?? null,
      additionalDetails: null,
    },
    deviceDetail: {
      deviceId: '',
      displayName: '',
      operatingSystem: '',
      browser: record.userAgent ?? '',
      isCompliant: false,
      isManaged: false,
      trustType: '',
    },
    location: { city: null, state: null, countryOrRegion: null, geoCoordinates: null },
    appliedConditionalAccessPolicies: [],
  };
  tenant.store.create('signIns', entry);
}
