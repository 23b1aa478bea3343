// Thousands of random paths, queries, bodies and tokens: every answer is a success or an
// error in the service's own shape, and the server stays up.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Random } from '../../src/sandbox/random.js';
import { startTestSandbox, type TestSandbox } from '../support/sandbox.js';

let sandbox: TestSandbox;
before(async () => {
  sandbox = await startTestSandbox({ users: 60, seed: 'robust', faults: 0 });
});
after(() => sandbox.close());

const SEGMENTS = [
  'users',
  'groups',
  'applications',
  'servicePrincipals',
  'devices',
  'directoryRoles',
  'directory',
  'deletedItems',
  'administrativeUnits',
  'identity',
  'conditionalAccess',
  'policies',
  'namedLocations',
  'deviceManagement',
  'deviceConfigurations',
  'deviceCompliancePolicies',
  'auditLogs',
  'signIns',
  'directoryAudits',
  'informationProtection',
  'bitlocker',
  'recoveryKeys',
  'roleManagement',
  'roleDefinitions',
  'roleAssignments',
  'members',
  'owners',
  '$ref',
  '$count',
  'delta',
  'delta()',
  'memberOf',
  'manager',
  'assign',
  'restore',
  'microsoft.graph.user',
  'appRoleAssignedTo',
  'me',
  'organization',
  '%00',
  '..',
  '%2e%2e',
  "'",
  '😀',
  'a'.repeat(300),
];
const QUERIES = [
  '$select=id,displayName',
  '$select=',
  '$top=5',
  '$top=-1',
  '$top=abc',
  "$filter=startswith(displayName,'A')",
  '$filter=displayName eq',
  "$filter=id eq 'x' or",
  '$filter=((((',
  '$filter=createdDateTime ge 2024-01-01T00:00:00Z',
  '$count=true',
  '$count=maybe',
  '$expand=members',
  '$expand=nonsense',
  '$search="displayName:a"',
  '$search=unquoted',
  '$orderby=displayName',
  '$skiptoken=garbage',
  '$deltatoken=garbage',
  '$deltatoken=latest',
  '$skip=3',
  '$unknown=1',
];
const BODIES: unknown[] = [
  undefined,
  '{',
  'null',
  '[]',
  '{"displayName": 5}',
  '{"@odata.id": "nope"}',
  '{"accountEnabled": true, "displayName": "x", "mailNickname": "x", "userPrincipalName": "x@y", "passwordProfile": {"password": "a"}}',
  '{"requests": "nope"}',
  '{"requests": [{"id": "1", "method": "GET", "url": "/users", "dependsOn": ["1"]}]}',
  '\u0000\u0001',
];

test('random requests get success or Graph-shaped errors and never kill the server', async () => {
  const random = new Random('robustness');
  const goodToken = await sandbox.appToken();
  const tokens = [
    goodToken,
    '',
    'garbage',
    `${goodToken.slice(0, -4)}abcd`,
    goodToken.split('.').slice(0, 2).join('.'),
  ];
  const methods = ['GET', 'POST', 'PATCH', 'PUT', 'DELETE'];
  const ids = (await sandbox.graphRequest('/users?$top=5&$select=id', { token: goodToken })).body.value.map(
    (user: { id: string }) => user.id,
  );
  let count = 0;
  for (let index = 0; index < 2500; index++) {
    const parts = Array.from({ length: random.int(0, 5) }, () =>
      random.chance(0.2) ? random.pick(ids) : encodeURIComponent(random.pick(SEGMENTS)).replace(/%25/g, '%'),
    );
    const query = random.chance(0.5)
      ? `?${Array.from({ length: random.int(1, 3) }, () => random.pick(QUERIES)).join('&')}`
      : '';
    const prefix = random.chance(0.9)
      ? '/v1.0'
      : random.pick(['', '/beta', '/_sandbox', `/${sandbox.tenant.tenantId}/oauth2/v2.0`]);
    const path = `${prefix}/${random.chance(0.05) ? '$batch' : parts.join('/')}${query}`;
    const method = random.pick(methods);
    const body = method === 'GET' || method === 'DELETE' ? undefined : random.pick(BODIES);
    const token = random.pick(tokens);
    const contentType = random.pick([
      'application/json',
      'text/plain',
      'application/x-www-form-urlencoded',
      undefined,
    ]);
    const response = await sandbox.fetch(path, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(contentType && body !== undefined ? { 'content-type': contentType } : {}),
        ...(random.chance(0.3) ? { consistencylevel: 'eventual' } : {}),
      },
      body: body as string | undefined,
    });
    const text = await response.text();
    count++;
    assert.ok(
      response.status < 500 || response.status === 503 || response.status === 504,
      `${method} ${path} -> ${response.status} ${text}`,
    );
    if (response.status >= 400) {
      const parsed = JSON.parse(text) as { error?: { code?: unknown; message?: unknown } | string };
      if (typeof parsed.error === 'string') {
        // The identity platform's OAuth error shape.
        assert.equal(
          typeof (parsed as { error_description?: unknown }).error_description,
          'string',
          `${method} ${path}`,
        );
      } else {
        assert.equal(typeof parsed.error?.code, 'string', `${method} ${path}: ${text}`);
        assert.equal(typeof parsed.error?.message, 'string', `${method} ${path}: ${text}`);
      }
    }
  }
  assert.equal(count, 2500);
  const health = await sandbox.graphRequest('/users?$top=1', { token: goodToken });
  assert.equal(health.status, 200);
});
