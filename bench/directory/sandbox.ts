// The sandbox side of the directory backup benchmark, in a process of its own so the
// backup process's memory is measured alone. It starts one customer tenant of the given
// size (or several: the others a tenth of it, for the service benchmarks), then answers
// the benchmark over IPC: a tenant's object counts, the Graph requests it served since the
// last ask (by endpoint, with the identity resource units Graph charges for them), and
// ~1% of a tenant changed as admins and users would.
// Run by processes.ts: node --import tsx bench/directory/sandbox.ts <users> <on|off|factor> <pkiDir> [tenants]
import { chargeFor } from '../../src/graph/scopes.js';
import { parseThrottle } from '../../src/cli/definitions/sandbox.js';
import { applyRandomChanges } from '../../src/sandbox/generator/index.js';
import type { GraphRequest } from '../../src/sandbox/graph/context.js';
import type { DispatchResult } from '../../src/sandbox/graph/dispatch.js';
import { DEFAULT_SANDBOX_OPTIONS, startSandbox } from '../../src/sandbox/index.js';
import { Random } from '../../src/sandbox/random.js';
import type { TenantAccess } from '../../src/sandbox/identity/provisioning.js';
import type { Tenant } from '../../src/sandbox/tenant.js';
import type {
  BenchRequest,
  EndpointTally,
  SandboxConnection,
  SandboxReady,
  ServedRequests,
  TenantCounts,
} from './protocol.js';

const ID_SEGMENT = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$|^[A-Za-z0-9_-]{40,}$/i;

/** "/groups/{id}/members": the path with object ids taken out. */
function endpointOf(path: string): string {
  return path
    .split('/')
    .map((segment) => (ID_SEGMENT.test(decodeURIComponent(segment)) ? '{id}' : segment))
    .join('/');
}

class Tally {
  private endpoints = new Map<string, EndpointTally>();
  /** Entries and pages served per list (path and query without $skiptoken). */
  private lists = new Map<string, { endpoint: string; entries: number; pages: number }>();

  record(request: GraphRequest, result: DispatchResult): void {
    const charge = chargeFor(request.method, request.path, request.query);
    const endpoint = `${request.method} ${endpointOf(request.path)}`;
    let tally = this.endpoints.get(endpoint);
    if (!tally) {
      tally = { endpoint, scope: charge.kind, requests: 0, throttled: 0, resourceUnits: 0, entries: 0 };
      this.endpoints.set(endpoint, tally);
    }
    tally.requests += 1;
    // Graph charges throttled requests too.
    if (charge.kind === 'identity') tally.resourceUnits += charge.cost;
    if ('drop' in result) return;
    if (result.status === 429) {
      tally.throttled += 1;
      return;
    }
    const value = (result.body as { value?: unknown } | undefined)?.value;
    if (request.method !== 'GET' || !Array.isArray(value)) return;
    tally.entries += value.length;
    const query = new URLSearchParams(request.query);
    query.delete('$skiptoken');
    const key = `${request.path}?${query.toString()}`;
    const list = this.lists.get(key) ?? { endpoint, entries: 0, pages: 0 };
    list.entries += value.length;
    list.pages += 1;
    this.lists.set(key, list);
  }

  take(): ServedRequests {
    const served: ServedRequests = {
      endpoints: [...this.endpoints.values()],
      pagedLists: [...this.lists.values()]
        .filter((list) => list.pages > 1)
        .map(({ endpoint, entries }) => ({ endpoint, entries })),
    };
    this.endpoints = new Map();
    this.lists = new Map();
    return served;
  }
}

function countsOf(tenant: Tenant): TenantCounts {
  const size = (collection: string) => tenant.store.collection(collection).size;
  const roles = [...tenant.store.collection('roleDefinitions').values()];
  const builtIn = roles.filter((role) => role.isBuiltIn === true).length;
  return {
    users: size('users'),
    groups: size('groups'),
    builtInRoles: builtIn,
    customRoles: roles.length - builtIn,
    applications: size('applications'),
    servicePrincipals: size('servicePrincipals'),
    conditionalAccessPolicies: size('conditionalAccessPolicies'),
    namedLocations: size('namedLocations'),
    devices: size('devices'),
    deviceConfigurations: size('deviceConfigurations'),
    deviceCompliancePolicies: size('deviceCompliancePolicies'),
    administrativeUnits: size('administrativeUnits'),
    signInLogs: size('signIns'),
    auditLogs: size('directoryAudits'),
    bitlockerKeys: size('bitlockerRecoveryKeys'),
  };
}

function connectionOf(access: TenantAccess, caPath: string): SandboxConnection {
  return {
    tenantId: access.tenantId,
    authority: access.authority,
    graphBaseUrl: access.graph,
    clientId: access.clientId,
    clientSecret: access.clientSecret,
    caPath,
  };
}

async function main(): Promise<void> {
  const [users, throttle, pkiDir, tenants = '1'] = process.argv.slice(2);
  const started = performance.now();
  const running = await startSandbox({
    ...DEFAULT_SANDBOX_OPTIONS,
    port: 0,
    tenants: Number(tenants),
    users: Number(users),
    throttle: parseThrottle(throttle ?? 'on'),
    pkiDir: pkiDir as string,
  });
  const first = running.access.tenants[0];
  const admin = first?.accounts.find((account) => account.role === 'Global Administrator');
  if (!first || !admin) throw new Error('the sandbox started without a customer tenant and its admin');
  const tenantOf = (tenantId = first.tenantId) => {
    const tenant = running.sandbox.tenants.get(tenantId);
    if (!tenant) throw new Error(`the sandbox has no tenant ${tenantId}`);
    return tenant;
  };

  const tally = new Tally();
  const dispatch = running.graph.dispatch.bind(running.graph);
  running.graph.dispatch = async (request, inBatch) => {
    const result = await dispatch(request, inBatch);
    tally.record(request, result);
    return result;
  };

  const send = (message: unknown) => process.send?.(message);
  process.on('message', (message: BenchRequest) => {
    switch (message.kind) {
      case 'counts':
        send(countsOf(tenantOf(message.tenantId)));
        break;
      case 'served':
        send(tally.take());
        break;
      case 'change': {
        const random = new Random(`bench/${message.changes}`);
        const applied = applyRandomChanges(tenantOf(message.tenantId), message.changes, random, () =>
          running.sandbox.clock.now(),
        );
        send({ counts: applied.counts, signIns: applied.signIns, audits: applied.audits });
        break;
      }
      case 'close':
        void running.close().then(() => process.disconnect());
        break;
    }
  });
  const { publisher } = running.access;
  const ready: SandboxReady = {
    startMs: Math.round(performance.now() - started),
    url: running.url,
    connection: connectionOf(first, running.caPath),
    admin: { id: admin.id, userPrincipalName: admin.userPrincipalName },
    tenants: running.access.tenants.map((access) => connectionOf(access, running.caPath)),
    publisher: {
      signInAppId: publisher.signInAppId,
      signInAppSecret: publisher.signInAppSecret,
      backupAppId: publisher.backupAppId,
      backupAppSecret: publisher.backupAppSecret,
    },
  };
  send(ready);
}

await main();
