// A person as the identity platform described them when they signed in (ID token claims):
// their tenant (tid), object id (oid), names and directory roles (wids). Sessions and API
// tokens carry one; the authorization policy decides from it.
import { TENANT_ADMIN_ROLES } from './organizations/identity-platform.js';

export interface UserIdentity {
  tenantId: string;
  userId: string;
  displayName: string;
  userPrincipalName: string;
  /** Directory role template ids (the wids claim). */
  directoryRoles: string[];
}

/** Holds a role that administers tenantvault for the user's tenant. */
export function isTenantAdmin(identity: UserIdentity): boolean {
  return identity.directoryRoles.some((role) => (TENANT_ADMIN_ROLES as readonly string[]).includes(role));
}

/** How audit entries and change records name a person. */
export function describeUser(identity: UserIdentity): string {
  return identity.userPrincipalName || identity.displayName || identity.userId;
}
