// Connecting a tenant, and keeping its connection's health known. Nothing is stored until
// the identity platform has issued a token with the connection, whether an admin consented
// to tenantvault's backup app or someone entered an app registration by hand.
import type { GraphClient, GraphCredential } from '../../graph/index.js';
import { Refusal } from '../refusal.js';
import { checkConnection, type CheckedConnection, type ConnectionHealth } from './connection-check.js';
import type { IdentityPlatformConfig } from './identity-platform.js';
import {
  organizationExists,
  type NewConnection,
  type Organization,
  type OrganizationStore,
} from './organizations.js';
import type { TenantConnection, TenantGraphs } from './tenant-graphs.js';

export interface ManualConnection {
  clientId: string;
  credential: GraphCredential;
}

export class Connections {
  constructor(
    private readonly organizations: OrganizationStore,
    private readonly graphs: TenantGraphs,
    private readonly platform: IdentityPlatformConfig,
  ) {}

  /**
   * After an admin consented to the backup app: verifies it and connects (or reconnects) the
   * tenant, under the reseller whose invitation the admin followed, if any.
   */
  async connectByConsent(tenantId: string, resellerId: string | null): Promise<Organization> {
    const checked = await this.verified(this.graphs.backupAppConnection(tenantId));
    const connection: NewConnection = { kind: 'consent', clientId: this.platform.backupApp.clientId };
    const existing = await this.organizations.byTenant(tenantId);
    if (!existing) return this.create(tenantId, resellerId, connection, checked);
    // An admin may bring their tenant under a reseller (its invitation), never move it from another.
    if (resellerId !== null && existing.resellerId !== null && existing.resellerId !== resellerId) {
      throw organizationExists(tenantId);
    }
    return this.organizations.replaceConnection(
      existing.id,
      connection,
      checked.health,
      resellerId ?? undefined,
    );
  }

  /** Connects a tenant through the customer's own app registration. */
  async connectManually(
    tenantId: string,
    resellerId: string | null,
    manual: ManualConnection,
  ): Promise<Organization> {
    if (await this.organizations.byTenant(tenantId)) throw organizationExists(tenantId);
    const checked = await this.verified({ tenantId, ...manual });
    return this.create(tenantId, resellerId, { kind: 'manual', ...manual }, checked);
  }

  /** Switches an organization to (another) app registration of its own. */
  async replaceWithManual(organization: Organization, manual: ManualConnection): Promise<Organization> {
    const checked = await this.verified({ tenantId: organization.tenantId, ...manual });
    return this.organizations.replaceConnection(
      organization.id,
      { kind: 'manual', ...manual },
      checked.health,
    );
  }

  /** Checks the stored connection now and records the result. */
  async check(organization: Organization): Promise<ConnectionHealth> {
    const { health, displayName } = await checkConnection(
      await this.graph(organization),
      this.platform.signInApp.clientId,
    );
    await this.organizations.recordHealth(organization.id, health, displayName);
    return health;
  }

  /** The organization's kept Graph client. */
  graph(organization: Organization): Promise<GraphClient> {
    return this.graphs.client(organization.id, organization.connection.version, async () => {
      const credential = await this.organizations.credential(organization.id);
      return credential
        ? { tenantId: organization.tenantId, clientId: organization.connection.clientId, credential }
        : this.graphs.backupAppConnection(organization.tenantId);
    });
  }

  private async verified(connection: TenantConnection): Promise<CheckedConnection> {
    const graph = this.graphs.open(connection);
    try {
      const checked = await checkConnection(graph, this.platform.signInApp.clientId);
      if (!checked.health.connected) {
        throw new Refusal(
          'connection-failed',
          'connection_failed',
          `the identity platform issued no token for tenant ${connection.tenantId} with app ${connection.clientId}: ${checked.health.error}`,
        );
      }
      return checked;
    } finally {
      await graph.close();
    }
  }

  private create(
    tenantId: string,
    resellerId: string | null,
    connection: NewConnection,
    checked: CheckedConnection,
  ): Promise<Organization> {
    return this.organizations.create({
      tenantId,
      displayName: checked.displayName ?? tenantId,
      resellerId,
      connection,
      health: checked.health,
    });
  }
}
