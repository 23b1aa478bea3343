// Where an organization's backups go, and the password that opens them. The location is
// the organization's settings' choice, or <root>/<tenant id> under the service's default
// root (a directory, or s3://bucket/prefix in scale-out). The service creates each
// repository on first use with a random password, kept sealed by the service key; an
// administrator can read it (audited) to open the repository with the CLI alone.
import { randomBytes } from 'node:crypto';
import { join } from 'node:path/posix';
import type { Kysely } from 'kysely';
import {
  openBackend,
  Repository,
  RepositoryExistsError,
  RepositoryNotFoundError,
  WrongPasswordError,
} from '../../repository/index.js';
import type { SecretBox } from '../secret-box.js';
import { ServiceError } from '../errors.js';
import type { Organization } from './organizations.js';
import type { OrganizationsDatabase } from './schema.js';
import type { BackupSettings } from './settings.js';

const PASSWORD_PURPOSE = 'repository-password';

export interface RepositoryDefaults {
  /** Where organizations' repositories go when their settings name none. */
  root: string;
  /** Endpoint of S3-compatible storage for s3:// locations (path-style addressing). */
  s3Endpoint?: string;
  /** How many repositories stay open for reads (default 32). */
  openReaders?: number;
}

export interface OrganizationRepository {
  location: string;
  /** Opens the repository, creating it the first time. */
  open(): Promise<Repository>;
}

/**
 * Repositories kept open for reads by default; the least recently used goes first beyond
 * this: a provider's service reads hundreds of organizations, and each open repository
 * keeps its index and leaf caches. One dropped holds no resources; reads under way finish.
 */
const OPEN_READERS = 32;

export class OrganizationRepositories {
  /** Repositories kept open for reads, by organization and location, least recently used first. */
  private readonly readers = new Map<string, Promise<Repository>>();

  constructor(
    private readonly db: Kysely<OrganizationsDatabase>,
    private readonly box: SecretBox,
    private readonly defaults: RepositoryDefaults,
  ) {}

  locationOf(organization: Organization, settings: BackupSettings): string {
    if (settings.repository) return settings.repository.location;
    const root = this.defaults.root;
    return root.startsWith('s3://')
      ? `${root.replace(/\/+$/, '')}/${organization.tenantId}`
      : join(root, organization.tenantId);
  }

  of(organization: Organization, settings: BackupSettings): OrganizationRepository {
    const location = this.locationOf(organization, settings);
    return { location, open: () => this.open(organization.id, location) };
  }

  /**
   * The repository kept open for reading (opening it derives a key, which takes a while);
   * it still sees every snapshot committed after it was opened.
   */
  reader(organization: Organization, settings: BackupSettings): Promise<Repository> {
    const location = this.locationOf(organization, settings);
    const key = `${organization.id}\n${location}`;
    let reader = this.readers.get(key);
    if (reader) {
      this.readers.delete(key);
    } else {
      const opening = this.open(organization.id, location);
      // A repository that failed to open is tried again on the next read.
      opening.catch(() => this.readers.get(key) === opening && this.readers.delete(key));
      reader = opening;
    }
    this.readers.set(key, reader);
    for (const stale of this.readers.keys()) {
      if (this.readers.size <= (this.defaults.openReaders ?? OPEN_READERS)) break;
      this.readers.delete(stale);
    }
    return reader;
  }

  /** The password of a repository the service made; undefined for one it does not know. */
  async password(organizationId: string, location: string): Promise<string | undefined> {
    const row = await this.db
      .selectFrom('organization_repositories')
      .select('password')
      .where('organization_id', '=', organizationId)
      .where('location', '=', location)
      .executeTakeFirst();
    if (!row) return undefined;
    const password = this.box.open(PASSWORD_PURPOSE, row.password);
    if (password === undefined) {
      throw new ServiceError(
        `the password of repository ${location} does not open with this service key (was the key replaced?)`,
      );
    }
    return password;
  }

  private async open(organizationId: string, location: string): Promise<Repository> {
    const backend = openBackend(location, { s3Endpoint: this.defaults.s3Endpoint });
    // The password is recorded before the repository exists: a crash between the two
    // leaves a password for nothing, never a repository nobody can open.
    const password =
      (await this.password(organizationId, location)) ??
      (await this.recordPassword(organizationId, location));
    try {
      return await Repository.open(backend, password);
    } catch (error) {
      if (error instanceof WrongPasswordError) {
        throw new ServiceError(
          `${location} holds a repository the service did not create: choose another location, or an empty one`,
        );
      }
      if (!(error instanceof RepositoryNotFoundError)) throw error;
    }
    try {
      return await Repository.init(backend, password);
    } catch (error) {
      // Another worker created it at the same moment, with the same recorded password.
      if (error instanceof RepositoryExistsError) return Repository.open(backend, password);
      throw error;
    }
  }

  /** Records a new random password, or finds the one another worker recorded first. */
  private async recordPassword(organizationId: string, location: string): Promise<string> {
    await this.db
      .insertInto('organization_repositories')
      .values({
        organization_id: organizationId,
        location,
        password: this.box.seal(PASSWORD_PURPOSE, randomBytes(32).toString('base64url')),
        created_at: new Date().toISOString(),
      })
      .onConflict((conflict) => conflict.doNothing())
      .execute();
    const password = await this.password(organizationId, location);
    if (password === undefined) throw new ServiceError(`could not record the password of ${location}`);
    return password;
  }
}
