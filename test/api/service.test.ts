// The service as operators and client authors meet it: a valid OpenAPI 3 document that
// describes every route, liveness and readiness, Prometheus metrics, and logs that carry
// requests but never a secret (client secrets, cookies, tokens, codes, invitations).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Validator } from '@seriousme/openapi-schema-validator';
import { connectByConsent, manualConnection, registerReseller, startWorld, type World } from './support.js';

describe('service', () => {
  let world: World;
  const secrets: Record<string, string> = {};

  before(async () => {
    world = await startWorld();
    const { browser: admin } = await connectByConsent(world, world.tenants.customer);
    const northwind = await registerReseller(world, world.tenants.partner, 'Northwind IT');
    const connected = await northwind.browser.api('POST', '/api/organizations', {
      ...manualConnection(world.tenants.otherCustomer),
      resellerId: northwind.id,
    });
    assert.equal(connected.status, 201, connected.text);
    const token = await admin.api('POST', '/api/tokens', { name: 'logs', scopes: ['organizations:read'] });
    await admin.request('/api/me', { headers: { authorization: `Bearer ${token.body.token}` } });
    const invitation = await northwind.browser.api('POST', `/api/resellers/${northwind.id}/invitations`);
    await admin.request(new URL(invitation.body.url).pathname + new URL(invitation.body.url).search);
    Object.assign(secrets, {
      signInAppSecret: world.sandbox.running.access.publisher.signInAppSecret,
      backupAppSecret: world.sandbox.running.access.publisher.backupAppSecret,
      manualAppSecret: world.tenants.otherCustomer.clientSecret,
      session: admin.cookie('tv_session') as string,
      csrfToken: admin.csrfToken as string,
      apiToken: token.body.token,
      invitation: new URL(invitation.body.url).searchParams.get('invitation') as string,
    });
  });
  after(() => world?.close());

  test('the OpenAPI document is valid and describes every route', async () => {
    const answer = await world.browser().request('/api/openapi.json');
    assert.equal(answer.status, 200);
    const document = answer.body;
    const validator = new Validator();
    const result = await validator.validate(document);
    assert.ok(result.valid, JSON.stringify(result.errors, null, 2));
    assert.equal(document.openapi, '3.0.3');
    assert.deepEqual(Object.keys(document.components.securitySchemes).sort(), ['apiToken', 'session']);

    const documented = new Set<string>();
    for (const [path, operations] of Object.entries(
      document.paths as Record<string, Record<string, unknown>>,
    )) {
      for (const method of Object.keys(operations)) documented.add(`${method.toUpperCase()} ${path}`);
    }
    const described = world.service.api.routes
      .filter(
        (route) =>
          !route.url.startsWith('/api/docs') &&
          route.url !== '/api/openapi.json' &&
          route.action !== 'portal',
      )
      .map((route) => `${route.method} ${route.url.replace(/:(\w+)/g, '{$1}')}`);
    assert.deepEqual(
      described.filter((route) => !documented.has(route)),
      [],
    );

    const settings = document.paths['/api/organizations/{organizationId}/settings'].put;
    assert.ok(settings.requestBody.content['application/json'].schema.properties.objectTypes);
    assert.ok(settings.responses['4XX'], 'error answers are described');
    assert.equal(settings.parameters[0].name, 'organizationId');
  });

  test('the sign-in and session cookies are HttpOnly, Secure and SameSite=Lax', async () => {
    const browser = world.browser();
    const start = await browser.request('/auth/sign-in');
    const flow = start.headers.getSetCookie().find((line) => line.startsWith('tv_auth='));
    assert.ok(flow, 'the sign-in state cookie');
    for (const attribute of [/; HttpOnly/, /; Secure/, /; SameSite=Lax/, /; Path=\/auth/])
      assert.match(flow, attribute);
    const page = await browser.request(start.location as URL);
    const signedIn = await browser.submitSignIn(
      { ...page, location: start.location },
      world.account(world.tenants.customer, 'admin'),
    );
    const callback = await browser.request(signedIn.location as URL);
    assert.equal(callback.status, 302, callback.text);
    const cookies = callback.headers.getSetCookie();
    const session = cookies.find((line) => line.startsWith('tv_session='));
    assert.ok(session, cookies.join('\n'));
    for (const attribute of [/; HttpOnly/, /; Secure/, /; SameSite=Lax/, /; Path=\/;/])
      assert.match(session, attribute);
    // The sign-in state is used once: the callback clears it.
    assert.match(cookies.find((line) => line.startsWith('tv_auth=')) ?? '', /Expires=Thu, 01 Jan 1970/);
  });

  test('liveness, readiness and the docs page', async () => {
    const browser = world.browser();
    assert.deepEqual((await browser.request('/healthz')).body, { status: 'ok' });
    assert.deepEqual((await browser.request('/readyz')).body, { status: 'ready' });
    const docs = await browser.request('/api/docs');
    assert.equal(docs.status, 200);
    assert.match(docs.text, /Swagger UI/);
  });

  test('metrics count requests by route template and organizations by connection', async () => {
    const browser = world.browser();
    for (let i = 0; i < 3; i++) await browser.request('/healthz');
    const metrics = await browser.request('/metrics');
    assert.equal(metrics.status, 200);
    assert.match(metrics.headers.get('content-type') ?? '', /^text\/plain/);
    const healthz =
      /tenantvault_http_requests_total\{method="GET",route="\/healthz",status="200"\} (\d+)/.exec(
        metrics.text,
      );
    assert.ok(healthz && Number(healthz[1]) >= 3, metrics.text.slice(0, 2000));
    assert.match(
      metrics.text,
      /route="\/api\/organizations\/:organizationId\/[a-z/]*"|route="\/api\/organizations"/,
    );
    assert.doesNotMatch(metrics.text, /route="\/api\/organizations\/[0-9a-f]{8}-/);
    assert.match(metrics.text, /tenantvault_organizations\{connected="true"\} 2/);
    assert.match(metrics.text, /tenantvault_http_request_duration_seconds_bucket/);
    assert.match(metrics.text, /process_cpu_user_seconds_total/);
  });

  test('logs carry the requests, never a secret', () => {
    const logs = world.service.logs.join('');
    assert.match(logs, /"url":"\/auth\/callback\?code=%5Bredacted%5D/);
    assert.match(logs, /"msg":"signed in"/);
    for (const [name, secret] of Object.entries(secrets)) {
      assert.ok(secret && secret.length >= 8, name);
      assert.ok(!logs.includes(secret), `the logs hold the ${name}`);
    }
  });
});
