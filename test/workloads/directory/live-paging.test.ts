// Listing directory collections at Graph's largest page: without $expand, groups, devices,
// app registrations, enterprise apps and admin units come 999 to a page instead of
// Graph's default 100, with every object still read.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { GraphClient, type GraphEvent } from '../../../src/graph/index.js';
import { liveItems } from '../../../src/workloads/directory/live.js';
import { connectionTo } from '../../graph/support.js';
import { startTestSandbox } from '../../support/sandbox.js';

test('directory collections without $expand are listed 999 objects to a page', async (t) => {
  const sandbox = await startTestSandbox({ users: 200, tenants: 1 });
  t.after(() => sandbox.close());
  const listings: string[] = [];
  const graph = new GraphClient(connectionTo(sandbox), {
    onEvent: (event: GraphEvent) => {
      if (event.type === 'response' && event.scope !== 'batch') listings.push(event.path);
    },
  });
  t.after(() => graph.close());

  let devices = 0;
  for await (const item of liveItems(graph, 'devices')) {
    assert.ok(Array.isArray(item.relationships.registeredOwners));
    devices++;
  }
  const { value } = await graph.get<{ value: unknown[] }>('/devices', { $select: 'id', $top: 999 });
  assert.ok(devices > 100, `${devices} devices: more than Graph's default page`);
  assert.equal(devices, value.length);
  assert.equal(
    listings.filter((path) => path === '/devices').length,
    2,
    'one page for the listing, one here',
  );

  listings.length = 0;
  let users = 0;
  for await (const _ of liveItems(graph, 'users')) users++;
  // Users come with their manager expanded, which Graph pages at 100.
  assert.equal(listings.filter((path) => path === '/users').length, Math.ceil(users / 100));
});
