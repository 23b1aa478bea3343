// Sandbox state on disk (--data DIR): the certificate authority and keys, and every
// tenant's directory, written atomically a moment after each change and on shutdown.
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { KeyAndCertificate } from './pki.js';
import { Tenant, type TenantSnapshot } from './tenant.js';

const STATE_FILE = 'state.json';
const STATE_VERSION = 1;
const SAVE_DELAY_MS = 1000;

interface StateFile {
  version: number;
  seed: string;
  tenants: TenantSnapshot[];
}

export async function writeFileAtomic(path: string, content: string, mode = 0o600): Promise<void> {
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, content, { mode });
  await rename(temporary, path);
}

/** A key and its certificate from two PEM files, created together on first use. */
export async function loadOrCreatePair(
  keyPath: string,
  certPath: string,
  create: () => Promise<KeyAndCertificate>,
): Promise<KeyAndCertificate> {
  if (existsSync(keyPath) && existsSync(certPath)) {
    return { keyPem: await readFile(keyPath, 'utf8'), certPem: await readFile(certPath, 'utf8') };
  }
  const pair = await create();
  await writeFileAtomic(keyPath, pair.keyPem);
  await writeFileAtomic(certPath, pair.certPem, 0o644);
  return pair;
}

export async function loadTenants(
  dataDir: string,
  seed: string,
  now: () => number,
): Promise<Tenant[] | undefined> {
  const path = join(dataDir, STATE_FILE);
  if (!existsSync(path)) return undefined;
  const state = JSON.parse(await readFile(path, 'utf8')) as StateFile;
  if (state.version !== STATE_VERSION) {
    throw new Error(
      `${path} was written by another version of the sandbox (format ${state.version}); remove it to start afresh`,
    );
  }
  if (state.seed !== seed) {
    throw new Error(
      `${path} holds a tenant generated from seed ${state.seed}, not ${seed}; use that seed or another --data directory`,
    );
  }
  return state.tenants.map((snapshot) => Tenant.fromSnapshot(snapshot, now));
}

/** Saves tenants shortly after they change; `flush` writes any pending change now. */
export class StateSaver {
  private timer: NodeJS.Timeout | undefined;
  private saving: Promise<void> = Promise.resolve();

  constructor(
    private readonly dataDir: string,
    private readonly seed: string,
    private readonly tenants: () => Tenant[],
  ) {}

  schedule(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.save();
    }, SAVE_DELAY_MS);
    this.timer.unref();
  }

  async flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    await this.save();
  }

  private save(): Promise<void> {
    this.saving = this.saving.then(async () => {
      await mkdir(this.dataDir, { recursive: true });
      const state: StateFile = {
        version: STATE_VERSION,
        seed: this.seed,
        tenants: this.tenants().map((tenant) => tenant.snapshot()),
      };
      await writeFileAtomic(join(this.dataDir, STATE_FILE), JSON.stringify(state));
    });
    return this.saving;
  }
}
