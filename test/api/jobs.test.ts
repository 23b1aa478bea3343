// Jobs through the API against the sandbox: an admin turns object types on (which saves
// the backup schedule), backs up now and watches the job's progress and log; changes in
// the tenant show up in the next snapshot's diff and history; a restore is planned, then
// run, and the tenant matches the snapshot again; the scheduler's slot backs up by itself;
// retention forgets snapshots; check finds a damaged pack by name. Bad requests get clear
// answers and nothing starts.
import assert from 'node:assert/strict';
import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { Scheduler } from '../../src/service/scheduler.js';
import { listSchedules } from '../../src/service/schedules.js';
import type { ServiceDatabase } from '../../src/service/schema.js';
import { defaultSettings } from '../../src/service/organizations/settings.js';
import type { Kysely } from 'kysely';
import { finishedJob } from '../support/jobs.js';
import type { PortalBrowser } from '../support/portal-browser.js';
import { connectByConsent, removeBackupApp, startWorld, type World } from './support.js';

let world: World;
let admin: PortalBrowser;
let organizationId: string;
const path = (rest: string) => `/api/organizations/${organizationId}${rest}`;

const TYPES = { conditionalAccessPolicies: true, groups: true } as const;

async function run(route: string, body: unknown = {}, headers?: Record<string, string>) {
  const started = await admin.api('POST', path(`/jobs/${route}`), body, headers);
  assert.equal(started.status, 202, started.text);
  return finishedJob(admin, organizationId, started.body.job.id);
}

before(async () => {
  world = await startWorld();
  ({ id: organizationId, browser: admin } = await connectByConsent(world, world.tenants.customer));
});
after(() => world?.close());

test('a backup without object types turned on fails with what to do', async () => {
  const job = await run('backup');
  assert.equal(job.state, 'failed');
  assert.match(job.error, /no Entra ID object type is turned on/);
});

test('turning object types on saves the backup schedule at the settings’ slots', async () => {
  const settings = defaultSettings();
  Object.assign(settings.objectTypes, TYPES);
  const saved = await admin.api('PUT', path('/settings'), settings);
  assert.equal(saved.status, 200, saved.text);
  const db = world.service.services.db as unknown as Kysely<ServiceDatabase>;
  const schedules = await listSchedules(db, organizationId);
  const backup = schedules.find((schedule) => schedule.name === 'backup');
  assert.ok(backup?.enabled && backup.nextRun, JSON.stringify(schedules));
  assert.equal(backup.cron, settings.schedule.cron);
  assert.ok(schedules.find((schedule) => schedule.name === 'retention')?.enabled);
});

test('back up now: progress per type, a log, and the snapshot in the result', async () => {
  const job = await run('backup');
  assert.equal(job.state, 'succeeded', JSON.stringify(job));
  assert.equal(job.result.snapshot, 1);
  for (const type of ['conditionalAccessPolicies', 'groups']) {
    assert.equal(job.progress.types[type].finished, true, type);
    assert.ok(job.progress.types[type].items > 0, type);
  }
  const logs = await admin.api('GET', path(`/jobs/${job.id}/logs`));
  const lines = logs.body.lines.map((line: { line: string }) => line.line);
  assert.ok(lines.includes('snapshot 1 committed (succeeded)'), lines.join('\n'));
  const later = await admin.api('GET', path(`/jobs/${job.id}/logs?after=${logs.body.lines.at(-2).seq}`));
  assert.deepEqual(later.body.lines, logs.body.lines.slice(-1));
});

test('the same Idempotency-Key returns the job it made', async () => {
  const headers = { 'idempotency-key': 'nightly-check-1' };
  const first = await admin.api('POST', path('/jobs/check'), {}, headers);
  const again = await admin.api('POST', path('/jobs/check'), {}, headers);
  assert.equal(first.body.created, true);
  assert.equal(again.body.created, false);
  assert.equal(again.body.job.id, first.body.job.id);
  const checked = await finishedJob(admin, organizationId, first.body.job.id);
  assert.equal(checked.state, 'succeeded', JSON.stringify(checked));
});

test('a changed policy shows in diff and history, and a restore brings it back', async () => {
  const policies = await admin.api('GET', path('/directory/items?type=conditionalAccessPolicies'));
  const policy = policies.body.items[0];
  const stored = await admin.api('GET', path(`/directory/items/conditionalAccessPolicies/${policy.id}`));
  const oldName = stored.body.item.object.displayName as string;
  const renamed = await world.sandbox.graphRequest(`/identity/conditionalAccess/policies/${policy.id}`, {
    method: 'PATCH',
    body: { displayName: `${oldName} (changed)` },
  });
  assert.ok(renamed.status < 300, JSON.stringify(renamed.body));

  const second = await run('backup');
  assert.equal(second.result.snapshot, 2);
  const diff = await admin.api('GET', path('/directory/diff?from=1&to=2&type=conditionalAccessPolicies'));
  assert.equal(diff.status, 200, diff.text);
  const change = diff.body.items.find((item: { id: string }) => item.id === policy.id);
  assert.deepEqual(
    change.properties.find((p: { property: string }) => p.property === 'displayName'),
    { property: 'displayName', old: oldName, new: `${oldName} (changed)` },
  );
  const history = await admin.api(
    'GET',
    path(`/directory/items/conditionalAccessPolicies/${policy.id}/history`),
  );
  assert.equal(history.body.versions.length, 2);
  assert.ok(
    history.body.versions[1].changes.properties.some(
      (p: { property: string }) => p.property === 'displayName',
    ),
  );

  const plan = await run('restore', { at: '1', ids: [policy.id], dryRun: true });
  assert.equal(plan.state, 'succeeded', JSON.stringify(plan));
  const writes = plan.result.plan.writes;
  assert.equal(writes.length, 1, JSON.stringify(writes));
  assert.equal(writes[0].method, 'PATCH');
  const untouched = await world.sandbox.graphRequest(`/identity/conditionalAccess/policies/${policy.id}`);
  assert.equal(untouched.body.displayName, `${oldName} (changed)`, 'a dry run writes nothing');

  const restored = await run('restore', { at: '1', ids: [policy.id], dryRun: false });
  assert.equal(restored.state, 'succeeded', JSON.stringify(restored));
  assert.equal(restored.result.report.written.length, 1);
  const live = await world.sandbox.graphRequest(`/identity/conditionalAccess/policies/${policy.id}`);
  assert.equal(live.body.displayName, oldName);
  const drift = await admin.api('GET', path(`/directory/diff?from=1&to=live&ids=${policy.id}`));
  // The tenant matches snapshot 1 again, but for the time of the last change.
  assert.deepEqual(
    drift.body.items.flatMap((item: { properties: { property: string }[] }) =>
      item.properties.map((p) => p.property),
    ),
    ['modifiedDateTime'],
  );
});

test('diff pages resume where the previous page ended', async () => {
  const whole = await admin.api('GET', path('/directory/diff?from=1&to=2&pageSize=200'));
  const seen: string[] = [];
  let token: string | null = null;
  do {
    const query: string = token ? `&pageToken=${encodeURIComponent(token)}` : '';
    const page = await admin.api('GET', path(`/directory/diff?from=1&to=2&pageSize=1${query}`));
    assert.equal(page.status, 200, page.text);
    seen.push(...page.body.items.map((item: { type: string; id: string }) => `${item.type}/${item.id}`));
    token = page.body.nextPageToken;
  } while (token);
  assert.deepEqual(
    seen,
    whole.body.items.map((item: { type: string; id: string }) => `${item.type}/${item.id}`),
  );
});

test('the scheduler backs the organization up at its slot', async () => {
  const db = world.service.services.db as unknown as Kysely<ServiceDatabase>;
  const backup = (await listSchedules(db, organizationId)).find((schedule) => schedule.name === 'backup');
  assert.ok(backup?.nextRun);
  const slot = new Date(backup.nextRun);
  const scheduler = new Scheduler(db, world.service.queue, { now: () => new Date(slot.getTime() + 1000) });
  assert.ok((await scheduler.tick()) >= 1);
  const jobs = await admin.api('GET', path('/jobs?kind=backup&pageSize=1'));
  const job = await finishedJob(admin, organizationId, jobs.body.items[0].id);
  assert.equal(job.state, 'succeeded', JSON.stringify(job));
  assert.equal(job.result.snapshot, 3);
});

test('retention forgets the snapshots the settings do not keep, and they leave the lists', async () => {
  const settings = defaultSettings();
  Object.assign(settings.objectTypes, TYPES);
  settings.retention = { keepWithinDays: 0, daily: 1, weekly: 0, monthly: 0 };
  assert.equal((await admin.api('PUT', path('/settings'), settings)).status, 200);
  const job = await run('retention');
  assert.equal(job.state, 'succeeded', JSON.stringify(job));
  assert.equal(job.result.removed.length, 2);
  const snapshots = await admin.api('GET', path('/directory/snapshots'));
  assert.deepEqual(
    snapshots.body.snapshots.map((snapshot: { seq: number }) => snapshot.seq),
    [3],
  );
  const gone = await admin.api('GET', path('/directory/types?at=1'));
  assert.equal(gone.status, 404, gone.text);
});

test('check names a damaged pack and fails', async () => {
  const repository = join(world.service.repositoryRoot, world.tenants.customer.tenantId);
  const packs = (await readdir(join(repository, 'data'), { recursive: true })).filter((name) =>
    /^[0-9a-f]{64}$/.test(name.split('/').at(-1) ?? ''),
  );
  const damaged = join(repository, 'data', packs[0]!);
  await writeFile(damaged, Buffer.from('not a pack'));
  const job = await run('check', { readData: true });
  assert.equal(job.state, 'failed');
  assert.match(job.error, new RegExp(packs[0]!.split('/').at(-1)!));
});

test('a backup of a tenant that removed tenantvault fails saying so, and the connection shows it', async () => {
  const tenant = world.tenants.otherCustomer;
  const other = await connectByConsent(world, tenant);
  const settings = defaultSettings();
  Object.assign(settings.objectTypes, TYPES);
  assert.equal(
    (await other.browser.api('PUT', `/api/organizations/${other.id}/settings`, settings)).status,
    200,
  );
  await removeBackupApp(world, tenant);

  const started = await other.browser.api('POST', `/api/organizations/${other.id}/jobs/backup`, {});
  const job = await finishedJob(other.browser, other.id, started.body.job.id);
  assert.equal(job.state, 'failed');
  assert.match(job.error, /no longer lets tenantvault in/);
  const organization = await other.browser.api('GET', `/api/organizations/${other.id}`);
  assert.equal(organization.body.health.connected, false);
});

test('bad requests are refused before anything starts', async () => {
  const nothing = await admin.api('POST', path('/jobs/restore'), { at: 'latest', dryRun: true });
  assert.equal(nothing.status, 400);
  assert.equal(nothing.body.error.code, 'nothing_chosen');
  const unknownType = await admin.api('POST', path('/jobs/backup'), { objectTypes: ['mailboxes'] });
  assert.equal(unknownType.status, 400, unknownType.text);
  const otherJob = await admin.api('GET', path('/jobs/00000000-0000-4000-8000-000000000000'));
  assert.equal(otherJob.status, 404);
  const badReference = await admin.api('GET', path('/directory/items?at=99'));
  assert.equal(badReference.status, 404);
  assert.match(badReference.body.error.message, /there is no snapshot 99/);
  const tooWide = await admin.api('GET', path('/directory/diff?to=live'));
  assert.equal(tooWide.status, 400);
});
