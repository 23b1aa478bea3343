// The portal as `npm start` serves it: `tenantvault serve --demo` in a process of its own,
// in Chromium. The demo admin signs in, sees the first backup finish on the dashboard and
// finds every object type in Entra ID backup, as the README's walk-through says; the demo
// end user sees only their own page.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { startDemoProcess, type CliProcess, type DemoInfo } from '../support/cli-process.js';
import { ensurePortalBuilt, launchChromium, openPortal, signIn } from './support.js';

describe('portal: serve --demo', () => {
  let demo: CliProcess<DemoInfo>;
  let browser: Browser;
  before(async () => {
    await ensurePortalBuilt();
    demo = await startDemoProcess();
    browser = await launchChromium({ url: demo.info.demo.sandbox, caPath: demo.info.demo.caPath });
  });
  after(async () => {
    await browser?.close();
    if (demo) assert.equal(await demo.stop(), 0, demo.stderr());
  });

  test('the demo admin signs in, sees the first backup succeed and browses every object type', async () => {
    const { page, context } = await openPortal(browser, demo.info.url);
    await signIn(page, demo.info.demo.admin);
    const nav = page.getByRole('navigation', { name: 'Main' });
    await nav.getByRole('link', { name: 'Dashboard' }).click();
    const health = page.getByRole('region', { name: 'Backup health' });
    // The first backup started with the service; the dashboard follows it without a reload.
    await health.getByText('Succeeded', { exact: true }).waitFor({ timeout: 180_000 });

    await nav.getByRole('link', { name: 'Entra ID backup' }).click();
    const types = page.getByRole('list', { name: 'Object types' });
    await types.getByRole('link', { name: /^Users/ }).waitFor();
    for (const name of ['Users', 'Groups', 'Conditional Access', 'Devices', 'BitLocker'])
      assert.equal(await types.getByRole('link', { name: new RegExp(`^${name}`) }).count(), 1, name);
    await types.getByRole('link', { name: /^Users/ }).click();
    const users = page.getByRole('table', { name: 'Users' });
    await users.getByRole('row').nth(1).waitFor();
    assert.ok((await users.getByRole('row').count()) > 1);
    await context.close();
  });

  test('the demo end user sees My data and nothing of the organization', async () => {
    const { page, context } = await openPortal(browser, demo.info.url);
    await signIn(page, demo.info.demo.endUser);
    await page.getByRole('heading', { name: 'My data' }).waitFor();
    const nav = page.getByRole('navigation', { name: 'Main' });
    assert.deepEqual(await nav.getByRole('link').allTextContents(), ['My data']);
    await context.close();
  });
});
