// Fills a tenant's directory with generated data for all 14 Entra ID object types,
// deterministic from the random source and the user count. Counts scale with the number
// of users the way they do in real tenants.
import { GLOBAL_ADMINISTRATOR } from '../directory/roles.js';
import type { Random } from '../random.js';
import type { Tenant } from '../tenant.js';
import { generateAdministrativeUnits } from './admin-units.js';
import { generateApplications } from './applications.js';
import { generateConditionalAccessPolicies, generateNamedLocations } from './conditional-access.js';
import { GenerationContext, sampleOf } from './context.js';
import { generateDevices } from './devices.js';
import { generateGroups } from './groups.js';
import { generateCompliancePolicies, generateDeviceConfigurations } from './intune.js';
import { generateHistoricalLogs } from './logs.js';
import { generateOrganization } from './organization.js';
import { generateRoleAssignments, generateRoleDefinitions, RoleAssigner } from './roles.js';
import { generateUsers } from './users.js';

export interface GenerateOptions {
  /** At least two: someone to lead the company and someone to report to them. */
  users: number;
  random: Random;
  /** The sandbox clock's time: creation dates and logs lie before it. */
  now: number;
}

export interface TenantCounts {
  users: number;
  groups: number;
  applications: number;
  devices: number;
  conditionalAccessPolicies: number;
  deviceConfigurations: number;
  deviceCompliancePolicies: number;
  administrativeUnits: number;
}

export function countsFor(users: number): TenantCounts {
  return {
    users,
    groups: Math.max(20, Math.round(users / 10)),
    applications: Math.max(10, Math.round(users / 50)),
    devices: Math.round(users * 0.8),
    conditionalAccessPolicies: 30,
    deviceConfigurations: 20,
    deviceCompliancePolicies: 8,
    administrativeUnits: Math.max(3, Math.round(users / 500)),
  };
}

export function generateTenant(tenant: Tenant, options: GenerateOptions): void {
  const context = new GenerationContext(tenant, options.random, options.now);
  const { random } = context;
  const counts = countsFor(Math.max(2, options.users));

  generateOrganization(context);
  const users = generateUsers(context, counts.users);
  const groups = generateGroups(context, users, counts.groups);
  const apps = generateApplications(context, users, groups, counts.applications);
  const devices = generateDevices(context, users, counts.devices);

  const roles = generateRoleDefinitions(context);
  const assigner = new RoleAssigner(context);
  const administrativeUnitIds = generateAdministrativeUnits(
    context,
    assigner,
    { users, groups, deviceIds: devices.ids },
    counts.administrativeUnits,
  );
  const itStaff = users.byDepartment.get('IT') ?? [];
  generateRoleAssignments(context, assigner, roles, {
    administrators: itStaff.length >= 10 ? itStaff : users.members,
    roleAssignableGroupIds: groups.roleAssignable.map((group) => group.id),
    servicePrincipalIds: apps.servicePrincipals.slice(0, apps.applications.length).map((sp) => sp.id),
    administrativeUnitIds,
  });

  const namedLocationIds = generateNamedLocations(context);
  const policyGroupIds = groups.security.map((group) => group.id);
  const policyIds = generateConditionalAccessPolicies(
    context,
    {
      breakGlassUserIds: globalAdministrators(context),
      userIds: sampleOf(random, users.members, 50).map((user) => user.id),
      groupIds: policyGroupIds,
      appIds: apps.applications.map((app) => app.appId as string),
      namedLocationIds,
    },
    counts.conditionalAccessPolicies,
  );
  generateDeviceConfigurations(context, policyGroupIds, counts.deviceConfigurations);
  generateCompliancePolicies(context, policyGroupIds, counts.deviceCompliancePolicies);

  const everyone = [...users.members, ...users.guests];
  const policies = policyIds.map(
    (id) => context.store.collection('conditionalAccessPolicies').get(id) as { id: string },
  );
  generateHistoricalLogs(
    context,
    {
      user: () => random.pick(everyone),
      app: () => random.pick(apps.servicePrincipals),
      policies,
    },
    counts.users,
  );
  context.store.finishSeeding();
}

/** The tenant's Global Administrators: kept out of Conditional Access so no policy locks them all out. */
function globalAdministrators(context: GenerationContext): string[] {
  const assignments = [...context.store.collection('roleAssignments').values()];
  return assignments
    .filter(
      (assignment) =>
        assignment.roleDefinitionId === GLOBAL_ADMINISTRATOR && assignment.directoryScopeId === '/',
    )
    .map((assignment) => assignment.principalId as string);
}
