// How a restore refers to an object in the target tenant. An object the restore brings
// back keeps its id (after the step that restores it) or gets a new one (named by a
// {new:…} placeholder until the executor learns it); any other object is referred to
// only if it exists there now. An old-id -> new-id map is exactly this, per old id.
import { newValueOf } from './plan.js';

export interface Reference {
  /** The id to write: the object's own, or a placeholder for its new one. */
  value: string;
  /** Steps that must have run first. */
  after: number[];
}

export class References {
  /** Old value -> how the restore brings it back. */
  private readonly restored = new Map<string, { step?: number; replaced: boolean }>();

  constructor(private readonly existing: ReadonlySet<string>) {}

  /** The object already exists with this id (or will after `step`). */
  keeps(id: string, step?: number): void {
    this.restored.set(id, { step, replaced: false });
  }

  /** The restore re-creates the object: Entra will give `oldValue` (an id, an appId …) a replacement. */
  replaces(oldValue: string): void {
    this.restored.set(oldValue, { replaced: true });
  }

  isReplaced(oldValue: string): boolean {
    return this.restored.get(oldValue)?.replaced === true;
  }

  /** How to point at `id` in the target, or undefined when it is not there and not being restored. */
  resolve(id: string): Reference | undefined {
    const restored = this.restored.get(id);
    if (restored?.replaced) return { value: newValueOf(id), after: [] };
    if (restored) return { value: id, after: restored.step === undefined ? [] : [restored.step] };
    return this.existing.has(id) ? { value: id, after: [] } : undefined;
  }
}
