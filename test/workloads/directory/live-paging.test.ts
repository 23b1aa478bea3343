// Listing directory collections at Graph's largest page: without $expand, groups, app
// registrations, enterprise apps and admin units come 999 to a page instead of Graph's
// default 100; with one (users with their manager, devices with their registered owners
// and, in a listing of ids of their own, their registered users) 100 to a page, the most
// Graph serves then. Every object is still read.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { GraphClient, type GraphEvent } from '../../../src/graph/index.js';
import { liveItems } from '../../../src/workloads/directory/live.js';
import type { ObjectType } from '../../../src/workloads/directory/types/index.js';
import { connectionTo } from '../../graph/support.js';
import { startTestSandbox } from '../../support/sandbox.js';

test('directory collections are listed at the largest page Graph serves for the query', async (t) => {
  const sandbox = await startTestSandbox({ users: 200, tenants: 1 });
  t.after(() => sandbox.close());
  const store = sandbox.running.sandbox.tenants.get(sandbox.tenant.tenantId)!.store;
  for (let index = 0; index < 120; index++) {
    store.create('groups', {
      id: `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`,
      displayName: `Listing ${index}`,
      mailEnabled: false,
      mailNickname: `listing${index}`,
      securityEnabled: true,
      groupTypes: [],
    });
  }
  const listings: string[] = [];
  const graph = new GraphClient(connectionTo(sandbox), {
    onEvent: (event: GraphEvent) => {
      if (event.type === 'response' && event.scope !== 'batch') listings.push(event.path);
    },
  });
  t.after(() => graph.close());
  /** Items of a type listed whole, and the list pages it took. */
  const listing = async (type: ObjectType, path: string) => {
    listings.length = 0;
    let items = 0;
    for await (const _ of liveItems(graph, type)) items++;
    return { items, pages: listings.filter((listed) => listed === path).length };
  };

  const groups = await listing('groups', '/groups');
  assert.ok(groups.items > 100, `${groups.items} groups: more than Graph's default page`);
  assert.equal(groups.items, store.collection('groups').size);
  assert.equal(groups.pages, 1);

  const users = await listing('users', '/users');
  assert.equal(users.pages, Math.ceil(users.items / 100));

  const devices = await listing('devices', '/devices');
  assert.ok(devices.items > 100, `${devices.items} devices: more than one page with $expand`);
  assert.equal(devices.items, store.collection('devices').size);
  assert.equal(
    devices.pages,
    2 * Math.ceil(devices.items / 100),
    'the ids with their users, then the devices',
  );
});
