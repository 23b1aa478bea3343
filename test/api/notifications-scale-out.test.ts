// Notifications in scale-out mode: PostgreSQL with the pg-boss queue, the API, a worker and
// the notifier each on their own connections as separate processes would be. The worker's
// failed job reaches the notifier through the outbox its end was recorded with.
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { test } from 'node:test';
import { pino } from 'pino';
import { openServiceDb } from '../../src/service/database.js';
import { Notifier, parseSmtpUrl } from '../../src/service/notifications/index.js';
import { tempCatalogUrl } from '../catalog/support.js';
import { startSmtpCatcher, startWebhookReceiver } from '../support/notification-receivers.js';
import { openQueue, waitFor } from '../service/support.js';
import { connectByConsent, startWorld } from './support.js';

const SECRET = 'whsec-scale-out-0123456789';

test('pg-boss: a job failed by a worker elsewhere is mailed and posted once, signed', async (t) => {
  const cleanups: (() => Promise<void>)[] = [];
  t.after(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });
  const scope = { after: (fn: () => Promise<void>) => void cleanups.push(fn) };

  const databaseUrl = await tempCatalogUrl(scope, 'postgres');
  const smtp = await startSmtpCatcher();
  scope.after(() => smtp.close());
  const webhook = await startWebhookReceiver();
  scope.after(() => webhook.close());
  const world = await startWorld({
    // The test's own worker runs its job.
    workers: false,
    databaseUrl,
    notifications: {
      smtp: parseSmtpUrl(smtp.url, 'backup@tenantvault.test', smtp.password),
      timeoutMs: 2_000,
    },
  });
  scope.after(() => world.close());
  const { id: organizationId, browser: admin } = await connectByConsent(world, world.tenants.customer);
  const saved = await admin.api('PUT', `/api/organizations/${organizationId}/notifications`, {
    emails: ['ops@contoso.test'],
    webhook: { url: webhook.url, secret: SECRET },
    events: ['job.failed'],
  });
  assert.equal(saved.status, 200, saved.text);

  // The API process enqueues; the worker process runs the job on a connection of its own.
  const api = await openQueue(scope, world.service.serviceDb);
  const workerDb = await openServiceDb(databaseUrl);
  scope.after(() => workerDb.close());
  const worker = await openQueue(scope, workerDb);
  worker.work('directory-backup', async () => {
    throw new Error('the tenant throttled every request');
  });
  const { serviceDb, services, notifications } = world.service;
  const notifier = new Notifier(serviceDb, services, notifications, {
    intervalMs: 50,
    log: pino({ level: 'silent' }),
  });
  notifier.start();
  scope.after(() => notifier.stop());

  const { job } = await api.enqueue('directory-backup', { organizationId });
  const mail = await waitFor('the failure by e-mail', () =>
    smtp.messages.find((message) => message.text.includes(job.id)),
  );
  assert.match(mail.subject, /Job failed/);
  assert.match(mail.text, /throttled every request/);
  const request = await waitFor('the failure at the webhook', () =>
    webhook.requests.find((candidate) => candidate.body.includes(job.id)),
  );
  const timestamp = String(request.headers['x-tenantvault-timestamp']);
  assert.equal(
    request.headers['x-tenantvault-signature'],
    `sha256=${createHmac('sha256', SECRET).update(`${timestamp}.${request.body}`).digest('hex')}`,
  );
  assert.equal(JSON.parse(request.body).id, `job.failed:${job.id}`);

  // A second notifier (another scheduler process) finds nothing left to send.
  await new Notifier(serviceDb, services, notifications, { log: pino({ level: 'silent' }) }).tick();
  await waitFor('deliveries recorded', async () => {
    const deliveries = await notifications.deliveries.recent(organizationId, 10);
    return deliveries.length === 2 && deliveries.every((delivery) => delivery.state === 'delivered');
  });
  assert.equal(smtp.messages.filter((message) => message.text.includes(job.id)).length, 1);
  assert.equal(webhook.requests.filter((candidate) => candidate.body.includes(job.id)).length, 1);
});
