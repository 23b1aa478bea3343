// The organizations table: one row per Microsoft 365 tenant under backup, with its
// connection (the credential sealed under the service key), the last connection check and
// its backup settings. Lists are keyset pages in name order.
import { createHash, randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { GraphCredential } from '../../graph/index.js';
import { recordEvent } from '../events.js';
import { Refusal } from '../refusal.js';
import type { SecretBox } from '../secret-box.js';
import type { ConnectionHealth } from './connection-check.js';
import type { ConnectionKind, OrganizationsDatabase, OrganizationsTable } from './schema.js';
import { defaultSettings, type BackupSettings } from './settings.js';

const CREDENTIAL_PURPOSE = 'organization-credential';

export interface Organization {
  id: string;
  tenantId: string;
  displayName: string;
  resellerId: string | null;
  connection: {
    kind: ConnectionKind;
    clientId: string;
    /** Changes whenever the app or its credential does: kept Graph clients are renewed then. */
    version: string;
  };
  health: ConnectionHealth | null;
  policyId: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface NewConnection {
  kind: ConnectionKind;
  clientId: string;
  /** Manual connections only; consent connections use tenantvault's backup app. */
  credential?: GraphCredential;
}

/** Which organizations a list may show: the caller's own tenant's and its resellers' customers'. */
export interface OrganizationScope {
  tenantId?: string;
  resellerIds: string[];
}

export interface OrganizationPage {
  organizations: Organization[];
  /** Where the next page starts, when there is one. */
  next?: { displayName: string; id: string };
}

function toOrganization(row: Selectable<OrganizationsTable>): Organization {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    displayName: row.display_name,
    resellerId: row.reseller_id,
    connection: {
      kind: row.connection_kind,
      clientId: row.client_id,
      version: createHash('sha256')
        .update(`${row.connection_kind}\n${row.client_id}\n${row.credential ?? ''}`)
        .digest('hex')
        .slice(0, 16),
    },
    health: row.health === null ? null : (JSON.parse(row.health) as ConnectionHealth),
    policyId: row.policy_id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export class OrganizationStore {
  constructor(
    private readonly db: Kysely<OrganizationsDatabase>,
    private readonly box: SecretBox,
  ) {}

  async get(id: string): Promise<Organization | undefined> {
    const row = await this.db.selectFrom('organizations').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toOrganization(row);
  }

  async require(id: string): Promise<Organization> {
    const organization = await this.get(id);
    if (!organization) throw new Refusal('not-found', 'organization_not_found', `no organization ${id}`);
    return organization;
  }

  async byTenant(tenantId: string): Promise<Organization | undefined> {
    const row = await this.db
      .selectFrom('organizations')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .executeTakeFirst();
    return row && toOrganization(row);
  }

  /** Every organization, in id order, read a page at a time: for passes over all of them. */
  async *all(pageSize = 500): AsyncGenerator<Organization> {
    let after: string | undefined;
    for (;;) {
      const rows = await this.db
        .selectFrom('organizations')
        .selectAll()
        .$if(after !== undefined, (query) => query.where('id', '>', after!))
        .orderBy('id')
        .limit(pageSize)
        .execute();
      for (const row of rows) yield toOrganization(row);
      if (rows.length < pageSize) return;
      after = rows.at(-1)!.id;
    }
  }

  async list(
    scope: OrganizationScope,
    page: { limit: number; after?: { displayName: string; id: string } },
  ): Promise<OrganizationPage> {
    const { tenantId, resellerIds } = scope;
    if (tenantId === undefined && resellerIds.length === 0) return { organizations: [] };
    let query = this.db
      .selectFrom('organizations')
      .selectAll()
      .where((eb) =>
        eb.or([
          ...(tenantId === undefined ? [] : [eb('tenant_id', '=', tenantId)]),
          ...(resellerIds.length === 0 ? [] : [eb('reseller_id', 'in', resellerIds)]),
        ]),
      );
    const after = page.after;
    if (after) {
      query = query.where((eb) =>
        eb.or([
          eb('display_name', '>', after.displayName),
          eb.and([eb('display_name', '=', after.displayName), eb('id', '>', after.id)]),
        ]),
      );
    }
    const rows = await query
      .orderBy('display_name')
      .orderBy('id')
      .limit(page.limit + 1)
      .execute();
    const organizations = rows.slice(0, page.limit).map(toOrganization);
    const last = organizations.at(-1);
    return rows.length > page.limit && last
      ? { organizations, next: { displayName: last.displayName, id: last.id } }
      : { organizations };
  }

  async create(input: {
    tenantId: string;
    displayName: string;
    resellerId: string | null;
    connection: NewConnection;
    health: ConnectionHealth;
  }): Promise<Organization> {
    const now = new Date().toISOString();
    const id = randomUUID();
    try {
      await this.db
        .insertInto('organizations')
        .values({
          id,
          tenant_id: input.tenantId,
          display_name: input.displayName,
          reseller_id: input.resellerId,
          connection_kind: input.connection.kind,
          client_id: input.connection.clientId,
          credential: this.sealCredential(input.connection),
          health: JSON.stringify(input.health),
          settings: JSON.stringify(defaultSettings()),
          policy_id: null,
          created_at: now,
          updated_at: now,
        })
        .execute();
    } catch (error) {
      // Two admins connecting one tenant at once: the unique tenant id decides.
      if (await this.byTenant(input.tenantId)) throw organizationExists(input.tenantId);
      throw error;
    }
    return this.require(id);
  }

  /** A new connection (and, when given, the reseller that manages the organization from now on). */
  async replaceConnection(
    id: string,
    connection: NewConnection,
    health: ConnectionHealth,
    resellerId?: string,
  ): Promise<Organization> {
    await this.db
      .updateTable('organizations')
      .set({
        ...(resellerId === undefined ? {} : { reseller_id: resellerId }),
        connection_kind: connection.kind,
        client_id: connection.clientId,
        credential: this.sealCredential(connection),
        health: JSON.stringify(health),
        updated_at: new Date().toISOString(),
      })
      .where('id', '=', id)
      .execute();
    return this.require(id);
  }

  /**
   * Records a connection check. When it finds an organization that was connected no longer
   * is (its admin consent was revoked, its app or credential removed), the consent.revoked
   * event is recorded with it; checks that race each other see the same earlier check, whose
   * time makes the event's dedupe key.
   */
  async recordHealth(id: string, health: ConnectionHealth, displayName?: string): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      const before = await trx
        .selectFrom('organizations')
        .select('health')
        .where('id', '=', id)
        .executeTakeFirst();
      await trx
        .updateTable('organizations')
        .set({ health: JSON.stringify(health), ...(displayName ? { display_name: displayName } : {}) })
        .where('id', '=', id)
        .execute();
      const previous = before?.health ? (JSON.parse(before.health) as ConnectionHealth) : null;
      if (previous?.connected && !health.connected) {
        await recordEvent(trx, {
          kind: 'consent.revoked',
          organizationId: id,
          subject: null,
          dedupeKey: `consent.revoked:${id}:${previous.checkedAt}`,
          details: { error: health.error, connectedAt: previous.checkedAt },
          occurredAt: new Date(health.checkedAt),
        });
      }
    });
  }

  /** The credential of a manual connection, opened; undefined for consent connections. */
  async credential(id: string): Promise<GraphCredential | undefined> {
    const row = await this.db
      .selectFrom('organizations')
      .select('credential')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    if (row.credential === null) return undefined;
    const credential = this.box.openJson<GraphCredential>(CREDENTIAL_PURPOSE, row.credential);
    if (!credential)
      throw new Error(`the credential of organization ${id} does not open with the service key`);
    return credential;
  }

  async ownSettings(id: string): Promise<BackupSettings> {
    const row = await this.db
      .selectFrom('organizations')
      .select('settings')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    return JSON.parse(row.settings) as BackupSettings;
  }

  async updateSettings(id: string, settings: BackupSettings): Promise<void> {
    await this.db
      .updateTable('organizations')
      .set({ settings: JSON.stringify(settings), updated_at: new Date().toISOString() })
      .where('id', '=', id)
      .execute();
  }

  /** The organizations that follow a policy. */
  async followersOf(policyId: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom('organizations')
      .select('id')
      .where('policy_id', '=', policyId)
      .execute();
    return rows.map((row) => row.id);
  }

  async assignPolicy(id: string, policyId: string | null): Promise<void> {
    await this.db
      .updateTable('organizations')
      .set({ policy_id: policyId, updated_at: new Date().toISOString() })
      .where('id', '=', id)
      .execute();
  }

  private sealCredential(connection: NewConnection): string | null {
    return connection.credential ? this.box.sealJson(CREDENTIAL_PURPOSE, connection.credential) : null;
  }
}

export function organizationExists(tenantId: string): Refusal {
  return new Refusal('conflict', 'organization_exists', `tenant ${tenantId} is already connected`);
}
