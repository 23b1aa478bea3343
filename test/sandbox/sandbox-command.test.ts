// `tenantvault sandbox` as users run it: one JSON line with everything a client needs,
// state that survives a restart with --data, and clear usage errors.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { fetch } from 'undici';
import { createDispatcher } from '../../src/graph/network.js';
import { runCli } from '../support/cli.js';
import { startCliProcess } from '../support/cli-process.js';

interface SandboxInfo {
  url: string;
  graph: string;
  caPath: string;
  adminKey: string;
  tenantId: string;
  authority: string;
  clientId: string;
  clientSecret: string;
  certificatePath: string;
  privateKeyPath: string;
  accounts: { role: string; userPrincipalName: string; password: string }[];
  otherTenants: { tenantId: string }[];
  publisher: { tenantId: string; signInAppId: string; backupAppId: string };
}

const startCli = (args: string[], home: string) =>
  startCliProcess<SandboxInfo>(['sandbox', '--port', '0', ...args], home);

describe('tenantvault sandbox', () => {
  test('--json prints one line with the tenant, the backup app, the CA and the demo accounts', async () => {
    const home = mkdtempSync(join(tmpdir(), 'tv-sandbox-cli-'));
    const sandbox = await startCli(['--users', '50'], home);
    const { info } = sandbox;
    assert.match(info.url, /^https:\/\/127\.0\.0\.1:\d+$/);
    assert.equal(info.graph, `${info.url}/v1.0`);
    assert.equal(info.authority, `${info.url}/${info.tenantId}`);
    assert.ok(info.clientId && info.clientSecret);
    assert.ok(readFileSync(info.certificatePath, 'utf8').includes('BEGIN CERTIFICATE'));
    assert.ok(readFileSync(info.privateKeyPath, 'utf8').includes('PRIVATE KEY'));
    assert.ok(info.caPath.startsWith(home));
    assert.ok(info.accounts.some((account) => account.role === 'Global Administrator'));
    assert.ok(info.accounts.some((account) => account.role === 'Privileged Role Administrator'));
    assert.equal(info.otherTenants.length, 1);
    assert.ok(info.publisher.signInAppId && info.publisher.backupAppId);
    // The CA it printed is the one the server's certificate chains to.
    const dispatcher = createDispatcher(readFileSync(info.caPath, 'utf8'));
    const discovery = await fetch(`${info.authority}/v2.0/.well-known/openid-configuration`, { dispatcher });
    assert.equal(discovery.status, 200);
    assert.equal(await sandbox.stop(), 0);
  });

  test('--data keeps the tenant across a restart', async () => {
    const home = mkdtempSync(join(tmpdir(), 'tv-sandbox-cli-'));
    const data = join(home, 'state');
    const first = await startCli(['--users', '50', '--data', data], home);
    const dispatcher = createDispatcher(readFileSync(first.info.caPath, 'utf8'));
    const admin = (info: SandboxInfo, path: string, method = 'GET', body?: unknown) =>
      fetch(`${info.url}/_sandbox${path}`, {
        method,
        dispatcher,
        headers: { 'x-sandbox-admin-key': info.adminKey, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    const created = await admin(first.info, `/tenants/${first.info.tenantId}/objects/groups`, 'POST', {
      displayName: 'Survives restarts',
      mailEnabled: false,
      securityEnabled: true,
      mailNickname: 'survivor',
    });
    assert.equal(created.status, 201);
    const group = (await created.json()) as { id: string };
    assert.equal(await first.stop(), 0);

    const second = await startCli(['--users', '50', '--data', data], home);
    assert.equal(second.info.tenantId, first.info.tenantId);
    assert.equal(second.info.clientSecret, first.info.clientSecret);
    const read = await admin(second.info, `/tenants/${second.info.tenantId}/objects/groups/${group.id}`);
    assert.equal(read.status, 200);
    assert.equal(((await read.json()) as { displayName: string }).displayName, 'Survives restarts');
    assert.equal(await second.stop(), 0);
  });

  test('bad options are usage errors (exit code 2)', async () => {
    const home = mkdtempSync(join(tmpdir(), 'tv-sandbox-cli-'));
    for (const args of [
      ['--throttle', 'sometimes'],
      ['--faults', '2'],
      ['--port', 'x'],
    ]) {
      const result = await runCli(['--home', home, 'sandbox', ...args]);
      assert.equal(result.code, 2, `${args.join(' ')}: ${result.stderr}`);
      assert.match(result.stderr, new RegExp(args[0] as string));
    }
  });

  test('TENANTVAULT_* variables and the config file configure the command, flags win', async () => {
    const home = mkdtempSync(join(tmpdir(), 'tv-sandbox-cli-'));
    const fromEnv = await runCli(['--home', home, 'sandbox'], { env: { TENANTVAULT_THROTTLE: 'sometimes' } });
    assert.equal(fromEnv.code, 2);
    assert.match(fromEnv.stderr, /--throttle/);
    const { writeFileSync } = await import('node:fs');
    writeFileSync(join(home, 'config.json'), JSON.stringify({ sandbox: { faults: '7' } }));
    const fromConfig = await runCli(['--home', home, 'sandbox']);
    assert.equal(fromConfig.code, 2);
    assert.match(fromConfig.stderr, /--faults/);
    writeFileSync(join(home, 'config.json'), '{ not json');
    const broken = await runCli(['--home', home, 'sandbox']);
    assert.equal(broken.code, 2);
    assert.match(broken.stderr, /config\.json/);
  });
});
