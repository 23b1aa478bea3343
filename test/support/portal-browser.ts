// A browser for tests of the service: keeps cookies per origin (the service's and the
// sandbox's), follows redirects between them one hop at a time, fills in the sandbox's
// sign-in and consent forms, and calls the API with the session's CSRF token.
import assert from 'node:assert/strict';
import { fetch, type Dispatcher } from 'undici';
import type { AccountAccess } from '../../src/sandbox/identity/provisioning.js';
import { formOf } from './identity-browser.js';

export interface Answer {
  status: number;
  location?: URL;
  headers: Headers;
  text: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read arbitrary JSON answers
  body: any;
}

export class PortalBrowser {
  private readonly cookies = new Map<string, Map<string, string>>();
  csrfToken: string | undefined;

  constructor(
    readonly serviceUrl: string,
    private readonly dispatcher: Dispatcher,
  ) {}

  /** One request, no redirect followed; cookies sent and kept. */
  async request(
    url: string | URL,
    init: {
      method?: string;
      form?: Record<string, string>;
      json?: unknown;
      headers?: Record<string, string>;
    } = {},
  ): Promise<Answer> {
    const target = new URL(url, this.serviceUrl);
    const jar = this.jar(target.origin);
    const headers: Record<string, string> = { ...init.headers };
    if (jar.size > 0) headers.cookie = [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
    let body: string | undefined;
    if (init.form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(init.form).toString();
    } else if (init.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(init.json);
    }
    const response = await fetch(target, {
      method: init.method ?? 'GET',
      headers,
      body,
      redirect: 'manual',
      dispatcher: this.dispatcher,
    });
    for (const line of response.headers.getSetCookie()) this.keep(target.origin, line);
    const text = await response.text();
    let parsed: unknown;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = undefined;
    }
    const location = response.headers.get('location');
    return {
      status: response.status,
      location: location ? new URL(location, target) : undefined,
      headers: response.headers as unknown as Headers,
      text,
      body: parsed,
    };
  }

  /** Follows redirects (GET) until an answer that is not one. */
  async follow(answer: Answer): Promise<Answer> {
    let current = answer;
    for (let hops = 0; current.status >= 300 && current.status < 400 && current.location; hops++) {
      assert.ok(hops < 10, 'too many redirects');
      current = await this.request(current.location);
    }
    return current;
  }

  /** Fills in the sandbox's sign-in form on the page `answer` shows. */
  async submitSignIn(answer: Answer, account: AccountAccess): Promise<Answer> {
    assert.equal(answer.status, 200, answer.text.slice(0, 400));
    const form = formOf(answer.text);
    return this.request(new URL(form.action, answer.location ?? this.serviceUrl), {
      method: 'POST',
      form: { ...form.fields, login: account.userPrincipalName, passwd: account.password },
    });
  }

  /** Signs in to the service with the account; returns the service's final answer. */
  async signIn(account: AccountAccess, returnTo?: string): Promise<Answer> {
    const start = await this.request(
      `/auth/sign-in${returnTo ? `?returnTo=${encodeURIComponent(returnTo)}` : ''}`,
    );
    assert.equal(start.status, 302, start.text);
    const page = await this.request(start.location as URL);
    // The sandbox's own session cookie signs a known browser in without its form.
    const signedIn =
      page.status === 302 ? page : await this.submitSignIn({ ...page, location: start.location }, account);
    const answer = await this.follow(signedIn);
    const me = await this.request('/api/me');
    this.csrfToken = me.status === 200 ? me.body.csrfToken : undefined;
    return answer;
  }

  /** Signs in on a consent page (sandbox) and answers it; returns where the sandbox sends the browser. */
  async consent(start: Answer, account: AccountAccess, forOrganization: boolean): Promise<Answer> {
    assert.equal(start.status, 302, start.text);
    const page = await this.request(start.location as URL);
    const consentPage = await this.submitSignIn({ ...page, location: start.location }, account);
    assert.equal(consentPage.status, 200, consentPage.text.slice(0, 400));
    assert.match(consentPage.text, /Consent on behalf of your organization/);
    const form = formOf(consentPage.text);
    return this.request(new URL(form.action, start.location), {
      method: 'POST',
      form: {
        ...form.fields,
        decision: 'accept',
        ...(forOrganization ? { consent_on_behalf_of_organization: 'true' } : {}),
      },
    });
  }

  /** An API call with the session cookie and its CSRF token. */
  api(method: string, path: string, json?: unknown, headers: Record<string, string> = {}): Promise<Answer> {
    return this.request(path, {
      method,
      json,
      headers: { ...(this.csrfToken ? { 'x-csrf-token': this.csrfToken } : {}), ...headers },
    });
  }

  /** A cookie the browser holds for the service. */
  cookie(name: string): string | undefined {
    return this.jar(new URL(this.serviceUrl).origin).get(name);
  }

  private jar(origin: string): Map<string, string> {
    let jar = this.cookies.get(origin);
    if (!jar) this.cookies.set(origin, (jar = new Map()));
    return jar;
  }

  private keep(origin: string, line: string): void {
    const [pair, ...attributes] = line.split(';').map((part) => part.trim());
    const split = (pair ?? '').indexOf('=');
    const name = (pair ?? '').slice(0, split);
    const value = (pair ?? '').slice(split + 1);
    const expired = attributes.some(
      (attribute) =>
        /^max-age=0$/i.test(attribute) ||
        (/^expires=/i.test(attribute) && Date.parse(attribute.slice(8)) <= Date.now()),
    );
    if (expired || value === '') this.jar(origin).delete(name);
    else this.jar(origin).set(name, value);
  }
}
