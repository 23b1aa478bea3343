// Administrative units: assigned units by city holding users, groups and devices,
// dynamic units whose members follow a rule, a hidden-membership unit, and scoped role
// members (helpdesk and user administrators who manage only their unit).
import type { AdministrativeUnit } from '@microsoft/microsoft-graph-types';
import { sampleOf, type GenerationContext, type Stored } from './context.js';
import type { GeneratedGroups } from './groups.js';
import { HELPDESK_ADMINISTRATOR, USER_ADMINISTRATOR, type RoleAssigner } from './roles.js';
import type { GeneratedUsers } from './users.js';

export function generateAdministrativeUnits(
  context: GenerationContext,
  assigner: RoleAssigner,
  sources: { users: GeneratedUsers; groups: GeneratedGroups; deviceIds: readonly string[] },
  count: number,
): string[] {
  const { random } = context;
  const cities = [...sources.users.byCity.keys()];
  // Dynamic units take a city's IT staff, so their members follow the rule exactly.
  const itStaffByCity = new Map(
    [...sources.users.byCity].map(([city, residents]) => [
      city,
      residents.filter((user) => user.department === 'IT'),
    ]),
  );
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const city = cities[i % cities.length] as string;
    const dynamic = i % 3 === 1;
    const residents = sources.users.byCity.get(city) ?? [];
    const itStaff = itStaffByCity.get(city) ?? [];
    const id = random.uuid();
    const unit: Stored<AdministrativeUnit> = {
      id,
      displayName: `${dynamic ? 'Dynamic' : 'Region'} - ${city}${i >= cities.length ? ` ${Math.floor(i / cities.length) + 1}` : ''}`,
      description: random.chance(0.7)
        ? `Users, groups and devices managed by the ${city} service desk`
        : null,
      visibility: i === 2 ? 'HiddenMembership' : null,
      isMemberManagementRestricted: i === 0 ? true : null,
      membershipType: dynamic ? 'Dynamic' : 'Assigned',
      membershipRule: dynamic ? `(user.city -eq "${city}") and (user.department -eq "IT")` : null,
      membershipRuleProcessingState: dynamic ? 'On' : null,
    };
    context.seed('administrativeUnits', unit);
    assignUnitAdministrators(context, assigner, id, sources.users);
    context.seedLinks(
      id,
      'members',
      (dynamic ? itStaff : sampleOf(random, residents, random.int(1, 200))).map((user) => user.id),
    );
    if (!dynamic) {
      context.seedLinks(
        id,
        'members',
        sampleOf(random, sources.groups.all, random.int(0, 5)).map((group) => group.id),
      );
      context.seedLinks(id, 'members', sampleOf(random, sources.deviceIds, random.int(0, 50)));
    }
    ids.push(id);
  }
  return ids;
}

/**
 * Assigns the unit's administrators: helpdesk and user administrators from IT, scoped to the
 * unit (the unit's scopedRoleMembers are a view of these assignments).
 */
function assignUnitAdministrators(
  context: GenerationContext,
  assigner: RoleAssigner,
  administrativeUnitId: string,
  users: GeneratedUsers,
): void {
  const { random } = context;
  const staff = users.byDepartment.get('IT') ?? users.members;
  for (const roleTemplateId of [HELPDESK_ADMINISTRATOR, USER_ADMINISTRATOR]) {
    if (!random.chance(0.6)) continue;
    // Activated like any built-in role in use, so the unit's view can name it.
    assigner.directoryRoleId(roleTemplateId);
    for (const user of sampleOf(random, staff, random.int(1, 2))) {
      assigner.assign(roleTemplateId, user.id, `/administrativeUnits/${administrativeUnitId}`);
    }
  }
}
