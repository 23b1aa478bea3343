// Starting and stopping the sandbox: keys and certificates, tenants (restored from --data
// or generated from the seed), identity provisioning, the HTTPS server, activity.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { startActivity } from './generator/index.js';
import { describeAccess, type SandboxAccess } from './identity/provisioning.js';
import { generateTenants, provisionIdentities } from './seeding.js';
import { loadOrCreatePair, loadTenants, StateSaver } from './persistence.js';
import {
  createCertificateAuthority,
  generateRsaKeyPem,
  issueServerCertificate,
  selfSignedCertificate,
  thumbprints,
  type KeyAndCertificate,
} from './pki.js';
import { Sandbox, type SandboxOptions } from './sandbox.js';
import { buildServer } from './server.js';
import type { GraphDispatcher } from './graph/dispatch.js';

export type { SandboxOptions } from './sandbox.js';
export { DEFAULT_SANDBOX_OPTIONS } from './sandbox.js';

export interface RunningSandbox {
  sandbox: Sandbox;
  url: string;
  caPath: string;
  /** Key for /_sandbox/ admin requests (header x-sandbox-admin-key). */
  adminKey: string;
  access: SandboxAccess;
  graph: GraphDispatcher;
  close(): Promise<void>;
}

interface KeyMaterial {
  ca: KeyAndCertificate;
  caPath: string;
  tls: KeyAndCertificate;
  signing: { kid: string; keyPem: string; certPem: string };
}

async function loadKeys(directory: string, host: string): Promise<KeyMaterial> {
  await mkdir(directory, { recursive: true });
  const caPath = join(directory, 'ca.pem');
  const ca = await loadOrCreatePair(join(directory, 'ca-key.pem'), caPath, () =>
    createCertificateAuthority('tenantvault sandbox CA'),
  );
  // One server certificate per host list, so --host can change without a new CA.
  const hosts = [...new Set([host, 'localhost', '127.0.0.1', '::1'])];
  const tlsName = `server-${hosts.join('_').replace(/[^a-zA-Z0-9_.-]/g, '-')}`;
  const tls = await loadOrCreatePair(
    join(directory, `${tlsName}-key.pem`),
    join(directory, `${tlsName}.pem`),
    () => issueServerCertificate(ca, hosts),
  );
  const signing = await loadOrCreatePair(
    join(directory, 'token-signing-key.pem'),
    join(directory, 'token-signing.pem'),
    async () => {
      const keyPem = await generateRsaKeyPem();
      return { keyPem, certPem: selfSignedCertificate(keyPem, 'tenantvault sandbox token signing') };
    },
  );
  return { ca, caPath, tls, signing: { kid: thumbprints(signing.certPem).sha1, ...signing } };
}

export async function startSandbox(options: SandboxOptions): Promise<RunningSandbox> {
  const keys = await loadKeys(options.dataDir ? join(options.dataDir, 'pki') : options.pkiDir, options.host);
  const sandbox = new Sandbox(options, keys.ca, keys.signing);

  const saver = options.dataDir
    ? new StateSaver(options.dataDir, options.seed, () => [...sandbox.tenants.values()])
    : undefined;
  if (saver) {
    sandbox.onTenantAdded((tenant) => tenant.store.onChange(() => saver.schedule()));
    sandbox.onDirty(() => saver.schedule());
  }
  const restored = options.dataDir
    ? await loadTenants(options.dataDir, options.seed, () => sandbox.clock.now())
    : undefined;
  for (const tenant of restored ?? generateTenants(sandbox)) sandbox.addTenant(tenant);

  const app = await buildServer(sandbox, keys.tls);
  await app.listen({ host: options.host, port: options.port });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  sandbox.baseUrl = `https://${host}:${port}`;

  // Provisioning needs the base URL (redirect URIs), so it runs once the server listens.
  await provisionIdentities(sandbox);
  await saver?.flush();
  // Delta tokens older than their lifetime are refused anyway; their changes can go.
  const trim = setInterval(() => {
    const cutoff = sandbox.clock.now() - options.deltaTokenLifetimeMs;
    for (const tenant of sandbox.tenants.values()) tenant.store.trimChanges(cutoff);
  }, 60_000);
  trim.unref();

  const activity =
    options.activity > 0
      ? startActivity(sandbox.customerTenants(), {
          changesPerMinute: options.activity,
          random: sandbox.random('activity'),
          now: () => sandbox.clock.now(),
        })
      : undefined;

  return {
    sandbox,
    url: sandbox.baseUrl,
    caPath: keys.caPath,
    adminKey: sandbox.adminKey,
    access: describeAccess(sandbox),
    graph: app.graph,
    async close() {
      activity?.stop();
      clearInterval(trim);
      await app.close();
      await saver?.flush();
    },
  };
}
