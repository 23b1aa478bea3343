// `tenantvault serve` as people run it: refused without tenantvault's apps configured, and
// with --demo a service against an in-process sandbox whose first tenant is connected and
// backed up, so its admin and an ordinary user can sign in at once and find a snapshot.
import assert from 'node:assert/strict';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { createDispatcher } from '../../src/graph/network.js';
import { runCli } from '../support/cli.js';
import { startDemoProcess } from '../support/cli-process.js';
import { finishedJob } from '../support/jobs.js';
import { PortalBrowser } from '../support/portal-browser.js';
import { ensurePortalBuilt } from '../portal/support.js';

test('without the sign-in app configured, serve is a usage error', async () => {
  const home = await mkdtemp(join(tmpdir(), 'tv-serve-'));
  const result = await runCli(['--home', home, 'serve'], {
    env: { TENANTVAULT_SIGN_IN_CLIENT_ID: '', TENANTVAULT_BACKUP_CLIENT_ID: '' },
  });
  assert.equal(result.code, 2, result.stderr);
  assert.match(result.stderr, /--sign-in-client-id/);
});

test('SMTP settings that cannot work are usage errors: a password in the URL, no sender, no URL', async () => {
  const home = await mkdtemp(join(tmpdir(), 'tv-serve-'));
  const env = {
    TENANTVAULT_SIGN_IN_CLIENT_ID: '11111111-1111-1111-1111-111111111111',
    TENANTVAULT_SIGN_IN_CLIENT_SECRET: 'sign-in secret',
    TENANTVAULT_BACKUP_CLIENT_ID: '22222222-2222-2222-2222-222222222222',
    TENANTVAULT_BACKUP_CLIENT_SECRET: 'backup secret',
  };
  const cases: [string[], RegExp][] = [
    [
      ['--smtp-url', 'smtp://relay:hunter2@mail.example.com:587', '--smtp-from', 'b@example.com'],
      /TENANTVAULT_SMTP_PASSWORD/,
    ],
    [['--smtp-url', 'smtp://mail.example.com:587'], /--smtp-from/],
    [['--smtp-url', 'http://mail.example.com', '--smtp-from', 'b@example.com'], /smtp:\/\/ \(STARTTLS\)/],
    [['--smtp-from', 'b@example.com'], /--smtp-url/],
  ];
  for (const [flags, message] of cases) {
    const result = await runCli(['--home', home, 'serve', ...flags], { env });
    assert.equal(result.code, 2, `${flags.join(' ')}: ${result.stderr}`);
    assert.match(result.stderr, message);
    assert.ok(!result.stderr.includes('hunter2'));
  }
});

test('serve --demo: the demo admin and end user sign in to a connected, backed-up organization', async () => {
  await ensurePortalBuilt();
  const demoProcess = await startDemoProcess();
  const { info } = demoProcess;
  assert.match(info.url, /^http:\/\/localhost:\d+$/);
  const dispatcher = createDispatcher(await readFile(info.demo.caPath, 'utf8'));
  const demo = info.demo as unknown as Record<
    'admin' | 'endUser',
    { userPrincipalName: string; password: string; id: string; role: 'User' }
  >;

  const admin = new PortalBrowser(info.url, dispatcher);
  const me = await admin.signIn(demo.admin);
  assert.equal(me.status, 200, me.text);
  assert.equal(me.body.organization.access, 'administrator');
  assert.equal(me.body.user.tenantId, info.demo.tenant);
  const organization = await admin.api('GET', `/api/organizations/${me.body.organization.id}`);
  assert.equal(organization.body.health.connected, true);
  const jobs = await admin.api('GET', `/api/organizations/${me.body.organization.id}/jobs?kind=backup`);
  const backup = await finishedJob(admin, me.body.organization.id, jobs.body.items[0].id, 120_000);
  assert.equal(backup.state, 'succeeded', JSON.stringify(backup));
  const snapshots = await admin.api(
    'GET',
    `/api/organizations/${me.body.organization.id}/directory/snapshots`,
  );
  assert.equal(snapshots.body.snapshots.length, 1);

  // The portal: its page for any app path, its assets cached for good, both under a CSP.
  const page = await admin.request('/organizations');
  assert.equal(page.status, 200, page.text);
  assert.match(page.headers.get('content-type') ?? '', /^text\/html/);
  assert.match(page.headers.get('content-security-policy') ?? '', /script-src 'self'/);
  assert.equal(page.headers.get('cache-control'), 'no-cache');
  const script = /src="(\/assets\/[^"]+\.js)"/.exec(page.text)?.[1];
  assert.ok(script, page.text);
  const asset = await admin.request(script);
  assert.equal(asset.status, 200);
  assert.match(asset.headers.get('cache-control') ?? '', /immutable/);
  assert.equal((await admin.request('/api/nothing-here')).body.error.code, 'not_found');

  const endUser = new PortalBrowser(info.url, dispatcher);
  const theirs = await endUser.signIn(demo.endUser);
  assert.equal(theirs.status, 200, theirs.text);
  assert.equal(theirs.body.organization.access, 'none');

  assert.equal(await demoProcess.stop(), 0, demoProcess.stderr());
  await dispatcher.close();
});
