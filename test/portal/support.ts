// End-to-end tests of the portal: the built web/dist served by the service, driven in
// Debian's Chromium through playwright-core. The browser trusts the sandbox's TLS key by its
// hash (never by ignoring every certificate error), signs in on the sandbox's own pages and
// keeps one context (cookie jar) per person.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createHash, X509Certificate } from 'node:crypto';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { connect } from 'node:tls';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { promisify } from 'node:util';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { DEFAULT_PORTAL_DIRECTORY } from '../../src/api/portal.js';
import type { AccountAccess } from '../../src/sandbox/identity/provisioning.js';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SCREENSHOTS = join(import.meta.dirname, '..', '..', 'docs', 'screenshots');

/** Builds the portal when web/dist is missing (a fresh checkout); one build for parallel test files. */
export async function ensurePortalBuilt(): Promise<void> {
  const lock = `${DEFAULT_PORTAL_DIRECTORY}.lock`;
  for (;;) {
    if (existsSync(join(DEFAULT_PORTAL_DIRECTORY, 'index.html'))) return;
    try {
      mkdirSync(lock, { recursive: false });
      break;
    } catch {
      await delay(500);
    }
  }
  try {
    if (!existsSync(join(DEFAULT_PORTAL_DIRECTORY, 'index.html'))) {
      await promisify(execFile)(process.execPath, ['node_modules/vite/bin/vite.js', 'build', 'web'], {
        cwd: join(import.meta.dirname, '..', '..'),
      });
    }
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/** SHA-256 of the public keys a TLS server presents (its certificate and the CA), base64. */
async function serverKeyHashes(url: string, caPath: string): Promise<string[]> {
  const { hostname, port } = new URL(url);
  const ca = await readFile(caPath, 'utf8');
  const leaf = await new Promise<X509Certificate>((resolve, reject) => {
    const socket = connect({ host: hostname, port: Number(port), ca, servername: undefined }, () => {
      const certificate = socket.getPeerX509Certificate();
      socket.end();
      if (certificate) resolve(certificate);
      else reject(new Error('the sandbox presented no certificate'));
    });
    socket.once('error', reject);
  });
  return [leaf, new X509Certificate(ca)].map((certificate) =>
    createHash('sha256')
      .update(certificate.publicKey.export({ type: 'spki', format: 'der' }))
      .digest('base64'),
  );
}

export async function launchChromium(sandbox: { url: string; caPath: string }): Promise<Browser> {
  assert.ok(existsSync(CHROMIUM), `${CHROMIUM} is missing: apt-get install chromium`);
  const hashes = await serverKeyHashes(sandbox.url, sandbox.caPath);
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [`--ignore-certificate-errors-spki-list=${hashes.join(',')}`, '--no-sandbox'],
  });
}

/** One person's browser window on the portal. */
export async function openPortal(
  browser: Browser,
  serviceUrl: string,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL: serviceUrl, viewport: { width: 1280, height: 800 } });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  return { context, page };
}

/** Fills in the sandbox's sign-in form the page shows. */
export async function enterCredentials(page: Page, account: AccountAccess): Promise<void> {
  await page.getByLabel('Email or username').fill(account.userPrincipalName);
  await page.getByLabel('Password').fill(account.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** Opens the portal signed out and signs in with Microsoft 365 (the sandbox's pages). */
export async function signIn(page: Page, account: AccountAccess, path = '/'): Promise<void> {
  await page.goto(path);
  await page.getByRole('link', { name: 'Sign in with Microsoft 365' }).click();
  await enterCredentials(page, account);
}

/** Accepts the sandbox's consent page on behalf of the whole organization, signing in first if it asks. */
export async function consentForOrganization(page: Page, account: AccountAccess): Promise<void> {
  const signInForm = page.getByLabel('Email or username');
  const forOrganization = page.getByLabel('Consent on behalf of your organization');
  await signInForm.or(forOrganization).waitFor();
  if (await signInForm.isVisible()) await enterCredentials(page, account);
  await forOrganization.check();
  await page.getByRole('button', { name: 'Accept' }).click();
}

/** Saves a screenshot of the page for the README when TENANTVAULT_SCREENSHOTS=1. */
export async function screenshot(page: Page, name: string): Promise<void> {
  if (process.env.TENANTVAULT_SCREENSHOTS !== '1') return;
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: false });
}
