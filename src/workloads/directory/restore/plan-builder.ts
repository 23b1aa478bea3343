// Collects a plan's writes in order. Each write depends on the steps that create the
// objects its {new:…} placeholders stand for, plus any it names itself, so the executor
// never sends a write before what it refers to exists.
import type { DirectoryItem, DirectoryType } from '../item.js';
import { TYPE_ROUTES } from '../routes.js';
import { placeholdersIn, type Decision, type ItemRef, type PlannedWrite, type RestorePlan } from './plan.js';

export type NewWrite = Omit<PlannedWrite, 'step' | 'dependsOn' | 'batchable'> & {
  /** Steps to wait for beyond those implied by placeholders. */
  after?: number[];
  batchable?: boolean;
};

/** One object of a type as people call it: "user", "app registration", "built-in role". */
export function kindOf(type: DirectoryType): string {
  return TYPE_ROUTES[type].label.toLowerCase().replace(/s$/, '');
}

export function itemRef(item: DirectoryItem): ItemRef {
  const name = item.object.displayName;
  return { type: item.type, id: item.id, displayName: typeof name === 'string' ? name : null };
}

export class PlanBuilder {
  private readonly writes: PlannedWrite[] = [];
  private readonly skipped: Decision[] = [];
  /** Old value (id, appId …) -> the step whose answer carries its replacement. */
  private readonly creators = new Map<string, number>();

  /** Adds a write and returns its step number. */
  add(write: NewWrite): number {
    const step = this.writes.length + 1;
    const dependsOn = new Set(write.after ?? []);
    for (const old of placeholdersIn(write)) {
      const creator = this.creators.get(old);
      if (creator === undefined) throw new Error(`No step of the plan re-creates ${old}.`);
      dependsOn.add(creator);
    }
    const { after: _after, batchable, ...rest } = write;
    this.writes.push({
      ...rest,
      step,
      dependsOn: [...dependsOn].sort((a, b) => a - b),
      batchable: batchable ?? false,
    });
    for (const old of Object.values(write.creates ?? {})) this.creators.set(old, step);
    return step;
  }

  skip(item: ItemRef, reason: string): void {
    this.skipped.push({ item, reason });
  }

  build(sourceTenantId: string, targetTenantId: string): RestorePlan {
    return { sourceTenantId, targetTenantId, writes: this.writes, skipped: this.skipped };
  }
}
