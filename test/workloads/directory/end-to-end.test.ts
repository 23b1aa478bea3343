// Entra ID protection end to end, as an admin runs it from the command line against a
// sandbox tenant: a repository made with `repo init` and the default SQLite catalog; a
// first backup of all 14 types; random admin activity, after which the next backup and
// its diff hold exactly what the sandbox changed, attribute by attribute; a user, a group
// with members (purged from the recycle bin), an app registration and a Conditional
// Access policy deleted, their deletion backed up, then restored (same id from the
// recycle bin, re-created and re-linked otherwise) until the tenant matches the snapshot
// but for the new ids; and a full backup under throttling and faults that loses nothing.
//
// The truth is the sandbox's own directory store, read in this process: each backup is
// expected to hold what the store held when it began, except what the documented delta
// contract leaves for later (relationship changes delta does not report).
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { Catalog, defaultCatalogUrl } from '../../../src/catalog/index.js';
import { FsBackend, Repository } from '../../../src/repository/index.js';
import type { DirectoryStore } from '../../../src/sandbox/directory/store.js';
import type { ActivitySummary } from '../../../src/sandbox/generator/activity.js';
import { scopedRoleMembers } from '../../../src/sandbox/graph/scoped-role-members.js';
import {
  BACKUP_TOGGLES,
  canonicalJson,
  DIRECTORY_TYPES,
  DIRECTORY_WORKLOAD,
  LOG_TYPES,
  parseItemPath,
  type DirectoryType,
} from '../../../src/workloads/directory/item.js';
import type { RestoreReport } from '../../../src/workloads/directory/restore/index.js';
import type { DirectorySnapshotSummary } from '../../../src/workloads/directory/snapshot-meta.js';
import {
  OBJECT_TYPE_DESCRIPTORS,
  type LogType,
  type ObjectType,
} from '../../../src/workloads/directory/types/index.js';
import { tempDir } from '../../catalog/support.js';
import { PASSWORD } from '../../repository/support.js';
import { runCli } from '../../support/cli.js';
import { startTestSandbox } from '../../support/sandbox.js';

/** The live tenant as the newer side of a diff. */
const LIVE = 'live';

/** The commands this test runs, as people type them, in one place. */
const COMMANDS = {
  initRepository: () => ['repo', 'init'],
  backup: () => ['backup', 'entra'],
  diff: (from: string, to: string) => [
    ...['entra', 'diff', '--from', from],
    ...(to === LIVE ? ['--live'] : ['--to', to]),
  ],
  restore: (snapshot: string, ids: string[]) => ['entra', 'restore', '--at', snapshot, '--id', ...ids],
};

const DAY_MS = 24 * 3600 * 1000;

interface BackupReport {
  seq: number;
  snapshotId: string;
  status: string;
  summary: DirectorySnapshotSummary;
}

/** One line of `diff --json`. */
interface DiffLine {
  change: 'added' | 'removed' | 'changed';
  type: DirectoryType;
  id: string;
  displayName: string | null;
  properties?: { property: string; old?: unknown; new?: unknown }[];
  relationships?: { relationship: string; added: string[]; removed: string[] }[];
  entries?: { before: number; after: number };
}

interface Diff {
  lines: DiffLine[];
  summary: { added: number; removed: number; changed: number; entriesAdded: number };
}

// ---------------------------------------------------------------------------------------
// The sandbox's truth: its directory store, as the items a backup keeps.

/** An object as the sandbox holds it, with the relationships the backup keeps for its type. */
interface TruthObject {
  type: ObjectType;
  id: string;
  object: Record<string, unknown>;
  relationships: Record<string, string[]>;
}

/** Objects by "type id". */
type Objects = ReadonlyMap<string, TruthObject>;

interface TenantTruth {
  objects: Objects;
  logEntries: Record<LogType, number>;
}

/** The item type of each sandbox collection the backup reads (role definitions go by isBuiltIn). */
const ITEM_TYPES: Readonly<Record<string, ObjectType>> = {
  users: 'users',
  groups: 'groups',
  applications: 'applications',
  servicePrincipals: 'servicePrincipals',
  conditionalAccessPolicies: 'conditionalAccessPolicies',
  namedLocations: 'namedLocations',
  devices: 'devices',
  deviceConfigurations: 'deviceConfigurations',
  deviceCompliancePolicies: 'deviceCompliancePolicies',
  administrativeUnits: 'administrativeUnits',
  bitlockerRecoveryKeys: 'bitlockerKeys',
};

const keyOf = (type: DirectoryType, id: string) => `${type} ${id}`;

/** What Entra sets itself on the objects a restore creates or writes: no restore can keep the backed-up values. */
const STAMPED: Partial<Record<ObjectType, readonly string[]>> = {
  groups: [
    'createdDateTime',
    'proxyAddresses',
    'renewedDateTime',
    'securityIdentifier',
    'serviceProvisioningErrors',
  ],
  conditionalAccessPolicies: ['createdDateTime', 'modifiedDateTime'],
  deviceConfigurations: ['lastModifiedDateTime'],
  deviceCompliancePolicies: ['lastModifiedDateTime'],
};

function truthOf(store: DirectoryStore): TenantTruth {
  const state = store.snapshot();
  const related = new Map<string, Map<string, Set<string>>>();
  const relate = (sourceId: unknown, relationship: string, targetId: unknown) => {
    const byName = related.get(String(sourceId)) ?? new Map<string, Set<string>>();
    related.set(String(sourceId), byName);
    byName.set(relationship, (byName.get(relationship) ?? new Set()).add(String(targetId)));
  };
  for (const [key, targets] of Object.entries(state.links)) {
    const slash = key.indexOf('/');
    for (const target of targets) relate(key.slice(0, slash), key.slice(slash + 1), target);
  }
  // Role and app role assignments, as the backup keeps them whole inside their role definition and service principals.
  const assignments = new Map<string, Record<string, Record<string, unknown>[]>>();
  const assign = (objectId: unknown, name: string, entry: Record<string, unknown>) => {
    const byName = assignments.get(String(objectId)) ?? {};
    assignments.set(String(objectId), byName);
    (byName[name] ??= []).push(entry);
  };
  for (const assignment of state.collections.roleAssignments ?? []) {
    const { id, principalId, roleDefinitionId, directoryScopeId } = assignment;
    const appScopeId = assignment.appScopeId ?? null;
    assign(roleDefinitionId, 'roleAssignments', {
      id,
      principalId,
      roleDefinitionId,
      directoryScopeId,
      appScopeId,
    });
  }
  for (const assignment of state.collections.appRoleAssignments ?? []) {
    const { id, appRoleId, principalId, principalType, resourceId } = assignment;
    const entry = { id, appRoleId, principalId, principalType, resourceId };
    assign(resourceId, 'appRoleAssignedTo', entry);
    assign(principalId, 'appRoleAssignments', entry);
  }
  const objects = new Map<string, TruthObject>();
  for (const [collection, members] of Object.entries(state.collections)) {
    for (const object of members) {
      const type =
        collection === 'roleDefinitions'
          ? object.isBuiltIn === true
            ? 'builtInRoles'
            : 'customRoles'
          : ITEM_TYPES[collection];
      if (!type) continue;
      // Relationships kept as target ids; the others are kept whole, inside the object.
      const relationships: Record<string, string[]> = {};
      const whole: Record<string, unknown> = {};
      for (const { name, keepWhole } of OBJECT_TYPE_DESCRIPTORS[type].relationships) {
        if (!keepWhole) {
          relationships[name] = [...(related.get(object.id)?.get(name) ?? [])].sort();
          continue;
        }
        const entries: unknown =
          type === 'administrativeUnits' && name === 'scopedRoleMembers'
            ? scopedRoleMembers(store, object.id)
            : name in object
              ? object[name]
              : (assignments.get(object.id)?.[name] ?? []);
        // In the backup's order: by id, code unit by code unit (ids are mixed-case base64).
        whole[name] = [...(entries as { id: unknown }[])].sort((a, b) =>
          String(a.id) < String(b.id) ? -1 : 1,
        );
      }
      objects.set(keyOf(type, object.id), {
        type,
        id: object.id,
        object: { ...object, ...whole },
        relationships,
      });
    }
  }
  return {
    objects,
    logEntries: {
      signInLogs: state.collections.signIns?.length ?? 0,
      auditLogs: state.collections.directoryAudits?.length ?? 0,
    },
  };
}

const sameValue = (a: unknown, b: unknown) => canonicalJson(a ?? null) === canonicalJson(b ?? null);

function changedProperties(before: TruthObject, after: TruthObject): string[] {
  const names = new Set([...Object.keys(before.object), ...Object.keys(after.object)]);
  return [...names].filter((name) => !sameValue(before.object[name], after.object[name])).sort();
}

function changedRelationships(before: TruthObject, after: TruthObject): string[] {
  return Object.keys(after.relationships)
    .filter((name) => !sameValue(before.relationships[name], after.relationships[name]))
    .sort();
}

/** Relationships kept whole in the object whose changes the type's delta does not report (app role assignments). */
function untrackedWhole(type: ObjectType): string[] {
  const { relationships, delta } = OBJECT_TYPE_DESCRIPTORS[type];
  return relationships
    .filter(({ name, keepWhole }) => keepWhole && !(delta?.tracked ?? []).includes(name))
    .map(({ name }) => name);
}

/** Assignments kept whole, without their own ids: a restore grants the same, Entra numbers them anew. */
const ASSIGNMENT_LISTS = new Set(['roleAssignments', 'appRoleAssignments', 'appRoleAssignedTo']);
const grantsOf = (entries: unknown) =>
  ((entries as Record<string, unknown>[] | undefined) ?? [])
    .map(({ id: _id, ...grant }) => canonicalJson(grant))
    .sort();

/**
 * What a backup that began at `truth` holds: every object as it was then, except objects
 * of types read through delta whose change delta does not report (docs/directory-backup.md:
 * delta reports property changes and the relationships its type tracks, members and
 * manager; owners, registered owners and app role assignments change without it), which
 * keep what the previous backup held until a full listing.
 */
function heldBy(
  truth: TenantTruth,
  modes: DirectorySnapshotSummary['types'],
  previous?: { truth: TenantTruth; held: Objects },
): Objects {
  const held = new Map<string, TruthObject>();
  for (const [key, now] of truth.objects) {
    const was = previous?.truth.objects.get(key);
    const kept = previous?.held.get(key);
    const tracked = OBJECT_TYPE_DESCRIPTORS[now.type].delta?.tracked ?? [];
    const untracked = untrackedWhole(now.type);
    const unreported =
      modes[now.type]?.mode === 'delta' &&
      was !== undefined &&
      changedProperties(was, now).every((name) => untracked.includes(name)) &&
      !changedRelationships(was, now).some((name) => tracked.includes(name));
    held.set(key, unreported && kept ? kept : now);
  }
  return held;
}

interface Difference {
  change: DiffLine['change'];
  properties: string[];
  relationships: string[];
}

/** How two sets of objects differ, by "type id". */
function differences(from: Objects, to: Objects): Map<string, Difference> {
  const found = new Map<string, Difference>();
  const none = { properties: [], relationships: [] };
  for (const key of from.keys()) if (!to.has(key)) found.set(key, { change: 'removed', ...none });
  for (const [key, now] of to) {
    const was = from.get(key);
    if (!was) {
      found.set(key, { change: 'added', ...none });
      continue;
    }
    const difference = {
      change: 'changed' as const,
      properties: changedProperties(was, now),
      relationships: changedRelationships(was, now),
    };
    if (difference.properties.length + difference.relationships.length > 0) found.set(key, difference);
  }
  return found;
}

/** The diff's object lines are exactly the differences from `from` to `to`, old and new values included. */
function assertDiffShows(diff: Diff, from: Objects, to: Objects): void {
  const lines = diff.lines.filter((line) => !LOG_TYPES.has(line.type));
  const expected = differences(from, to);
  assert.deepEqual(
    lines.map((line) => `${line.change} ${keyOf(line.type, line.id)}`).sort(),
    [...expected].map(([key, { change }]) => `${change} ${key}`).sort(),
  );
  for (const line of lines) {
    const key = keyOf(line.type, line.id);
    const was = from.get(key);
    const now = to.get(key);
    if (!was || !now) continue;
    const properties = line.properties ?? [];
    assert.deepEqual(properties.map((change) => change.property).sort(), expected.get(key)?.properties, key);
    for (const change of properties) {
      assert.ok(sameValue(change.old, was.object[change.property]), `${key} ${change.property}: old value`);
      assert.ok(sameValue(change.new, now.object[change.property]), `${key} ${change.property}: new value`);
    }
    const relationships = line.relationships ?? [];
    assert.deepEqual(
      relationships.map((change) => change.relationship).sort(),
      expected.get(key)?.relationships,
    );
    for (const { relationship, added, removed } of relationships) {
      const old: string[] = was.relationships[relationship] ?? [];
      const current: string[] = now.relationships[relationship] ?? [];
      assert.deepEqual(
        [[...added].sort(), [...removed].sort()],
        [current.filter((id) => !old.includes(id)), old.filter((id) => !current.includes(id))],
        `${key} ${relationship}`,
      );
    }
  }
}

/** The objects with every old id replaced by the new one Entra gave its re-created object. */
function withNewIds(objects: Objects, idMap: ReadonlyMap<string, string>): Objects {
  let text = JSON.stringify([...objects.values()]);
  for (const [old, current] of idMap) text = text.replaceAll(old, current);
  const renamed = JSON.parse(text) as TruthObject[];
  for (const object of renamed) for (const targets of Object.values(object.relationships)) targets.sort();
  return new Map(renamed.map((object) => [keyOf(object.type, object.id), object]));
}

// ---------------------------------------------------------------------------------------

function parseDiff(stdout: string): Diff {
  const parsed = stdout
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as DiffLine & { summary?: Diff['summary'] });
  const summary = parsed.pop()?.summary;
  assert.ok(summary, 'diff ends with its summary');
  return { lines: parsed, summary };
}

function entriesAdded(diff: Diff, type: LogType): number {
  return diff.lines
    .filter((line) => line.type === type && line.entries)
    .reduce((sum, line) => sum + line.entries!.after - line.entries!.before, 0);
}

/** A value as the text diff shows it. */
const shown = (value: unknown) => (value === undefined ? '(absent)' : JSON.stringify(value));
const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The role definition is held by the principal, at any scope. */
const holds = (role: TruthObject, principalId: string) =>
  (role.object.roleAssignments as { principalId: string }[]).some(
    (entry) => entry.principalId === principalId,
  );

/**
 * What the test deletes: a user with a manager, reports and groups; a role-assignable group
 * with members that holds a role; an app registration with owners; a policy that names the
 * group and no object the tenant has lost (a restore leaves such references out).
 */
function pickDoomed(objects: Objects, backupAppId: string) {
  const all = [...objects.values()];
  const ids = new Set(all.map((object) => object.id));
  const ofType = (type: ObjectType) => all.filter((candidate) => candidate.type === type);
  const cloud = (candidate: TruthObject) => candidate.object.onPremisesSyncEnabled !== true;
  const assigned = ofType('groups').filter(
    (group) => cloud(group) && !(group.object.groupTypes as string[]).includes('DynamicMembership'),
  );
  const policyNaming = (group: TruthObject) =>
    ofType('conditionalAccessPolicies').find((policy) => {
      const users = JSON.stringify((policy.object.conditions as { users?: unknown }).users);
      const named: string[] =
        users.match(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g) ?? [];
      return named.includes(group.id) && named.every((id) => ids.has(id));
    });
  const user = ofType('users').find(
    (candidate) =>
      candidate.object.userType === 'Member' &&
      cloud(candidate) &&
      candidate.relationships.manager?.length === 1 &&
      ofType('users').some((report) => report.relationships.manager?.includes(candidate.id)) &&
      assigned.some((group) => group.relationships.members?.includes(candidate.id)),
  );
  const members = (group: TruthObject) => group.relationships.members?.length ?? 0;
  const [group] = assigned
    .filter(
      (candidate) =>
        candidate.object.isAssignableToRole === true &&
        members(candidate) > 0 &&
        ofType('builtInRoles').some((role) => holds(role, candidate.id)) &&
        policyNaming(candidate) !== undefined,
    )
    .sort((a, b) => members(b) - members(a));
  const application = ofType('applications').find(
    (candidate) =>
      candidate.object.appId !== backupAppId && (candidate.relationships.owners?.length ?? 0) > 0,
  );
  assert.ok(user && group && application, 'the tenant has a user, a group and an app registration to delete');
  return { user, group, application, policy: policyNaming(group)! };
}

test('Entra ID protection end to end from the command line', async (t) => {
  const dir = await tempDir(t);
  const sandbox = await startTestSandbox({ users: 80, tenants: 1, seed: 'end-to-end' });
  t.after(() => sandbox.close());
  const { tenant } = sandbox;
  const store = sandbox.running.sandbox.tenants.get(tenant.tenantId)!.store;
  const home = join(dir, 'home');
  const repositoryDir = join(dir, 'repository');
  // The options every command needs, the way a script sets them once.
  const env: NodeJS.ProcessEnv = {
    TENANTVAULT_HOME: home,
    TENANTVAULT_PASSWORD: PASSWORD,
    TENANTVAULT_REPO: repositoryDir,
    TENANTVAULT_TENANT: tenant.tenantId,
    TENANTVAULT_CLIENT_ID: tenant.clientId,
    TENANTVAULT_CLIENT_SECRET: tenant.clientSecret,
    TENANTVAULT_AUTHORITY: tenant.authority,
    TENANTVAULT_GRAPH_URL: sandbox.graph,
    TENANTVAULT_CA_FILE: sandbox.running.caPath,
  };
  const tenantvault = async (args: readonly string[]): Promise<string> => {
    const result = await runCli([...args], { env, timeoutMs: 300_000 });
    assert.equal(result.code, 0, `tenantvault ${args.join(' ')}:\n${result.stderr}`);
    return result.stdout;
  };
  const diff = async (from: string | number, to: string | number): Promise<Diff> =>
    parseDiff(await tenantvault(['--json', ...COMMANDS.diff(String(from), String(to))]));
  const admin = async (path: string, method: string, body: unknown) => {
    const answer = await sandbox.admin(path, method, body);
    assert.ok(answer.status < 300, `${method} ${path}: ${answer.status} ${JSON.stringify(answer.body)}`);
    return answer.body as unknown;
  };
  const activity = async (changes: number) =>
    (await admin(`/tenants/${tenant.tenantId}/activity`, 'POST', { changes })) as ActivitySummary;
  const graph = async (method: string, path: string) => {
    const answer = await sandbox.graphRequest(path, { method });
    assert.ok(answer.status < 300, `${method} ${path}: ${answer.status} ${JSON.stringify(answer.body)}`);
  };

  /** By snapshot seq: the sandbox when the backup began, and what the snapshot should hold. */
  const truths = new Map<number, TenantTruth>();
  const held = new Map<number, Objects>();
  const backup = async (): Promise<BackupReport> => {
    const truth = truthOf(store);
    const report = JSON.parse(await tenantvault(['--json', ...COMMANDS.backup()])) as BackupReport;
    const previous = report.seq - 1;
    truths.set(report.seq, truth);
    held.set(
      report.seq,
      heldBy(
        truth,
        report.summary.types,
        previous > 0 ? { truth: truths.get(previous)!, held: held.get(previous)! } : undefined,
      ),
    );
    for (const type of DIRECTORY_TYPES) assert.equal(report.summary.types[type]?.error, null, type);
    return report;
  };
  /** The diff from the previous snapshot shows exactly what the snapshot should hold anew, and the log entries added. */
  const assertDiffFromPrevious = async (seq: number): Promise<Diff> => {
    const changes = await diff(seq - 1, seq);
    assertDiffShows(changes, held.get(seq - 1)!, held.get(seq)!);
    const [before, after] = [truths.get(seq - 1)!, truths.get(seq)!];
    for (const type of ['signInLogs', 'auditLogs'] as const)
      assert.equal(entriesAdded(changes, type), after.logEntries[type] - before.logEntries[type], type);
    return changes;
  };

  await t.test('a repository from repo init, and a first backup of every type', async () => {
    await tenantvault(COMMANDS.initRepository());
    const report = await backup();
    assert.deepEqual([report.seq, report.status], [1, 'succeeded']);
    assert.equal(BACKUP_TOGGLES.length, 14);
    assert.deepEqual(Object.keys(report.summary.types).sort(), [...DIRECTORY_TYPES].sort());
    for (const type of DIRECTORY_TYPES) assert.equal(report.summary.types[type]?.mode, 'full', type);
    // The snapshot holds every object of the tenant, no more and no less.
    const repository = await Repository.open(new FsBackend(repositoryDir), PASSWORD);
    const kept: string[] = [];
    for await (const item of repository.items(report.snapshotId)) {
      const parsed = parseItemPath(item.path);
      if (parsed && !LOG_TYPES.has(parsed.type)) kept.push(keyOf(parsed.type, parsed.objectId));
    }
    assert.deepEqual(kept.sort(), [...truths.get(1)!.objects.keys()].sort());
    const catalog = Catalog.open(defaultCatalogUrl(home));
    try {
      const snapshots = await catalog.listSnapshots(tenant.tenantId, DIRECTORY_WORKLOAD);
      assert.deepEqual(
        snapshots.map((snapshot) => [snapshot.seq, snapshot.status, snapshot.repositorySnapshotId]),
        [[1, 'succeeded', report.snapshotId]],
      );
    } finally {
      await catalog.close();
    }
  });

  await t.test('after random activity the next backup and diff hold exactly what changed', async () => {
    const { changes } = await activity(40);
    assert.ok(changes.length > 0);
    const report = await backup();
    assert.deepEqual([report.seq, report.status], [2, 'succeeded']);
    for (const type of ['users', 'groups', 'applications', 'servicePrincipals', 'devices'] as const)
      assert.equal(report.summary.types[type]?.mode, 'delta', type);
    const { lines } = await assertDiffFromPrevious(2);

    // People read the same changes attribute by attribute: old → new.
    const text = await tenantvault(COMMANDS.diff('1', '2'));
    const users = lines.filter((line) => line.type === 'users' && line.properties?.length);
    assert.ok(users.length > 0, 'the activity changed users');
    for (const line of users.slice(0, 5)) {
      assert.match(text, new RegExp(`^~ users ${line.id}  ${escaped(line.displayName ?? '')}$`, 'm'));
      for (const change of line.properties!) {
        const values = `${shown(change.old)} → ${shown(change.new)}`;
        if (values.length < 100)
          assert.match(text, new RegExp(`^ {4}${change.property} +${escaped(values)}$`, 'm'));
      }
    }
  });

  const doomed = pickDoomed(truthOf(store).objects, tenant.clientId);
  const { user, group, application, policy } = doomed;
  const reports = [...truthOf(store).objects.values()].filter(
    (candidate) => candidate.type === 'users' && candidate.relationships.manager?.includes(user.id),
  );

  await t.test('deleting a user, a group, an app registration and a policy is backed up', async () => {
    await graph('DELETE', `/users/${user.id}`);
    await graph('DELETE', `/groups/${group.id}`);
    await graph('DELETE', `/directory/deletedItems/${group.id}`);
    await graph('DELETE', `/applications/${application.id}`);
    await graph('DELETE', `/identity/conditionalAccess/policies/${policy.id}`);
    const report = await backup();
    assert.deepEqual([report.seq, report.status], [3, 'succeeded']);
    const { lines } = await assertDiffFromPrevious(3);
    const removed = lines.filter((line) => line.change === 'removed').map((line) => line.id);
    assert.deepEqual(removed.sort(), [user.id, group.id, application.id, policy.id].sort());
    // The reports of the deleted user lost their manager.
    for (const report of reports) {
      const line = lines.find((candidate) => candidate.id === report.id);
      assert.deepEqual(line?.relationships, [{ relationship: 'manager', added: [], removed: [user.id] }]);
    }
  });

  await t.test('restore brings them back, and the tenant matches the snapshot but for new ids', async () => {
    const ids = [user, group, application, policy].map(({ id }) => id);
    const output = await tenantvault(['--json', ...COMMANDS.restore('2', ids)]);
    const { report } = JSON.parse(output) as { report: RestoreReport };
    assert.deepEqual(report.failed, []);
    // The user and the app registration come back from the recycle bin with their ids;
    // the purged group and the policy (Entra keeps no deleted policies) are re-created.
    assert.deepEqual(
      report.idMap.map((entry) => `${entry.item.type} ${entry.property} ${entry.old}`).sort(),
      [`conditionalAccessPolicies id ${policy.id}`, `groups id ${group.id}`],
    );
    const idMap = new Map(report.idMap.map((entry) => [entry.old, entry.new]));
    const [newGroup, newPolicy] = [idMap.get(group.id)!, idMap.get(policy.id)!];
    // The group's roles went with its purge; the restore grants them again to its new id.
    const roles = [...truths.get(2)!.objects.values()].filter(
      (role) => role.type === 'builtInRoles' && holds(role, group.id),
    );
    assert.ok(roles.length > 0);
    const granted = report.written.filter(
      (entry) =>
        entry.item.id === group.id && entry.request === 'POST /roleManagement/directory/roleAssignments',
    );
    assert.equal(granted.length, roles.length);

    // The tenant is the one of snapshot 2 with the new ids (policies that named the group
    // point at its new id, its roles are held by the new id), but for what Entra stamps on
    // what the restore created or wrote.
    const now = truthOf(store);
    const expected = withNewIds(truths.get(2)!.objects, idMap);
    const written = new Set(report.written.map((entry) => idMap.get(entry.item.id) ?? entry.item.id));
    // Intune lists assignments in no set order.
    const targetsOf = ({ object }: TruthObject) =>
      ((object.assignments as { target: unknown }[] | undefined) ?? [])
        .map(({ target }) => canonicalJson(target))
        .sort();
    const unexpected = [...differences(expected, now.objects)].filter(([key, difference]) => {
      const [was, current] = [expected.get(key), now.objects.get(key)];
      if (!was || !current) return true;
      const regranted = (property: string) =>
        ASSIGNMENT_LISTS.has(property) &&
        sameValue(grantsOf(was.object[property]), grantsOf(current.object[property]));
      const stamped = (property: string) =>
        written.has(current.id) &&
        ((STAMPED[current.type] ?? []).includes(property) ||
          // Intune issues new assignment ids: the targets are what was assigned.
          (property === 'assignments' && sameValue(targetsOf(was), targetsOf(current))));
      return !(
        difference.relationships.length === 0 &&
        difference.properties.every((property) => regranted(property) || stamped(property))
      );
    });
    assert.deepEqual(unexpected, []);
    assert.ok(written.has(newGroup) && written.has(newPolicy));

    // The drift from snapshot 2 shows exactly that, and what snapshot 2 held of the
    // relationships delta leaves for the next full listing.
    assertDiffShows(await diff(2, LIVE), held.get(2)!, now.objects);
  });

  await t.test('the next backup holds the restored objects: the latest snapshot matches live', async () => {
    const report = await backup();
    assert.deepEqual([report.seq, report.status], [4, 'succeeded']);
    await assertDiffFromPrevious(4);
    const drift = await diff('latest', LIVE);
    assertDiffShows(drift, held.get(4)!, truthOf(store).objects);
    // What remains are relationships delta does not report, which the next full listing reads.
    for (const line of drift.lines) {
      const tracked = OBJECT_TYPE_DESCRIPTORS[line.type as ObjectType].delta?.tracked ?? [];
      const untracked = untrackedWhole(line.type as ObjectType);
      assert.equal(line.change, 'changed', line.id);
      assert.ok(
        (line.properties ?? []).every(({ property }) => untracked.includes(property)),
        line.id,
      );
      assert.ok((line.relationships ?? []).every(({ relationship }) => !tracked.includes(relationship)));
    }
  });

  await t.test('a full backup under throttling and faults loses nothing', async () => {
    // A week and a day without backups: the delta links have expired, everything is listed.
    await admin('/clock', 'POST', { advanceMs: 8 * DAY_MS });
    await activity(20);
    // A quarter of Graph's documented rates (a tenant whose other tools use the rest) and
    // one request in twenty failing: 503, 504, dropped connections, slow answers.
    await admin('/throttle', 'PUT', { setting: 0.25 });
    await admin('/faults', 'PUT', { rate: 0.05 });
    let report: BackupReport;
    try {
      report = await backup();
    } finally {
      await admin('/faults', 'PUT', { rate: 0 });
      await admin('/throttle', 'PUT', { setting: 'off' });
    }
    assert.deepEqual([report.seq, report.status], [5, 'succeeded']);
    for (const type of ['users', 'groups', 'devices'] as const)
      assert.equal(report.summary.types[type]?.mode, 'full', type);
    const { requests } = report.summary;
    assert.ok(requests.throttled > 0 && requests.retried > 0, JSON.stringify(requests));
    // Nothing given up on; the expired delta links, one per type read through delta, are counted apart.
    const deltaTypes = Object.values(OBJECT_TYPE_DESCRIPTORS).filter((descriptor) => descriptor.delta);
    assert.deepEqual([requests.failed, requests.expiredDeltaLinks], [0, deltaTypes.length]);
    await assertDiffFromPrevious(5);
    const drift = await diff('latest', LIVE);
    assert.deepEqual(drift.lines, []);
  });
});
