// `tenantvault tenant add|list|remove`: the tenants the CLI remembers, so backup, diff and
// restore need only `--tenant <id, domain or name>`. `add` proves the connection first
// (a token, then the tenant's organization through Graph) and seals the credential. The
// command line is src/cli/definitions/tenant.ts.
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { organizationOf } from '../../engine/backup.js';
import { GraphClient } from '../../graph/index.js';
import { UsageError } from '../exit-codes.js';
import { table } from '../output.js';
import { contextOf } from '../program.js';
import { SavedTenants } from '../saved-tenants.js';
import { graphConnectionOf, type TenantOptions } from '../tenant-options.js';

/** `tenant add` */
export async function add(options: TenantOptions, command: Command): Promise<void> {
  const { home, output } = contextOf(command);
  if (!options.clientId) throw new UsageError('--client-id (or TENANTVAULT_CLIENT_ID) is required');
  const connection = await graphConnectionOf(options, home);
  const graph = new GraphClient(connection);
  let organization: Awaited<ReturnType<typeof organizationOf>>;
  try {
    organization = await organizationOf(graph);
  } finally {
    await graph.close();
  }
  const given = connection.tenantId;
  const saved = {
    tenantId: organization.id,
    displayName: organization.displayName,
    ...(given.toLowerCase() !== organization.id.toLowerCase() ? { domain: given } : {}),
    clientId: connection.clientId,
    credentialKind: connection.credential.kind,
    authority: options.authority,
    graphUrl: options.graphUrl,
    caFile: options.caFile && resolve(options.caFile),
    addedAt: new Date().toISOString(),
  };
  await new SavedTenants(home).save({ ...saved, credential: connection.credential });
  output.result(saved, (t) => `saved tenant ${t.displayName} (${t.tenantId}), app ${t.clientId}`);
}

/** `tenant list` */
export async function list(_options: unknown, command: Command): Promise<void> {
  const { home, output } = contextOf(command);
  const tenants = await new SavedTenants(home).list();
  output.result(tenants, (rows) =>
    rows.length === 0
      ? 'no tenants saved: tenantvault tenant add --tenant <id> --client-id <app id>'
      : table(
          ['tenant id', 'name', 'domain', 'app', 'credential', 'graph'],
          rows.map((row) => [
            row.tenantId,
            row.displayName,
            row.domain ?? '',
            row.clientId,
            row.credentialKind,
            row.graphUrl ?? 'Microsoft',
          ]),
        ),
  );
}

/** `tenant remove` */
export async function remove(name: string, _options: unknown, command: Command): Promise<void> {
  const { home, output } = contextOf(command);
  if (!(await new SavedTenants(home).remove(name))) throw new UsageError(`no saved tenant is called ${name}`);
  output.result({ removed: name }, () => `removed tenant ${name}`);
}
