// The scale-out mode as deployed: the service database and catalog on PostgreSQL,
// repositories on S3-compatible storage (s3rver), the API in this process and two
// `tenantvault serve --role worker` processes. Backups of two organizations run on the
// workers; a worker killed in the middle of a backup loses the job to the other one, which
// finishes it, and the repository checks clean afterwards.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { test } from 'node:test';
import S3rver from 's3rver';
import { defaultSettings } from '../../src/service/organizations/settings.js';
import { tempCatalogUrl } from '../catalog/support.js';
import { CLI_ENTRY } from '../support/cli.js';
import { finishedJob } from '../support/jobs.js';
import type { PortalBrowser } from '../support/portal-browser.js';
import { tempDir } from '../repository/support.js';
import { connectByConsent, startWorld, type World } from './support.js';

const S3_CREDENTIALS = {
  AWS_ACCESS_KEY_ID: 'S3RVER',
  AWS_SECRET_ACCESS_KEY: 'S3RVER',
  AWS_REGION: 'us-east-1',
};
const REPOSITORY_ROOT = 's3://backups/tenants';

function startWorker(world: World, flags: string[], env: NodeJS.ProcessEnv): ChildProcess {
  const { platform, sandbox } = { platform: world.service.platform, sandbox: world.sandbox };
  const credential = platform.backupApp.credential;
  assert.equal(credential.kind, 'secret');
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      CLI_ENTRY,
      'serve',
      '--role',
      'worker',
      '--workers',
      '1',
      '--authority',
      platform.authorityHost,
      '--graph-url',
      platform.graphBaseUrl,
      '--ca-file',
      sandbox.running.caPath,
      '--sign-in-client-id',
      platform.signInApp.clientId,
      '--backup-client-id',
      platform.backupApp.clientId,
      ...flags,
    ],
    {
      env: {
        ...process.env,
        ...env,
        TENANTVAULT_SIGN_IN_CLIENT_SECRET: platform.signInApp.clientSecret,
        TENANTVAULT_BACKUP_CLIENT_SECRET: credential.secret,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  child.stdout?.resume();
  child.stderr?.resume();
  return child;
}

async function turnOn(admin: PortalBrowser, organizationId: string): Promise<void> {
  const settings = defaultSettings();
  Object.assign(settings.objectTypes, { users: true, groups: true, conditionalAccessPolicies: true });
  const saved = await admin.api('PUT', `/api/organizations/${organizationId}/settings`, settings);
  assert.equal(saved.status, 200, saved.text);
}

async function backUp(admin: PortalBrowser, organizationId: string): Promise<string> {
  const started = await admin.api('POST', `/api/organizations/${organizationId}/jobs/backup`, {});
  assert.equal(started.status, 202, started.text);
  return started.body.job.id as string;
}

test('two worker processes on PostgreSQL and S3 share the jobs and survive a killed worker', async (t) => {
  const databaseUrl = await tempCatalogUrl(t, 'postgres');
  const s3 = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory: await tempDir(t),
    configureBuckets: [{ name: 'backups', configs: [] }],
  });
  const s3Endpoint = `http://127.0.0.1:${(await s3.run()).port}`;
  t.after(() => s3.close());
  Object.assign(process.env, S3_CREDENTIALS);

  const serviceKey = randomBytes(32);
  const home = await tempDir(t);
  const keyFile = join(home, 'service.key');
  await writeFile(keyFile, serviceKey.toString('base64'));
  const world = await startWorld({
    databaseUrl,
    workers: false,
    repositoryRoot: REPOSITORY_ROOT,
    s3Endpoint,
    serviceKey,
  });
  // Closed before the database is dropped (the drop, registered first, would cut its connections).

  const shared = ['--database', databaseUrl, '--repository', REPOSITORY_ROOT, '--s3-endpoint', s3Endpoint];
  const workerFlags = [...shared, '--service-key-file', keyFile, '--job-lease', '3'];
  const workers = [1, 2].map((n) =>
    startWorker(world, [...workerFlags, '--home', join(home, `worker-${n}`)], S3_CREDENTIALS),
  );
  try {
    await scenario(world, workers);
  } finally {
    const alive = workers.filter((worker) => worker.exitCode === null && worker.signalCode === null);
    await Promise.all(
      alive.map((worker) => new Promise((resolve) => worker.once('exit', resolve).kill('SIGTERM'))),
    );
    await world.close();
  }
});

async function scenario(world: World, workers: ChildProcess[]): Promise<void> {
  const customer = await connectByConsent(world, world.tenants.customer);
  const other = await connectByConsent(world, world.tenants.otherCustomer);
  await turnOn(customer.browser, customer.id);
  await turnOn(other.browser, other.id);

  // Failing and slow Graph answers keep the first backup running long enough to kill its worker.
  assert.equal((await world.sandbox.admin('/faults', 'PUT', { rate: 0.6 })).status, 200);
  const first = await backUp(customer.browser, customer.id);
  let running: { worker: string | null } | undefined;
  for (let tries = 0; tries < 600 && !running?.worker; tries++) {
    const job = await customer.browser.api('GET', `/api/organizations/${customer.id}/jobs/${first}`);
    if (job.body.state === 'running') running = job.body;
    else await sleep(50);
  }
  assert.ok(running?.worker, 'the first backup started on a worker');
  const pid = Number(running.worker.split(':')[1]);
  const victim = workers.find((worker) => worker.pid === pid);
  assert.ok(victim, `the job runs on one of the two workers (${running.worker})`);
  victim.kill('SIGKILL');
  assert.equal((await world.sandbox.admin('/faults', 'PUT', { rate: 0 })).status, 200);

  const resumed = await finishedJob(customer.browser, customer.id, first, 120_000);
  assert.equal(resumed.state, 'succeeded', JSON.stringify(resumed));
  assert.ok(resumed.attempt >= 2, 'the surviving worker ran it again');

  const again = await backUp(customer.browser, customer.id);
  const theirs = await backUp(other.browser, other.id);
  for (const [browser, organizationId, jobId] of [
    [customer.browser, customer.id, again],
    [other.browser, other.id, theirs],
  ] as const) {
    const job = await finishedJob(browser, organizationId, jobId, 120_000);
    assert.equal(job.state, 'succeeded', JSON.stringify(job));
  }
  const snapshots = await customer.browser.api(
    'GET',
    `/api/organizations/${customer.id}/directory/snapshots`,
  );
  assert.deepEqual(
    snapshots.body.snapshots.map((snapshot: { seq: number }) => snapshot.seq),
    [2, 1],
  );
  const checked = await customer.browser.api('POST', `/api/organizations/${customer.id}/jobs/check`, {
    readData: true,
  });
  const check = await finishedJob(customer.browser, customer.id, checked.body.job.id, 120_000);
  assert.equal(check.state, 'succeeded', JSON.stringify(check));
}
