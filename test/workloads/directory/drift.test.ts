// Drift against a sandbox tenant over HTTPS with real backups: right after a backup the
// live tenant shows none; after admin changes it shows exactly those changes (by type,
// by named object, through the CLI) and agrees with the diff between that backup and
// the next one, whose history and export are read back too.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ComparedItem, ItemFilter } from '../../../src/engine/directory/changes.js';
import { compareSnapshots } from '../../../src/engine/directory/compare.js';
import { compareWithLive } from '../../../src/engine/directory/drift.js';
import { exportObjects } from '../../../src/engine/directory/export.js';
import { objectHistory } from '../../../src/engine/directory/history.js';
import { resolveSnapshotReference } from '../../../src/engine/snapshot-reference.js';
import { GraphClient } from '../../../src/graph/index.js';
import type { DirectoryStore } from '../../../src/sandbox/directory/store.js';
import { diffRelationships } from '../../../src/workloads/directory/attribute-diff.js';
import { DIRECTORY_WORKLOAD, type BackupToggle } from '../../../src/workloads/directory/item.js';
import { collect } from '../../catalog/support.js';
import { connectionTo } from '../../graph/support.js';
import { PASSWORD } from '../../repository/support.js';
import { runCli } from '../../support/cli.js';
import { backupFixture, contentOf } from './backup-support.js';

const TOGGLES: BackupToggle[] = ['users', 'groups', 'bitlockerKeys'];

/** Relationships of every user and group as the sandbox holds them, by "type id". */
function relationships(store: DirectoryStore): Map<string, Record<string, string[]>> {
  const all = new Map<string, Record<string, string[]>>();
  for (const user of store.collection('users').values()) {
    all.set(`users ${user.id}`, { manager: store.linked(user.id, 'manager') });
  }
  for (const group of store.collection('groups').values()) {
    all.set(`groups ${group.id}`, {
      members: store.linked(group.id, 'members'),
      owners: store.linked(group.id, 'owners'),
    });
  }
  return all;
}

/** Compared items by "change type id", for comparisons that ignore order. */
function byKey(items: ComparedItem[]): Map<string, ComparedItem> {
  return new Map(items.map((item) => [`${item.change} ${item.type} ${item.id}`, item]));
}

test('drift between a backup and the live sandbox tenant', async (t) => {
  const fixture = await backupFixture(t);
  const { store, catalog, repository, tenantId, sandbox } = fixture;
  await fixture.backup({ toggles: TOGGLES });
  const graph = new GraphClient(connectionTo(sandbox));
  t.after(() => graph.close());
  const snapshotNumbered = async (reference: string) =>
    resolveSnapshotReference(reference, await catalog.listSnapshots(tenantId, DIRECTORY_WORKLOAD));
  const first = await snapshotNumbered('1');
  const drift = (filter?: ItemFilter) =>
    collect(compareWithLive({ catalog, repository, tenantId, snapshot: first, graph, filter }));

  assert.deepEqual(await drift(), [], 'a backup and the tenant it has just read agree');

  const users = [...store.collection('users').values()];
  const patched = users[3];
  // Someone who leaves groups behind but manages nobody: a user delta does not report
  // the reports of a deleted manager, so the next backup would not see them change.
  const deleted = users.find(
    (user) =>
      user !== patched &&
      store.linkedFrom(user.id, 'members').length > 0 &&
      store.linkedFrom(user.id, 'manager').length === 0,
  );
  assert.ok(patched && deleted);
  const oldTitle = patched.jobTitle;
  const domain = String(patched.userPrincipalName).split('@')[1];
  const before = relationships(store);
  await fixture.admin(`/objects/users/${patched.id}`, 'PATCH', { jobTitle: 'Chief Drift Officer' });
  await fixture.admin(`/objects/users/${deleted.id}`, 'DELETE');
  const created = (
    await fixture.admin('/objects/users', 'POST', {
      displayName: 'Dana Drift',
      userPrincipalName: `dana.drift@${domain}`,
      mailNickname: 'dana.drift',
      accountEnabled: true,
    })
  ).body as { id: string };
  const joined = [...store.collection('groups').values()].find(
    (group) => !(group.groupTypes as string[]).includes('DynamicMembership'),
  );
  assert.ok(joined);
  await fixture.admin(`/links/groups/${joined.id}/members`, 'POST', { targetId: created.id });
  const key = [...store.collection('bitlockerRecoveryKeys').values()][0];
  assert.ok(key);
  await fixture.admin(`/objects/bitlockerRecoveryKeys/${key.id}`, 'DELETE');
  const after = relationships(store);

  // What the sandbox now holds differently, worked out from the sandbox itself.
  const expected = new Map<string, Omit<ComparedItem, 'displayName'>>([
    [`removed users ${deleted.id}`, { change: 'removed', type: 'users', id: deleted.id }],
    [`added users ${created.id}`, { change: 'added', type: 'users', id: created.id }],
    [`removed bitlockerKeys ${key.id}`, { change: 'removed', type: 'bitlockerKeys', id: key.id }],
  ]);
  for (const [object, was] of before) {
    const now = after.get(object);
    const changed = now && diffRelationships(was, now);
    const [type, id] = object.split(' ') as ['users' | 'groups', string];
    const properties =
      id === patched.id ? [{ property: 'jobTitle', old: oldTitle, new: 'Chief Drift Officer' }] : [];
    if (changed && (changed.length > 0 || properties.length > 0)) {
      expected.set(`changed ${object}`, { change: 'changed', type, id, properties, relationships: changed });
    }
  }
  assert.ok(
    expected.size >= 6,
    'the deleted user left a group or had reports, and the new one joined a group',
  );

  const drifted = await drift();
  const found = byKey(drifted);
  assert.deepEqual(
    [...found.keys()].sort(),
    [...expected.keys()].sort(),
    'exactly the objects the admin changed, directly or through their relationships',
  );
  for (const [key, item] of found) {
    const { displayName, ...difference } = item;
    assert.deepEqual(difference, expected.get(key), key);
    if (item.change === 'added') assert.equal(displayName, 'Dana Drift');
    if (item.change === 'removed' && item.type === 'users') assert.equal(displayName, deleted.displayName);
  }
  assert.deepEqual(
    drifted.map((item) => item.type).filter((type, index, all) => type !== all[index - 1]),
    ['users', 'groups', 'bitlockerKeys'],
    'grouped by type, in backup order',
  );

  // Named objects are read one by one, with the same outcome.
  const named = [patched.id, deleted.id, created.id, key.id, 'no-such-object'];
  assert.deepEqual(
    byKey(await drift({ ids: new Set(named) })),
    new Map([...found].filter(([, item]) => named.includes(item.id))),
  );
  assert.deepEqual(await drift({ types: new Set(['groups']), ids: new Set([patched.id]) }), []);

  // The next backup records the same changes the drift showed.
  await fixture.backup({ toggles: TOGGLES });
  const second = await snapshotNumbered('latest');
  const recorded = await collect(
    compareSnapshots({ catalog, repository, tenantId, from: first, to: second }),
  );
  assert.deepEqual(byKey(recorded), found);

  // History and export read the same backups.
  const request = { catalog, repository, tenantId, withChanges: true };
  const patchedHistory = await objectHistory({ ...request, objectId: patched.id });
  assert.deepEqual(
    patchedHistory.versions.map((version) => [version.firstSeenSeq, version.lastSeenSeq, version.changes]),
    [
      [1, 1, undefined],
      [
        2,
        2,
        {
          properties: [{ property: 'jobTitle', old: oldTitle, new: 'Chief Drift Officer' }],
          relationships: [],
        },
      ],
    ],
  );
  const deletedHistory = await objectHistory({ ...request, objectId: deleted.id });
  assert.deepEqual([deletedHistory.versions.at(-1)?.lastSeenSeq, deletedHistory.latestSeq], [1, 2]);
  const exported = Buffer.concat(await collect(exportObjects(repository, second, new Set(['users']))))
    .toString('utf8')
    .split('\n');
  assert.equal(exported.pop(), '');
  const stored: string[] = [];
  for await (const item of repository.items(second.repositorySnapshotId)) {
    if (item.path.startsWith('directory/users/')) stored.push(await contentOf(repository, item));
  }
  assert.deepEqual(exported, stored);
  assert.equal(exported.length, store.collection('users').size);

  // Through the CLI, naming the tenant by a domain: the catalog's tenant id comes from Graph.
  const { tenant } = sandbox;
  const cli = await runCli(
    [
      '--json',
      'entra',
      'diff',
      '--from',
      'previous',
      '--live',
      '--id',
      patched.id,
      '--repo',
      fixture.repositoryDir,
      '--catalog',
      fixture.catalogPath,
      '--tenant',
      tenant.domain,
      '--client-id',
      tenant.clientId,
      '--authority',
      sandbox.url,
      '--graph-url',
      sandbox.graph,
      '--ca-file',
      sandbox.running.caPath,
    ],
    { env: { TENANTVAULT_PASSWORD: PASSWORD, TENANTVAULT_CLIENT_SECRET: tenant.clientSecret } },
  );
  assert.equal(cli.code, 0, cli.stderr);
  const lines = cli.stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
  const summary = lines.pop()!.summary as { from: { seq: number }; to: { live: boolean }; changed: number };
  assert.deepEqual(lines, [JSON.parse(JSON.stringify(found.get(`changed users ${patched.id}`)))]);
  assert.equal(summary.from.seq, 1);
  assert.equal(summary.to.live, true);
  assert.equal(summary.changed, 1);
});
