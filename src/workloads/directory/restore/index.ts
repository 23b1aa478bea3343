// Restore of directory items into a live tenant: plan (what will be written and why),
// then execute (write it, report what happened).
export { planRestore, refusalOf, RestoreRefusedError } from './planner.js';
export { executePlan } from './executor.js';
export { kindOf } from './plan-builder.js';
export type {
  FailedEntry,
  IdMapEntry,
  RestoreReport,
  SkippedEntry,
  TemporaryPassword,
  WrittenEntry,
} from './executor.js';
export type { Decision, ItemRef, PlannedWrite, RestorePlan } from './plan.js';
export type { NewUserMode, RestoreOptions, SnapshotItems } from './planning-context.js';
