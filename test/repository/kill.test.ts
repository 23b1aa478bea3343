// A writer killed with SIGKILL mid-backup: check passes, and the next backup uploads only
// what the killed one had not completed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { FsBackend, Repository } from '../../src/repository/index.js';
import { CLI_ENTRY, runCli } from '../support/cli.js';
import { PASSWORD, randomData, readAll, tempDir } from './support.js';

const env = { TENANTVAULT_PASSWORD: PASSWORD };

async function completePacks(dir: string): Promise<string[]> {
  const files = await readdir(join(dir, 'data'), { recursive: true, withFileTypes: true }).catch(() => []);
  return files.filter((f) => f.isFile() && !f.name.includes('.tmp-')).map((f) => join(f.parentPath, f.name));
}

function backupStdin(dir: string, path: string) {
  return spawn(
    process.execPath,
    ['--import', 'tsx', CLI_ENTRY, '--json', 'repo', 'backup-stdin', path, '--repo', dir],
    {
      env: { ...process.env, ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    },
  );
}

test('SIGKILL mid-backup leaves a repository check passes; the resumed backup reuses completed packs', async (t) => {
  const dir = await tempDir(t);
  assert.equal((await runCli(['repo', 'init', '--repo', dir, '--pack-size', '1MiB'], { env })).code, 0);
  const data = randomData('kill', 32 * 1024 * 1024);

  const victim = backupStdin(dir, 'dump.bin');
  const exited = new Promise((resolve) => victim.on('exit', resolve));
  victim.stdin.on('error', () => undefined);
  victim.stdin.write(data.subarray(0, 16 * 1024 * 1024));
  const deadline = Date.now() + 30_000;
  while ((await completePacks(dir)).length < 3 && Date.now() < deadline) await sleep(20);
  victim.kill('SIGKILL');
  await exited;

  const packs = await completePacks(dir);
  assert.ok(packs.length >= 3, `packs before the kill: ${packs.length}`);
  const storedBeforeResume = (await Promise.all(packs.map((p) => stat(p)))).reduce(
    (sum, s) => sum + s.size,
    0,
  );
  const repository = await Repository.open(new FsBackend(dir), PASSWORD);
  assert.deepEqual(await repository.listSnapshots(), [], 'no half-written snapshot is visible');
  assert.deepEqual((await repository.check({ readData: true })).errors, []);

  const resumed = backupStdin(dir, 'dump.bin');
  let stdout = '';
  resumed.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  resumed.stdin.end(data);
  assert.equal(await new Promise((resolve) => resumed.on('exit', resolve)), 0);
  const result = JSON.parse(stdout) as {
    snapshot: { id: string };
    stats: { bytesUploaded: number; reusedBlobs: number };
  };
  assert.ok(result.stats.reusedBlobs >= 3, `reused ${result.stats.reusedBlobs} blobs`);
  // Only the chunks no completed pack held are uploaded again (plus the small item list).
  const missing = data.length - storedBeforeResume;
  assert.ok(
    result.stats.bytesUploaded <= missing + 64 * 1024,
    `uploaded ${result.stats.bytesUploaded}, missing ${missing}`,
  );

  const after = await Repository.open(new FsBackend(dir), PASSWORD);
  assert.deepEqual((await after.check({ readData: true })).errors, []);
  assert.ok((await readAll(await after.readItem(result.snapshot.id, 'dump.bin'))).equals(data));
});
