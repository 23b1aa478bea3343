// User sign-in with the authorization code + PKCE, over HTTP and with msal-node: the
// publisher's multi-tenant sign-in app in a customer tenant, consent for the admin alone
// versus assignment to the enterprise application, refresh tokens and the sign-in log.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ConfidentialClientApplication, CryptoProvider } from '@azure/msal-node';
import { decodeJwt } from 'jose';
import { fetch } from 'undici';
import { FetchNetworkModule } from '../../src/graph/network.js';
import { GLOBAL_ADMINISTRATOR } from '../../src/sandbox/directory/roles.js';
import {
  assignToEnterpriseApp,
  setAppRoleAssignmentRequired,
} from '../../src/sandbox/identity/administration.js';
import type { AccountAccess } from '../../src/sandbox/identity/provisioning.js';
import { startTestSandbox, type TestSandbox } from '../support/sandbox.js';
import { pkcePair, TestBrowser } from '../support/identity-browser.js';

const REDIRECT_URI = 'http://localhost:8080/auth/callback';
const SCOPES = 'openid profile offline_access User.Read';

describe('identity platform: user sign-in', () => {
  let sandbox: TestSandbox;
  let appId: string;
  let appSecret: string;
  let accounts: Record<'admin' | 'privadmin' | 'alex' | 'megan', AccountAccess>;

  before(async () => {
    sandbox = await startTestSandbox({ tenants: 1, users: 60 });
    appId = sandbox.running.access.publisher.signInAppId;
    appSecret = sandbox.running.access.publisher.signInAppSecret;
    const byAlias = (alias: string) =>
      sandbox.tenant.accounts.find((account) =>
        account.userPrincipalName.startsWith(`${alias}@`),
      ) as AccountAccess;
    accounts = {
      admin: byAlias('admin'),
      privadmin: byAlias('privadmin'),
      alex: byAlias('alex'),
      megan: byAlias('megan'),
    };
  });
  after(() => sandbox?.close());

  const authorizeUrl = (authority: string, challenge: string, extra: Record<string, string> = {}) =>
    `${authority}/oauth2/v2.0/authorize?${new URLSearchParams({
      client_id: appId,
      response_type: 'code',
      redirect_uri: REDIRECT_URI,
      scope: SCOPES,
      state: 'st',
      nonce: 'n0',
      code_challenge: challenge,
      code_challenge_method: 'S256',
      ...extra,
    })}`;

  async function redeem(
    code: string,
    verifier: string,
  ): Promise<{ status: number; body: Record<string, unknown> }> {
    const response = await fetch(`${sandbox.url}/organizations/oauth2/v2.0/token`, {
      method: 'POST',
      dispatcher: sandbox.dispatcher,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        client_id: appId,
        client_secret: appSecret,
        code,
        redirect_uri: REDIRECT_URI,
        code_verifier: verifier,
        scope: SCOPES,
      }).toString(),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  /** Signs in through the pages at /organizations; returns the redirect back to the app. */
  async function signIn(account: AccountAccess, extra: Record<string, string> = {}) {
    const pkce = pkcePair();
    const browser = new TestBrowser(sandbox.url, sandbox.dispatcher);
    const answer = await browser.signIn(
      authorizeUrl(`${sandbox.url}/organizations`, pkce.challenge, extra),
      account.userPrincipalName,
      account.password,
    );
    assert.equal(answer.status, 302, answer.html.slice(0, 300));
    return { location: answer.location as URL, verifier: pkce.verifier, browser };
  }

  test('before any consent, sign-in to the publisher’s app fails with AADSTS65001', async () => {
    const { location } = await signIn(accounts.admin);
    assert.equal(location.searchParams.get('error'), 'consent_required');
    assert.match(location.searchParams.get('error_description') ?? '', /^AADSTS65001: /);
    assert.equal(location.searchParams.get('state'), 'st');
  });

  test('an unregistered redirect URI gets an error page, not a redirect', async () => {
    const response = await new TestBrowser(sandbox.url, sandbox.dispatcher).get(
      `${sandbox.url}/organizations/oauth2/v2.0/authorize?${new URLSearchParams({ client_id: appId, response_type: 'code', redirect_uri: 'https://evil.example/cb', scope: SCOPES })}`,
    );
    assert.equal(response.status, 400);
    assert.equal(response.location, undefined);
    assert.match(response.html, /AADSTS50011/);
  });

  test('consent for the admin alone: the admin signs in with code + PKCE, other users are blocked', async () => {
    const consentUrl = `${sandbox.tenant.authority}/adminconsent?${new URLSearchParams({ client_id: appId, redirect_uri: REDIRECT_URI, state: 'c' })}`;
    const consent = await new TestBrowser(sandbox.url, sandbox.dispatcher).adminConsent(
      consentUrl,
      accounts.admin.userPrincipalName,
      accounts.admin.password,
      {
        accept: true,
        forOrganization: false,
      },
    );
    assert.equal(consent.location?.searchParams.get('admin_consent'), 'True');

    const { location, verifier } = await signIn(accounts.admin);
    assert.equal(location.searchParams.get('state'), 'st');
    assert.ok(location.searchParams.get('session_state'));
    const code = location.searchParams.get('code');
    assert.ok(code, location.toString());
    const tokens = await redeem(code, verifier);
    assert.equal(tokens.status, 200, JSON.stringify(tokens.body));
    const idToken = decodeJwt(tokens.body.id_token as string);
    assert.equal(idToken.tid, sandbox.tenant.tenantId);
    assert.equal(idToken.oid, accounts.admin.id);
    assert.equal(idToken.aud, appId);
    assert.equal(idToken.nonce, 'n0');
    assert.equal(idToken.iss, `${sandbox.url}/${sandbox.tenant.tenantId}/v2.0`);
    assert.equal(idToken.preferred_username, accounts.admin.userPrincipalName);
    assert.deepEqual(idToken.wids, [GLOBAL_ADMINISTRATOR]);
    const accessToken = decodeJwt(tokens.body.access_token as string);
    assert.equal(accessToken.idtyp, 'user');
    assert.equal(accessToken.oid, accounts.admin.id);
    assert.equal(accessToken.scp, 'openid profile User.Read');
    assert.ok(tokens.body.refresh_token);

    // The same code cannot be redeemed twice, and a wrong verifier fails PKCE.
    const again = await redeem(code, verifier);
    assert.deepEqual(again.body.error_codes, [54005]);
    const second = await signIn(accounts.admin);
    const wrongVerifier = await redeem(
      second.location.searchParams.get('code') as string,
      'not-the-verifier',
    );
    assert.deepEqual(wrongVerifier.body.error_codes, [501481]);

    // Graph accepts the delegated token and knows who is calling.
    const me = await sandbox.graphRequest('/me', { token: tokens.body.access_token as string });
    assert.equal(me.status, 200, JSON.stringify(me.body));
    assert.equal(me.body.id, accounts.admin.id);

    const blocked = await signIn(accounts.alex);
    assert.equal(blocked.location.searchParams.get('error'), 'consent_required');
    assert.match(blocked.location.searchParams.get('error_description') ?? '', /^AADSTS65001: /);
  });

  test('assigning a user to the enterprise application lets them in; assignment required blocks the others', async () => {
    const tenant = sandbox.running.sandbox.tenants.get(sandbox.tenant.tenantId);
    assert.ok(tenant);
    assignToEnterpriseApp(sandbox.running.sandbox, tenant, appId, accounts.alex.id);
    const alex = await signIn(accounts.alex);
    const tokens = await redeem(alex.location.searchParams.get('code') as string, alex.verifier);
    assert.equal(tokens.status, 200, JSON.stringify(tokens.body));
    assert.equal(decodeJwt(tokens.body.id_token as string).oid, accounts.alex.id);
    assert.deepEqual(decodeJwt(tokens.body.id_token as string).wids, []);

    setAppRoleAssignmentRequired(tenant, appId, true);
    try {
      const admin = await signIn(accounts.admin);
      assert.match(admin.location.searchParams.get('error_description') ?? '', /^AADSTS50105: /);
      assert.ok((await signIn(accounts.alex)).location.searchParams.get('code'));
    } finally {
      setAppRoleAssignmentRequired(tenant, appId, false);
    }
  });

  test('consent for the organization lets every user in', async () => {
    const consentUrl = `${sandbox.tenant.authority}/adminconsent?${new URLSearchParams({ client_id: appId, redirect_uri: REDIRECT_URI })}`;
    await new TestBrowser(sandbox.url, sandbox.dispatcher).adminConsent(
      consentUrl,
      accounts.privadmin.userPrincipalName,
      accounts.privadmin.password,
      {
        accept: true,
        forOrganization: true,
      },
    );
    const megan = await signIn(accounts.megan);
    assert.ok(megan.location.searchParams.get('code'), megan.location.toString());
  });

  test('a wrong password re-shows the page; every attempt is in the sign-in log', async () => {
    const pkce = pkcePair();
    const browser = new TestBrowser(sandbox.url, sandbox.dispatcher);
    const wrong = await browser.signIn(
      authorizeUrl(sandbox.tenant.authority, pkce.challenge),
      accounts.megan.userPrincipalName,
      'nope',
    );
    assert.equal(wrong.status, 200);
    assert.match(wrong.html, /Your account or password is incorrect/);
    const log = await sandbox.graphRequest(`/auditLogs/signIns?$top=999`);
    assert.equal(log.status, 200, JSON.stringify(log.body));
    const mine = (
      log.body.value as { appId: string; userId: string; status: { errorCode: number } }[]
    ).filter((entry) => entry.appId === appId);
    const codes = mine.map((entry) => entry.status.errorCode);
    assert.ok(codes.includes(0));
    assert.ok(codes.includes(65001));
    assert.ok(codes.includes(50105));
    assert.ok(codes.includes(50126));
  });

  test('the session cookie signs the user in silently unless prompt=login', async () => {
    const { browser } = await signIn(accounts.megan);
    const silent = await browser.get(authorizeUrl(sandbox.tenant.authority, pkcePair().challenge));
    assert.equal(silent.status, 302);
    assert.ok(silent.location?.searchParams.get('code'));
    const forced = await browser.get(
      authorizeUrl(sandbox.tenant.authority, pkcePair().challenge, { prompt: 'login' }),
    );
    assert.equal(forced.status, 200);
    assert.match(forced.html, /name="passwd"/);
  });

  test('msal-node: getAuthCodeUrl, acquireTokenByCode and acquireTokenByRefreshToken', async () => {
    const client = new ConfidentialClientApplication({
      auth: {
        clientId: appId,
        clientSecret: appSecret,
        authority: `${sandbox.url}/organizations`,
        knownAuthorities: [new URL(sandbox.url).host],
      },
      system: { networkClient: new FetchNetworkModule(sandbox.dispatcher) },
    });
    const { verifier, challenge } = await new CryptoProvider().generatePkceCodes();
    const url = await client.getAuthCodeUrl({
      scopes: ['User.Read'],
      redirectUri: REDIRECT_URI,
      codeChallenge: challenge,
      codeChallengeMethod: 'S256',
      state: 'msal',
      loginHint: accounts.megan.userPrincipalName,
    });
    const answer = await new TestBrowser(sandbox.url, sandbox.dispatcher).signIn(
      url,
      accounts.megan.userPrincipalName,
      accounts.megan.password,
    );
    const code = answer.location?.searchParams.get('code');
    assert.ok(code, answer.location?.toString() ?? answer.html.slice(0, 300));
    const result = await client.acquireTokenByCode({
      code,
      scopes: ['User.Read'],
      redirectUri: REDIRECT_URI,
      codeVerifier: verifier,
    });
    assert.equal(result.account?.tenantId, sandbox.tenant.tenantId);
    assert.equal((result.idTokenClaims as { oid?: string }).oid, accounts.megan.id);
    assert.equal(result.account?.username, accounts.megan.userPrincipalName);

    const cache = JSON.parse(client.getTokenCache().serialize()) as {
      RefreshToken: Record<string, { secret: string }>;
    };
    const refreshToken = Object.values(cache.RefreshToken)[0]?.secret;
    assert.ok(refreshToken);
    const refreshed = await client.acquireTokenByRefreshToken({ refreshToken, scopes: ['User.Read'] });
    assert.equal(decodeJwt(refreshed?.accessToken ?? '').oid, accounts.megan.id);

    // Tokens live on the sandbox clock: far in the future the refresh token has expired.
    sandbox.running.sandbox.clock.advance(91 * 24 * 3600 * 1000);
    try {
      await assert.rejects(
        client.acquireTokenByRefreshToken({ refreshToken, scopes: ['User.Read'] }),
        /AADSTS700082/,
      );
    } finally {
      sandbox.running.sandbox.clock.advance(-91 * 24 * 3600 * 1000);
    }
  });
});
