// `tenantvault tenant add|list|remove` against the sandbox: a connection is saved only
// once Graph answered with it, its credential never lands in clear, and a saved tenant
// is all a backup and the read commands need.
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { PASSWORD } from '../repository/support.js';
import { runCli } from '../support/cli.js';
import { startTestSandbox, type TestSandbox } from '../support/sandbox.js';

let sandbox: TestSandbox;
let home: string;

before(async () => {
  sandbox = await startTestSandbox({ users: 40, seed: 'saved-tenants', tenants: 1 });
  home = await mkdtemp(join(tmpdir(), 'tenantvault-tenants-'));
});
after(async () => {
  await sandbox.close();
  await rm(home, { recursive: true, force: true });
});

const endpoints = () => [
  '--authority',
  sandbox.tenant.authority,
  '--graph-url',
  sandbox.graph,
  '--ca-file',
  sandbox.running.caPath,
];
const cli = (args: string[], env: NodeJS.ProcessEnv = {}) =>
  runCli(['--home', home, ...args], { env: { TENANTVAULT_PASSWORD: PASSWORD, ...env } });

/** `tenant add` of the sandbox tenant by its domain, with the given client secret. */
const addTenant = (secret: string) =>
  cli(
    [
      '--json',
      'tenant',
      'add',
      '--tenant',
      sandbox.tenant.domain,
      '--client-id',
      sandbox.tenant.clientId,
      ...endpoints(),
    ],
    { TENANTVAULT_CLIENT_SECRET: secret },
  );

test('a wrong secret is refused and nothing is saved', async () => {
  const refused = await addTenant('not-the-secret');
  assert.equal(refused.code, 1, refused.stderr);
  assert.match(refused.stderr, /secret|credential|AADSTS/i);
  const listed = await cli(['--json', 'tenant', 'list']);
  assert.deepEqual(JSON.parse(listed.stdout), []);
});

test('a saved tenant backs up and is read by name; removing it forgets the credential', async () => {
  const added = await addTenant(sandbox.tenant.clientSecret);
  assert.equal(added.code, 0, added.stderr);
  const saved = JSON.parse(added.stdout) as { tenantId: string; domain: string; credentialKind: string };
  assert.equal(saved.tenantId, sandbox.tenant.tenantId);
  assert.equal(saved.domain, sandbox.tenant.domain);
  assert.equal(saved.credentialKind, 'secret');

  const file = await readFile(join(home, 'tenants.json'), 'utf8');
  assert.ok(!file.includes(sandbox.tenant.clientSecret), 'the secret is sealed');
  const listed = await cli(['--json', 'tenant', 'list']);
  assert.ok(!listed.stdout.includes(sandbox.tenant.clientSecret));
  assert.equal((JSON.parse(listed.stdout) as unknown[]).length, 1);

  const repo = join(home, 'vault');
  assert.equal((await cli(['repo', 'init', '--repo', repo])).code, 0);
  // No client id, secret or endpoint: the saved connection supplies them.
  const backup = await cli([
    '--json',
    'backup',
    'entra',
    '--tenant',
    sandbox.tenant.domain,
    '--repo',
    repo,
    '--types',
    'users,groups',
  ]);
  assert.equal(backup.code, 0, backup.stderr);
  const listing = await cli(['--json', 'entra', 'ls', '--tenant', sandbox.tenant.domain, '--type', 'groups']);
  assert.equal(listing.code, 0, listing.stderr);
  const lines = listing.stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { type?: string });
  assert.ok(lines.filter((line) => line.type === 'groups').length > 0);

  assert.equal((await cli(['tenant', 'remove', sandbox.tenant.domain])).code, 0);
  const unknown = await cli(['backup', 'entra', '--tenant', sandbox.tenant.domain, '--repo', repo]);
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /is not saved \(tenantvault tenant add\)/);
  assert.equal((await cli(['tenant', 'remove', sandbox.tenant.domain])).code, 2);
});
