// `tenantvault repo ...` as users and scripts run it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runCli } from '../support/cli.js';
import { tempDir } from './support.js';

const env = { TENANTVAULT_PASSWORD: 'cli password' };

test('repo init, backup-dir, snapshots, ls, cat, check, stats, forget, prune, passwd', async (t) => {
  const root = await tempDir(t);
  const repo = join(root, 'repo');
  const source = join(root, 'source');
  await mkdir(join(source, 'inbox'), { recursive: true });
  await writeFile(join(source, 'inbox', 'a.eml'), 'Subject: hello\n\nbody');
  await writeFile(join(source, 'notes.txt'), 'notes');

  const init = await runCli(['--json', 'repo', 'init', '--repo', repo], { env });
  assert.equal(init.code, 0, init.stderr);
  const backup = await runCli(['--json', 'repo', 'backup-dir', source, '--tag', 'first'], {
    env: { ...env, TENANTVAULT_REPO: repo },
  });
  assert.equal(backup.code, 0, backup.stderr);
  const { snapshot } = JSON.parse(backup.stdout) as { snapshot: { id: string; items: number } };
  assert.equal(snapshot.items, 2);

  const snapshots = await runCli(['--json', 'repo', 'snapshots', '--repo', repo], { env });
  assert.deepEqual(
    (JSON.parse(snapshots.stdout) as { id: string; tags: string[] }[]).map((s) => [s.id, s.tags]),
    [[snapshot.id, ['first']]],
  );
  const ls = await runCli(['--json', 'repo', 'ls', 'latest', '--repo', repo], { env });
  assert.deepEqual(
    ls.stdout
      .trim()
      .split('\n')
      .map((line) => (JSON.parse(line) as { path: string }).path),
    ['inbox/a.eml', 'notes.txt'],
  );
  const cat = await runCli(['repo', 'cat', snapshot.id.slice(0, 8), 'inbox/a.eml', '--repo', repo], { env });
  assert.equal(cat.stdout, 'Subject: hello\n\nbody');
  const check = await runCli(['repo', 'check', '--read-data', '--repo', repo], { env });
  assert.equal(check.code, 0, check.stderr);
  assert.match(check.stdout, /no errors/);
  const stats = JSON.parse((await runCli(['--json', 'repo', 'stats', '--repo', repo], { env })).stdout) as {
    snapshots: number;
  };
  assert.equal(stats.snapshots, 1);

  const noRules = await runCli(['repo', 'forget', '--repo', repo], { env });
  assert.equal(noRules.code, 2);
  const dryRun = await runCli(['--json', 'repo', 'forget', '--keep-last', '1', '--dry-run', '--repo', repo], {
    env,
  });
  assert.deepEqual((JSON.parse(dryRun.stdout) as { removed: string[] }).removed, []);
  const prune = await runCli(['--json', 'repo', 'prune', '--grace', '0', '--repo', repo], { env });
  assert.equal(prune.code, 0, prune.stderr);

  const passwd = await runCli(['repo', 'passwd', '--repo', repo], {
    env: { ...env, TENANTVAULT_NEW_PASSWORD: 'next' },
  });
  assert.equal(passwd.code, 0, passwd.stderr);
  const old = await runCli(['repo', 'snapshots', '--repo', repo], { env });
  assert.equal(old.code, 1);
  assert.match(old.stderr, /wrong password/);
  const next = await runCli(['repo', 'snapshots', '--repo', repo], { env: { TENANTVAULT_PASSWORD: 'next' } });
  assert.equal(next.code, 0);
});

test('the password never comes from an argument; without a terminal it must be in the environment', async (t) => {
  const repo = join(await tempDir(t), 'repo');
  const result = await runCli(['repo', 'init', '--repo', repo], { env: { TENANTVAULT_PASSWORD: '' } });
  assert.equal(result.code, 2);
  assert.match(result.stderr, /TENANTVAULT_PASSWORD/);
  assert.equal((await runCli(['repo', 'init', '--repo', repo, '--password', 'x'], { env })).code, 2);
});

test('check reports damage with exit code 1 and names the file', async (t) => {
  const repo = join(await tempDir(t), 'repo');
  await runCli(['repo', 'init', '--repo', repo], { env });
  await mkdir(join(repo, 'snapshots'), { recursive: true });
  await writeFile(join(repo, 'snapshots', 'ab'.repeat(32)), 'garbage');
  const check = await runCli(['--json', 'repo', 'check', '--repo', repo], { env });
  assert.equal(check.code, 1);
  const report = JSON.parse(check.stdout) as { errors: { file: string }[] };
  assert.deepEqual(
    report.errors.map((e) => e.file),
    [`snapshots/${'ab'.repeat(32)}`],
  );
});
