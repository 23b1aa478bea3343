// One Graph client per organization, kept while its connection stays the same, so tokens
// are reused across requests (a client per request would ask the identity platform for a
// token every time). A consent connection uses tenantvault's backup app; a manual one the
// customer's app registration with its credential opened from the store.
import { GraphClient, type GraphCredential } from '../../graph/index.js';
import { graphConnection, type IdentityPlatformConfig } from './identity-platform.js';

export interface TenantConnection {
  tenantId: string;
  clientId: string;
  credential: GraphCredential;
}

export class TenantGraphs {
  private readonly clients = new Map<string, { version: string; client: Promise<GraphClient> }>();

  constructor(private readonly platform: IdentityPlatformConfig) {}

  /** The connection through tenantvault's own backup app (admin consent). */
  backupAppConnection(tenantId: string): TenantConnection {
    return { tenantId, ...this.platform.backupApp };
  }

  /** A client that is not kept: for checking a connection before it is stored. */
  open(connection: TenantConnection): GraphClient {
    return new GraphClient(graphConnection(this.platform, connection.tenantId, connection));
  }

  /** The kept client of an organization, renewed when the connection's version changes. */
  client(
    organizationId: string,
    version: string,
    connection: () => Promise<TenantConnection>,
  ): Promise<GraphClient> {
    const kept = this.clients.get(organizationId);
    if (kept?.version === version) return kept.client;
    if (kept) void kept.client.then((client) => client.close());
    const client = connection().then((resolved) => this.open(resolved));
    this.clients.set(organizationId, { version, client });
    // A connection that could not be read is not kept: the next request tries again.
    client.catch(() => {
      if (this.clients.get(organizationId)?.client === client) this.clients.delete(organizationId);
    });
    return client;
  }

  async close(): Promise<void> {
    const kept = [...this.clients.values()];
    this.clients.clear();
    await Promise.allSettled(kept.map(async ({ client }) => (await client).close()));
  }
}
