// Notifications end to end on the embedded service: an admin sets recipients and a signed
// webhook through the API, jobs fail on the real queue, a tenant's admin removes the
// backup app, a backup window passes — and a local SMTP server and webhook receiver get
// each message once, with the right content and a signature that verifies. A receiver
// that is down is retried, recorded and does not stop anything.
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, test } from 'node:test';
import { pino } from 'pino';
import { SERVICE_EVENT_KINDS } from '../../src/service/events.js';
import { Notifier, parseSmtpUrl, type NotifierOptions } from '../../src/service/notifications/index.js';
import { defaultSettings } from '../../src/service/organizations/settings.js';
import type { PortalBrowser } from '../support/portal-browser.js';
import {
  startSmtpCatcher,
  startWebhookReceiver,
  type CaughtMail,
  type ReceivedRequest,
  type SmtpCatcher,
  type WebhookReceiver,
} from '../support/notification-receivers.js';
import { openQueue, waitFor } from '../service/support.js';
import { connectByConsent, removeBackupApp, startWorld, type World } from './support.js';

const SECRET = 'whsec-0123456789abcdef-signing';
const RECIPIENTS = ['ops@contoso.test', 'backup-admins@contoso.test'];

/** Checks the signature as a receiver would, with nothing but the secret. */
function verified(request: ReceivedRequest, secret: string): boolean {
  const timestamp = String(request.headers['x-tenantvault-timestamp']);
  const expected = `sha256=${createHmac('sha256', secret).update(`${timestamp}.${request.body}`).digest('hex')}`;
  return request.headers['x-tenantvault-signature'] === expected;
}

const bodyOf = (request: ReceivedRequest) => JSON.parse(request.body);

describe('notifications (embedded)', () => {
  let world: World;
  let smtp: SmtpCatcher;
  let webhook: WebhookReceiver;
  let admin: PortalBrowser;
  let organizationId: string;
  const logs: string[] = [];

  before(async () => {
    smtp = await startSmtpCatcher();
    webhook = await startWebhookReceiver();
    world = await startWorld({
      // The tests run jobs of their own: no backup workers.
      workers: false,
      notifications: {
        smtp: parseSmtpUrl(smtp.url, 'tenantvault <backup@tenantvault.test>', smtp.password),
        timeoutMs: 2_000,
      },
    });
    ({ id: organizationId, browser: admin } = await connectByConsent(world, world.tenants.customer));
  });
  after(async () => {
    await world?.close();
    await smtp?.close();
    await webhook?.close();
  });

  const notificationsPath = (id = organizationId) => `/api/organizations/${id}/notifications`;

  async function notifyAt(
    browser: PortalBrowser,
    id: string,
    webhookUrl: string,
    events: readonly string[] = SERVICE_EVENT_KINDS,
  ) {
    const answer = await browser.api('PUT', notificationsPath(id), {
      emails: RECIPIENTS,
      webhook: { url: webhookUrl, secret: SECRET },
      events,
    });
    assert.equal(answer.status, 200, answer.text);
  }

  function startNotifier(t: { after: (fn: () => Promise<void>) => void }, options: NotifierOptions = {}) {
    const notifier = newNotifier(options);
    notifier.start();
    t.after(() => notifier.stop());
    return notifier;
  }

  function newNotifier(options: NotifierOptions = {}) {
    const { serviceDb, services, notifications } = world.service;
    return new Notifier(serviceDb, services, notifications, {
      intervalMs: 50,
      retryDelayMs: 50,
      maxAttempts: 3,
      log: pino({ level: 'info' }, { write: (line: string) => void logs.push(line) }),
      ...options,
    });
  }

  const mailsAbout = (text: string): CaughtMail[] => smtp.messages.filter((mail) => mail.text.includes(text));
  const hooksAbout = (type: string, id: string): ReceivedRequest[] =>
    webhook.requests.filter((request) => {
      const body = bodyOf(request);
      return body.type === type && JSON.stringify(body).includes(id);
    });

  test('an admin sets recipients and a signed webhook; bad settings are refused; the secret never comes back', async () => {
    const initial = await admin.api('GET', notificationsPath());
    assert.equal(initial.status, 200, initial.text);
    assert.deepEqual(initial.body, {
      emails: [],
      webhook: null,
      events: [...SERVICE_EVENT_KINDS],
      emailConfigured: true,
      deliveries: [],
    });

    const valid = {
      emails: RECIPIENTS,
      webhook: { url: webhook.url, secret: SECRET },
      events: ['job.failed'],
    };
    for (const bad of [
      { ...valid, emails: ['not an address'] },
      { ...valid, webhook: { url: 'ftp://files.contoso.test/' } },
      { ...valid, webhook: { url: 'https://user:password@hooks.contoso.test/' } },
      { ...valid, webhook: { url: webhook.url, secret: 'short' } },
      { ...valid, events: ['job.exploded'] },
      { emails: RECIPIENTS, webhook: null },
    ]) {
      const refused = await admin.api('PUT', notificationsPath(), bad);
      assert.equal(refused.status, 400, `${JSON.stringify(bad)}: ${refused.text}`);
    }

    const saved = await admin.api('PUT', notificationsPath(), valid);
    assert.equal(saved.status, 200, saved.text);
    assert.deepEqual(saved.body.webhook, { url: webhook.url, hasSecret: true });
    assert.ok(!saved.text.includes(SECRET));
    // Leaving the secret out keeps it; null removes it.
    const kept = await admin.api('PUT', notificationsPath(), { ...valid, webhook: { url: webhook.url } });
    assert.equal(kept.body.webhook.hasSecret, true);
    const stored = await world.service.serviceDb.db
      .selectFrom('notification_settings' as never)
      .selectAll()
      .execute();
    assert.ok(!JSON.stringify(stored).includes(SECRET), 'the secret is sealed at rest');

    const audit = await admin.api(
      'GET',
      `/api/organizations/${organizationId}/audit?action=notifications.update`,
    );
    assert.equal(audit.status, 200, audit.text);
    const changes = audit.body.items.filter(
      (entry: { action: string }) => entry.action === 'notifications.update',
    );
    assert.equal(changes.length, 2);
    assert.deepEqual(changes[0].details.after.webhook, { url: webhook.url, hasSecret: true });
    assert.ok(!audit.text.includes(SECRET));

    // A No Access user reads nothing.
    const megan = await world.signIn(world.tenants.customer, 'megan');
    assert.equal((await megan.api('GET', notificationsPath())).status, 403);

    const tested = await admin.api('POST', `${notificationsPath()}/test`);
    assert.equal(tested.status, 200, tested.text);
    assert.deepEqual(tested.body.results, [
      { channel: 'email', delivered: true, error: null },
      { channel: 'webhook', delivered: true, error: null },
    ]);
    const mail = smtp.messages.at(-1);
    assert.ok(mail);
    assert.match(mail.subject, /Test notification/);
    assert.deepEqual(mail.to, RECIPIENTS);
    assert.equal(mail.from, 'backup@tenantvault.test');
    const request = webhook.requests.at(-1);
    assert.ok(request);
    assert.equal(request.method, 'POST');
    assert.equal(request.headers['x-tenantvault-event'], 'test');
    assert.ok(verified(request, SECRET), 'the signature verifies with the secret');
    assert.ok(!verified(request, 'another-secret-of-some-length'));
    assert.equal(bodyOf(request).organization.id, organizationId);
  });

  test('a failed job and a partial one reach the recipients and the webhook once, signed', async (t) => {
    await notifyAt(admin, organizationId, webhook.url);
    const queue = await openQueue(t, world.service.serviceDb);
    queue.work<{ organizationId: string; outcome: string }>('directory-backup', async ({ job }) => {
      if (job.payload.outcome === 'fail') throw new Error('Graph answered 403 Authorization_RequestDenied');
      return { status: 'partial', result: { failedTypes: ['bitlockerKeys'] } };
    });
    startNotifier(t);
    const failed = (await queue.enqueue('directory-backup', { organizationId, outcome: 'fail' })).job;
    const partial = (await queue.enqueue('directory-backup', { organizationId, outcome: 'partial' })).job;

    const [failedMail] = await waitFor(
      'the failure by e-mail',
      () => mailsAbout(failed.id).at(0) && mailsAbout(failed.id),
    );
    await waitFor('the partial job by e-mail', () => mailsAbout(partial.id).length > 0);
    const [failedHook] = await waitFor('the failure at the webhook', () => {
      const hooks = hooksAbout('job.failed', failed.id);
      return hooks.length > 0 && hooks;
    });
    const [partialHook] = await waitFor('the partial job at the webhook', () => {
      const hooks = hooksAbout('job.partial', partial.id);
      return hooks.length > 0 && hooks;
    });
    assert.ok(failedMail && failedHook && partialHook);

    assert.deepEqual(failedMail.to, RECIPIENTS);
    assert.match(failedMail.subject, /Job failed/);
    assert.match(failedMail.text, /Authorization_RequestDenied/);
    assert.ok(failedMail.text.includes(world.tenants.customer.tenantId));

    assert.ok(verified(failedHook, SECRET));
    assert.equal(failedHook.headers['x-tenantvault-event'], 'job.failed');
    const failure = bodyOf(failedHook);
    assert.equal(failure.id, `job.failed:${failed.id}`);
    assert.equal(failure.organization.id, organizationId);
    assert.equal(failure.organization.tenantId, world.tenants.customer.tenantId);
    assert.equal(failure.details.job.name, 'directory-backup');
    assert.equal(failure.details.job.state, 'failed');
    assert.match(failure.details.job.error, /Authorization_RequestDenied/);
    assert.ok(verified(partialHook, SECRET));
    assert.deepEqual(bodyOf(partialHook).details.job.result, { failedTypes: ['bitlockerKeys'] });

    // Once: later passes (and another notifier) send nothing more about these jobs.
    const again = newNotifier();
    await again.tick();
    await sleep(300);
    assert.equal(mailsAbout(failed.id).length, 1);
    assert.equal(hooksAbout('job.failed', failed.id).length, 1);
    assert.equal(hooksAbout('job.partial', partial.id).length, 1);

    const listed = await admin.api('GET', notificationsPath());
    const ofFailure = listed.body.deliveries.filter(
      (delivery: { notificationId: string }) => delivery.notificationId === failure.id,
    );
    assert.deepEqual(
      ofFailure
        .map((delivery: { channel: string; state: string }) => `${delivery.channel} ${delivery.state}`)
        .sort(),
      ['email delivered', 'webhook delivered'],
    );
  });

  test('a webhook receiver that is down is retried with backoff, then recorded as failed; nothing else stops', async (t) => {
    const gone = await startWebhookReceiver();
    await gone.close();
    await notifyAt(admin, organizationId, gone.url, ['job.failed']);
    const queue = await openQueue(t, world.service.serviceDb);
    queue.work<{ organizationId: string }>('directory-backup', async () => {
      throw new Error('the repository is locked');
    });
    startNotifier(t);
    const { job } = await queue.enqueue('directory-backup', { organizationId });

    await waitFor('the failure by e-mail', () => mailsAbout(job.id).length > 0);
    const delivery = await waitFor('the webhook delivery to fail for good', async () => {
      const listed = await admin.api('GET', notificationsPath());
      return listed.body.deliveries.find(
        (candidate: { notificationId: string; channel: string; state: string }) =>
          candidate.notificationId === `job.failed:${job.id}` &&
          candidate.channel === 'webhook' &&
          candidate.state === 'failed',
      );
    });
    assert.equal(delivery.attempts, 3);
    assert.match(delivery.lastError, /ECONNREFUSED/);
    const warnings = logs.filter((line) => line.includes(delivery.id) && line.includes('not delivered'));
    assert.equal(warnings.length, 3, 'each attempt is logged');
    assert.ok(warnings.at(-1)?.includes('giving up'));
    for (const line of logs) {
      assert.ok(!line.includes(SECRET), 'the webhook secret is never logged');
      assert.ok(!line.includes(smtp.password), 'the SMTP password is never logged');
    }

    // The service carries on: the receiver answers again, and the next failure arrives.
    await notifyAt(admin, organizationId, webhook.url, ['job.failed']);
    const next = (await queue.enqueue('directory-backup', { organizationId })).job;
    await waitFor('the next failure at the webhook', () => hooksAbout('job.failed', next.id).length > 0);
  });

  test('a revoked admin consent is reported once by the connection check that finds it', async (t) => {
    const tenant = world.tenants.otherCustomer;
    const other = await connectByConsent(world, tenant);
    await notifyAt(other.browser, other.id, webhook.url);
    startNotifier(t);

    await removeBackupApp(world, tenant);

    const checked = await other.browser.api('POST', `/api/organizations/${other.id}/connection/check`);
    assert.equal(checked.status, 200, checked.text);
    assert.equal(checked.body.health.connected, false);

    const [hook] = await waitFor('the revocation at the webhook', () => {
      const hooks = hooksAbout('consent.revoked', other.id);
      return hooks.length > 0 && hooks;
    });
    assert.ok(hook && verified(hook, SECRET));
    assert.equal(bodyOf(hook).organization.tenantId, tenant.tenantId);
    assert.match(bodyOf(hook).summary, /can no longer connect/);
    const mail = await waitFor('the revocation by e-mail', () =>
      smtp.messages.find(
        (candidate) => /Consent revoked/.test(candidate.subject) && candidate.text.includes(tenant.tenantId),
      ),
    );
    assert.deepEqual(mail.to, RECIPIENTS);

    // Checking again finds it still disconnected: that is not a new revocation.
    await other.browser.api('POST', `/api/organizations/${other.id}/connection/check`);
    await sleep(300);
    assert.equal(hooksAbout('consent.revoked', other.id).length, 1);
  });

  test('a backup that did not happen within its window is reported once per missed window', async (t) => {
    await notifyAt(admin, organizationId, webhook.url, ['backup.overdue']);
    const settings = {
      ...defaultSettings(),
      objectTypes: { ...defaultSettings().objectTypes, users: true },
      schedule: { cron: '*/5 * * * *', timeZone: 'UTC' },
    };
    assert.equal(
      (await admin.api('PUT', `/api/organizations/${organizationId}/settings`, settings)).status,
      200,
    );
    let offsetMs = 0;
    const minutes = (n: number) => n * 60_000;
    const clock = { now: () => new Date(Date.now() + offsetMs), overdueCheckIntervalMs: 0 };
    const overdueHooks = () => hooksAbout('backup.overdue', organizationId);

    // First seen with something to back up: from now on a backup is expected every 5 minutes.
    await newNotifier(clock).tick();
    offsetMs = minutes(9);
    await newNotifier(clock).tick();
    assert.equal(overdueHooks().length, 0, 'within twice the interval');

    offsetMs = minutes(11);
    const notifier = newNotifier(clock);
    await notifier.tick();
    assert.equal(overdueHooks().length, 1);
    const [first] = overdueHooks();
    assert.ok(first && verified(first, SECRET));
    assert.match(bodyOf(first).summary, /has not been backed up/);
    assert.equal(mailsAbout(bodyOf(first).id).length, 1);

    // Later passes, and a restarted notifier, do not send it again.
    await notifier.tick();
    await newNotifier(clock).tick();
    assert.equal(overdueHooks().length, 1);

    // A backup starts a new window; missing that one is a new occurrence.
    const queue = await openQueue(t, world.service.serviceDb);
    queue.work<{ organizationId: string }>('directory-backup', async () => ({ result: { items: 30 } }));
    const { job } = await queue.enqueue('directory-backup', { organizationId });
    await waitFor('the backup', async () => (await queue.get(job.id))?.state === 'succeeded');

    offsetMs = minutes(5);
    await newNotifier(clock).tick();
    assert.equal(overdueHooks().length, 1, 'the backup moved the window');
    offsetMs = minutes(25);
    await newNotifier(clock).tick();
    assert.equal(overdueHooks().length, 2);
    assert.match(bodyOf(overdueHooks()[1] as ReceivedRequest).summary, /has not been backed up since/);
    assert.notEqual(bodyOf(overdueHooks()[1] as ReceivedRequest).id, bodyOf(first).id);
  });
});
