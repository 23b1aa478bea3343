// Microsoft's own Graph client library is the referee: if it pages, syncs, batches and
// retries against the sandbox without special handling, the sandbox speaks Graph.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  BatchRequestContent,
  BatchResponseContent,
  Client,
  PageIterator,
  type PageCollection,
} from '@microsoft/microsoft-graph-client';
import type { User } from '@microsoft/microsoft-graph-types';
import { startTestSandbox, type TestSandbox } from '../support/sandbox.js';

let sandbox: TestSandbox;
let client: Client;

function graphClient(target: TestSandbox): Client {
  const url = new URL(target.url);
  return Client.init({
    baseUrl: `${target.url}/`,
    defaultVersion: 'v1.0',
    customHosts: new Set([url.hostname]),
    authProvider: (done) => {
      target.appToken().then(
        (token) => done(null, token),
        (error: Error) => done(error, null),
      );
    },
  });
}

before(async () => {
  sandbox = await startTestSandbox({ users: 350 });
  client = graphClient(sandbox);
});
after(() => sandbox.close());

describe('Microsoft Graph SDK against the sandbox', () => {
  test('PageIterator pages through every user', async () => {
    const first = (await client.api('/users').top(50).select('id,displayName').get()) as PageCollection;
    assert.ok(first['@odata.nextLink'], 'a first page of 50 has a nextLink');
    const ids = new Set<string>();
    const iterator = new PageIterator(client, first, (user: User) => {
      ids.add(user.id as string);
      return true;
    });
    await iterator.iterate();
    const total = sandbox.running.sandbox.tenants
      .get(sandbox.tenant.tenantId)
      ?.store.collection('users').size;
    assert.equal(ids.size, total);
    assert.ok(ids.size >= 350);
  });

  test('delta round trip: full sync, a change, a deletion, an expired token', async () => {
    let response = await client.api('/users/delta').select('displayName,jobTitle,accountEnabled').get();
    let synced = 0;
    while (response['@odata.nextLink']) {
      synced += response.value.length;
      response = await client.api(response['@odata.nextLink']).get();
    }
    synced += response.value.length;
    assert.ok(synced >= 350);
    const deltaLink: string = response['@odata.deltaLink'];
    assert.ok(deltaLink);

    const users = await client.api('/users').top(3).select('id,userPrincipalName').get();
    const [changed, removed] = users.value as User[];
    await client.api(`/users/${changed?.id}`).patch({ jobTitle: 'Chief Backup Officer' });
    const afterPatch = await client.api(deltaLink).get();
    assert.deepEqual(afterPatch.value, [{ id: changed?.id, jobTitle: 'Chief Backup Officer' }]);

    await client.api(`/users/${removed?.id}`).delete();
    const afterDelete = await client.api(afterPatch['@odata.deltaLink']).get();
    assert.deepEqual(afterDelete.value, [{ id: removed?.id, '@removed': { reason: 'changed' } }]);

    await sandbox.admin('/clock', 'POST', { advanceMs: 8 * 24 * 3600 * 1000 });
    await assert.rejects(
      client.api(afterDelete['@odata.deltaLink']).get(),
      (error: { statusCode: number; code: string }) => {
        assert.equal(error.statusCode, 400);
        assert.equal(error.code, 'syncStateNotFound');
        return true;
      },
    );
  });

  test('delta selecting manager reports a new manager, and a deleted one, as manager@delta', async () => {
    const users = await client.api('/users').top(4).select('id').get();
    const [report, first, second] = (users.value as User[]).slice(1).map((user) => user.id as string);
    const setManager = (id: string | undefined) =>
      client.api(`/users/${report}/manager/$ref`).put({ '@odata.id': `${sandbox.graph}/users/${id}` });
    await setManager(first);
    let response = await client.api('/users/delta').select('displayName,manager').get();
    while (response['@odata.nextLink']) response = await client.api(response['@odata.nextLink']).get();

    await setManager(second);
    const changed = await client.api(response['@odata.deltaLink']).get();
    const entry = (id: string | undefined, removed?: boolean) => ({
      '@odata.type': '#microsoft.graph.user',
      id,
      ...(removed ? { '@removed': { reason: 'deleted' } } : {}),
    });
    assert.deepEqual(changed.value, [{ id: report, 'manager@delta': [entry(first, true), entry(second)] }]);

    await client.api(`/users/${second}`).delete();
    const afterDelete = await client.api(changed['@odata.deltaLink']).get();
    assert.deepEqual(afterDelete.value, [
      { id: report, 'manager@delta': [entry(second, true)] },
      { id: second, '@removed': { reason: 'changed' } },
    ]);
  });

  test('a serial $batch of 20 where a failed request makes the rest 424', async () => {
    // The SDK accepts parallel, serial or same-dependency batches; serial shows all three outcomes.
    const steps = Array.from({ length: 20 }, (_, index) => {
      const id = String(index + 1);
      const url =
        index === 10
          ? `${sandbox.graph}/users/00000000-0000-4000-8000-000000000000`
          : `${sandbox.graph}/users?$top=1&$select=id`;
      return {
        id,
        request: new Request(url, { method: 'GET' }),
        ...(index > 0 ? { dependsOn: [String(index)] } : {}),
      };
    });
    const batch = new BatchRequestContent(steps);
    const result = new BatchResponseContent(await client.api('/$batch').post(await batch.getContent()));
    const responses = result.getResponses();
    assert.equal(responses.size, 20);
    for (let id = 1; id <= 10; id++) assert.equal(responses.get(String(id))?.status, 200);
    assert.equal(responses.get('11')?.status, 404);
    for (let id = 12; id <= 20; id++) assert.equal(responses.get(String(id))?.status, 424);
  });

  test('a batch of 21 requests is refused', async () => {
    const requests = Array.from({ length: 21 }, (_, index) => ({
      id: String(index),
      method: 'GET',
      url: '/users',
    }));
    const response = await sandbox.graphRequest('/$batch', { method: 'POST', body: { requests } });
    assert.equal(response.status, 400);
    assert.ok(response.body.error.message.includes('20'));
  });
});

describe('Microsoft Graph SDK retries', () => {
  let throttled: TestSandbox;
  before(async () => {
    throttled = await startTestSandbox({ throttle: 5, seed: 'retry' });
  });
  after(() => throttled.close());

  test('its RetryHandler recovers from 429s on the audit-log limit', async () => {
    const sdk = graphClient(throttled);
    // Audit logs allow 5 requests per 10 s (2 s at speed 5); later ones get 429 + Retry-After.
    const started = Date.now();
    for (let index = 0; index < 7; index++) {
      const page = await sdk.api('/auditLogs/directoryAudits').top(1).get();
      assert.ok(Array.isArray(page.value));
    }
    assert.ok(Date.now() - started >= 1000, 'the client waited as Retry-After told it');
  });
});
