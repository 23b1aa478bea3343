// The portal in Chromium for a reseller and an end user: the reseller sees its customers
// with their health, switches between them and cannot open a third party's organization by
// its URL; an end user sees only their own page, and the URLs of Settings and Users refuse.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import {
  allowSignIn,
  connectByConsent,
  manualConnection,
  registerReseller,
  startWorld,
  type World,
} from '../api/support.js';
import { ensurePortalBuilt, launchChromium, openPortal, screenshot, signIn } from './support.js';

describe('portal: a reseller and an end user', () => {
  let world: World;
  let browser: Browser;
  const ids = { customer: '', otherCustomer: '', thirdParty: '' };
  before(async () => {
    await ensurePortalBuilt();
    world = await startWorld();
    browser = await launchChromium({ url: world.sandbox.url, caPath: world.sandbox.running.caPath });
    const { customer, otherCustomer, partner, otherPartner } = world.tenants;
    const reseller = await registerReseller(world, partner, 'Fabrikam Partners');
    for (const [key, tenant] of [
      ['customer', customer],
      ['otherCustomer', otherCustomer],
    ] as const) {
      const connected = await reseller.browser.api('POST', '/api/organizations', {
        ...manualConnection(tenant),
        resellerId: reseller.id,
      });
      assert.equal(connected.status, 201, connected.text);
      ids[key] = connected.body.id;
    }
    ids.thirdParty = (await connectByConsent(world, otherPartner)).id;
  });
  after(async () => {
    await browser?.close();
    await world?.close();
  });

  test('the reseller switches between its two customers and cannot open a third party', async () => {
    const { page, context } = await openPortal(browser, world.service.url);
    await signIn(page, world.account(world.tenants.partner, 'admin'));
    await page.getByRole('heading', { name: 'Customers of Fabrikam Partners' }).waitFor();
    const customers = page.getByRole('region', { name: 'Organizations' });
    await customers.getByRole('row').nth(2).waitFor();
    assert.equal(await customers.getByRole('row').count(), 3, 'a header and two customers');
    assert.equal(await customers.getByText('Connected', { exact: true }).count(), 2);
    // Backup health per customer, read from each one's jobs and snapshots: none has backed up.
    await customers.getByRole('cell', { name: 'never', exact: true }).nth(1).waitFor();
    await screenshot(page, 'customers');

    const names = await customers.getByRole('link').allTextContents();
    for (const [index, name] of names.entries()) {
      if (index > 0)
        await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Customers' }).click();
      await page.getByRole('region', { name: 'Organizations' }).getByRole('link', { name }).click();
      await page.getByRole('heading', { level: 1, name }).waitFor();
      await page.getByRole('region', { name: 'Backup health' }).waitFor();
    }
    assert.match(page.url(), new RegExp(`/organizations/(${ids.customer}|${ids.otherCustomer})$`));

    await page.goto(`/organizations/${ids.thirdParty}/settings`);
    await page.getByRole('alert').filter({ hasText: 'Not found' }).waitFor();
    assert.equal(await page.getByRole('region', { name: 'What is backed up' }).count(), 0);
    await context.close();
  });

  test('an end user sees only their own data; Settings and Users refuse them', async () => {
    allowSignIn(world, world.tenants.otherPartner);
    const { page, context } = await openPortal(browser, world.service.url);
    await signIn(page, world.account(world.tenants.otherPartner, 'alex'));
    await page.getByRole('heading', { name: 'My data' }).waitFor();
    await screenshot(page, 'my-data');
    const nav = page.getByRole('navigation', { name: 'Main' });
    assert.deepEqual(await nav.getByRole('link').allTextContents(), ['My data']);
    for (const path of ['settings', 'users']) {
      await page.goto(`/organizations/${ids.thirdParty}/${path}`);
      await page.getByRole('alert').filter({ hasText: 'You do not have access to this' }).waitFor();
      assert.equal(await nav.getByRole('link', { name: 'Settings' }).count(), 0);
    }
    await context.close();
  });
});
