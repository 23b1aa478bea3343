// The descriptor of every directory item type, by type.
import type { DirectoryType } from '../item.js';
import { administrativeUnits } from './administrative-units.js';
import { applications } from './applications.js';
import { auditLogs } from './audit-logs.js';
import { bitlockerKeys } from './bitlocker-keys.js';
import { builtInRoles } from './built-in-roles.js';
import { conditionalAccessPolicies } from './conditional-access-policies.js';
import { customRoles } from './custom-roles.js';
import {
  isLogType,
  type LogType,
  type LogTypeDescriptor,
  type ObjectType,
  type ObjectTypeDescriptor,
  type TypeDescriptor,
} from './descriptor.js';
import { deviceCompliancePolicies } from './device-compliance-policies.js';
import { deviceConfigurations } from './device-configurations.js';
import { devices } from './devices.js';
import { groups } from './groups.js';
import { namedLocations } from './named-locations.js';
import { servicePrincipals } from './service-principals.js';
import { signInLogs } from './sign-in-logs.js';
import { users } from './users.js';

export * from './descriptor.js';

export const OBJECT_TYPE_DESCRIPTORS: Readonly<Record<ObjectType, ObjectTypeDescriptor>> = {
  users,
  groups,
  builtInRoles,
  customRoles,
  applications,
  servicePrincipals,
  conditionalAccessPolicies,
  namedLocations,
  devices,
  deviceConfigurations,
  deviceCompliancePolicies,
  administrativeUnits,
  bitlockerKeys,
};

export const LOG_TYPE_DESCRIPTORS: Readonly<Record<LogType, LogTypeDescriptor>> = { signInLogs, auditLogs };

export function descriptorOf(type: DirectoryType): TypeDescriptor {
  return isLogType(type) ? LOG_TYPE_DESCRIPTORS[type] : OBJECT_TYPE_DESCRIPTORS[type];
}

/** The type whose objects belong to objects of this type (BitLocker keys to devices), if any. */
export function ownedTypeOf(type: ObjectType): ObjectTypeDescriptor | undefined {
  return Object.values(OBJECT_TYPE_DESCRIPTORS).find((descriptor) => descriptor.owner?.type === type);
}

/** The type whose objects own this type's objects (devices for BitLocker keys), if any. */
export function ownerTypeOf(type: DirectoryType): ObjectType | undefined {
  return isLogType(type) ? undefined : OBJECT_TYPE_DESCRIPTORS[type].owner?.type;
}
