// App-only tokens from the sandbox's identity platform with Microsoft's own client
// (msal-node): client secret and certificate, exactly the consented roles, the publisher's
// multi-tenant app before and after an admin consents over HTTP, and Graph's answers to
// expired or foreign tokens.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { ConfidentialClientApplication } from '@azure/msal-node';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { fetch } from 'undici';
import { FetchNetworkModule } from '../../src/graph/network.js';
import { BACKUP_APP_PERMISSIONS } from '../../src/sandbox/directory/graph-permissions.js';
import { GraphError } from '../../src/sandbox/errors.js';
import { verifyGraphAccessToken } from '../../src/sandbox/identity/access-token.js';
import { createClientCertificate, thumbprints } from '../../src/sandbox/pki.js';
import { msalClient, startTestSandbox, type TestSandbox } from '../support/sandbox.js';
import { TestBrowser } from '../support/identity-browser.js';

const GRAPH_DEFAULT = ['https://graph.microsoft.com/.default'];

describe('identity platform: app-only tokens', () => {
  let sandbox: TestSandbox;
  before(async () => {
    sandbox = await startTestSandbox({ tenants: 2, users: 60 });
  });
  after(() => sandbox?.close());

  const confidentialClient = (clientId: string, authority: string, credential: object) =>
    new ConfidentialClientApplication({
      auth: { clientId, authority, knownAuthorities: [new URL(sandbox.url).host], ...credential },
      system: { networkClient: new FetchNetworkModule(sandbox.dispatcher) },
    });

  test('discovery document and JWKS look like Microsoft’s', async () => {
    const { tenantId } = sandbox.tenant;
    const config = (await (
      await sandbox.fetch(`/${tenantId}/v2.0/.well-known/openid-configuration`)
    ).json()) as Record<string, string>;
    assert.equal(config.issuer, `${sandbox.url}/${tenantId}/v2.0`);
    assert.equal(config.token_endpoint, `${sandbox.url}/${tenantId}/oauth2/v2.0/token`);
    const common = (await (
      await sandbox.fetch('/organizations/v2.0/.well-known/openid-configuration')
    ).json()) as Record<string, string>;
    assert.equal(common.issuer, `${sandbox.url}/{tenantid}/v2.0`);
    const keys = (await (await sandbox.fetch(`/${tenantId}/discovery/v2.0/keys`)).json()) as {
      keys: Record<string, unknown>[];
    };
    assert.equal(keys.keys[0]?.kid, sandbox.running.sandbox.signingKey.kid);
    assert.ok(Array.isArray(keys.keys[0]?.x5c));
    const unknown = await sandbox.fetch('/nosuchtenant.example/v2.0/.well-known/openid-configuration');
    assert.equal(unknown.status, 400);
    assert.deepEqual(((await unknown.json()) as { error_codes: number[] }).error_codes, [90002]);
  });

  test('client secret: the token carries exactly the consented application permissions', async () => {
    const token = await sandbox.appToken();
    const header = decodeProtectedHeader(token);
    assert.equal(header.alg, 'RS256');
    assert.equal(header.kid, sandbox.running.sandbox.signingKey.kid);
    const claims = decodeJwt(token);
    assert.equal(claims.aud, 'https://graph.microsoft.com');
    assert.equal(claims.iss, `https://sts.windows.net/${sandbox.tenant.tenantId}/`);
    assert.equal(claims.tid, sandbox.tenant.tenantId);
    assert.equal(claims.appid, sandbox.tenant.clientId);
    assert.equal(claims.idtyp, 'app');
    assert.equal(claims.appidacr, '1');
    assert.equal((claims.exp as number) - (claims.iat as number), 3600);
    assert.deepEqual(claims.roles, [...BACKUP_APP_PERMISSIONS].sort());
    const verified = await verifyGraphAccessToken(sandbox.running.sandbox, `Bearer ${token}`);
    assert.equal(verified.tenant.id, sandbox.tenant.tenantId);
    assert.equal(verified.claims.oid, claims.oid);
  });

  test('certificate: SHA-1 (RS256, x5t) and SHA-256 (PS256, x5t#S256) assertions', async () => {
    const sha1 = await msalClient(sandbox, sandbox.tenant, 'certificate').acquireTokenByClientCredential({
      scopes: GRAPH_DEFAULT,
    });
    assert.equal(decodeJwt(sha1?.accessToken ?? '').appidacr, '2');
    const certPem = readFileSync(sandbox.tenant.certificatePath, 'utf8');
    const sha256 = await confidentialClient(sandbox.tenant.clientId, sandbox.tenant.authority, {
      clientCertificate: {
        thumbprintSha256: Buffer.from(thumbprints(certPem).sha256, 'base64url').toString('hex'),
        privateKey: readFileSync(sandbox.tenant.privateKeyPath, 'utf8'),
        x5c: certPem,
      },
    }).acquireTokenByClientCredential({ scopes: GRAPH_DEFAULT });
    assert.deepEqual(decodeJwt(sha256?.accessToken ?? '').roles, [...BACKUP_APP_PERMISSIONS].sort());
  });

  test('an unregistered certificate is refused (AADSTS700027)', async () => {
    const stranger = await createClientCertificate('not registered');
    await assert.rejects(
      confidentialClient(sandbox.tenant.clientId, sandbox.tenant.authority, {
        clientCertificate: { thumbprint: thumbprints(stranger.certPem).sha1Hex, privateKey: stranger.keyPem },
      }).acquireTokenByClientCredential({ scopes: GRAPH_DEFAULT }),
      /AADSTS700027/,
    );
  });

  test('a wrong secret is invalid_client AADSTS7000215 with HTTP 401 in Microsoft’s error shape', async () => {
    const response = await fetch(`${sandbox.tenant.authority}/oauth2/v2.0/token`, {
      method: 'POST',
      dispatcher: sandbox.dispatcher,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: sandbox.tenant.clientId,
        client_secret: 'wrong',
        scope: GRAPH_DEFAULT[0] as string,
      }).toString(),
    });
    assert.equal(response.status, 401);
    const body = (await response.json()) as Record<string, unknown>;
    assert.equal(body.error, 'invalid_client');
    assert.deepEqual(body.error_codes, [7000215]);
    assert.match(
      body.error_description as string,
      /^AADSTS7000215: .* Trace ID: \S+ Correlation ID: \S+ Timestamp: /,
    );
    for (const key of ['timestamp', 'trace_id', 'correlation_id', 'error_uri']) assert.ok(body[key], key);
  });

  test('HTTP Basic client authentication is accepted', async () => {
    const basic = Buffer.from(
      `${sandbox.tenant.clientId}:${encodeURIComponent(sandbox.tenant.clientSecret)}`,
    ).toString('base64');
    const response = await fetch(`${sandbox.tenant.authority}/oauth2/v2.0/token`, {
      method: 'POST',
      dispatcher: sandbox.dispatcher,
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${basic}` },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        scope: GRAPH_DEFAULT[0] as string,
      }).toString(),
    });
    assert.equal(response.status, 200);
    const body = (await response.json()) as Record<string, unknown>;
    assert.equal(body.token_type, 'Bearer');
    assert.equal(body.expires_in, 3600);
  });

  test('a tenant’s single-tenant app is unknown in another tenant (AADSTS700016)', async () => {
    const other = sandbox.running.access.tenants[1];
    assert.ok(other);
    await assert.rejects(
      confidentialClient(sandbox.tenant.clientId, other.authority, {
        clientSecret: sandbox.tenant.clientSecret,
      }).acquireTokenByClientCredential({ scopes: GRAPH_DEFAULT }),
      /AADSTS700016/,
    );
  });

  test('the publisher’s backup app: AADSTS700016 before consent, a non-admin cannot consent, the backup roles after admin consent', async () => {
    const { publisher } = sandbox.running.access;
    const customer = sandbox.tenant;
    const backupClient = confidentialClient(publisher.backupAppId, customer.authority, {
      clientSecret: publisher.backupAppSecret,
    });
    await assert.rejects(
      backupClient.acquireTokenByClientCredential({ scopes: GRAPH_DEFAULT }),
      (error: Error) => {
        assert.match(
          error.message,
          /AADSTS700016: Application with identifier '[^']+' was not found in the directory/,
        );
        return true;
      },
    );

    const redirectUri = 'http://localhost:8080/consent/callback';
    const consentUrl = `${customer.authority}/adminconsent?${new URLSearchParams({ client_id: publisher.backupAppId, redirect_uri: redirectUri, state: 'xyz' })}`;
    const user = customer.accounts.find((account) => account.role === 'User');
    assert.ok(user);
    const refused = await new TestBrowser(sandbox.url, sandbox.dispatcher).signIn(
      consentUrl,
      user.userPrincipalName,
      user.password,
    );
    assert.equal(refused.location, undefined);
    assert.match(refused.html, /Need admin approval/);
    assert.match(refused.html, /AADSTS90094/);
    await assert.rejects(
      backupClient.acquireTokenByClientCredential({ scopes: GRAPH_DEFAULT }),
      /AADSTS700016/,
    );

    const admin = customer.accounts.find((account) => account.role === 'Privileged Role Administrator');
    assert.ok(admin);
    const cancelled = await new TestBrowser(sandbox.url, sandbox.dispatcher).adminConsent(
      consentUrl,
      admin.userPrincipalName,
      admin.password,
      {
        accept: false,
        forOrganization: true,
      },
    );
    assert.equal(cancelled.location?.searchParams.get('error'), 'access_denied');
    assert.equal(cancelled.location?.searchParams.get('error_subcode'), 'cancel');

    const accepted = await new TestBrowser(sandbox.url, sandbox.dispatcher).adminConsent(
      consentUrl,
      admin.userPrincipalName,
      admin.password,
      {
        accept: true,
        forOrganization: true,
      },
    );
    assert.equal(accepted.status, 302);
    assert.equal(`${accepted.location?.origin}${accepted.location?.pathname}`, redirectUri);
    assert.equal(accepted.location?.searchParams.get('admin_consent'), 'True');
    assert.equal(accepted.location?.searchParams.get('tenant'), customer.tenantId);
    assert.equal(accepted.location?.searchParams.get('state'), 'xyz');

    const result = await backupClient.acquireTokenByClientCredential({ scopes: GRAPH_DEFAULT });
    const claims = decodeJwt(result?.accessToken ?? '');
    assert.equal(claims.tid, customer.tenantId);
    assert.equal(claims.appid, publisher.backupAppId);
    assert.deepEqual(claims.roles, [...BACKUP_APP_PERMISSIONS].sort());

    // The enterprise application is visible through Graph like any other.
    const servicePrincipals = await sandbox.graphRequest(
      `/servicePrincipals?$filter=appId eq '${publisher.backupAppId}'`,
    );
    assert.equal(servicePrincipals.status, 200);
    assert.equal(servicePrincipals.body.value[0]?.appOwnerOrganizationId, publisher.tenantId);
  });

  test('v2 admin consent returns the scope it was asked for', async () => {
    const { publisher } = sandbox.running.access;
    const customer = sandbox.running.access.tenants[1];
    assert.ok(customer);
    const admin = customer.accounts.find((account) => account.role === 'Global Administrator');
    assert.ok(admin);
    const url = `${sandbox.url}/organizations/v2.0/adminconsent?${new URLSearchParams({
      client_id: publisher.backupAppId,
      scope: 'https://graph.microsoft.com/.default',
      redirect_uri: 'http://localhost:8080/consent/callback',
      state: 's2',
    })}`;
    const accepted = await new TestBrowser(sandbox.url, sandbox.dispatcher).adminConsent(
      url,
      admin.userPrincipalName,
      admin.password,
      {
        accept: true,
        forOrganization: true,
      },
    );
    assert.equal(accepted.location?.searchParams.get('tenant'), customer.tenantId);
    assert.equal(accepted.location?.searchParams.get('scope'), 'https://graph.microsoft.com/.default');
  });

  test('an expired token is rejected with Graph’s 401 and WWW-Authenticate', async () => {
    const token = await sandbox.appToken();
    const inner = sandbox.running.sandbox;
    inner.clock.advance(2 * 3600 * 1000);
    try {
      await assert.rejects(verifyGraphAccessToken(inner, `Bearer ${token}`), (error: unknown) => {
        assert.ok(error instanceof GraphError);
        assert.equal(error.status, 401);
        assert.equal(error.code, 'InvalidAuthenticationToken');
        assert.equal(error.message, 'Access token has expired or is not yet valid.');
        assert.match(
          error.headers['www-authenticate'] ?? '',
          /^Bearer realm="", authorization_uri=".*\/oauth2\/authorize", client_id="00000003-0000-0000-c000-000000000000"/,
        );
        return true;
      });
      const response = await sandbox.graphRequest('/users', { token });
      assert.equal(response.status, 401);
      assert.equal(response.body.error.code, 'InvalidAuthenticationToken');
      assert.ok(response.headers.get('www-authenticate'));
    } finally {
      inner.clock.advance(-2 * 3600 * 1000);
    }
    await assert.rejects(verifyGraphAccessToken(inner, undefined), /Access token is empty/);
    const [head, body] = token.split('.');
    await assert.rejects(
      verifyGraphAccessToken(inner, `Bearer ${head}.${body}.AAAA`),
      /Access token validation failure/,
    );
  });
});
