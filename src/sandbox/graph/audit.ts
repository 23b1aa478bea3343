// Every write through Graph leaves a directoryAudit entry, as Entra does: a restore shows
// up in the tenant's own audit log, and the log keeps growing with activity.
import type { GraphContext } from './context.js';
import { RESOURCE_BY_COLLECTION } from './resources.js';

const CATEGORY: Record<string, string> = {
  users: 'UserManagement',
  groups: 'GroupManagement',
  applications: 'ApplicationManagement',
  servicePrincipals: 'ApplicationManagement',
  appRoleAssignments: 'ApplicationManagement',
  oauth2PermissionGrants: 'ApplicationManagement',
  devices: 'Device',
  administrativeUnits: 'AdministrativeUnit',
  directoryRoles: 'RoleManagement',
  roleDefinitions: 'RoleManagement',
  roleAssignments: 'RoleManagement',
  conditionalAccessPolicies: 'Policy',
  namedLocations: 'Policy',
  bitlockerRecoveryKeys: 'KeyManagement',
};

const SERVICE: Record<string, string> = {
  conditionalAccessPolicies: 'Conditional Access',
  namedLocations: 'Conditional Access',
  bitlockerRecoveryKeys: 'Core Directory',
};

export interface AuditTarget {
  collection: string;
  id: string;
  displayName?: unknown;
  modifiedProperties?: { displayName: string; oldValue: unknown; newValue: unknown }[];
}

export function recordAudit(
  context: GraphContext,
  activity: string,
  operationType: string,
  target: AuditTarget,
): void {
  const entity = RESOURCE_BY_COLLECTION.get(target.collection)?.entity ?? target.collection;
  const { claims } = context;
  const actor =
    claims.idtyp === 'app'
      ? {
          app: {
            appId: claims.appid,
            displayName: claims.appDisplayName ?? null,
            servicePrincipalId: claims.oid,
          },
          user: null,
        }
      : {
          user: { id: claims.oid, userPrincipalName: claims.upn ?? null, displayName: claims.name ?? null },
          app: null,
        };
  context.tenant.store.create('directoryAudits', {
    id: `Directory_${context.ids.uuid()}`,
    category: CATEGORY[target.collection] ?? 'Other',
    correlationId: context.ids.uuid(),
    result: 'success',
    resultReason: '',
    activityDisplayName: activity,
    activityDateTime: context.sandbox.clock.iso(),
    loggedByService: SERVICE[target.collection] ?? 'Core Directory',
    operationType,
    initiatedBy: actor,
    targetResources: [
      {
        id: target.id,
        displayName: typeof target.displayName === 'string' ? target.displayName : null,
        type: entity[0]?.toUpperCase() + entity.slice(1),
        modifiedProperties: (target.modifiedProperties ?? []).map((property) => ({
          displayName: property.displayName,
          oldValue: property.oldValue === undefined ? null : JSON.stringify(property.oldValue),
          newValue: property.newValue === undefined ? null : JSON.stringify(property.newValue),
        })),
      },
    ],
    additionalDetails: [],
  });
}
