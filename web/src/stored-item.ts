// An object as a snapshot stores it. The API hands it over as plain JSON (its shape depends
// on the type), so the portal names the two shapes it shows: a directory object with its
// properties and relationships, and a day of a log with its entries.
export interface StoredObject {
  type: string;
  id: string;
  object: Record<string, unknown>;
  /** Relationship name → ids of the objects it points to. */
  relationships: Record<string, string[]>;
}

export interface StoredLogDay {
  type: string;
  id: string;
  entries: unknown[];
}

export type StoredItem = StoredObject | StoredLogDay;

export function isLogDay(item: StoredItem): item is StoredLogDay {
  return Array.isArray((item as Partial<StoredLogDay>).entries);
}

/** A property value as people read it: text as is, anything else as compact JSON. */
export function showValue(value: unknown): string {
  if (value === undefined) return '(not set)';
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}
