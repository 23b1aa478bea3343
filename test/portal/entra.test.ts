// The portal in Chromium for Entra ID backup: after a backup a Conditional Access policy is
// renamed in the tenant, the admin backs up again from the portal, sees the rename
// highlighted in compare, restores the old version (the plan first, then the restore) and
// the tenant matches the backup again; the dashboard shows health, protected objects and
// the changes over time. A No Access user cannot open Entra ID backup until the admin raises
// them to Full Access.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { defaultSettings } from '../../src/service/organizations/settings.js';
import { finishedJob } from '../support/jobs.js';
import type { PortalBrowser } from '../support/portal-browser.js';
import { connectByConsent, startWorld, type World } from '../api/support.js';
import { ensurePortalBuilt, launchChromium, openPortal, screenshot, signIn } from './support.js';

describe('portal: Entra ID backup', () => {
  let world: World;
  let browser: Browser;
  let admin: PortalBrowser;
  let organizationId: string;
  const api = (path: string) => `/api/organizations/${organizationId}${path}`;

  before(async () => {
    await ensurePortalBuilt();
    world = await startWorld();
    browser = await launchChromium({ url: world.sandbox.url, caPath: world.sandbox.running.caPath });
    ({ id: organizationId, browser: admin } = await connectByConsent(world, world.tenants.customer));
    const settings = defaultSettings();
    Object.assign(settings.objectTypes, { users: true, groups: true, conditionalAccessPolicies: true });
    const saved = await admin.api('PUT', api('/settings'), settings);
    assert.equal(saved.status, 200, saved.text);
    const started = await admin.api('POST', api('/jobs/backup'), {});
    assert.equal(started.status, 202, started.text);
    const first = await finishedJob(admin, organizationId, started.body.job.id, 120_000);
    assert.equal(first.state, 'succeeded', JSON.stringify(first));
  });
  after(async () => {
    await browser?.close();
    await world?.close();
  });

  test('a renamed policy: back up, compare, restore from the plan, and the tenant matches again', async () => {
    const policies = await admin.api('GET', api('/directory/items?type=conditionalAccessPolicies'));
    const policy = policies.body.items[0] as { id: string; displayName: string };
    const oldName = policy.displayName;
    const newName = `${oldName} (changed)`;
    const graphPath = `/identity/conditionalAccess/policies/${policy.id}`;
    const renamed = await world.sandbox.graphRequest(graphPath, {
      method: 'PATCH',
      body: { displayName: newName },
    });
    assert.ok(renamed.status < 300, JSON.stringify(renamed.body));

    const { page, context } = await openPortal(browser, world.service.url);
    await signIn(
      page,
      world.account(world.tenants.customer, 'admin'),
      `/organizations/${organizationId}/settings`,
    );
    await page.getByRole('button', { name: 'Back up now' }).click();
    await page.waitForURL(/\/jobs\/[0-9a-f-]+$/);
    await page.getByText('Succeeded', { exact: true }).waitFor({ timeout: 120_000 });

    const nav = page.getByRole('navigation', { name: 'Main' });
    await nav.getByRole('link', { name: 'Entra ID backup' }).click();
    const types = page.getByRole('list', { name: 'Object types' });
    await types.getByRole('link', { name: /^Conditional Access/ }).click();
    const list = page.getByRole('table', { name: 'Conditional Access' });
    await list.getByRole('link', { name: newName }).waitFor();
    await screenshot(page, 'entra');
    await list.getByRole('link', { name: newName }).click();

    // The object's page: two versions, and compare shows the rename old against new.
    await page.getByRole('heading', { name: newName }).waitFor();
    const versions = page.getByRole('list', { name: 'Versions' });
    await versions.getByRole('listitem').nth(1).waitFor();
    assert.equal(await versions.getByRole('listitem').count(), 2);
    assert.match(
      (await versions.getByRole('listitem').first().textContent()) ?? '',
      /Changed: .*displayName/,
    );
    const changed = page.getByRole('table', { name: 'Changed properties' });
    const displayName = changed.getByRole('row').filter({ hasText: 'displayName' });
    await displayName.waitFor();
    assert.equal(await displayName.getByRole('deletion').textContent(), oldName);
    assert.equal(await displayName.getByRole('insertion').textContent(), newName);
    await displayName.scrollIntoViewIfNeeded();
    await screenshot(page, 'entra-compare');

    // Restore the old version: the plan first, and nothing is written until Restore.
    const restore = page.getByRole('region', { name: 'Restore' });
    assert.match(
      (await restore.getByRole('combobox', { name: 'Restore the version of' }).inputValue()) ?? '',
      /^1$/,
    );
    await restore.getByRole('button', { name: 'Plan the restore' }).click();
    const plan = restore.getByRole('region', { name: 'Restore plan' });
    await plan.getByText('The restore will make 1 change in the tenant:').waitFor({ timeout: 60_000 });
    assert.match((await plan.textContent()) ?? '', new RegExp(`PATCH ${graphPath}`));
    assert.equal(
      (await world.sandbox.graphRequest(graphPath)).body.displayName,
      newName,
      'a plan writes nothing',
    );
    await plan.scrollIntoViewIfNeeded();
    await screenshot(page, 'entra-restore-plan');
    await plan.getByRole('button', { name: 'Restore' }).click();
    const report = restore.getByRole('region', { name: 'Restore report' });
    await report.getByText('1 written, 0 skipped, 0 failed.', { exact: false }).waitFor({ timeout: 60_000 });
    assert.equal((await world.sandbox.graphRequest(graphPath)).body.displayName, oldName);

    // Compared with the live tenant, the restored name matches the first backup again.
    await page.getByRole('combobox', { name: 'Newer' }).selectOption('live');
    const drift = page.getByRole('region', { name: 'Compare' });
    await drift.getByText('Reading the live tenant…').waitFor({ state: 'detached' });
    await drift
      .getByRole('table', { name: 'Changed properties' })
      .or(drift.getByText('No differences'))
      .waitFor();
    assert.equal(await drift.getByRole('row').filter({ hasText: 'displayName' }).count(), 0);

    // The dashboard: the last backup succeeded, what is protected, and the two snapshots drawn.
    await nav.getByRole('link', { name: 'Dashboard' }).click();
    const health = page.getByRole('region', { name: 'Backup health' });
    await health.getByText('Succeeded', { exact: true }).waitFor();
    assert.match((await health.textContent()) ?? '', /Next backup.*in \d+ (minutes?|hours?)/);
    const counts = page.getByRole('table', { name: 'Protected objects by type' });
    const protectedPolicies = counts.getByRole('row').filter({ hasText: 'Conditional Access' });
    assert.equal(
      Number((await protectedPolicies.getByRole('cell').nth(1).textContent())?.replace(/\D/g, '')),
      policies.body.items.length,
    );
    const chart = page.getByRole('img', { name: /Over 2 snapshots/ });
    await chart.waitFor();
    assert.match(
      (await chart.getAttribute('aria-label')) ?? '',
      /the latest added 0, changed 1 and removed 0/,
    );
    await screenshot(page, 'dashboard');
    await context.close();
  });

  test('a No Access user cannot open Entra ID backup until raised to Full Access', async () => {
    const megan = world.account(world.tenants.customer, 'megan');
    const { page, context } = await openPortal(browser, world.service.url);
    await signIn(page, megan);
    await page.getByRole('heading', { name: 'My data' }).waitFor();
    const nav = page.getByRole('navigation', { name: 'Main' });
    assert.equal(await nav.getByRole('link', { name: 'Entra ID backup' }).count(), 0);
    await page.goto(`/organizations/${organizationId}/entra`);
    await page.getByRole('alert').filter({ hasText: 'You do not have access to this' }).waitFor();
    assert.equal(await page.getByRole('list', { name: 'Object types' }).count(), 0);

    const users = await admin.api('GET', api('/users?search=Megan'));
    const user = users.body.items.find(
      (candidate: { userPrincipalName: string }) => candidate.userPrincipalName === megan.userPrincipalName,
    );
    assert.ok(user, users.text);
    const raised = await admin.api('PUT', api(`/users/${user.id}/access`), { level: 'full' });
    assert.equal(raised.status, 200, raised.text);

    await page.goto('/');
    await nav.getByRole('link', { name: 'Entra ID backup' }).click();
    await page
      .getByRole('list', { name: 'Object types' })
      .getByRole('link', { name: /^Users/ })
      .waitFor();
    await context.close();
  });
});
