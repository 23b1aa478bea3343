// The portal in Chromium, as an administrator meets it: sign-in refused until the
// organization consents, consent to the sign-in app and then the backup app from the pages
// the portal offers, Settings (switches, saved), Users (search, raising someone to Full
// Access, who then sees more) and the audit log (filter, export).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { startWorld, type World } from '../api/support.js';
import {
  consentForOrganization,
  enterCredentials,
  ensurePortalBuilt,
  launchChromium,
  openPortal,
  screenshot,
  signIn,
} from './support.js';

describe('portal: an administrator', () => {
  let world: World;
  let browser: Browser;
  before(async () => {
    await ensurePortalBuilt();
    world = await startWorld();
    browser = await launchChromium({ url: world.sandbox.url, caPath: world.sandbox.running.caPath });
  });
  after(async () => {
    await browser?.close();
    await world?.close();
  });

  test('an ordinary user of an organization that consented to nothing is told what an admin must do', async () => {
    const { page, context } = await openPortal(browser, world.service.url);
    await signIn(page, world.account(world.tenants.customer, 'alex'));
    await page.getByRole('heading', { name: 'Your organization has not granted access yet' }).waitFor();
    assert.match(
      (await page.textContent('main')) ?? '',
      /Grant consent to tenantvault on behalf of the whole organization/,
    );
    assert.ok(await page.getByRole('link', { name: 'I am an administrator: grant consent' }).isVisible());
    await screenshot(page, 'not-granted');
    await context.close();
  });

  test('the admin consents for the organization, connects it and chooses what is backed up', async () => {
    const { customer } = world.tenants;
    const admin = world.account(customer, 'admin');
    const { page, context } = await openPortal(browser, world.service.url);
    await page.goto('/');
    await screenshot(page, 'sign-in');
    await page.getByRole('link', { name: 'Sign in with Microsoft 365' }).click();
    await enterCredentials(page, admin);
    await page.getByRole('link', { name: 'I am an administrator: grant consent' }).click();
    await consentForOrganization(page, admin);

    await page.getByRole('heading', { name: 'Connect your organization' }).waitFor();
    await screenshot(page, 'connect');
    await page.getByRole('link', { name: 'Grant admin consent' }).click();
    await consentForOrganization(page, admin);

    // Back on Settings of the new organization, connected.
    await page.waitForURL(/\/organizations\/[0-9a-f-]+\/settings$/);
    const settings = page.getByRole('region', { name: 'Connection' });
    await settings.getByText('Connected', { exact: true }).waitFor();
    const what = page.getByRole('region', { name: 'What is backed up' });
    await what.getByText('0 of 14 Entra ID object types', { exact: false }).waitFor();
    for (const type of ['Users', 'Groups', 'Conditional Access']) {
      await what.getByRole('switch', { name: type }).check();
    }
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByRole('status').filter({ hasText: 'Settings saved.' }).waitFor();
    await screenshot(page, 'settings');

    await page.reload();
    const reloaded = page.getByRole('region', { name: 'What is backed up' });
    await reloaded.getByText('3 of 14 Entra ID object types', { exact: false }).waitFor();
    assert.equal(await reloaded.getByRole('switch', { name: 'Conditional Access' }).isChecked(), true);
    assert.equal(await reloaded.getByRole('switch', { name: 'Devices' }).isChecked(), false);

    const organization = await world.service.services.organizations.byTenant(customer.tenantId);
    assert.ok(organization);
    const stored = await world.service.services.settings.get(organization);
    assert.equal(stored.settings.objectTypes.conditionalAccessPolicies, true);
    assert.equal(stored.settings.objectTypes.devices, false);

    // Back up now: the job's page follows its progress without a reload.
    await page.getByRole('button', { name: 'Back up now' }).click();
    await page.waitForURL(/\/jobs\/[0-9a-f-]+$/);
    await page.getByText('Succeeded', { exact: true }).waitFor({ timeout: 120_000 });
    const progress = page.getByRole('table', { name: 'Progress by object type' });
    for (const type of ['Users', 'Groups', 'Conditional Access']) {
      await progress.getByRole('row').filter({ hasText: type }).filter({ hasText: 'Done' }).first().waitFor();
    }
    assert.ok((await page.getByLabel('Job log').textContent())?.trim(), 'the job wrote log lines');
    await screenshot(page, 'job');
    await page.getByRole('link', { name: 'All jobs' }).click();
    await page.getByRole('table', { name: 'Jobs' }).getByText('Succeeded').waitFor();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();

    // A schedule the service cannot read is refused in words, and nothing is saved.
    await page.getByLabel('Cron expression').fill('every now and then');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByRole('alert').filter({ hasText: 'That did not work' }).waitFor();
    assert.equal(
      (await world.service.services.settings.get(organization)).settings.schedule.cron,
      stored.settings.schedule.cron,
    );
    await context.close();
  });

  test('a No Access user sees only their own page until the admin raises them to Full Access', async () => {
    const { customer } = world.tenants;
    const organization = await world.service.services.organizations.byTenant(customer.tenantId);
    assert.ok(organization, 'connected by the previous test');
    const megan = await openPortal(browser, world.service.url);
    await signIn(megan.page, world.account(customer, 'megan'));
    await megan.page.getByRole('heading', { name: 'My data' }).waitFor();
    assert.match((await megan.page.textContent('main')) ?? '', /You have No Access/);
    const nav = megan.page.getByRole('navigation', { name: 'Main' });
    assert.equal(await nav.getByRole('link', { name: 'Settings' }).count(), 0);
    await megan.page.goto(`/organizations/${organization.id}/settings`);
    await megan.page.getByRole('alert').filter({ hasText: 'You do not have access to this' }).waitFor();

    const admin = await openPortal(browser, world.service.url);
    await signIn(admin.page, world.account(customer, 'admin'), `/organizations/${organization.id}/users`);
    const users = admin.page.getByRole('table', { name: 'Users' });
    await users.getByRole('row').first().waitFor();
    await admin.page.getByRole('searchbox').fill('Megan');
    const meganRow = users
      .getByRole('row')
      .filter({ hasText: world.account(customer, 'megan').userPrincipalName });
    await meganRow.waitFor();
    assert.equal(await users.getByRole('row').count(), 2, 'the header and Megan: the server searched');
    await meganRow.getByRole('combobox').selectOption('full');
    await admin.page.waitForResponse(
      (response) => response.url().includes('/access') && response.status() === 200,
    );
    await screenshot(admin.page, 'users');

    await megan.page.goto('/');
    await megan.page.waitForURL(new RegExp(`/organizations/${organization.id}$`));
    await nav.getByRole('link', { name: 'Settings' }).waitFor();
    assert.equal(
      await nav.getByRole('link', { name: 'Users' }).count(),
      0,
      'Users stays with administrators',
    );
    await megan.context.close();

    await admin.page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Audit log' })
      .click();
    const log = admin.page.getByRole('table', { name: 'Audit log entries' });
    await log.getByRole('row').filter({ hasText: 'users.set-access' }).waitFor();
    await admin.page.getByLabel('Action').fill('settings.update');
    await log.getByRole('row').filter({ hasText: 'settings.update' }).first().waitFor();
    await log.getByRole('row').filter({ hasText: 'users.set-access' }).first().waitFor({ state: 'detached' });
    await screenshot(admin.page, 'audit-log');
    const href = await admin.page.getByRole('link', { name: 'Export CSV' }).getAttribute('href');
    assert.ok(href);
    const exported = await admin.context.request.get(href);
    assert.equal(exported.status(), 200);
    const lines = (await exported.text()).trim().split('\r\n');
    assert.match(lines[0] ?? '', /^seq,at,/);
    assert.ok(
      lines.length >= 2 && lines.slice(1).every((line) => line.includes('settings.update')),
      lines.join('\n'),
    );
    await admin.context.close();
  });
});
