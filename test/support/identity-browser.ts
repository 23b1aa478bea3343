// A minimal browser for the identity platform's pages: follows no redirects (tests read
// Location), keeps the session cookie when asked, and fills in the HTML forms the sign-in
// and consent pages show.
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { fetch, type Dispatcher } from 'undici';

export interface PageResult {
  status: number;
  location?: URL;
  html: string;
}

/** Hidden inputs of the page's form, and its action. */
export function formOf(html: string): { action: string; fields: Record<string, string> } {
  const action = /<form[^>]*action="([^"]*)"/.exec(html)?.[1];
  assert.ok(action, `no form on the page:\n${html.slice(0, 500)}`);
  const fields: Record<string, string> = {};
  for (const match of html.matchAll(/<input type="hidden" name="([^"]*)" value="([^"]*)">/g)) {
    fields[decodeEntities(match[1] as string)] = decodeEntities(match[2] as string);
  }
  return { action: decodeEntities(action), fields };
}

function decodeEntities(text: string): string {
  return text.replace(/&#(\d+);/g, (_all, code: string) => String.fromCharCode(Number(code)));
}

export function pkcePair(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

export class TestBrowser {
  private cookie: string | undefined;

  constructor(
    private readonly baseUrl: string,
    private readonly dispatcher: Dispatcher,
  ) {}

  async get(url: string): Promise<PageResult> {
    return this.send(url, 'GET');
  }

  async post(action: string, fields: Record<string, string>): Promise<PageResult> {
    return this.send(
      new URL(action, this.baseUrl).toString(),
      'POST',
      new URLSearchParams(fields).toString(),
    );
  }

  /** Opens a page showing the sign-in form and submits it with the given credentials. */
  async signIn(url: string, login: string, password: string): Promise<PageResult> {
    const page = await this.get(url);
    assert.equal(page.status, 200, page.html.slice(0, 500));
    const form = formOf(page.html);
    return this.post(form.action, { ...form.fields, login, passwd: password });
  }

  /** Signs in on an admin-consent URL and answers the consent page. */
  async adminConsent(
    url: string,
    login: string,
    password: string,
    decision: { accept: boolean; forOrganization: boolean },
  ): Promise<PageResult> {
    const consent = await this.signIn(url, login, password);
    assert.equal(consent.status, 200, consent.html.slice(0, 500));
    assert.match(consent.html, /Consent on behalf of your organization/);
    const form = formOf(consent.html);
    return this.post(form.action, {
      ...form.fields,
      decision: decision.accept ? 'accept' : 'cancel',
      ...(decision.forOrganization ? { consent_on_behalf_of_organization: 'true' } : {}),
    });
  }

  private async send(url: string, method: string, body?: string): Promise<PageResult> {
    const response = await fetch(url, {
      method,
      redirect: 'manual',
      dispatcher: this.dispatcher,
      headers: {
        ...(body !== undefined ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
        ...(this.cookie ? { cookie: this.cookie } : {}),
      },
      body,
    });
    const setCookie = response.headers.get('set-cookie');
    if (setCookie) this.cookie = setCookie.split(';')[0];
    const location = response.headers.get('location');
    return {
      status: response.status,
      location: location ? new URL(location) : undefined,
      html: await response.text(),
    };
  }
}
