// Where each directory type lives in Graph and how it can come back: the facts backup,
// compare and restore share. What to $select and which relationships to read is each
// type module's business; this is only the map.
import type { DirectoryType } from './item.js';

export type RestoreRoute =
  /** /directory/deletedItems/{id}/restore while soft-deleted (keeps the id), else POST. */
  | 'deletedItemsOrCreate'
  /** POST to re-create (new id) or PATCH changed properties. */
  | 'createOrPatch'
  /** View and export only. */
  | 'readOnly';

export interface TypeRoute {
  /** Collection path below the Graph version, e.g. /users. */
  path: string;
  restore: RestoreRoute;
  /** Configuration types can be restored into another tenant. */
  crossTenant: boolean;
  /** Shown to people. */
  label: string;
  /**
   * The largest page Graph serves for a listing without $expand, asked for with $top
   * (directory collections: 999, against a default of 100). Absent: Graph's default.
   */
  largestPage?: number;
}

/** Directory object collections page up to 999 objects with $top. */
const DIRECTORY_PAGE = 999;

export const TYPE_ROUTES: Record<DirectoryType, TypeRoute> = {
  users: { path: '/users', restore: 'deletedItemsOrCreate', crossTenant: false, label: 'Users' },
  groups: {
    path: '/groups',
    restore: 'deletedItemsOrCreate',
    crossTenant: false,
    largestPage: DIRECTORY_PAGE,
    label: 'Groups',
  },
  builtInRoles: {
    path: '/roleManagement/directory/roleDefinitions',
    // Definitions are Microsoft's; their assignments are restored through the principals.
    restore: 'readOnly',
    crossTenant: false,
    label: 'Built-in roles',
  },
  customRoles: {
    path: '/roleManagement/directory/roleDefinitions',
    restore: 'createOrPatch',
    crossTenant: true,
    label: 'Custom roles',
  },
  applications: {
    path: '/applications',
    restore: 'deletedItemsOrCreate',
    crossTenant: true,
    label: 'App registrations',
    largestPage: DIRECTORY_PAGE,
  },
  servicePrincipals: {
    path: '/servicePrincipals',
    restore: 'deletedItemsOrCreate',
    crossTenant: false,
    label: 'Enterprise applications',
    largestPage: DIRECTORY_PAGE,
  },
  conditionalAccessPolicies: {
    path: '/identity/conditionalAccess/policies',
    restore: 'createOrPatch',
    crossTenant: true,
    label: 'Conditional Access policies',
  },
  namedLocations: {
    path: '/identity/conditionalAccess/namedLocations',
    restore: 'createOrPatch',
    crossTenant: true,
    label: 'Named locations',
  },
  devices: {
    path: '/devices',
    restore: 'readOnly',
    crossTenant: false,
    largestPage: DIRECTORY_PAGE,
    label: 'Devices',
  },
  deviceConfigurations: {
    path: '/deviceManagement/deviceConfigurations',
    restore: 'createOrPatch',
    crossTenant: true,
    label: 'Device configurations',
  },
  deviceCompliancePolicies: {
    path: '/deviceManagement/deviceCompliancePolicies',
    restore: 'createOrPatch',
    crossTenant: true,
    label: 'Device compliance policies',
  },
  administrativeUnits: {
    path: '/directory/administrativeUnits',
    restore: 'deletedItemsOrCreate',
    crossTenant: false,
    label: 'Admin units',
    largestPage: DIRECTORY_PAGE,
  },
  signInLogs: { path: '/auditLogs/signIns', restore: 'readOnly', crossTenant: false, label: 'Sign-in logs' },
  auditLogs: {
    path: '/auditLogs/directoryAudits',
    restore: 'readOnly',
    crossTenant: false,
    label: 'Audit logs',
  },
  bitlockerKeys: {
    path: '/informationProtection/bitlocker/recoveryKeys',
    restore: 'readOnly',
    crossTenant: false,
    label: 'BitLocker keys',
  },
};
