// The writes a restore relies on, validated as Graph validates them, and the 30-day
// recycle bin that gives deleted objects back with their id and memberships.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestSandbox, type TestSandbox } from '../support/sandbox.js';

let sandbox: TestSandbox;
let token: string;

before(async () => {
  sandbox = await startTestSandbox({ users: 120, seed: 'writes' });
  token = await sandbox.appToken();
});
after(() => sandbox.close());

const call = (method: string, path: string, body?: unknown) =>
  sandbox.graphRequest(path, { method, body, token });

async function createUser(nickname: string) {
  const created = await call('POST', '/users', {
    accountEnabled: true,
    displayName: `Restore ${nickname}`,
    mailNickname: nickname,
    userPrincipalName: `${nickname}@${sandbox.tenant.domain}`,
    passwordProfile: { password: 'Temp-Passw0rd!', forceChangePasswordNextSignIn: true },
  });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  return created.body as { id: string; userPrincipalName: string; displayName: string };
}

describe('users and groups', () => {
  test('POST validates the UPN domain and uniqueness and never echoes the password', async () => {
    const user = await createUser('restore.one');
    assert.equal(user.userPrincipalName, `restore.one@${sandbox.tenant.domain}`);
    assert.equal(
      (user as { passwordProfile?: { password: unknown } }).passwordProfile?.password ?? null,
      null,
    );
    const duplicate = await call('POST', '/users', {
      accountEnabled: true,
      displayName: 'Again',
      mailNickname: 'restore.one',
      userPrincipalName: `restore.one@${sandbox.tenant.domain}`,
      passwordProfile: { password: 'Temp-Passw0rd!' },
    });
    assert.equal(duplicate.status, 400);
    const foreign = await call('POST', '/users', {
      accountEnabled: true,
      displayName: 'Foreign',
      mailNickname: 'foreign',
      userPrincipalName: 'foreign@example.com',
      passwordProfile: { password: 'Temp-Passw0rd!' },
    });
    assert.equal(foreign.status, 400);
    const missing = await call('POST', '/users', { displayName: 'No UPN' });
    assert.equal(missing.status, 400);
  });

  test('PATCH is 204 and read-only properties are refused', async () => {
    const user = await createUser('restore.two');
    const patched = await call('PATCH', `/users/${user.id}`, {
      jobTitle: 'Archivist',
      department: 'Records',
    });
    assert.equal(patched.status, 204);
    const read = await call('GET', `/users/${user.id}?$select=jobTitle,department`);
    assert.deepEqual(read.body.jobTitle, 'Archivist');
    const readOnly = await call('PATCH', `/users/${user.id}`, { createdDateTime: '2020-01-01T00:00:00Z' });
    assert.equal(readOnly.status, 400);
  });

  test('members $ref: add, duplicate refused, list, remove', async () => {
    const group = await call('POST', '/groups', {
      displayName: 'Restore drill',
      mailEnabled: false,
      mailNickname: 'restore-drill',
      securityEnabled: true,
    });
    assert.equal(group.status, 201);
    const user = await createUser('restore.three');
    const reference = { '@odata.id': `https://graph.microsoft.com/v1.0/directoryObjects/${user.id}` };
    assert.equal((await call('POST', `/groups/${group.body.id}/members/$ref`, reference)).status, 204);
    assert.equal((await call('POST', `/groups/${group.body.id}/members/$ref`, reference)).status, 400);
    const members = await call('GET', `/groups/${group.body.id}/members`);
    assert.deepEqual(
      members.body.value.map((member: { id: string }) => member.id),
      [user.id],
    );
    assert.equal(members.body.value[0]['@odata.type'], '#microsoft.graph.user');
    const memberOf = await call('GET', `/users/${user.id}/memberOf`);
    assert.ok(memberOf.body.value.some((entry: { id: string }) => entry.id === group.body.id));
    assert.equal((await call('DELETE', `/groups/${group.body.id}/members/${user.id}/$ref`)).status, 204);
    assert.equal((await call('GET', `/groups/${group.body.id}/members`)).body.value.length, 0);
  });

  test('a deleted user waits in deletedItems and comes back with its id and memberships', async () => {
    const group = await call('POST', '/groups', {
      displayName: 'Recycle bin drill',
      mailEnabled: false,
      mailNickname: 'recycle-drill',
      securityEnabled: true,
    });
    const user = await createUser('restore.four');
    await call('POST', `/groups/${group.body.id}/members/$ref`, {
      '@odata.id': `${sandbox.graph}/directoryObjects/${user.id}`,
    });
    assert.equal((await call('DELETE', `/users/${user.id}`)).status, 204);
    assert.equal((await call('GET', `/users/${user.id}`)).status, 404);
    assert.equal((await call('GET', `/groups/${group.body.id}/members`)).body.value.length, 0);
    const deleted = await call('GET', '/directory/deletedItems/microsoft.graph.user');
    const entry = deleted.body.value.find((item: { id: string }) => item.id === user.id);
    assert.ok(entry?.deletedDateTime);
    const restored = await call('POST', `/directory/deletedItems/${user.id}/restore`);
    assert.equal(restored.status, 200);
    assert.equal(restored.body.id, user.id);
    assert.equal((await call('GET', `/users/${user.id}`)).status, 200);
    const members = await call('GET', `/groups/${group.body.id}/members`);
    assert.deepEqual(
      members.body.value.map((member: { id: string }) => member.id),
      [user.id],
    );
  });

  test('a user purged from deletedItems takes its role and app role assignments with it', async () => {
    const user = await createUser('restore.purged');
    const [role] = (await call('GET', '/roleManagement/directory/roleDefinitions?$filter=isBuiltIn eq true'))
      .body.value as { id: string }[];
    const resource = (
      (await call('GET', '/servicePrincipals?$select=id,appRoles')).body.value as {
        id: string;
        appRoles: { id: string }[];
      }[]
    ).find((principal) => principal.appRoles.length > 0);
    assert.ok(role && resource);
    const granted = await Promise.all([
      call('POST', '/roleManagement/directory/roleAssignments', {
        principalId: user.id,
        roleDefinitionId: role.id,
        directoryScopeId: '/',
      }),
      call('POST', `/servicePrincipals/${resource.id}/appRoleAssignedTo`, {
        principalId: user.id,
        resourceId: resource.id,
        appRoleId: resource.appRoles[0]!.id,
      }),
    ]);
    assert.deepEqual(
      granted.map((answer) => answer.status),
      [201, 201],
    );
    const assignments = async () => {
      const roles = await call(
        'GET',
        `/roleManagement/directory/roleAssignments?$filter=roleDefinitionId eq '${role.id}'`,
      );
      const appRoles = await call('GET', `/servicePrincipals/${resource.id}/appRoleAssignedTo`);
      return [...roles.body.value, ...appRoles.body.value].filter(
        (assignment: { principalId: string }) => assignment.principalId === user.id,
      ).length;
    };
    assert.equal((await call('DELETE', `/users/${user.id}`)).status, 204);
    assert.equal(await assignments(), 2, 'kept while the user can be restored');
    assert.equal((await call('DELETE', `/directory/deletedItems/${user.id}`)).status, 204);
    assert.equal(await assignments(), 0);
  });

  test('role assignments take a scope, refuse duplicates, unknown scopes and groups that cannot hold roles', async () => {
    const user = await createUser('restore.scoped');
    const [unit] = (await call('GET', '/directory/administrativeUnits?$select=id')).body.value as {
      id: string;
    }[];
    assert.ok(unit);
    const helpdesk = '729827e3-9c14-49f7-bb1b-9608f156bbb8';
    const assign = (principalId: string, directoryScopeId: string) =>
      call('POST', '/roleManagement/directory/roleAssignments', {
        principalId,
        roleDefinitionId: helpdesk,
        directoryScopeId,
      });
    const scoped = await assign(user.id, `/administrativeUnits/${unit.id}`);
    assert.equal(scoped.status, 201, JSON.stringify(scoped.body));
    assert.equal(scoped.body.directoryScopeId, `/administrativeUnits/${unit.id}`);
    // The unit's scopedRoleMembers are a view of the assignments at its scope.
    const unitAdministrators = async () =>
      (await call('GET', `/directory/administrativeUnits/${unit.id}/scopedRoleMembers`)).body.value as {
        roleId: string;
        roleMemberInfo: { id: string; displayName: string };
      }[];
    const member = (await unitAdministrators()).find((entry) => entry.roleMemberInfo.id === user.id);
    assert.ok(member, 'the scoped assignment lists the user among the unit administrators');
    assert.equal(member.roleMemberInfo.displayName, user.displayName);
    const role = await call('GET', `/directoryRoles/${member.roleId}?$select=roleTemplateId`);
    assert.equal(role.body.roleTemplateId, helpdesk);
    assert.equal(
      (await call('DELETE', `/roleManagement/directory/roleAssignments/${scoped.body.id}`)).status,
      204,
    );
    assert.ok(!(await unitAdministrators()).some((entry) => entry.roleMemberInfo.id === user.id));
    assert.equal((await assign(user.id, '/')).status, 201);
    const listed = await call(
      'GET',
      `/roleManagement/directory/roleAssignments?$filter=principalId eq '${user.id}'&$select=roleDefinitionId,directoryScopeId`,
    );
    assert.deepEqual(
      listed.body.value.map((entry: { directoryScopeId: string }) => entry.directoryScopeId),
      ['/'],
    );
    const again = await assign(user.id, '/');
    assert.equal(again.status, 400);
    assert.match(again.body.error.message, /conflicting object/);
    assert.equal(
      (await assign(user.id, '/administrativeUnits/00000000-0000-0000-0000-00000000beef')).status,
      404,
    );
    assert.equal((await assign(user.id, 'everywhere')).status, 400);
    const group = await call('POST', '/groups', {
      displayName: 'Not for roles',
      mailEnabled: false,
      mailNickname: 'not-for-roles',
      securityEnabled: true,
    });
    assert.equal((await assign(group.body.id, '/')).status, 400);
  });

  test('app role assignments need an app role of the resource, once, and list with $select', async () => {
    const user = await createUser('restore.approle');
    const resource = (
      (await call('GET', '/servicePrincipals?$select=id,appRoles')).body.value as {
        id: string;
        appRoles: { id: string }[];
      }[]
    ).find((principal) => principal.appRoles.length > 0)!;
    const assign = (appRoleId: string) =>
      call('POST', `/servicePrincipals/${resource.id}/appRoleAssignedTo`, {
        principalId: user.id,
        resourceId: resource.id,
        appRoleId,
      });
    assert.equal((await assign(resource.appRoles[0]!.id)).status, 201);
    const again = await assign(resource.appRoles[0]!.id);
    assert.equal(again.status, 400);
    assert.match(again.body.error.message, /already exists/);
    assert.equal((await assign('11111111-2222-3333-4444-555555555555')).status, 400);
    // Every app can be assigned with the default access role.
    assert.equal((await assign('00000000-0000-0000-0000-000000000000')).status, 201);
    const listed = await call(
      'GET',
      `/servicePrincipals/${resource.id}/appRoleAssignedTo?$select=principalId,appRoleId&$filter=principalId eq '${user.id}'`,
    );
    assert.deepEqual(
      listed.body.value.map((entry: Record<string, unknown>) => Object.keys(entry).sort().join(',')).sort(),
      ['appRoleId,principalId', 'appRoleId,principalId'],
    );
  });

  test('after 30 days a deleted user is gone for good', async () => {
    const user = await createUser('restore.five');
    await call('DELETE', `/users/${user.id}`);
    await sandbox.admin('/clock', 'POST', { advanceMs: 31 * 24 * 3600 * 1000 });
    token = await sandbox.appToken(); // the old token expired a month ago on the sandbox's clock
    assert.equal((await call('GET', `/directory/deletedItems/${user.id}`)).status, 404);
    assert.equal((await call('POST', `/directory/deletedItems/${user.id}/restore`)).status, 404);
  });
});

describe('policies', () => {
  test('Conditional Access policies are created with a valid state only', async () => {
    const bad = await call('POST', '/identity/conditionalAccess/policies', {
      displayName: 'Block legacy auth',
      state: 'sometimes',
      conditions: {},
    });
    assert.equal(bad.status, 400);
    const good = await call('POST', '/identity/conditionalAccess/policies', {
      displayName: 'Block legacy auth',
      state: 'enabledForReportingButNotEnforced',
      conditions: {
        clientAppTypes: ['exchangeActiveSync', 'other'],
        users: { includeUsers: ['All'] },
        applications: { includeApplications: ['All'] },
      },
      grantControls: { operator: 'OR', builtInControls: ['block'] },
    });
    assert.equal(good.status, 201);
    assert.ok(good.body.createdDateTime);
    await new Promise((resolve) => setTimeout(resolve, 1100)); // Conditional Access allows one request a second.
  });

  test('compliance policies need scheduledActionsForRule and can be assigned', async () => {
    const body = {
      '@odata.type': '#microsoft.graph.windows10CompliancePolicy',
      displayName: 'Encrypt disks',
      bitLockerEnabled: true,
    };
    assert.equal((await call('POST', '/deviceManagement/deviceCompliancePolicies', body)).status, 400);
    const created = await call('POST', '/deviceManagement/deviceCompliancePolicies', {
      ...body,
      scheduledActionsForRule: [
        {
          ruleName: 'PasswordRequired',
          scheduledActionConfigurations: [{ actionType: 'block', gracePeriodHours: 0 }],
        },
      ],
    });
    assert.equal(created.status, 201);
    const groups = await call('GET', '/groups?$top=1&$select=id');
    const assigned = await call(
      'POST',
      `/deviceManagement/deviceCompliancePolicies/${created.body.id}/assign`,
      {
        assignments: [
          {
            target: {
              '@odata.type': '#microsoft.graph.groupAssignmentTarget',
              groupId: groups.body.value[0].id,
            },
          },
        ],
      },
    );
    assert.equal(assigned.status, 200);
    const assignments = await call(
      'GET',
      `/deviceManagement/deviceCompliancePolicies/${created.body.id}/assignments`,
    );
    assert.equal(assignments.body.value[0].target.groupId, groups.body.value[0].id);
  });

  test('every write leaves an audit entry', async () => {
    const user = await createUser('restore.six');
    const audits = await call(
      'GET',
      `/auditLogs/directoryAudits?$filter=${encodeURIComponent("activityDisplayName eq 'Add user'")}`,
    );
    assert.ok(
      audits.body.value.some(
        (audit: { targetResources: { id: string }[] }) => audit.targetResources[0]?.id === user.id,
      ),
    );
  });
});

describe('applications and service principals', () => {
  test("a service principal is created for an application's appId, which it never changes", async () => {
    const application = await call('POST', '/applications', { displayName: 'Restore app' });
    assert.equal(application.status, 201, JSON.stringify(application.body));
    const appId = application.body.appId as string;

    const principal = await call('POST', '/servicePrincipals', { appId });
    assert.equal(principal.status, 201, JSON.stringify(principal.body));
    assert.equal(principal.body.appId, appId);
    assert.equal(principal.body.appDisplayName, 'Restore app');

    const second = await call('POST', '/servicePrincipals', { appId });
    assert.equal(second.status, 400);
    const unknown = await call('POST', '/servicePrincipals', {
      appId: '00000000-0000-0000-0000-00000000abcd',
    });
    assert.equal(unknown.status, 400);
    const changed = await call('PATCH', `/servicePrincipals/${principal.body.id as string}`, { appId });
    assert.equal(changed.status, 400);
    assert.match(changed.body.error.message, /read-only/);
  });
});
