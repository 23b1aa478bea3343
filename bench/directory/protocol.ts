// What the directory backup benchmark's three processes tell each other: the sandbox
// (sandbox.ts), one backup at a time (backup.ts) and the runner (run.ts, or a service
// benchmark in bench/service).
import { DIRECTORY_TYPES, type DirectoryType } from '../../src/workloads/directory/item.js';
import type { TypeSummary } from '../../src/workloads/directory/snapshot-meta.js';
import { isLogType } from '../../src/workloads/directory/types/index.js';

/** Objects (log entries for the log types) of each type in the sandbox tenant. */
export type TenantCounts = Record<DirectoryType, number>;

/** A tenant's directory objects, log entries aside. */
export function objectCount(counts: TenantCounts): number {
  return DIRECTORY_TYPES.filter((type) => !isLogType(type)).reduce((sum, type) => sum + counts[type], 0);
}

export interface SandboxConnection {
  tenantId: string;
  authority: string;
  graphBaseUrl: string;
  clientId: string;
  clientSecret: string;
  caPath: string;
}

/** tenantvault's own apps as the sandbox's publisher tenant registers them. */
export interface PublisherApps {
  signInAppId: string;
  signInAppSecret: string;
  backupAppId: string;
  backupAppSecret: string;
}

export interface SandboxReady {
  startMs: number;
  /** The sandbox's origin: identity platform and Graph (under /v1.0). */
  url: string;
  /** The first customer tenant, of the size asked for. */
  connection: SandboxConnection;
  /** Its Global Administrator. */
  admin: { id: string; userPrincipalName: string };
  /** Every customer tenant, the first included, each with its own consented backup app. */
  tenants: SandboxConnection[];
  publisher: PublisherApps;
}

/** `tenantId` names a customer tenant; the first one without it. */
export type BenchRequest =
  | { kind: 'counts'; tenantId?: string }
  | { kind: 'served' }
  | { kind: 'change'; changes: number; tenantId?: string }
  | { kind: 'close' };

/** Graph requests the sandbox answered for one endpoint ("GET /groups/{id}/members"). */
export interface EndpointTally {
  endpoint: string;
  /** The client's throttling budget for it (identity, auditLogs, conditionalAccess, intune). */
  scope: string;
  /** Every request, $batch inner requests one by one, throttled ones included. */
  requests: number;
  /** Answered 429. */
  throttled: number;
  /** Identity resource units charged, throttled requests included (0 outside identity). */
  resourceUnits: number;
  /** Collection entries served. */
  entries: number;
}

export interface ServedRequests {
  endpoints: EndpointTally[];
  /** Lists served in more than one page, with their entries, all pages together. */
  pagedLists: { endpoint: string; entries: number }[];
}

export interface ChangesApplied {
  counts: Record<string, number>;
  signIns: number;
  audits: number;
}

/** The backup process's configuration, passed as its one argument. */
export interface BackupJob {
  connection: SandboxConnection;
  repositoryDir: string;
  catalogPath: string;
  password: string;
  pacing: Pacing;
  /** The tenant's users, which set its identity budget. */
  tenantUsers: number;
}

/**
 * How the Graph client paces itself: with its default budgets, as the product does
 * (identity reads at the budget of the tenant's size, learnt from its user count); with
 * that identity budget given to it explicitly; or not at all, against a
 * sandbox that does not throttle, so the backup runs as fast as it can.
 */
export type Pacing = 'product' | 'tenant' | 'none';

/** Client-side counts: HTTP round trips ($batch is one) and Graph requests ($batch inner requests each). */
export interface RequestCounts {
  http: number;
  graph: number;
  throttled: number;
}

export interface TypeMeasure {
  summary: TypeSummary;
  ms: number;
  requests: RequestCounts;
  /** Highest resident set sampled while the type was read. */
  peakRssMb: number;
}

export interface BackupMeasure {
  wallMs: number;
  /** From the start to the first type: the organization, the previous snapshot found. */
  beforeTypesMs: number;
  /** From the last type until the catalog begins recording: the repository snapshot committed. */
  commitMs: number;
  /** The snapshot's items recorded in the catalog. */
  catalogMs: number;
  requests: RequestCounts;
  types: Partial<Record<DirectoryType, TypeMeasure>>;
  /** Resident set before the backup began (Node and the modules loaded). */
  baselineRssMb: number;
  /** Highest resident set sampled every 100 ms during the backup. */
  peakRssMb: number;
  /** Highest resident set sampled while the catalog recorded the snapshot. */
  catalogPeakRssMb: number;
  /** The kernel's high-water mark of the resident set (VmHWM) when the backup ended. */
  vmHwmMb: number;
}
