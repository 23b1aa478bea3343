// The audit log on both database engines (the whole service runs on each: PostgreSQL here
// is the scale-out store of organizations, settings, tokens and audit entries): who did
// what, when and from where for every change, nothing for reads or refused attempts, pages
// newest first, exports oldest first, and a database that refuses to alter an entry.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { defaultSettings } from '../../src/service/organizations/settings.js';
import { ENGINES, tempCatalogUrl } from '../catalog/support.js';
import type { PortalBrowser } from '../support/portal-browser.js';
import { connectByConsent, startWorld, type World } from './support.js';

for (const engine of ENGINES) {
  describe(`audit log (${engine})`, () => {
    let world: World;
    let admin: PortalBrowser;
    let organizationId: string;
    const cleanups: (() => Promise<void>)[] = [];

    before(async () => {
      const databaseUrl =
        engine === 'postgres'
          ? await tempCatalogUrl({ after: (fn) => void cleanups.push(fn) }, engine)
          : undefined;
      world = await startWorld({ databaseUrl });
      ({ id: organizationId, browser: admin } = await connectByConsent(world, world.tenants.customer));
    });
    after(async () => {
      await world?.close();
      for (const cleanup of cleanups) await cleanup();
    });

    const auditPath = () => `/api/organizations/${organizationId}/audit`;

    test('changes leave entries: who, what, when, from where; reads and refused attempts do not', async () => {
      const started = Date.now();
      const adminAccount = world.account(world.tenants.customer, 'admin');
      const alexId = world.account(world.tenants.customer, 'alex').id;
      const settings = {
        ...defaultSettings(),
        objectTypes: { ...defaultSettings().objectTypes, devices: true },
      };
      assert.equal(
        (await admin.api('PUT', `/api/organizations/${organizationId}/settings`, settings)).status,
        200,
      );
      assert.equal(
        (
          await admin.api('PUT', `/api/organizations/${organizationId}/users/${alexId}/access`, {
            level: 'full',
          })
        ).status,
        200,
      );
      await admin.api('GET', `/api/organizations/${organizationId}/settings`);
      const alex = await world.signIn(world.tenants.customer, 'megan');
      assert.equal(
        (await alex.api('PUT', `/api/organizations/${organizationId}/settings`, settings)).status,
        403,
      );

      const page = await admin.api('GET', auditPath());
      assert.equal(page.status, 200, page.text);
      const actions = page.body.items.map((entry: { action: string }) => entry.action);
      assert.deepEqual(actions, ['users.set-access', 'settings.update', 'consent.finish']);
      const [access, change, consent] = page.body.items;
      assert.deepEqual(access.actor, {
        tenantId: world.tenants.customer.tenantId,
        userId: adminAccount.id,
        name: adminAccount.userPrincipalName,
        tokenId: null,
      });
      assert.equal(access.target, alexId);
      assert.deepEqual(access.details, {
        user: world.account(world.tenants.customer, 'alex').userPrincipalName,
        before: 'none',
        after: 'full',
      });
      assert.equal(change.details.before.objectTypes.devices, false);
      assert.equal(change.details.after.objectTypes.devices, true);
      assert.equal(change.ip, '127.0.0.1');
      assert.equal(change.userAgent, 'undici');
      assert.ok(Date.parse(change.at) >= started - 1000 && Date.parse(change.at) <= Date.now());
      assert.equal(consent.target, world.tenants.customer.tenantId);
      assert.equal(consent.details.connection, 'consent');
      assert.equal(consent.organizationId, organizationId);
    });

    test('pages run newest first and filter by action', async () => {
      for (const devices of [false, true, false]) {
        const settings = { ...defaultSettings(), objectTypes: { ...defaultSettings().objectTypes, devices } };
        await admin.api('PUT', `/api/organizations/${organizationId}/settings`, settings);
      }
      const seqs: number[] = [];
      let token: string | null = null;
      do {
        const query = new URLSearchParams({ pageSize: '2', ...(token ? { pageToken: token } : {}) });
        const answer = await admin.api('GET', `${auditPath()}?${query}`);
        assert.equal(answer.status, 200, answer.text);
        seqs.push(...answer.body.items.map((entry: { seq: number }) => entry.seq));
        token = answer.body.nextPageToken;
      } while (token);
      assert.equal(seqs.length, 6);
      assert.deepEqual(
        seqs,
        [...seqs].sort((a, b) => b - a),
      );
      const updates = await admin.api('GET', `${auditPath()}?action=settings.update`);
      assert.equal(updates.body.items.length, 4);
      const future = await admin.api(
        'GET',
        `${auditPath()}?from=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`,
      );
      assert.deepEqual(future.body.items, []);
    });

    test('exports run oldest first as JSON Lines or CSV, and are themselves audited', async () => {
      const jsonl = await admin.api('GET', `${auditPath()}/export`);
      assert.equal(jsonl.status, 200);
      assert.match(jsonl.headers.get('content-type') ?? '', /^application\/x-ndjson/);
      assert.match(jsonl.headers.get('content-disposition') ?? '', /attachment; filename="audit-.*\.jsonl"/);
      const entries = jsonl.text
        .trimEnd()
        .split('\n')
        .map((line) => JSON.parse(line));
      // The export's own entry is written before the first line leaves, so it closes the file.
      assert.equal(entries.length, 7);
      assert.equal(entries.at(-1).action, 'audit.export');
      assert.deepEqual(
        entries.map((entry) => entry.seq),
        entries.map((entry) => entry.seq).sort((a, b) => a - b),
      );
      assert.equal(entries[0].action, 'consent.finish');

      const csv = await admin.api('GET', `${auditPath()}/export?format=csv&action=settings.update`);
      assert.equal(csv.status, 200);
      const lines = csv.text.trimEnd().split('\r\n');
      assert.equal(
        lines[0],
        'seq,at,organizationId,resellerId,actorTenantId,actorUserId,actorName,tokenId,action,target,ip,userAgent,details',
      );
      assert.equal(lines.length, 5);
      assert.ok(lines.slice(1).every((line) => line.includes(',settings.update,')));
      // A JSON column is quoted, its quotes doubled.
      assert.match(lines[1] as string, /,"\{""before"":/);

      const exports = await admin.api('GET', `${auditPath()}?action=audit.export`);
      assert.deepEqual(
        exports.body.items.map((entry: { action: string }) => entry.action),
        ['audit.export', 'audit.export'],
      );
    });

    test('the database refuses to change or remove an entry; no route offers to', async () => {
      const { db } = world.service.services;
      await assert.rejects(
        db.updateTable('audit_log').set({ action: 'nothing happened' }).execute(),
        /append-only/,
      );
      await assert.rejects(db.deleteFrom('audit_log').execute(), /append-only/);
      if (engine === 'postgres') await assert.rejects(sql`truncate audit_log`.execute(db), /append-only/);
      const count = await db
        .selectFrom('audit_log')
        .select(db.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      assert.ok(Number(count.n) >= 8);
      const changing = world.service.api.routes.filter(
        (route) => route.url.includes('/audit') && route.method !== 'GET',
      );
      assert.deepEqual(changing, []);
    });
  });
}
