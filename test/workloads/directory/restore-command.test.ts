// `tenantvault directory restore` as people and scripts run it: a dry run lists every
// write and changes nothing (the run that follows sends exactly those writes), read-only
// types are refused (exit 2), a write Graph refuses leaves a partial report (exit 3), and
// a re-created user's temporary password is printed once and works.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { DirectoryItem } from '../../../src/workloads/directory/item.js';
import type { RestorePlan, RestoreReport } from '../../../src/workloads/directory/restore/index.js';
import type { CliResult } from '../../support/cli.js';
import {
  assignedGroup,
  cloudUser,
  memberIds,
  startRestoreFixture,
  type RestoreFixture,
} from './restore-support.js';

let fixture: RestoreFixture;
let backedUp: DirectoryItem[];

before(async () => {
  fixture = await startRestoreFixture('restore-command');
  backedUp = await fixture.backup();
});
after(() => fixture.close());

function json<T>(result: CliResult, code: number): T {
  assert.equal(result.code, code, `exit ${result.code}\n${result.stderr}\n${result.stdout}`);
  return JSON.parse(result.stdout) as T;
}

async function purge(path: string, id: string): Promise<void> {
  assert.equal((await fixture.graph(`${path}/${id}`, { method: 'DELETE' })).status, 204);
  assert.equal((await fixture.graph(`/directory/deletedItems/${id}`, { method: 'DELETE' })).status, 204);
}

/** Entries of the tenant's audit log since `since`: every Graph write leaves one. */
async function auditedWrites(since: string): Promise<number> {
  const answer = await fixture.graph(
    `/auditLogs/directoryAudits?$filter=activityDateTime ge ${since}&$top=1000`,
  );
  assert.equal(answer.status, 200, JSON.stringify(answer.body));
  return (answer.body.value as unknown[]).length;
}

test('a dry run lists every write and writes nothing; the run then sends exactly those writes', async () => {
  const user = cloudUser(backedUp, 0);
  const group = assignedGroup(backedUp, 0);
  const policy = backedUp.find((item) => item.type === 'conditionalAccessPolicies') as DirectoryItem;
  assert.equal(
    (await fixture.graph(`/users/${user.id}`, { method: 'PATCH', body: { jobTitle: 'Dry run' } })).status,
    204,
  );
  await purge('/groups', group.id);
  assert.equal(
    (await fixture.graph(`/identity/conditionalAccess/policies/${policy.id}`, { method: 'DELETE' })).status,
    204,
  );
  const { now: since } = (await fixture.sandbox.admin('/clock', 'POST', { advanceMs: 0 })).body as {
    now: string;
  };
  const auditedBefore = await auditedWrites(since);
  const ids = ['--id', user.id, group.id, policy.id];

  const dryRun = json<{ dryRun: boolean; plan: RestorePlan }>(
    await fixture.restore([...ids, '--dry-run', '--json']),
    0,
  );
  assert.equal(dryRun.dryRun, true);
  const requests = dryRun.plan.writes.map((write) => `${write.method} ${write.url}`);
  const links = group.relationships.members!.length + group.relationships.owners!.length;
  // Policies outside the restore that named the re-created group are pointed at its new id.
  const repointed = requests.filter(
    (request) =>
      /^PATCH \/identity\/conditionalAccess\/policies\/[0-9a-f-]{36}$/.test(request) ||
      /^POST \/deviceManagement\/(deviceConfigurations|deviceCompliancePolicies)\/[0-9a-f-]{36}\/assign$/.test(
        request,
      ),
  );
  assert.ok(!repointed.some((request) => request.includes(policy.id)));
  // The purged group goes back into the units that held it, and gets back the roles and app roles it held.
  const units = backedUp.filter(
    (item) => item.type === 'administrativeUnits' && item.relationships.members?.includes(group.id),
  ).length;
  const grants = backedUp
    .flatMap((item) => [
      ...((item.object.roleAssignments ?? []) as { principalId: string }[]),
      ...((item.object.appRoleAssignedTo ?? []) as { principalId: string }[]),
    ])
    .filter((assignment) => assignment.principalId === group.id).length;
  assert.equal(requests.length - repointed.length, 1 + 1 + links + units + grants + 1);
  assert.ok(requests.includes(`PATCH /users/${user.id}`));
  assert.ok(requests.includes('POST /groups'));
  assert.ok(requests.includes('POST /identity/conditionalAccess/policies'));
  assert.equal(
    requests.filter((request) => request.startsWith(`POST /groups/{new:${group.id}}/`)).length,
    links,
  );

  assert.equal(await auditedWrites(since), auditedBefore);
  assert.equal((await fixture.graph(`/users/${user.id}?$select=jobTitle`)).body.jobTitle, 'Dry run');
  assert.equal((await fixture.graph(`/groups/${group.id}`)).status, 404);
  assert.equal((await fixture.graph(`/identity/conditionalAccess/policies/${policy.id}`)).status, 404);

  const run = json<{ report: RestoreReport }>(await fixture.restore([...ids, '--json']), 0);
  const newGroupId = run.report.idMap.find((entry) => entry.old === group.id)!.new;
  assert.deepEqual(
    run.report.written.map((entry) => entry.request).sort(),
    requests.map((request) => request.replace(`{new:${group.id}}`, newGroupId)).sort(),
  );
  assert.equal(await auditedWrites(since), auditedBefore + requests.length);
  assert.deepEqual(await memberIds(fixture, newGroupId), [...group.relationships.members!].sort());
});

test('read-only types are refused with a usage error', async () => {
  const result = await fixture.restore(['--at', 'latest', '--type', 'bitlockerKeys', '--type', 'signInLogs']);
  assert.equal(result.code, 2, result.stderr);
  assert.match(result.stderr, /BitLocker keys are read-only/);
  assert.match(result.stderr, /Sign-in logs are read-only/);
});

test('a write Graph refuses fails alone: partial report, exit 3; a re-created user gets a working temporary password', async () => {
  const [taken, returning] = [cloudUser(backedUp, 1), cloudUser(backedUp, 2)];
  await purge('/users', taken.id);
  await purge('/users', returning.id);
  // Someone else now holds the first user's sign-in name.
  const squatter = await fixture.graph('/users', {
    method: 'POST',
    body: {
      accountEnabled: true,
      displayName: 'Newcomer',
      mailNickname: 'newcomer',
      userPrincipalName: taken.object.userPrincipalName,
      passwordProfile: { password: 'Newcomer-Passw0rd!' },
    },
  });
  assert.equal(squatter.status, 201);

  const result = await fixture.restore([
    '--id',
    taken.id,
    returning.id,
    '--new-users',
    'temporary-password',
    '--json',
  ]);
  const { report } = json<{ report: RestoreReport }>(result, 3);
  assert.match(result.stderr, /writes failed/);
  assert.equal(report.failed.length, 1);
  assert.equal(report.failed[0]!.item.id, taken.id);
  assert.equal(report.failed[0]!.status, 400);
  assert.match(report.failed[0]!.message, /same value for property userPrincipalName/);
  // Its manager link depended on the failed creation: not sent.
  assert.ok(
    report.skipped.some((entry) => entry.item.id === taken.id && /did not succeed/.test(entry.reason)),
  );

  assert.equal(report.temporaryPasswords.length, 1);
  const [{ userPrincipalName, password }] = report.temporaryPasswords as [
    { userPrincipalName: string; password: string },
  ];
  assert.equal(userPrincipalName, returning.object.userPrincipalName);
  const newId = report.idMap.find((entry) => entry.old === returning.id)!.new;
  const created = await fixture.graph(`/users/${newId}?$select=accountEnabled,passwordProfile`);
  assert.equal(created.body.accountEnabled, true);
  assert.equal(created.body.passwordProfile.forceChangePasswordNextSignIn, true);
  const tenant = fixture.sandbox.running.sandbox.tenants.get(fixture.source.tenantId)!;
  assert.equal(tenant.checkUserPassword(newId, password), true);
  assert.ok(!result.stderr.includes(password));
});
