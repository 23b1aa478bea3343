// Tenants the CLI remembers (`tenantvault tenant add`), so commands need only `--tenant`:
// <home>/tenants.json holds each tenant's id, name, app and endpoints, and its credential
// sealed under the service key (<home>/service.key, AES-256-GCM), never in clear.
import { readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { GraphCredential } from '../graph/index.js';
import { loadServiceKey, SecretBox } from '../service/secret-box.js';
import { UsageError } from './exit-codes.js';

export const TENANTS_FILE_NAME = 'tenants.json';
const CREDENTIAL_PURPOSE = 'cli-tenant-credential';

/** What `tenant list` shows: everything but the credential. */
export interface SavedTenantInfo {
  tenantId: string;
  displayName: string;
  /** A verified domain the tenant was added by, if it was. */
  domain?: string;
  clientId: string;
  credentialKind: GraphCredential['kind'];
  authority?: string;
  graphUrl?: string;
  caFile?: string;
  addedAt: string;
}

interface StoredTenant extends SavedTenantInfo {
  sealedCredential: string;
}

export interface SavedTenant extends SavedTenantInfo {
  credential: GraphCredential;
}

export class SavedTenants {
  private readonly path: string;
  private readonly keyPath: string;
  private box?: SecretBox;

  constructor(home: string) {
    this.path = join(home, TENANTS_FILE_NAME);
    this.keyPath = join(home, 'service.key');
  }

  /** The key is read (or created) only when a credential is sealed or opened. */
  private async secretBox(): Promise<SecretBox> {
    this.box ??= new SecretBox(await loadServiceKey(this.keyPath));
    return this.box;
  }

  private async read(): Promise<StoredTenant[]> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    try {
      return (JSON.parse(text) as { tenants: StoredTenant[] }).tenants;
    } catch (error) {
      throw new Error(`${this.path} is damaged: ${(error as Error).message}`);
    }
  }

  private async write(tenants: StoredTenant[]): Promise<void> {
    // Written aside and renamed, so a crash never leaves half a file.
    const partial = `${this.path}.partial`;
    await writeFile(partial, `${JSON.stringify({ tenants }, null, 2)}\n`, { mode: 0o600 });
    await rename(partial, this.path);
  }

  async list(): Promise<SavedTenantInfo[]> {
    return (await this.read()).map(({ sealedCredential: _sealed, ...info }) => info);
  }

  /** The tenant known by this id, domain or display name (any case), if any. */
  async find(name: string): Promise<SavedTenant | undefined> {
    const wanted = name.toLowerCase();
    const stored = (await this.read()).find((tenant) =>
      [tenant.tenantId, tenant.domain, tenant.displayName].some((known) => known?.toLowerCase() === wanted),
    );
    if (!stored) return undefined;
    const { sealedCredential, ...info } = stored;
    const credential = (await this.secretBox()).openJson<GraphCredential>(
      CREDENTIAL_PURPOSE,
      sealedCredential,
    );
    if (!credential) {
      throw new UsageError(
        `the credential of tenant ${info.tenantId} does not open with ${this.keyPath}: add the tenant again`,
      );
    }
    return { ...info, credential };
  }

  /** Adds the tenant, or replaces what was saved for the same tenant id. */
  async save(tenant: SavedTenant): Promise<void> {
    const { credential, ...info } = tenant;
    const others = (await this.read()).filter((stored) => stored.tenantId !== tenant.tenantId);
    const sealedCredential = (await this.secretBox()).sealJson(CREDENTIAL_PURPOSE, credential);
    await this.write([...others, { ...info, sealedCredential }]);
  }

  /** Forgets the tenant; false when it was not saved. */
  async remove(name: string): Promise<boolean> {
    const found = await this.find(name);
    if (!found) return false;
    await this.write((await this.read()).filter((stored) => stored.tenantId !== found.tenantId));
    return true;
  }
}
