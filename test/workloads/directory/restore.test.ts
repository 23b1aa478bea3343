// Restore of directory objects against the sandbox over HTTPS, from a real repository and
// SQLite catalog: changed properties patched, deleted objects restored from the recycle
// bin or re-created through the id map, Conditional Access policies re-created, patched
// and copied into another tenant, re-created users' sign-in. The command's own behaviour
// (dry run, refusals, exit codes, passwords shown once) is in restore-command.test.ts.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { DirectoryItem, GraphObject } from '../../../src/workloads/directory/item.js';
import { RestoreRefusedError, type RestoreReport } from '../../../src/workloads/directory/restore/index.js';
import {
  assignedGroup,
  cloudUser,
  memberIds,
  policyWithNamedLocation,
  startRestoreFixture,
  type RestoreFixture,
} from './restore-support.js';

let fixture: RestoreFixture;
let backedUp: DirectoryItem[];

before(async () => {
  fixture = await startRestoreFixture('restore');
  backedUp = await fixture.backup();
});
after(() => fixture.close());

function newIdOf(report: RestoreReport, oldId: string): string {
  const entry = report.idMap.find((mapped) => mapped.old === oldId && mapped.property === 'id');
  assert.ok(entry, `no new id for ${oldId} in ${JSON.stringify(report.idMap)}`);
  return entry.new;
}

function assertNoFailures(report: RestoreReport): void {
  assert.deepEqual(report.failed, [], JSON.stringify(report.failed, null, 2));
}

describe('Conditional Access', () => {
  test('a deleted policy is re-created and a changed one patched back', async () => {
    const policies = backedUp.filter((item) => item.type === 'conditionalAccessPolicies');
    const deleted = policies[0];
    // One the edit below changes in both properties.
    const changed = policies.slice(1).find((policy) => policy.object.state !== 'disabled');
    assert.ok(deleted && changed);
    assert.equal(
      (await fixture.graph(`/identity/conditionalAccess/policies/${deleted.id}`, { method: 'DELETE' }))
        .status,
      204,
    );
    const edit = await fixture.graph(`/identity/conditionalAccess/policies/${changed.id}`, {
      method: 'PATCH',
      body: { state: 'disabled', displayName: 'Temporarily off' },
    });
    assert.equal(edit.status, 204);

    const { plan } = await fixture.plan({ ids: [deleted.id, changed.id] });
    assert.deepEqual(
      plan.writes.map((write) => [write.method, write.url]),
      [
        ['POST', '/identity/conditionalAccess/policies'],
        ['PATCH', `/identity/conditionalAccess/policies/${changed.id}`],
      ],
    );
    assert.deepEqual(Object.keys(plan.writes[1]!.body as object).sort(), ['displayName', 'state']);
    const report = await fixture.execute(plan);
    assertNoFailures(report);

    const recreated = await fixture.graph(
      `/identity/conditionalAccess/policies/${newIdOf(report, deleted.id)}`,
    );
    assert.equal(recreated.status, 200);
    assert.equal(recreated.body.displayName, deleted.object.displayName);
    assert.equal(recreated.body.state, deleted.object.state);
    assert.deepEqual(recreated.body.conditions, deleted.object.conditions);
    assert.deepEqual(recreated.body.grantControls, deleted.object.grantControls);
    const patched = await fixture.graph(`/identity/conditionalAccess/policies/${changed.id}`);
    assert.equal(patched.body.state, changed.object.state);
    assert.equal(patched.body.displayName, changed.object.displayName);
  });

  test('a policy copied into another tenant brings its named location and never comes back enforced', async () => {
    const policy = policyWithNamedLocation(backedUp);
    const locationId = (policy.object.conditions as { locations: { includeLocations: string[] } }).locations
      .includeLocations[0] as string;
    const location = backedUp.find((item) => item.id === locationId) as DirectoryItem;

    const sourceBefore = await fixture.graph(`/identity/conditionalAccess/policies/${policy.id}`);
    const { plan } = await fixture.plan({ ids: [policy.id], tenant: fixture.other });
    assert.equal(plan.targetTenantId, fixture.other.tenantId);
    assert.deepEqual(
      plan.writes.map((write) => [write.method, write.url]),
      [
        ['POST', '/identity/conditionalAccess/namedLocations'],
        ['POST', '/identity/conditionalAccess/policies'],
      ],
    );
    assert.deepEqual(plan.writes[1]!.dependsOn, [1]);
    const report = await fixture.execute(plan, fixture.other);
    assertNoFailures(report);

    const copy = await fixture.graph(`/identity/conditionalAccess/policies/${newIdOf(report, policy.id)}`, {
      tenant: fixture.other,
    });
    assert.equal(copy.status, 200);
    assert.equal(copy.body.displayName, policy.object.displayName);
    const newLocationId = newIdOf(report, locationId);
    assert.deepEqual(copy.body.conditions.locations.includeLocations, [newLocationId]);
    // The source tenant's break-glass accounts are not in the other tenant: left out, so report-only.
    assert.deepEqual(copy.body.conditions.users.excludeUsers, []);
    assert.notEqual(copy.body.state, 'enabled');
    assert.ok(
      plan.skipped.some((decision) => decision.item.id === policy.id && /left out/.test(decision.reason)),
    );
    const copiedLocation = await fixture.graph(
      `/identity/conditionalAccess/namedLocations/${newLocationId}`,
      {
        tenant: fixture.other,
      },
    );
    assert.equal(copiedLocation.body.displayName, location.object.displayName);
    assert.deepEqual(copiedLocation.body.countriesAndRegions, location.object.countriesAndRegions);
    // Nothing was written to the tenant the snapshot came from.
    const sourceAfter = await fixture.graph(`/identity/conditionalAccess/policies/${policy.id}`);
    const summary = (answer: typeof sourceBefore) => [
      answer.status,
      answer.body.state,
      answer.body.modifiedDateTime,
    ];
    assert.deepEqual(summary(sourceAfter), summary(sourceBefore));
  });

  test('tenant-bound types are refused for another tenant', async () => {
    const user = cloudUser(backedUp, 5);
    await assert.rejects(fixture.plan({ ids: [user.id], tenant: fixture.other }), (error: Error) => {
      assert.ok(error instanceof RestoreRefusedError);
      assert.match(error.message, /Users belong to their tenant/);
      return true;
    });
  });
});

describe('users', () => {
  test('a changed user gets back only the changed properties', async () => {
    const user = cloudUser(backedUp, 0);
    const changed = await fixture.graph(`/users/${user.id}`, {
      method: 'PATCH',
      body: {
        jobTitle: 'Chief Restore Tester',
        department: 'Drills',
        officeLocation: user.object.officeLocation,
      },
    });
    assert.equal(changed.status, 204);

    const { plan } = await fixture.plan({ ids: [user.id] });
    assert.deepEqual(
      plan.writes.map((write) => [write.method, write.url, write.body]),
      [
        [
          'PATCH',
          `/users/${user.id}`,
          { department: user.object.department, jobTitle: user.object.jobTitle },
        ],
      ],
    );
    assertNoFailures(await fixture.execute(plan));
    const now = await fixture.graph(`/users/${user.id}?$select=jobTitle,department`);
    assert.equal(now.body.jobTitle, user.object.jobTitle);
    assert.equal(now.body.department, user.object.department);

    const again = await fixture.plan({ ids: [user.id] });
    assert.deepEqual(again.plan.writes, []);
    assert.deepEqual(
      again.plan.skipped.map((decision) => decision.reason),
      ['already as in the backup'],
    );
  });

  test('licences that differ are named in the plan, not written', async () => {
    const user = cloudUser(backedUp, 3);
    const licences = [{ skuId: '6fd2c87f-b296-42f0-b197-1e91e994b900', disabledPlans: [] }];
    assert.notDeepEqual(user.object.assignedLicenses, licences);
    const changed = await fixture.graph(`/users/${user.id}`, {
      method: 'PATCH',
      body: { assignedLicenses: licences },
    });
    assert.equal(changed.status, 204);

    const { plan } = await fixture.plan({ ids: [user.id] });
    assert.deepEqual(plan.writes, []);
    assert.deepEqual(
      plan.skipped.map((decision) => decision.reason),
      [
        'assignedLicenses differ from the backup and stay: licences are assigned through assignLicense, which a restore does not call',
      ],
    );
  });

  test('a purged user is re-created disabled, with its manager and its groups', async () => {
    const user = cloudUser(backedUp, 1);
    assert.equal((await fixture.graph(`/users/${user.id}`, { method: 'DELETE' })).status, 204);
    assert.equal(
      (await fixture.graph(`/directory/deletedItems/${user.id}`, { method: 'DELETE' })).status,
      204,
    );

    const { plan } = await fixture.plan({ ids: [user.id], newUsers: 'disabled' });
    const creation = plan.writes[0]!;
    assert.equal(creation.method, 'POST');
    assert.equal(
      (creation.body as { passwordProfile: { password: string } }).passwordProfile.password,
      '{temporary-password}',
    );
    const report = await fixture.execute(plan);
    assertNoFailures(report);
    assert.deepEqual(report.temporaryPasswords, []);

    const newId = newIdOf(report, user.id);
    const created = await fixture.graph(
      `/users/${newId}?$select=userPrincipalName,accountEnabled,jobTitle,passwordProfile`,
    );
    assert.equal(created.body.userPrincipalName, user.object.userPrincipalName);
    assert.equal(created.body.accountEnabled, false);
    assert.equal(created.body.jobTitle, user.object.jobTitle);
    assert.equal(created.body.passwordProfile.forceChangePasswordNextSignIn, true);
    const manager = await fixture.graph(`/users/${newId}/manager?$select=id`);
    assert.equal(manager.body.id, user.relationships.manager![0]);
    const groups = backedUp.filter(
      (item) =>
        item.type === 'groups' &&
        !(item.object.groupTypes as string[]).includes('DynamicMembership') &&
        item.relationships.members?.includes(user.id),
    );
    assert.ok(groups.length > 0);
    for (const group of groups) {
      if (group.object.onPremisesSyncEnabled === true) {
        // Entra takes the members of a synchronised group from on-premises Active Directory.
        assert.ok(
          plan.skipped.some(
            (entry) =>
              entry.item.id === user.id && entry.reason.includes(`of group ${group.id}, whose members`),
          ),
          group.id,
        );
      } else assert.ok((await memberIds(fixture, group.id)).includes(newId), group.id);
    }
  });
});

describe('managers', () => {
  /** Users other tests change, and those each test here takes: every test works on users of its own. */
  const taken = new Set<string>();
  before(() => {
    for (const index of [0, 1, 3, 5, 6]) taken.add(cloudUser(backedUp, index).id);
  });

  /** A backed-up cloud member user with direct reports, and those of them that are cloud users no other test touches. */
  function managerWithReports(minimum: number) {
    const users = backedUp.filter((item) => item.type === 'users');
    const spare = (user: DirectoryItem) =>
      user.object.userType === 'Member' && user.object.onPremisesSyncEnabled !== true && !taken.has(user.id);
    for (const manager of users.filter(spare)) {
      const reports = users.filter((user) => user.relationships.manager?.includes(manager.id));
      const spared = reports.filter(spare);
      if (spared.length < minimum) continue;
      for (const user of [manager, ...reports]) taken.add(user.id);
      return { manager, reports, spare: spared };
    }
    throw new Error(`the snapshot has no manager of ${minimum} reports to spare`);
  }

  async function purge(userId: string): Promise<void> {
    assert.equal((await fixture.graph(`/users/${userId}`, { method: 'DELETE' })).status, 204);
    assert.equal(
      (await fixture.graph(`/directory/deletedItems/${userId}`, { method: 'DELETE' })).status,
      204,
    );
  }

  const managerOf = async (userId: string) =>
    (await fixture.graph(`/users/${userId}/manager?$select=id`)).body.id as string | undefined;

  test('a purged manager is set back as manager of its reports, but not of one given another manager since', async () => {
    const { manager, reports, spare } = managerWithReports(2);
    const [report, reassigned] = spare as [DirectoryItem, DirectoryItem];
    const other = cloudUser(backedUp, 6);
    await purge(manager.id);
    assert.equal(await managerOf(report.id), undefined);
    const reassign = await fixture.graph(`/users/${reassigned.id}/manager/$ref`, {
      method: 'PUT',
      body: { '@odata.id': `${fixture.source.graph}/directoryObjects/${other.id}` },
    });
    assert.equal(reassign.status, 204);

    const { plan } = await fixture.plan({ ids: [manager.id] });
    const setBack = plan.writes.filter(
      (write) => write.method === 'PUT' && write.url !== `/users/{new:${manager.id}}/manager/$ref`,
    );
    const reportIds = new Set(reports.map((user) => user.id));
    for (const write of setBack) {
      assert.match(write.url, /^\/users\/([^/]+)\/manager\/\$ref$/);
      assert.ok(reportIds.has(write.url.split('/')[2] as string), write.url);
      assert.deepEqual(write.body, {
        '@odata.id': `${fixture.source.graph}/directoryObjects/{new:${manager.id}}`,
      });
    }
    const urls = setBack.map((write) => write.url);
    assert.ok(urls.includes(`/users/${report.id}/manager/$ref`), JSON.stringify(urls));
    assert.ok(!urls.includes(`/users/${reassigned.id}/manager/$ref`));
    assert.ok(
      plan.skipped.some(
        (entry) =>
          entry.item.id === manager.id &&
          entry.reason ===
            `was manager of user ${reassigned.id}, which has ${other.id} as manager now: left alone`,
      ),
      JSON.stringify(plan.skipped),
    );
    const report_ = await fixture.execute(plan);
    assertNoFailures(report_);
    const newId = newIdOf(report_, manager.id);
    assert.equal(await managerOf(report.id), newId);
    assert.equal(await managerOf(reassigned.id), other.id);
  });

  test('a purged manager and report restored together are linked again through their new ids', async () => {
    const { manager, spare } = managerWithReports(1);
    const [report] = spare as [DirectoryItem];
    await purge(report.id);
    await purge(manager.id);

    const { plan } = await fixture.plan({ ids: [manager.id, report.id] });
    const link = plan.writes.find((write) => write.url === `/users/{new:${report.id}}/manager/$ref`);
    assert.deepEqual(link?.body, {
      '@odata.id': `${fixture.source.graph}/directoryObjects/{new:${manager.id}}`,
    });
    const executed = await fixture.execute(plan);
    assertNoFailures(executed);
    assert.equal(await managerOf(newIdOf(executed, report.id)), newIdOf(executed, manager.id));
  });
});

describe('groups', () => {
  test('a deleted group still in the recycle bin comes back with its id and members', async () => {
    const group = assignedGroup(backedUp, 0);
    assert.equal((await fixture.graph(`/groups/${group.id}`, { method: 'DELETE' })).status, 204);

    const { plan } = await fixture.plan({ ids: [group.id] });
    assert.deepEqual(plan.writes[0]!.url, `/directory/deletedItems/${group.id}/restore`);
    const report = await fixture.execute(plan);
    assertNoFailures(report);
    assert.deepEqual(report.idMap, []);
    assert.equal((await fixture.graph(`/groups/${group.id}`)).status, 200);
    assert.deepEqual(await memberIds(fixture, group.id), [...group.relationships.members!].sort());
  });

  test('a purged group is re-created with a new id and its members and owners linked to it', async () => {
    const group = assignedGroup(backedUp, 1);
    assert.equal((await fixture.graph(`/groups/${group.id}`, { method: 'DELETE' })).status, 204);
    assert.equal(
      (await fixture.graph(`/directory/deletedItems/${group.id}`, { method: 'DELETE' })).status,
      204,
    );

    const { plan } = await fixture.plan({ ids: [group.id] });
    // Its own members and owners; links elsewhere (its memberships) are planned too.
    const links = plan.writes.filter((write) => write.url.startsWith(`/groups/{new:${group.id}}/`));
    assert.equal(links.length, group.relationships.members!.length + group.relationships.owners!.length);
    for (const link of links) assert.match(link.url, /\/(members|owners)\/\$ref$/);
    const report = await fixture.execute(plan);
    assertNoFailures(report);

    const newId = newIdOf(report, group.id);
    assert.notEqual(newId, group.id);
    const created = await fixture.graph(`/groups/${newId}?$select=displayName,mailNickname,securityEnabled`);
    assert.equal(created.body.displayName, group.object.displayName);
    assert.equal(created.body.mailNickname, group.object.mailNickname);
    assert.deepEqual(await memberIds(fixture, newId), [...group.relationships.members!].sort());
    const owners = await fixture.graph(`/groups/${newId}/owners?$select=id`);
    assert.deepEqual(
      (owners.body.value as GraphObject[]).map((owner) => owner.id).sort(),
      [...group.relationships.owners!].sort(),
    );
  });

  test('the policies and Intune profiles that named a purged group name its re-created one', async () => {
    const pathOf = (item: DirectoryItem) =>
      item.type === 'conditionalAccessPolicies'
        ? `/identity/conditionalAccess/policies/${item.id}`
        : `/deviceManagement/${item.type}/${item.id}?$expand=assignments`;
    const naming = (groupId: string) =>
      backedUp.filter(
        (item) =>
          ['conditionalAccessPolicies', 'deviceConfigurations', 'deviceCompliancePolicies'].includes(
            item.type,
          ) && JSON.stringify([item.object.conditions, item.object.assignments]).includes(groupId),
      );
    // Groups the other tests purge, or that the profiles the Intune tests restore name, stay out.
    const taken = JSON.stringify([
      [0, 1, 2].map((index) => assignedGroup(backedUp, index).id),
      ['deviceConfigurations', 'deviceCompliancePolicies'].map(
        (type) =>
          backedUp.find((item) => item.type === type && (item.object.assignments as unknown[]).length > 0)
            ?.object.assignments,
      ),
    ]);
    const group = backedUp.find(
      (item) =>
        item.type === 'groups' &&
        !taken.includes(item.id) &&
        !(item.object.groupTypes as string[]).includes('DynamicMembership') &&
        new Set(naming(item.id).map((policy) => policy.type)).size >= 2,
    );
    assert.ok(group, 'a group named by a Conditional Access policy and an Intune profile');
    const holders: DirectoryItem[] = [];
    for (const policy of naming(group.id)) {
      const live = await fixture.graph(pathOf(policy));
      if (live.status === 200 && JSON.stringify(live.body).includes(group.id)) holders.push(policy);
    }
    assert.equal((await fixture.graph(`/groups/${group.id}`, { method: 'DELETE' })).status, 204);
    assert.equal(
      (await fixture.graph(`/directory/deletedItems/${group.id}`, { method: 'DELETE' })).status,
      204,
    );

    const { plan } = await fixture.plan({ ids: [group.id] });
    const pointing = plan.writes.filter((write) => write.item.id !== group.id);
    assert.deepEqual(
      pointing.map((write) => write.item.id).sort(),
      holders.map((holder) => holder.id).sort(),
    );
    for (const write of pointing) {
      assert.match(write.why, new RegExp(`names ${group.id}, re-created with a new id`));
      assert.ok(JSON.stringify(write.body).includes(`{new:${group.id}}`));
    }
    const report = await fixture.execute(plan);
    assertNoFailures(report);
    const newId = newIdOf(report, group.id);
    for (const holder of holders) {
      const live = JSON.stringify((await fixture.graph(pathOf(holder))).body);
      assert.ok(live.includes(newId) && !live.includes(group.id), `${holder.type} ${holder.id}`);
    }
  });

  test('members added since the backup are removed, members removed are added back', async () => {
    const group = assignedGroup(backedUp, 2);
    const [removed] = group.relationships.members!;
    const stranger = backedUp.find(
      (item) =>
        item.type === 'users' &&
        !group.relationships.members!.includes(item.id) &&
        item.object.userType === 'Member',
    ) as DirectoryItem;
    const reference = (id: string) => ({ '@odata.id': `${fixture.source.graph}/directoryObjects/${id}` });
    assert.equal(
      (await fixture.graph(`/groups/${group.id}/members/${removed}/$ref`, { method: 'DELETE' })).status,
      204,
    );
    const added = await fixture.graph(`/groups/${group.id}/members/$ref`, {
      method: 'POST',
      body: reference(stranger.id),
    });
    assert.equal(added.status, 204);

    const { plan } = await fixture.plan({ ids: [group.id] });
    assert.deepEqual(
      plan.writes.map((write) => [write.method, write.url]),
      [
        ['POST', `/groups/${group.id}/members/$ref`],
        ['DELETE', `/groups/${group.id}/members/${stranger.id}/$ref`],
      ],
    );
    assertNoFailures(await fixture.execute(plan));
    assert.deepEqual(await memberIds(fixture, group.id), [...group.relationships.members!].sort());
  });
});

describe('Intune', () => {
  const policiesPath = '/deviceManagement/deviceCompliancePolicies';
  const configurationsPath = '/deviceManagement/deviceConfigurations';
  const targetsOf = (assignments: { target: unknown }[]) =>
    assignments.map((assignment) => JSON.stringify(assignment.target)).sort();

  test('a deleted compliance policy is re-created with its scheduled actions, then assigned', async () => {
    const policy = backedUp.find(
      (item) => item.type === 'deviceCompliancePolicies' && (item.object.assignments as unknown[]).length > 0,
    ) as DirectoryItem;
    assert.equal((await fixture.graph(`${policiesPath}/${policy.id}`, { method: 'DELETE' })).status, 204);

    const { plan } = await fixture.plan({ ids: [policy.id] });
    assert.deepEqual(
      plan.writes.map((write) => [write.method, write.url]),
      [
        ['POST', policiesPath],
        ['POST', `${policiesPath}/{new:${policy.id}}/assign`],
      ],
    );
    const creation = plan.writes[0]!.body as Record<string, unknown>;
    assert.equal(creation['@odata.type'], policy.object['@odata.type']);
    assert.equal(creation.assignments, undefined);
    assert.ok(Array.isArray(creation.scheduledActionsForRule));
    const report = await fixture.execute(plan);
    assertNoFailures(report);

    const newId = newIdOf(report, policy.id);
    const created = await fixture.graph(
      `${policiesPath}/${newId}?$expand=assignments,scheduledActionsForRule`,
    );
    assert.equal(created.body.displayName, policy.object.displayName);
    assert.deepEqual(
      targetsOf(created.body.assignments),
      targetsOf(policy.object.assignments as { target: unknown }[]),
    );
    assert.deepEqual(
      created.body.scheduledActionsForRule.map((rule: { ruleName: string }) => rule.ruleName),
      (policy.object.scheduledActionsForRule as { ruleName: string }[]).map((rule) => rule.ruleName),
    );
  });

  test('a device configuration whose assignments changed is assigned again, nothing else written', async () => {
    const configuration = backedUp.find(
      (item) => item.type === 'deviceConfigurations' && (item.object.assignments as unknown[]).length > 0,
    ) as DirectoryItem;
    const cleared = await fixture.graph(`${configurationsPath}/${configuration.id}/assign`, {
      method: 'POST',
      body: { assignments: [] },
    });
    assert.equal(cleared.status, 200);

    const { plan } = await fixture.plan({ ids: [configuration.id] });
    assert.deepEqual(
      plan.writes.map((write) => [write.method, write.url]),
      [['POST', `${configurationsPath}/${configuration.id}/assign`]],
    );
    assertNoFailures(await fixture.execute(plan));
    const assigned = await fixture.graph(`${configurationsPath}/${configuration.id}/assignments`);
    assert.deepEqual(
      targetsOf(assigned.body.value),
      targetsOf(configuration.object.assignments as { target: unknown }[]),
    );
  });
});

describe('applications and roles', () => {
  test('a purged app registration is re-created with a new application id that its identifier URIs follow', async () => {
    const application = backedUp.find(
      (item) =>
        item.type === 'applications' &&
        (item.object.identifierUris as string[]).includes(`api://${String(item.object.appId)}`) &&
        (item.relationships.owners ?? []).length > 0,
    ) as DirectoryItem;
    assert.ok(application, 'no app registration that exposes an API and has owners');
    await fixture.graph(`/applications/${application.id}`, { method: 'DELETE' });
    assert.equal(
      (await fixture.graph(`/directory/deletedItems/${application.id}`, { method: 'DELETE' })).status,
      204,
    );

    const { plan } = await fixture.plan({ ids: [application.id] });
    const creation = plan.writes[0]!;
    assert.deepEqual([creation.method, creation.url], ['POST', '/applications']);
    const body = creation.body as Record<string, unknown>;
    assert.equal(body.appId, undefined);
    assert.equal(body.identifierUris, undefined);
    assert.equal(body.passwordCredentials, undefined);
    const report = await fixture.execute(plan);
    assertNoFailures(report);

    const newId = newIdOf(report, application.id);
    const newAppId = report.idMap.find((entry) => entry.property === 'appId')?.new;
    assert.ok(newAppId && newAppId !== application.object.appId);
    const created = await fixture.graph(`/applications/${newId}?$select=appId,identifierUris,displayName`);
    assert.equal(created.body.appId, newAppId);
    assert.deepEqual(created.body.identifierUris, [`api://${newAppId}`]);
    assert.equal(created.body.displayName, application.object.displayName);
    const owners = await fixture.graph(`/applications/${newId}/owners?$select=id`);
    assert.deepEqual(
      (owners.body.value as GraphObject[]).map((owner) => owner.id).sort(),
      [...application.relationships.owners!].sort(),
    );
  });

  test('a deleted custom role is re-created with its permissions and its assignments granted again at their scopes', async () => {
    const assignmentsOf = (item: DirectoryItem) =>
      (item.object.roleAssignments ?? []) as { principalId: string; directoryScopeId: string }[];
    const role = backedUp.find(
      (item) => item.type === 'customRoles' && assignmentsOf(item).length > 0,
    ) as DirectoryItem;
    assert.ok(role, 'no custom role with assignments');
    const path = `/roleManagement/directory/roleDefinitions/${role.id}`;
    assert.equal((await fixture.graph(path, { method: 'DELETE' })).status, 204);

    const { plan } = await fixture.plan({ ids: [role.id] });
    const grants = assignmentsOf(role);
    assert.deepEqual(
      plan.writes.map((write) => [write.method, write.url]),
      [
        ['POST', '/roleManagement/directory/roleDefinitions'],
        ...grants.map(() => ['POST', '/roleManagement/directory/roleAssignments']),
      ],
    );
    for (const write of plan.writes.slice(1)) {
      assert.equal((write.body as { roleDefinitionId: string }).roleDefinitionId, `{new:${role.id}}`);
      assert.deepEqual(write.dependsOn, [1]);
    }
    const report = await fixture.execute(plan);
    assertNoFailures(report);
    const newId = newIdOf(report, role.id);
    const created = await fixture.graph(`/roleManagement/directory/roleDefinitions/${newId}`);
    assert.equal(created.body.displayName, role.object.displayName);
    assert.equal(created.body.isBuiltIn, false);
    assert.deepEqual(created.body.rolePermissions, role.object.rolePermissions);
    const granted = await fixture.graph(
      `/roleManagement/directory/roleAssignments?$filter=roleDefinitionId eq '${newId}'`,
    );
    const scoped = (entries: { principalId: string; directoryScopeId: string }[]) =>
      entries.map(({ principalId, directoryScopeId }) => `${principalId} ${directoryScopeId}`).sort();
    assert.deepEqual(scoped(granted.body.value), scoped(grants));
  });
});
