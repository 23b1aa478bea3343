// Restore of role assignments and app role assignments against the sandbox over HTTPS:
// a re-created principal gets back, under its new id, the roles it held at their scopes
// and its app roles; a principal that still exists gets back the assignments removed
// since the backup and keeps the others; an assignment made again meanwhile is skipped,
// not failed; a re-created administrative unit gets back the roles scoped to it;
// snapshots of earlier versions, which kept principal ids only, restore with the plan
// naming what to grant again by hand.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { DirectoryItem, GraphObject } from '../../../src/workloads/directory/item.js';
import {
  planRestore,
  type PlannedWrite,
  type RestoreReport,
  type SnapshotItems,
} from '../../../src/workloads/directory/restore/index.js';
import { startRestoreFixture, type RestoreFixture } from './restore-support.js';

const GLOBAL_READER = 'f2ef992c-3afb-46b9-b7cf-a126ee74c451';
const HELPDESK_ADMINISTRATOR = '729827e3-9c14-49f7-bb1b-9608f156bbb8';
const ROLE_ASSIGNMENTS = '/roleManagement/directory/roleAssignments';

interface RoleAssignment {
  id: string;
  principalId: string;
  roleDefinitionId: string;
  directoryScopeId: string;
}

interface AppRoleAssignment {
  id: string;
  principalId: string;
  resourceId: string;
  appRoleId: string;
}

let fixture: RestoreFixture;
let backedUp: DirectoryItem[];
/** Users given roles and an app role before the backup: purged, kept, purged and restored from an older snapshot. */
let purged: string;
let kept: string;
let fromOlderSnapshot: string;
let units: [string, string];
let resource: { id: string; appRoleId: string };

async function ok(path: string, method = 'GET', body?: unknown): Promise<GraphObject> {
  const answer = await fixture.graph(path, { method, body });
  assert.ok(answer.status < 300, `${method} ${path}: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body as GraphObject;
}

const grantRole = (principalId: string, roleDefinitionId: string, directoryScopeId = '/') =>
  ok(ROLE_ASSIGNMENTS, 'POST', { principalId, roleDefinitionId, directoryScopeId });
const grantAppRole = (principalId: string) =>
  ok(`/servicePrincipals/${resource.id}/appRoleAssignedTo`, 'POST', {
    principalId,
    resourceId: resource.id,
    appRoleId: resource.appRoleId,
  });

before(async () => {
  fixture = await startRestoreFixture('assignments');
  const users = (await ok('/users?$select=id,userType,onPremisesSyncEnabled&$top=100'))
    .value as GraphObject[];
  const cloud = users.filter((user) => user.userType === 'Member' && user.onPremisesSyncEnabled !== true);
  [purged, kept, fromOlderSnapshot] = cloud.slice(-3).map((user) => user.id) as [string, string, string];
  const unitList = (await ok('/directory/administrativeUnits?$select=id')).value as GraphObject[];
  units = unitList.slice(0, 2).map((unit) => unit.id) as [string, string];
  assert.equal(units.length, 2);
  const principals = (await ok('/servicePrincipals?$select=id,appRoles&$top=999')).value as {
    id: string;
    appRoles: { id: string; allowedMemberTypes: string[] }[];
  }[];
  const withUserRole = principals.find((principal) =>
    principal.appRoles.some((appRole) => appRole.allowedMemberTypes.includes('User')),
  );
  assert.ok(withUserRole, 'no enterprise app with an app role for users');
  resource = {
    id: withUserRole.id,
    appRoleId: withUserRole.appRoles.find((appRole) => appRole.allowedMemberTypes.includes('User'))!.id,
  };
  for (const [user, unit] of [
    [purged, units[0]],
    [kept, units[1]],
  ] as const) {
    await grantRole(user, GLOBAL_READER);
    await grantRole(user, HELPDESK_ADMINISTRATOR, `/administrativeUnits/${unit}`);
    await grantAppRole(user);
  }
  await grantRole(fromOlderSnapshot, GLOBAL_READER);
  backedUp = await fixture.backup();
});
after(() => fixture.close());

/** The role assignments of a principal as the backup kept them, "role scope". */
function backedUpRoles(principalId: string): string[] {
  return backedUp
    .filter((item) => item.type === 'builtInRoles' || item.type === 'customRoles')
    .flatMap((role) => (role.object.roleAssignments ?? []) as RoleAssignment[])
    .filter((assignment) => assignment.principalId === principalId)
    .map((assignment) => `${assignment.roleDefinitionId} ${assignment.directoryScopeId}`)
    .sort();
}

/** The app role assignments of a principal as the backup kept them, "resource appRole". */
function backedUpAppRoles(principalId: string): string[] {
  return backedUp
    .filter((item) => item.type === 'servicePrincipals')
    .flatMap((principal) => (principal.object.appRoleAssignedTo ?? []) as AppRoleAssignment[])
    .filter((assignment) => assignment.principalId === principalId)
    .map(appRoleOf)
    .sort();
}

function appRoleOf(assignment: Pick<AppRoleAssignment, 'resourceId' | 'appRoleId'>): string {
  return `${assignment.resourceId} ${assignment.appRoleId}`;
}

async function liveRoles(principalId: string): Promise<RoleAssignment[]> {
  return (await ok(`${ROLE_ASSIGNMENTS}?$filter=principalId eq '${principalId}'`)).value as RoleAssignment[];
}

const rolesOf = (assignments: RoleAssignment[]) =>
  assignments.map((assignment) => `${assignment.roleDefinitionId} ${assignment.directoryScopeId}`).sort();

async function liveAppRoles(principalId: string): Promise<AppRoleAssignment[]> {
  return (await ok(`/users/${principalId}/appRoleAssignments`)).value as AppRoleAssignment[];
}

const grantWrites = (writes: readonly PlannedWrite[]) =>
  writes.filter((write) => write.url === ROLE_ASSIGNMENTS || write.url.endsWith('/appRoleAssignedTo'));

function assertNoFailures(report: RestoreReport): void {
  assert.deepEqual(report.failed, [], JSON.stringify(report.failed, null, 2));
}

test('a purged user gets back its roles at their scopes and its app roles, under its new id', async () => {
  assert.ok(backedUpRoles(purged).includes(`${HELPDESK_ADMINISTRATOR} /administrativeUnits/${units[0]}`));
  await ok(`/users/${purged}`, 'DELETE');
  await ok(`/directory/deletedItems/${purged}`, 'DELETE');
  assert.deepEqual(await liveRoles(purged), []);
  // The unit its Helpdesk role was scoped to is gone too: that one cannot come back.
  await ok(`/directory/administrativeUnits/${units[0]}`, 'DELETE');

  const { plan } = await fixture.plan({ ids: [purged] });
  const creation = plan.writes[0]!;
  assert.deepEqual([creation.method, creation.url], ['POST', '/users']);
  const grants = grantWrites(plan.writes);
  const scopedToGone = `${HELPDESK_ADMINISTRATOR} /administrativeUnits/${units[0]}`;
  const roleBodies = grants
    .filter((write) => write.url === ROLE_ASSIGNMENTS)
    .map((write) => write.body as RoleAssignment);
  assert.deepEqual(
    rolesOf(roleBodies),
    backedUpRoles(purged).filter((role) => role !== scopedToGone),
  );
  for (const write of grants) {
    assert.equal((write.body as { principalId: string }).principalId, `{new:${purged}}`);
    assert.ok(write.dependsOn.includes(creation.step));
    assert.match(write.why, /^grant /);
  }
  const appRoleBodies = grants
    .filter((write) => write.url !== ROLE_ASSIGNMENTS)
    .map((write) => {
      const body = write.body as AppRoleAssignment;
      assert.equal(write.url, `/servicePrincipals/${body.resourceId}/appRoleAssignedTo`);
      return body;
    });
  assert.ok(
    backedUpAppRoles(purged).includes(appRoleOf({ resourceId: resource.id, appRoleId: resource.appRoleId })),
  );
  assert.deepEqual(appRoleBodies.map(appRoleOf).sort(), backedUpAppRoles(purged));
  assert.ok(
    plan.skipped.some(
      (entry) =>
        entry.item.id === purged &&
        entry.reason.includes(
          `at scope /administrativeUnits/${units[0]} not granted again: ${units[0]} no longer`,
        ),
    ),
    JSON.stringify(plan.skipped),
  );

  const report = await fixture.execute(plan);
  assertNoFailures(report);
  const newId = report.idMap.find((entry) => entry.old === purged)!.new;
  assert.deepEqual(
    rolesOf(await liveRoles(newId)),
    backedUpRoles(purged).filter((role) => role !== scopedToGone),
  );
  assert.deepEqual((await liveAppRoles(newId)).map(appRoleOf).sort(), backedUpAppRoles(purged));
});

test('a user that still exists gets back the assignments removed since the backup, and only those', async () => {
  const globalReader = (await liveRoles(kept)).find((role) => role.roleDefinitionId === GLOBAL_READER)!;
  await ok(`${ROLE_ASSIGNMENTS}/${globalReader.id}`, 'DELETE');
  const appRole = (await liveAppRoles(kept)).find((assignment) => assignment.resourceId === resource.id)!;
  await ok(`/servicePrincipals/${resource.id}/appRoleAssignedTo/${appRole.id}`, 'DELETE');

  const { plan } = await fixture.plan({ ids: [kept] });
  assert.deepEqual(
    plan.writes.map((write) => [write.url, write.body]),
    [
      [ROLE_ASSIGNMENTS, { principalId: kept, roleDefinitionId: GLOBAL_READER, directoryScopeId: '/' }],
      [
        `/servicePrincipals/${resource.id}/appRoleAssignedTo`,
        { principalId: kept, resourceId: resource.id, appRoleId: resource.appRoleId },
      ],
    ],
  );
  assert.match(plan.writes[0]!.why, /built-in role "Global Reader" .* tenant-wide/);
  // Someone grants the app role again between the plan and its execution.
  await grantAppRole(kept);
  const report = await fixture.execute(plan);
  assertNoFailures(report);
  assert.deepEqual(
    report.skipped.map((entry) => [entry.step, entry.reason]),
    [[2, 'already as in the backup']],
  );
  assert.deepEqual(rolesOf(await liveRoles(kept)), backedUpRoles(kept));
  assert.deepEqual((await liveAppRoles(kept)).map(appRoleOf).sort(), backedUpAppRoles(kept));

  const again = await fixture.plan({ ids: [kept] });
  assert.deepEqual(again.plan.writes, []);
});

test('an older snapshot that kept principal ids only restores, and names the roles to grant again', async () => {
  await ok(`/users/${fromOlderSnapshot}`, 'DELETE');
  await ok(`/directory/deletedItems/${fromOlderSnapshot}`, 'DELETE');
  // The shape earlier versions wrote: assignments as principal ids, no scope, no app role.
  const older = backedUp.map((item): DirectoryItem => {
    const { roleAssignments, appRoleAssignments, appRoleAssignedTo, ...object } = item.object;
    const ids = (entries: unknown, side: 'principalId' | 'resourceId') =>
      ((entries ?? []) as Record<string, string>[]).map((entry) => entry[side] as string);
    const relationships = { ...item.relationships };
    if (roleAssignments) relationships.assignments = ids(roleAssignments, 'principalId');
    if (appRoleAssignedTo) relationships.appRoleAssignedTo = ids(appRoleAssignedTo, 'principalId');
    if (appRoleAssignments) relationships.appRoleAssignments = ids(appRoleAssignments, 'resourceId');
    return { ...item, object: object as GraphObject, relationships };
  });
  const snapshot: SnapshotItems = {
    async *ofType(type) {
      yield* older.filter((item) => item.type === type);
    },
  };
  const user = older.find((item) => item.id === fromOlderSnapshot)!;
  const plan = await planRestore(fixture.client(), [user], snapshot, {
    sourceTenantId: fixture.source.tenantId,
    targetTenantId: fixture.source.tenantId,
    newUsers: 'disabled',
  });
  assert.deepEqual(grantWrites(plan.writes), []);
  assert.ok(
    plan.skipped.some(
      (entry) =>
        entry.item.id === fromOlderSnapshot &&
        entry.reason.startsWith(
          `held built-in role "Global Reader" (${GLOBAL_READER}) in the backup: grant it again;`,
        ) &&
        entry.reason.includes('this snapshot keeps who holds the role, not the scope'),
    ),
    JSON.stringify(plan.skipped),
  );
  const report = await fixture.execute(plan);
  assertNoFailures(report);
});

test('a purged administrative unit is re-created with the roles scoped to it granted again at its new id', async () => {
  const unit = units[1];
  const scope = `/administrativeUnits/${unit}`;
  const scoped = backedUp
    .filter((item) => item.type === 'builtInRoles' || item.type === 'customRoles')
    .flatMap((role) => (role.object.roleAssignments ?? []) as RoleAssignment[])
    .filter((assignment) => assignment.directoryScopeId === scope);
  assert.ok(scoped.some((assignment) => assignment.principalId === kept));
  await ok(`/directory/administrativeUnits/${unit}`, 'DELETE');
  await ok(`/directory/deletedItems/${unit}`, 'DELETE');
  assert.ok(!rolesOf(await liveRoles(kept)).includes(`${HELPDESK_ADMINISTRATOR} ${scope}`));

  const { plan } = await fixture.plan({ ids: [unit] });
  const creation = plan.writes[0]!;
  assert.deepEqual([creation.method, creation.url], ['POST', '/directory/administrativeUnits']);
  const grants = grantWrites(plan.writes).map((write) => write.body as RoleAssignment);
  const asGranted = (assignments: Omit<RoleAssignment, 'id'>[]) =>
    assignments.map((a) => `${a.principalId} ${a.roleDefinitionId} ${a.directoryScopeId}`).sort();
  assert.deepEqual(
    asGranted(grants),
    asGranted(
      scoped.map((assignment) => ({ ...assignment, directoryScopeId: `/administrativeUnits/{new:${unit}}` })),
    ),
  );
  assert.ok(!plan.skipped.some((entry) => entry.reason.includes('scoped role members are not restored')));
  const report = await fixture.execute(plan);
  assertNoFailures(report);
  const newId = report.idMap.find((entry) => entry.old === unit)!.new;
  assert.ok(
    rolesOf(await liveRoles(kept)).includes(`${HELPDESK_ADMINISTRATOR} /administrativeUnits/${newId}`),
  );
});

test('a custom role copied into another tenant comes without its assignments', async () => {
  const role = backedUp.find(
    (item) => item.type === 'customRoles' && ((item.object.roleAssignments ?? []) as unknown[]).length > 0,
  );
  assert.ok(role, 'no custom role with assignments');
  const { plan } = await fixture.plan({ ids: [role.id], tenant: fixture.other });
  assert.deepEqual(
    plan.writes.map((write) => [write.method, write.url]),
    [['POST', '/roleManagement/directory/roleDefinitions']],
  );
  assert.deepEqual(
    plan.skipped.filter((entry) => /grant/.test(entry.reason)),
    [],
  );
});
