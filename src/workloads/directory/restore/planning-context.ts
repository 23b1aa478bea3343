// What every part of the planner works with: the plan being built, how objects are
// referred to in the target, the target itself, and the choices of the person restoring.
import type { DirectoryItem, DirectoryType } from '../item.js';
import type { LiveTenant } from './live-tenant.js';
import type { PlanBuilder } from './plan-builder.js';
import type { References } from './references.js';

/** How a user who comes back by re-creation can sign in: nobody until an admin acts, or with a one-time password. */
export type NewUserMode = 'disabled' | 'temporary-password';

export interface RestoreOptions {
  /** The tenant the snapshot was taken of. */
  sourceTenantId: string;
  /** The tenant written to; another tenant only for configuration types. */
  targetTenantId: string;
  newUsers: NewUserMode;
}

/** The snapshot restored from, beyond the chosen items: what links point at them, what they need. */
export interface SnapshotItems {
  ofType(type: DirectoryType): AsyncIterable<DirectoryItem>;
}

export interface PlanningContext {
  builder: PlanBuilder;
  references: References;
  live: LiveTenant;
  options: RestoreOptions;
}

/** Where an item's object stands in the target before the restore writes anything. */
export type Presence =
  | { state: 'live'; object: DirectoryItem['object'] }
  | { state: 'inRecycleBin'; object: DirectoryItem['object'] }
  | { state: 'recreated' };
