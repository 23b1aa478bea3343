// Lookups the identity platform makes in a tenant's directory: users by sign-in name,
// the groups a user belongs to (nested groups count), apps and service principals by appId.
import type { Application, ServicePrincipal, User } from '@microsoft/microsoft-graph-types';
import { MICROSOFT_GRAPH_APP_ID } from '../directory/graph-permissions.js';
import type { DirectoryObject } from '../directory/store.js';
import type { Tenant } from '../tenant.js';

export type StoredUser = User & DirectoryObject;
export type StoredApplication = Application & DirectoryObject;
export type StoredServicePrincipal = ServicePrincipal & DirectoryObject;

function findIn<T>(
  tenant: Tenant,
  collection: string,
  matches: (object: DirectoryObject) => boolean,
): T | undefined {
  for (const object of tenant.store.collection(collection).values()) if (matches(object)) return object as T;
  return undefined;
}

export function userBySignInName(tenant: Tenant, name: string): StoredUser | undefined {
  const wanted = name.trim().toLowerCase();
  return findIn<StoredUser>(
    tenant,
    'users',
    (user) => String(user.userPrincipalName ?? '').toLowerCase() === wanted,
  );
}

export function applicationByAppId(tenant: Tenant, appId: string): StoredApplication | undefined {
  return findIn<StoredApplication>(tenant, 'applications', (app) => app.appId === appId);
}

export function servicePrincipalByAppId(tenant: Tenant, appId: string): StoredServicePrincipal | undefined {
  return findIn<StoredServicePrincipal>(tenant, 'servicePrincipals', (sp) => sp.appId === appId);
}

export function graphServicePrincipal(tenant: Tenant): StoredServicePrincipal | undefined {
  return servicePrincipalByAppId(tenant, MICROSOFT_GRAPH_APP_ID);
}

/** Ids of the groups the user is a member of, directly or through nested groups. */
export function transitiveGroupIds(tenant: Tenant, principalId: string): Set<string> {
  const groups = tenant.store.collection('groups');
  const found = new Set<string>();
  const pending = [principalId];
  while (pending.length > 0) {
    const memberId = pending.pop() as string;
    for (const groupId of tenant.store.linkedFrom(memberId, 'members')) {
      if (groups.has(groupId) && !found.has(groupId)) {
        found.add(groupId);
        pending.push(groupId);
      }
    }
  }
  return found;
}
