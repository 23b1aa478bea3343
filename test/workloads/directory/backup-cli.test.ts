// `tenantvault directory backup` and `directory snapshots` as people and scripts run them,
// against the sandbox: a backup killed mid-way leaves nothing half-written and the next
// one completes with a repository that checks clean; snapshots are listed from the
// catalog; a type Graph refuses ends in exit code 3; expired delta links are reported as
// such, not as failed requests; bad input in exit code 2; a missing
// repository is never created by a backup.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'node:test';
import { PASSWORD } from '../../repository/support.js';
import { CLI_ENTRY, runCli } from '../../support/cli.js';
import { backupFixture, revokePermission } from './backup-support.js';

interface BackupReport {
  seq: number;
  snapshotId: string;
  status: string;
  summary: { types: Record<string, { items: number; error: string | null }> };
}

test('directory backup and snapshots from the command line', async (t) => {
  const fixture = await backupFixture(t);
  const { sandbox, tenantId } = fixture;
  const env = { TENANTVAULT_PASSWORD: PASSWORD, TENANTVAULT_CLIENT_SECRET: sandbox.tenant.clientSecret };
  const connection = [
    '--tenant',
    tenantId,
    '--client-id',
    sandbox.tenant.clientId,
    '--authority',
    sandbox.tenant.authority,
    '--graph-url',
    sandbox.graph,
    '--ca-file',
    sandbox.running.caPath,
  ];
  const backupArgs = (repository = fixture.repositoryDir) => [
    '--home',
    fixture.dir,
    'backup',
    'entra',
    '--repo',
    repository,
    '--catalog',
    fixture.catalogPath,
    ...connection,
  ];

  await t.test('a backup killed mid-way leaves nothing behind; the next one completes', async () => {
    const victim = spawn(process.execPath, ['--import', 'tsx', CLI_ENTRY, ...backupArgs()], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise((resolve) => victim.on('exit', resolve));
    let stderr = '';
    await new Promise<void>((resolve, reject) => {
      victim.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
        // Users are written, the snapshot is not committed yet.
        if (/^Users: \d+ items/m.test(stderr)) resolve();
      });
      victim.on('exit', () => reject(new Error(`the backup ended before it could be killed: ${stderr}`)));
    });
    victim.kill('SIGKILL');
    await exited;
    assert.deepEqual(await fixture.repository.listSnapshots(), []);
    assert.deepEqual(await fixture.catalog.listSnapshots(tenantId), []);

    const next = await runCli(['--json', ...backupArgs()], { env });
    assert.equal(next.code, 0, next.stderr);
    const report = JSON.parse(next.stdout) as BackupReport;
    assert.deepEqual([report.seq, report.status], [1, 'succeeded']);
    assert.equal(report.summary.types.users?.items, fixture.store.collection('users').size);

    const check = await runCli(['repo', 'check', '--read-data', '--repo', fixture.repositoryDir], { env });
    assert.equal(check.code, 0, check.stderr);
    assert.match(check.stdout, /no errors/);
  });

  await t.test('snapshots lists what the catalog holds', async () => {
    const listing = ['snapshots', '--tenant', tenantId, '--catalog', fixture.catalogPath];
    const json = await runCli(['--home', fixture.dir, '--json', ...listing], { env });
    assert.equal(json.code, 0, json.stderr);
    const [snapshot, ...rest] = JSON.parse(json.stdout) as {
      seq: number;
      status: string;
      itemCount: number;
    }[];
    assert.deepEqual(rest, []);
    assert.deepEqual([snapshot?.seq, snapshot?.status], [1, 'succeeded']);
    assert.equal(snapshot?.itemCount, (await fixture.repository.listSnapshots())[0]?.items);
  });

  await t.test('a type Graph refuses makes the backup partial: exit code 3', async () => {
    const regrant = await revokePermission(fixture, 'BitlockerKey.Read.All');
    try {
      const partial = await runCli(['--json', ...backupArgs()], { env });
      assert.equal(partial.code, 3, partial.stderr);
      const report = JSON.parse(partial.stdout) as BackupReport;
      assert.equal(report.status, 'partial');
      assert.match(report.summary.types.bitlockerKeys?.error ?? '', /403/);
      assert.match(partial.stderr, /bitlockerKeys/);
    } finally {
      await regrant();
    }
  });

  await t.test(
    'expired delta links are reported apart from failures: the types are listed in full',
    async () => {
      // A week and a day later Graph refuses the stored delta links.
      await sandbox.admin('/clock', 'POST', { advanceMs: 8 * 24 * 3600 * 1000 });
      const late = await runCli([...backupArgs(), '--types', 'users,groups'], { env });
      assert.equal(late.code, 0, late.stderr);
      assert.match(late.stdout, /^users +full /m);
      assert.match(late.stdout, /, 0 failed; 2 expired delta links \(those types listed in full\)$/m);
    },
  );

  await t.test('unknown types are usage errors; a missing repository is not created', async () => {
    const unknown = await runCli([...backupArgs(), '--types', 'users,printers'], { env });
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /unknown type "printers"/);
    const missing = join(fixture.dir, 'nowhere');
    const noRepository = await runCli(backupArgs(missing), { env });
    assert.equal(noRepository.code, 1);
    assert.match(noRepository.stderr, /no repository at .*repo init/);
  });
});
