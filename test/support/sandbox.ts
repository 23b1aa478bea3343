// Starts a real sandbox over HTTPS for a test file and gives clients that trust its CA
// (never by switching verification off): plain fetch, msal-node and the Graph SDK.
import { mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { ConfidentialClientApplication } from '@azure/msal-node';
import { fetch, setGlobalDispatcher, type Dispatcher } from 'undici';
import { createDispatcher, FetchNetworkModule } from '../../src/graph/network.js';
import {
  DEFAULT_SANDBOX_OPTIONS,
  startSandbox,
  type RunningSandbox,
  type SandboxOptions,
} from '../../src/sandbox/index.js';
import type { TenantAccess } from '../../src/sandbox/identity/provisioning.js';

/** Keys are shared by test files (making RSA keys is slow); a lock keeps creation single. */
const SHARED_PKI_DIR = join(tmpdir(), 'tenantvault-test-pki');

async function withPkiLock<T>(work: () => Promise<T>): Promise<T> {
  const lock = `${SHARED_PKI_DIR}.lock`;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      try {
        if (Date.now() - statSync(lock).mtimeMs > 60_000) rmSync(lock, { recursive: true, force: true });
      } catch {
        // The holder released it meanwhile.
      }
      await delay(50);
    }
  }
  try {
    return await work();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

export interface TestSandbox {
  running: RunningSandbox;
  url: string;
  graph: string;
  tenant: TenantAccess;
  dispatcher: Dispatcher;
  /** A fresh app token for a tenant's manual backup app (client secret). */
  appToken(tenant?: TenantAccess): Promise<string>;
  /** fetch against the sandbox, trusting its CA. */
  fetch(path: string, init?: Parameters<typeof fetch>[1]): ReturnType<typeof fetch>;
  /** A Graph request with an app token; the path is below /v1.0. */
  graphRequest(
    path: string,
    init?: { method?: string; body?: unknown; headers?: Record<string, string>; token?: string },
  ): Promise<GraphResult>;
  admin(path: string, method?: string, body?: unknown): Promise<GraphResult>;
  close(): Promise<void>;
}

export interface GraphResult {
  status: number;
  headers: Headers;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- test assertions read arbitrary Graph JSON
}

export function msalClient(
  sandbox: { url: string; dispatcher: Dispatcher },
  tenant: TenantAccess,
  credential: 'secret' | 'certificate' = 'secret',
) {
  const host = new URL(sandbox.url).host;
  const clientCertificate =
    credential === 'certificate'
      ? {
          thumbprintSha256: undefined as unknown as string,
          thumbprint: tenant.certificateThumbprint,
          privateKey: readFileSync(tenant.privateKeyPath, 'utf8'),
          x5c: readFileSync(tenant.certificatePath, 'utf8'),
        }
      : undefined;
  return new ConfidentialClientApplication({
    auth: {
      clientId: tenant.clientId,
      authority: tenant.authority,
      knownAuthorities: [host],
      ...(credential === 'secret' ? { clientSecret: tenant.clientSecret } : { clientCertificate }),
    },
    system: { networkClient: new FetchNetworkModule(sandbox.dispatcher) },
  });
}

export async function startTestSandbox(overrides: Partial<SandboxOptions> = {}): Promise<TestSandbox> {
  const running = await withPkiLock(() =>
    startSandbox({
      ...DEFAULT_SANDBOX_OPTIONS,
      port: 0,
      throttle: 'off',
      pkiDir: SHARED_PKI_DIR,
      ...overrides,
    }),
  );
  const dispatcher = createDispatcher(readFileSync(running.caPath, 'utf8'));
  // The Graph SDK uses the global fetch; let it trust the sandbox too.
  setGlobalDispatcher(dispatcher);
  const tenant = running.access.tenants[0] as TenantAccess;
  const base = { url: running.url, dispatcher };

  const request = async (
    url: string,
    init: { method?: string; body?: unknown; headers?: Record<string, string> },
  ) => {
    const response = await fetch(url, {
      method: init.method ?? 'GET',
      headers: {
        ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...init.headers,
      },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      dispatcher,
    });
    const text = await response.text();
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      // Plain text answers ($count) stay text.
    }
    return { status: response.status, headers: response.headers as unknown as Headers, body };
  };

  const sandbox: TestSandbox = {
    running,
    url: running.url,
    graph: `${running.url}/v1.0`,
    tenant,
    dispatcher,
    async appToken(target = tenant) {
      const result = await msalClient(base, target).acquireTokenByClientCredential({
        scopes: ['https://graph.microsoft.com/.default'],
      });
      if (!result?.accessToken) throw new Error('no access token');
      return result.accessToken;
    },
    fetch: (path, init) => fetch(`${running.url}${path}`, { ...init, dispatcher }),
    async graphRequest(path, init = {}) {
      const token = init.token ?? (await sandbox.appToken());
      return request(`${running.url}/v1.0${path}`, {
        ...init,
        headers: { authorization: `Bearer ${token}`, ...init.headers },
      });
    },
    admin(path, method = 'GET', body) {
      return request(`${running.url}/_sandbox${path}`, {
        method,
        body,
        headers: { 'x-sandbox-admin-key': running.adminKey },
      });
    },
    async close() {
      await running.close();
      await dispatcher.close();
    },
  };
  return sandbox;
}
