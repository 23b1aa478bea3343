// The background connection check: an organization whose consent is revoked between
// backups is found by the next pass once its last check is old enough, and recorded as
// disconnected with one consent.revoked event; connections checked recently are left alone.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Kysely } from 'kysely';
import type { ServiceEventsDatabase } from '../../src/service/schema.js';
import { ConnectionWatch } from '../../src/service/organizations/connection-watch.js';
import { connectByConsent, removeBackupApp, startWorld, type World } from './support.js';

let world: World;
before(async () => (world = await startWorld()));
after(() => world.close());

const HOUR_MS = 60 * 60 * 1000;

async function revocations(organizationId: string): Promise<number> {
  const db = world.service.serviceDb.db as unknown as Kysely<ServiceEventsDatabase>;
  const rows = await db
    .selectFrom('service_events')
    .select('kind')
    .where('organization_id', '=', organizationId)
    .where('kind', '=', 'consent.revoked')
    .execute();
  return rows.length;
}

test('a consent revoked between backups is found by the next check that is due', async () => {
  const tenant = world.tenants.customer;
  const { id } = await connectByConsent(world, tenant);
  const errors: unknown[] = [];
  const watch = new ConnectionWatch(world.service.services, {
    checkEveryMs: HOUR_MS,
    onError: (error) => errors.push(error),
  });
  const healthOf = async () => (await world.service.services.organizations.get(id))?.health;
  const connectedAt = (await healthOf())?.checkedAt;
  assert.ok(connectedAt, 'connecting checked the connection');

  // Just checked (when it was connected): nothing is due.
  assert.equal(await watch.pass(new Date(Date.parse(connectedAt) + HOUR_MS / 2)), 0);

  await removeBackupApp(world, tenant);
  assert.equal(await watch.pass(new Date(Date.parse(connectedAt) + 2 * HOUR_MS)), 1);
  const health = await healthOf();
  assert.equal(health?.connected, false);
  assert.match(health?.error ?? '', /AADSTS/);
  assert.deepEqual(errors, []);

  assert.equal(await revocations(id), 1);

  // Still disconnected at the next due check: no second revocation.
  const checkedAt = Date.parse(health!.checkedAt);
  assert.equal(await watch.pass(new Date(checkedAt + 2 * HOUR_MS)), 1);
  assert.equal(await revocations(id), 1);
});

test('a pass walks every organization, a page at a time', async () => {
  const connected = [
    (await connectByConsent(world, world.tenants.otherCustomer)).id,
    (await connectByConsent(world, world.tenants.partner)).id,
  ];
  const walk = async (pageSize?: number) => {
    const ids: string[] = [];
    for await (const organization of world.service.services.organizations.all(pageSize)) {
      ids.push(organization.id);
    }
    return ids;
  };
  const everyOne = await walk();
  for (const id of connected) assert.ok(everyOne.includes(id));
  assert.deepEqual(everyOne, [...everyOne].sort());
  assert.deepEqual(await walk(1), everyOne);
});
