// `tenantvault entra diff | history | ls | show | export` as people and scripts run
// them, against a real repository and a SQLite catalog rebuilt from it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { canonicalJson, encodeItem } from '../../../src/workloads/directory/item.js';
import { PASSWORD } from '../../repository/support.js';
import { runCli, type CliResult } from '../../support/cli.js';
import { BACKUPS, directoryFixture, TENANT, type DirectoryFixture } from './support.js';

function cliEnv(fixture: DirectoryFixture): NodeJS.ProcessEnv {
  return {
    TENANTVAULT_HOME: join(fixture.dir, 'home'),
    TENANTVAULT_PASSWORD: PASSWORD,
    TENANTVAULT_REPO: join(fixture.dir, 'repo'),
    TENANTVAULT_CATALOG: fixture.catalogUrl,
    TENANTVAULT_TENANT: TENANT,
  };
}

/** Runs the commands one after another: each starts a whole CLI process, and tests share two cores. */
async function runEach<T extends string[][]>(
  commands: [...T],
  env: NodeJS.ProcessEnv,
): Promise<{ [K in keyof T]: CliResult }> {
  const results: CliResult[] = [];
  for (const args of commands) results.push(await runCli(args, { env, timeoutMs: 120_000 }));
  return results as { [K in keyof T]: CliResult };
}

function jsonLines(stdout: string): Record<string, unknown>[] {
  return stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

test('directory diff: JSON Lines with a summary, readable text, filters', async (t) => {
  const fixture = await directoryFixture(t, BACKUPS);
  const env = cliEnv(fixture);
  const [json, text, filtered] = await runEach(
    [
      ['--json', 'entra', 'diff', '--from', '1', '--to', '2'],
      ['entra', 'diff', '--from', '1', '--to', '2'],
      ['--json', 'entra', 'diff', '--from', 'latest~2', '--type', 'users', '--id', 'u-ada'],
    ],
    env,
  );
  assert.equal(json.code, 0, json.stderr);
  const lines = jsonLines(json.stdout);
  const summary = lines.pop()!.summary as Record<string, unknown>;
  assert.deepEqual(
    lines.map((line) => `${line.change as string} ${line.type as string} ${line.id as string}`),
    [
      'changed groups g-eng',
      'changed signInLogs 2025-05-01',
      'added signInLogs 2025-05-02',
      'changed users u-ada',
      'removed users u-grace',
      'added users u-linus',
    ],
  );
  assert.deepEqual(lines[3]!.properties, [
    { property: 'department', new: 'Research' },
    { property: 'jobTitle', old: 'Engineer', new: 'Lead Engineer' },
  ]);
  assert.deepEqual(
    { ...summary, from: (summary.from as { seq: number }).seq, to: (summary.to as { seq: number }).seq },
    { from: 1, to: 2, added: 2, removed: 1, changed: 3, entriesAdded: 2 },
  );
  assert.equal((summary.to as { snapshotId: string }).snapshotId, fixture.snapshotIds[1]);

  assert.equal(text.code, 0, text.stderr);
  assert.match(text.stdout, /^~ users u-ada {2}Ada Lovelace\n {4}department {2}\(absent\) → "Research"\n/m);
  assert.match(text.stdout, /^ {4}jobTitle {4}"Engineer" → "Lead Engineer"$/m);
  assert.match(text.stdout, /^ {4}manager {5}\+u-linus -u-grace$/m);
  assert.match(text.stdout, /^ {4}members {2}\+u-linus -u-grace$/m);
  assert.match(text.stdout, /^~ signInLogs 2025-05-01\n {4}entries {2}2 → 3 \(\+1\)$/m);
  assert.match(text.stdout, /^- users u-grace {2}Grace Hopper$/m);
  assert.match(
    text.stdout,
    /^snapshot 1 \(.+\) → snapshot 2 \(.+\): 2 added, 1 removed, 3 changed, 2 log entries added$/m,
  );

  assert.equal(filtered.code, 0, filtered.stderr);
  const onlyAda = jsonLines(filtered.stdout);
  assert.deepEqual(
    onlyAda.map((line) => line.id ?? 'summary'),
    ['u-ada', 'summary'],
  );
  assert.deepEqual(onlyAda[0]!.properties, [
    { property: 'accountEnabled', old: true, new: false },
    { property: 'department', new: 'Research' },
    { property: 'jobTitle', old: 'Engineer', new: 'Lead Engineer' },
  ]);
});

test('directory history, ls and show', async (t) => {
  const fixture = await directoryFixture(t, BACKUPS);
  const env = cliEnv(fixture);
  const [historyText, ls, search, show] = await runEach(
    [
      ['entra', 'history', 'users', 'u-grace', '--changes'],
      ['--json', 'entra', 'ls'],
      ['entra', 'ls', '--at', '1', '--search', 'GRACE', '--type', 'users'],
      ['--json', 'entra', 'show', 'users', 'u-ada', '--at', 'previous'],
    ],
    env,
  );

  assert.equal(historyText.code, 0, historyText.stderr);
  assert.match(
    historyText.stdout,
    /^users u-grace {2}Grace Hopper\n {2}snapshots 1-1 .*\n {2}\(not in snapshots 2-2\)\n {2}snapshots 3-3 .*\n {6}no change to show\n$/,
  );

  assert.equal(ls.code, 0, ls.stderr);
  const listed = jsonLines(ls.stdout);
  const listing = listed.pop()!.summary as { snapshot: { seq: number }; counts: Record<string, number> };
  assert.deepEqual(listing.counts, { groups: 1, signInLogs: 2, users: 4 });
  assert.equal(listing.snapshot.seq, 3);
  assert.deepEqual(
    listed.map((item) => [item.type, item.id, item.firstSeenSeq]),
    [
      ['groups', 'g-eng', 2],
      ['signInLogs', '2025-05-01', 2],
      ['signInLogs', '2025-05-02', 2],
      ['users', 'u-ada', 3],
      ['users', 'u-alan', 2],
      ['users', 'u-grace', 3],
      ['users', 'u-linus', 2],
    ],
  );
  assert.equal(search.code, 0, search.stderr);
  assert.match(search.stdout, /^users +u-grace +Grace Hopper$/m);
  assert.doesNotMatch(search.stdout, /u-ada/);
  assert.match(search.stdout, /^users +Users +3$/m, 'counts cover the whole snapshot');

  const adaInSnapshot2 = BACKUPS[1]!.objects.find((object) => object.id === 'u-ada')!;
  assert.equal(show.code, 0, show.stderr);
  assert.equal(show.stdout, `${encodeItem(adaInSnapshot2).toString()}\n`);
});

test('directory export: the stored items and log entries, with only the repository', async (t) => {
  const fixture = await directoryFixture(t, BACKUPS);
  // A catalog that has never heard of the tenant: export reads the repository alone.
  const env = { ...cliEnv(fixture), TENANTVAULT_CATALOG: join(fixture.dir, 'empty-catalog.sqlite') };
  const objectsFile = join(fixture.dir, 'objects.jsonl');
  const [objects, users, logs] = await runEach(
    [
      ['--json', 'entra', 'export', '--at', 'latest', '--output', objectsFile],
      ['entra', 'export', '--at', '1', '--type', 'users'],
      ['entra', 'export', '--at', 'previous', '--type', 'signInLogs'],
    ],
    env,
  );

  assert.equal(objects.code, 0, objects.stderr);
  const exported = (await readFile(objectsFile, 'utf8')).split('\n');
  assert.equal(exported.pop(), '', 'every line ends with a newline');
  assert.deepEqual(
    exported.sort(),
    BACKUPS[2]!.objects.map((object) => encodeItem(object).toString()).sort(),
  );
  const report = JSON.parse(objects.stdout) as { file: string; snapshot: number; bytes: number };
  assert.equal(report.snapshot, 3);
  assert.equal(report.bytes, Buffer.byteLength(exported.join('\n')) + 1);

  assert.equal(users.code, 0, users.stderr);
  assert.deepEqual(
    users.stdout.trim().split('\n').sort(),
    BACKUPS[0]!.objects
      .filter((object) => object.type === 'users')
      .map((object) => encodeItem(object).toString())
      .sort(),
  );

  assert.equal(logs.code, 0, logs.stderr);
  const entries = BACKUPS[1]!.logDays!.flatMap((day) => day.entries.map((entry) => canonicalJson(entry)));
  assert.deepEqual(logs.stdout.trim().split('\n'), entries);
});

test('bad references and types are usage errors; unreadable items are named', async (t) => {
  const fixture = await directoryFixture(t, BACKUPS);
  const env = cliEnv(fixture);
  const usage: [string[], RegExp][] = [
    [['entra', 'diff', '--from', '9'], /there is no snapshot 9 \(they are 1 to 3\)/],
    [['entra', 'ls', '--type', 'people'], /unknown item type "people"/],
    [
      ['entra', 'diff', '--from', 'latest', '--live', '--type', 'auditLogs'],
      /log entries are records, not state/,
    ],
    [['entra', 'show', 'users', 'u-nobody'], /snapshot 3 holds no users with id u-nobody/],
    [['entra', 'export', '--type', 'users', '--type', 'auditLogs'], /export log types on their own/],
    [
      ['entra', 'ls', '--tenant', 'fabrikam.example'],
      /the catalog has no directory snapshots of tenant fabrikam\.example/,
    ],
  ];
  const results = await runEach(
    usage.map(([args]) => args),
    env,
  );
  results.forEach((result, index) => {
    const [args, message] = usage[index]!;
    assert.equal(result.code, 2, `${args.join(' ')}: ${result.stderr}`);
    assert.match(result.stderr, message);
  });

  for (const name of await readdir(join(fixture.dir, 'repo', 'data'), { recursive: true })) {
    if (/^[0-9a-f]{64}$/.test(name.split('/').at(-1)!)) {
      await writeFile(join(fixture.dir, 'repo', 'data', name), Buffer.alloc(4096, 0x55));
    }
  }
  const [damaged] = await runEach([['entra', 'diff', '--from', '1', '--to', '2']], env);
  assert.equal(damaged.code, 1);
  assert.match(
    damaged.stderr,
    /^tenantvault: cannot read directory\/groups\/g-eng\.json from snapshot [0-9a-f]{12}: /,
  );
});
