// The Graph client against a real sandbox over HTTPS: tokens with a secret and with a
// certificate, clear errors, paging, delta (full, incremental, expired) and $batch.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  DeltaTokenExpiredError,
  GraphAuthenticationError,
  GraphClient,
  GraphRequestError,
  type GraphEvent,
} from '../../src/graph/index.js';
import { startTestSandbox, type TestSandbox } from '../support/sandbox.js';
import { connectionTo } from './support.js';

interface User {
  id: string;
  displayName?: string;
  '@removed'?: { reason: string };
}

describe('Graph client against the sandbox', () => {
  let sandbox: TestSandbox;
  let client: GraphClient;
  let userCount: number;
  const events: GraphEvent[] = [];

  before(async () => {
    sandbox = await startTestSandbox({ users: 300 });
    client = new GraphClient(connectionTo(sandbox), { onEvent: (event) => events.push(event) });
    const tenant = sandbox.running.sandbox.tenants.get(sandbox.tenant.tenantId);
    userCount = tenant?.store.collection('users').size ?? 0;
  });

  after(async () => {
    await client?.close();
    await sandbox?.close();
  });

  test('app tokens with a client secret and with a certificate, cached between requests', async () => {
    const first = await client.tokens.token();
    assert.equal(first.split('.').length, 3);
    assert.equal(await client.tokens.token(), first, 'the cached token is reused');
    const withCertificate = new GraphClient(connectionTo(sandbox, 'certificate'));
    try {
      const organization = await withCertificate.get<{ value: { id: string }[] }>('/organization');
      assert.equal(organization.value[0]?.id, sandbox.tenant.tenantId);
    } finally {
      await withCertificate.close();
    }
  });

  test('a wrong secret gives the AADSTS code and description, and never the secret', async () => {
    const secret = 'not-the-right-secret-1234';
    const wrong = new GraphClient({ ...connectionTo(sandbox), credential: { kind: 'secret', secret } });
    try {
      const error = await wrong.get('/users').then(
        () => assert.fail('a wrong secret must not give a token'),
        (failure: unknown) => failure,
      );
      assert.ok(error instanceof GraphAuthenticationError, String(error));
      assert.equal(error.aadstsCode, 'AADSTS7000215');
      assert.equal(error.oauthError, 'invalid_client');
      assert.match(error.message, /AADSTS7000215/);
      assert.match(error.message, new RegExp(sandbox.tenant.clientId));
      assert.doesNotMatch(error.message, new RegExp(secret));
    } finally {
      await wrong.close();
    }
  });

  test('a failed request names the status, Graph code and request id', async () => {
    const error = await client.get('/users/00000000-0000-0000-0000-000000000000').then(
      () => assert.fail('an unknown user must not be found'),
      (failure: unknown) => failure,
    );
    assert.ok(error instanceof GraphRequestError);
    assert.equal(error.status, 404);
    assert.equal(error.code, 'Request_ResourceNotFound');
    assert.ok(error.requestId);
    assert.equal(error.attempts, 1, 'a 404 is not retried');
    assert.match(error.message, /GET \/users\/0{8}-.* 404 Request_ResourceNotFound/);
  });

  test('paging streams every user of the tenant across nextLinks', async () => {
    const seen = new Set<string>();
    let pageCount = 0;
    for await (const page of client.pages<User>('/users', { $select: 'id,displayName', $top: 50 })) {
      pageCount++;
      for (const user of page.items) seen.add(user.id);
    }
    assert.ok(userCount >= 300, `the tenant has ${userCount} users`);
    assert.equal(seen.size, userCount);
    assert.equal(pageCount, Math.ceil(userCount / 50));
    let listed = 0;
    for await (const user of client.list<User>('/users', { $select: 'id' })) listed += user.id ? 1 : 0;
    assert.equal(listed, userCount);
  });

  test('$batch: 45 requests split into three batches, answers in request order, dependsOn kept', async () => {
    const ids = [...(await client.get<{ value: User[] }>('/users', { $select: 'id', $top: 43 })).value].map(
      (user) => user.id,
    );
    const requests = ids.map((id) => ({ id: `user-${id}`, url: `/users/${id}?$select=id,displayName` }));
    requests.push({ id: 'missing', url: '/users/00000000-0000-0000-0000-000000000000' });
    const dependent = { id: 'after-missing', url: `/users/${ids[0]}`, dependsOn: ['missing'] };
    const before = client.counters();
    // Some inner requests fail on the way and are sent again.
    await sandbox.admin('/faults', 'PUT', { rate: 0.3 });
    const answers = await client
      .batch<User>([...requests, dependent])
      .finally(() => sandbox.admin('/faults', 'PUT', { rate: 0 }));
    assert.equal(answers.length, 45);
    answers.slice(0, 43).forEach((answer, index) => {
      assert.equal(answer.status, 200, JSON.stringify(answer));
      assert.equal(answer.body.id, ids[index]);
    });
    assert.equal(answers[43]?.status, 404);
    assert.equal(answers[44]?.status, 424);
    const after = client.counters();
    assert.ok((after.byScope.batch?.requests ?? 0) - (before.byScope.batch?.requests ?? 0) >= 3);
    assert.ok(after.retried > before.retried, 'faulted inner requests were retried');
  });

  test('delta: a full sync, an incremental one with exactly the change, then an expired link', async () => {
    const full = client.delta<User>('/users/delta', { $select: 'id,displayName' });
    const synced = new Set<string>();
    for await (const user of full) synced.add(user.id);
    assert.equal(synced.size, userCount);
    assert.ok(full.deltaLink?.includes('deltatoken'), full.deltaLink);

    const [changed] = synced;
    const tenant = sandbox.tenant.tenantId;
    const patch = await sandbox.admin(`/tenants/${tenant}/objects/users/${changed}`, 'PATCH', {
      displayName: 'Renamed By Delta Test',
    });
    assert.equal(patch.status, 200, JSON.stringify(patch.body));
    const incremental = client.delta<User>(full.deltaLink as string);
    const changes: User[] = [];
    for await (const user of incremental) changes.push(user);
    assert.deepEqual(
      changes.map((user) => [user.id, user.displayName]),
      [[changed, 'Renamed By Delta Test']],
    );
    assert.ok(incremental.deltaLink);

    // Weeks later the link is refused; the access token has expired as well and is renewed on the way.
    await sandbox.admin('/clock', 'POST', { advanceMs: 30 * 24 * 3600_000 });
    events.length = 0;
    await assert.rejects(async () => {
      for await (const user of client.delta<User>(incremental.deltaLink as string))
        assert.fail(`got ${user.id}`);
    }, DeltaTokenExpiredError);
    assert.ok(
      events.some((event) => event.type === 'retry' && event.reason === 'token'),
      'the expired access token was replaced',
    );
  });
});
