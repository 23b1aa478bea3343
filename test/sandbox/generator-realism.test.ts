// The generated directory is consistent (every reference resolves) and full of the
// things that break naive backup code: Unicode and very long names, guests, nested and
// dynamic groups, polymorphic types, expired credentials, all three policy states.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MICROSOFT_GRAPH_APP_ID } from '../../src/sandbox/directory/graph-permissions.js';
import { GLOBAL_ADMINISTRATOR } from '../../src/sandbox/directory/roles.js';
import { DirectoryStore, type DirectoryObject } from '../../src/sandbox/directory/store.js';
import { generateTenant } from '../../src/sandbox/generator/index.js';
import { scopedRoleMembers } from '../../src/sandbox/graph/scoped-role-members.js';
import { Nicknames } from '../../src/sandbox/generator/nicknames.js';
import { Random } from '../../src/sandbox/random.js';
import { Tenant } from '../../src/sandbox/tenant.js';

const NOW = Date.parse('2026-03-01T12:00:00Z');
const DAY = 24 * 3600 * 1000;

function emptyTenant(): Tenant {
  const info = {
    id: '3f0c4c36-5f3b-4c7e-9d35-6a3c1e2b9f10',
    displayName: 'Contoso Ltd',
    defaultDomain: 'contoso.onmicrosoft.com',
    publisher: false,
  };
  return new Tenant(info, new DirectoryStore(() => NOW));
}

const tenant = emptyTenant();
generateTenant(tenant, { users: 3000, random: new Random('realism'), now: NOW });
const { store } = tenant;
const all = (collection: string): DirectoryObject[] => [...store.collection(collection).values()];
const odataTypes = (collection: string) => new Set(all(collection).map((object) => object['@odata.type']));

function assertResolves(ids: Iterable<string>, what: string): void {
  for (const id of ids) assert.ok(store.find(id), `${what}: ${id} does not resolve`);
}

test('ids are unique across the whole directory', () => {
  const seen = new Set<string>();
  const collections = [
    'users',
    'groups',
    'applications',
    'servicePrincipals',
    'devices',
    'administrativeUnits',
    'directoryRoles',
    'conditionalAccessPolicies',
    'namedLocations',
    'deviceConfigurations',
    'deviceCompliancePolicies',
    'signIns',
    'directoryAudits',
    'bitlockerRecoveryKeys',
    'appRoleAssignments',
    'oauth2PermissionGrants',
  ];
  for (const collection of collections) {
    for (const object of all(collection)) {
      assert.ok(!seen.has(object.id), `${collection} ${object.id} is not unique`);
      seen.add(object.id);
    }
  }
});

test('users: unique UPNs, guests with #EXT# names, disabled accounts, manager chains', () => {
  const users = all('users');
  const upns = users.map((user) => String(user.userPrincipalName).toLowerCase());
  assert.equal(new Set(upns).size, upns.length);
  const guests = users.filter((user) => user.userType === 'Guest');
  assert.ok(guests.length > 0);
  for (const guest of guests) {
    assert.match(String(guest.userPrincipalName), /^[^@]+_[^@]+#EXT#@contoso\.onmicrosoft\.com$/);
    assert.ok(['Accepted', 'PendingAcceptance'].includes(String(guest.externalUserState)));
  }
  assert.ok(users.some((user) => user.accountEnabled === false));
  assert.ok(
    users.some(
      (user) => user.onPremisesSyncEnabled === true && typeof user.onPremisesImmutableId === 'string',
    ),
  );
  assert.ok(users.some((user) => Array.isArray(user.assignedLicenses) && user.assignedLicenses.length > 0));
  let deepest = 0;
  for (const user of users) {
    let depth = 0;
    for (let id = user.id; store.linked(id, 'manager').length > 0 && depth < 20; depth++) {
      const [managerId] = store.linked(id, 'manager');
      assertResolves([managerId as string], 'manager');
      id = managerId as string;
    }
    deepest = Math.max(deepest, depth);
  }
  assert.ok(deepest >= 3, 'managers form chains');
});

test('names exercise Unicode, emoji and the 256-character limit', () => {
  const names = all('users').map((user) => String(user.displayName));
  assert.ok(
    names.some((name) => /[\u4e00-\u9fff]/.test(name)),
    'CJK',
  );
  assert.ok(
    names.some((name) => /[\u0600-\u06ff]/.test(name)),
    'Arabic',
  );
  assert.ok(
    names.some((name) => /[À-ž]/.test(name)),
    'accents',
  );
  assert.ok(
    names.some((name) => /\p{Extended_Pictographic}/u.test(name)),
    'emoji',
  );
  assert.ok(
    names.some((name) => name.length > 200),
    'very long',
  );
  assert.ok(names.every((name) => name.length <= 256));
  assert.ok(
    all('users').some((user) => String(user.userPrincipalName).includes("'")),
    'apostrophes in UPNs',
  );
});

test('groups of every kind, with members and owners that resolve', () => {
  const groups = all('groups');
  const types = (group: DirectoryObject) => group.groupTypes as string[];
  assert.ok(groups.some((group) => types(group).includes('Unified') && group.mailEnabled === true));
  assert.ok(
    groups.some(
      (group) => types(group).length === 0 && group.securityEnabled === true && group.mailEnabled === false,
    ),
  );
  assert.ok(
    groups.some((group) => group.mailEnabled === true && group.securityEnabled === false),
    'distribution lists',
  );
  const dynamic = groups.filter((group) => types(group).includes('DynamicMembership'));
  assert.ok(dynamic.length > 0);
  for (const group of dynamic) {
    assert.match(String(group.membershipRule), /^\(user\./);
    assert.equal(group.membershipRuleProcessingState, 'On');
  }
  assert.ok(groups.some((group) => group.isAssignableToRole === true));
  assert.ok(
    groups.some((group) => store.linkCount(group.id, 'members') === 0),
    'empty groups',
  );
  assert.ok(
    groups.some((group) => store.linkCount(group.id, 'members') >= 1000),
    'groups with thousands of members',
  );
  let nested = 0;
  for (const group of groups) {
    const members = store.linked(group.id, 'members');
    assertResolves(members, `member of ${group.displayName}`);
    assertResolves(store.linked(group.id, 'owners'), `owner of ${group.displayName}`);
    if (members.some((id) => store.collectionOf(id) === 'groups')) nested++;
    if (types(group).includes('Unified'))
      assert.ok(store.linkCount(group.id, 'owners') > 0, 'Microsoft 365 groups have owners');
  }
  assert.ok(nested > 0, 'nested groups');
});

test('roles: built-in and custom definitions, activated roles and assignments agree', () => {
  const definitions = all('roleDefinitions');
  assert.ok(
    definitions.some((definition) => definition.id === GLOBAL_ADMINISTRATOR && definition.isBuiltIn === true),
  );
  const custom = definitions.filter((definition) => definition.isBuiltIn === false);
  assert.ok(custom.length >= 6);
  for (const definition of definitions) {
    const [permission] = definition.rolePermissions as { allowedResourceActions: string[] }[];
    assert.ok(permission && permission.allowedResourceActions.length > 0);
  }
  for (const role of all('directoryRoles')) {
    assert.ok(store.collection('roleDefinitions').get(String(role.roleTemplateId))?.isBuiltIn);
    assertResolves(store.linked(role.id, 'members'), `member of ${role.displayName}`);
  }
  const assignments = all('roleAssignments');
  assert.ok(assignments.some((assignment) => assignment.roleDefinitionId === GLOBAL_ADMINISTRATOR));
  assert.ok(
    assignments.some((assignment) =>
      custom.some((definition) => definition.id === assignment.roleDefinitionId),
    ),
  );
  assert.ok(
    assignments.some((assignment) => String(assignment.directoryScopeId).startsWith('/administrativeUnits/')),
  );
  assert.ok(
    assignments.some((assignment) => store.collectionOf(String(assignment.principalId)) === 'groups'),
  );
  for (const assignment of assignments) {
    assertResolves([String(assignment.principalId), String(assignment.roleDefinitionId)], 'role assignment');
  }
});

test('applications: credentials are hints only, service principals and grants resolve', () => {
  const applications = all('applications');
  for (const application of applications) {
    for (const credential of application.passwordCredentials as Record<string, unknown>[]) {
      assert.equal(credential.secretText, null);
      assert.equal(typeof credential.hint, 'string');
    }
    for (const credential of application.keyCredentials as Record<string, unknown>[]) {
      assert.equal(credential.type, 'AsymmetricX509Cert');
      assert.equal(credential.key, null);
    }
    assertResolves(store.linked(application.id, 'owners'), 'application owner');
    assert.ok(
      all('servicePrincipals').some((sp) => sp.appId === application.appId),
      'an enterprise app per registration',
    );
  }
  const expired = applications
    .flatMap((application) => application.passwordCredentials as { endDateTime: string }[])
    .filter((credential) => Date.parse(credential.endDateTime) < NOW);
  assert.ok(expired.length > 0, 'some secrets have expired');
  assert.ok(
    applications.some(
      (application) => (application.web as { redirectUris: string[] }).redirectUris.length > 0,
    ),
  );
  assert.equal(all('servicePrincipals').filter((sp) => sp.appId === MICROSOFT_GRAPH_APP_ID).length, 1);
  const principalTypes = new Set<unknown>();
  for (const assignment of all('appRoleAssignments')) {
    principalTypes.add(assignment.principalType);
    assertResolves([String(assignment.principalId), String(assignment.resourceId)], 'app role assignment');
    const resource = store.find(String(assignment.resourceId)) as DirectoryObject;
    const roles = (resource.appRoles as { id: string }[]).map((role) => role.id);
    assert.ok(
      roles.includes(String(assignment.appRoleId)) ||
        assignment.appRoleId === '00000000-0000-0000-0000-000000000000',
    );
  }
  assert.deepEqual([...principalTypes].sort(), ['Group', 'ServicePrincipal', 'User']);
  for (const grant of all('oauth2PermissionGrants')) {
    assertResolves([String(grant.clientId), String(grant.resourceId)], 'OAuth2 grant');
    if (grant.consentType === 'Principal') assertResolves([String(grant.principalId)], 'grant principal');
  }
});

test('the Microsoft Graph service principal is reused when it already exists', () => {
  const other = emptyTenant();
  other.store.seed('servicePrincipals', {
    id: 'existing-graph-sp',
    appId: MICROSOFT_GRAPH_APP_ID,
    appRoles: [],
  });
  generateTenant(other, { users: 100, random: new Random('graph-sp'), now: NOW });
  const graph = [...other.store.collection('servicePrincipals').values()].filter(
    (sp) => sp.appId === MICROSOFT_GRAPH_APP_ID,
  );
  assert.deepEqual(
    graph.map((sp) => sp.id),
    ['existing-graph-sp'],
  );
});

test('Conditional Access: all three states, references resolve, typed named locations', () => {
  const policies = all('conditionalAccessPolicies');
  assert.deepEqual(
    new Set(policies.map((policy) => policy.state)),
    new Set(['enabled', 'disabled', 'enabledForReportingButNotEnforced']),
  );
  assert.deepEqual(
    odataTypes('namedLocations'),
    new Set(['#microsoft.graph.ipNamedLocation', '#microsoft.graph.countryNamedLocation']),
  );
  const keywords = new Set(['All', 'AllTrusted', 'None', 'GuestsOrExternalUsers']);
  for (const policy of policies) {
    const conditions = policy.conditions as {
      users: Record<string, string[]>;
      locations: Record<string, string[]> | null;
    };
    const ids = (list: string[] | undefined) => (list ?? []).filter((id) => !keywords.has(id));
    assertResolves(
      [...ids(conditions.users.includeUsers), ...ids(conditions.users.excludeUsers)],
      'policy user',
    );
    assertResolves(
      [...ids(conditions.users.includeGroups), ...ids(conditions.users.excludeGroups)],
      'policy group',
    );
    for (const roleId of conditions.users.includeRoles ?? [])
      assert.ok(store.collection('roleDefinitions').has(roleId));
    assertResolves(
      [...ids(conditions.locations?.includeLocations), ...ids(conditions.locations?.excludeLocations)],
      'policy location',
    );
  }
});

test('devices: every Windows device has a BitLocker key with its deviceId', () => {
  const devices = all('devices');
  assert.deepEqual(
    new Set(devices.map((device) => device.operatingSystem)),
    new Set(['Windows', 'MacMDM', 'macOS', 'iOS', 'Android']),
  );
  const keysByDevice = new Map<string, DirectoryObject[]>();
  for (const key of all('bitlockerRecoveryKeys')) {
    assert.match(String(key.key), /^(\d{6}-){7}\d{6}$/);
    keysByDevice.set(String(key.deviceId), [...(keysByDevice.get(String(key.deviceId)) ?? []), key]);
  }
  for (const device of devices) {
    assert.notEqual(device.deviceId, device.id);
    assertResolves(
      [...store.linked(device.id, 'registeredOwners'), ...store.linked(device.id, 'registeredUsers')],
      'device owner',
    );
    const keys = keysByDevice.get(String(device.deviceId)) ?? [];
    if (device.operatingSystem === 'Windows')
      assert.ok(keys.some((key) => key.volumeType === 'operatingSystemVolume'));
    else assert.equal(keys.length, 0);
  }
});

test('Intune: several @odata.types with assignments that resolve', () => {
  assert.ok(odataTypes('deviceConfigurations').size >= 5);
  assert.deepEqual(
    odataTypes('deviceCompliancePolicies'),
    new Set([
      '#microsoft.graph.windows10CompliancePolicy',
      '#microsoft.graph.iosCompliancePolicy',
      '#microsoft.graph.macOSCompliancePolicy',
      '#microsoft.graph.androidCompliancePolicy',
    ]),
  );
  for (const policy of [...all('deviceConfigurations'), ...all('deviceCompliancePolicies')]) {
    for (const assignment of policy.assignments as {
      target: { '@odata.type': string; groupId?: string };
    }[]) {
      assert.match(assignment.target['@odata.type'], /^#microsoft\.graph\.\w+AssignmentTarget$/);
      if (assignment.target.groupId) assertResolves([assignment.target.groupId], 'assignment group');
    }
  }
  for (const policy of all('deviceCompliancePolicies')) {
    const [rule] = policy.scheduledActionsForRule as {
      scheduledActionConfigurations: { actionType: string }[];
    }[];
    assert.equal(rule?.scheduledActionConfigurations[0]?.actionType, 'block');
  }
});

test('administrative units: members and scoped role members resolve', () => {
  const units = all('administrativeUnits');
  assert.ok(
    units.some((unit) => unit.membershipType === 'Dynamic' && typeof unit.membershipRule === 'string'),
  );
  let scoped = 0;
  for (const unit of units) {
    assertResolves(store.linked(unit.id, 'members'), 'unit member');
    for (const member of scopedRoleMembers(store, unit.id)) {
      assert.equal(store.collectionOf(member.roleId), 'directoryRoles');
      assert.equal(member.administrativeUnitId, unit.id);
      assertResolves([member.roleMemberInfo.id], 'scoped role member');
      scoped++;
    }
  }
  assert.ok(scoped > 0, 'some units have administrators of their own');
});

test('logs span the last 30 days and mention real users', () => {
  for (const signIn of all('signIns')) {
    const at = Date.parse(String(signIn.createdDateTime));
    assert.ok(at <= NOW && at >= NOW - 30 * DAY);
    assert.ok(store.find(String(signIn.userId)));
  }
  const audits = all('directoryAudits');
  assert.ok(audits.length > 0);
  for (const audit of audits) {
    assert.ok(Date.parse(String(audit.activityDateTime)) >= NOW - 30 * DAY);
    assert.ok((audit.targetResources as unknown[]).length > 0);
  }
  const organization = all('organization')[0];
  assert.equal(organization?.id, tenant.id);
});

test('nicknames are numbered past every taken one, whatever the case', () => {
  const nicknames = new Nicknames(new Set(['jane.doe']));
  assert.equal(nicknames.claim('jane.doe'), 'jane.doe2');
  assert.equal(nicknames.claim('jane.doe'), 'jane.doe3');
  assert.equal(nicknames.claim('Jane.Doe'), 'Jane.Doe4');
  assert.equal(
    nicknames.claim('ann_x.com#EXT#', (suffix) => `ann${suffix}_x.com#EXT#`),
    'ann_x.com#EXT#',
  );
  assert.equal(
    nicknames.claim('ann_x.com#EXT#', (suffix) => `ann${suffix}_x.com#EXT#`),
    'ann2_x.com#EXT#',
  );
});
