// Server-driven paging: a page of results and, when more remain, an @odata.nextLink whose
// opaque $skiptoken says where the next page starts. Collections page in id order, logs
// newest first, relationship lists by position.
import type { DirectoryObject, ObjectCollection } from '../directory/store.js';
import { GraphError } from '../errors.js';
import type { GraphContext } from './context.js';
import { graphUrl } from './context.js';

export interface PageCursor {
  /** Resume after this id (collections). */
  after?: string;
  /** Resume after this [time, id] (logs, newest first). */
  afterTime?: [string, string];
  /** Resume at this position (relationship lists). */
  offset?: number;
}

export interface Page {
  items: DirectoryObject[];
  nextLink?: string;
}

/** Takes up to `size` matching objects; the link carries the cursor after the last one. */
export function takePage(
  context: GraphContext,
  candidates: Iterable<DirectoryObject>,
  matches: (object: DirectoryObject) => boolean,
  size: number,
  cursorAfter: (object: DirectoryObject, taken: number) => PageCursor,
): Page {
  const items: DirectoryObject[] = [];
  let more = false;
  for (const object of candidates) {
    if (!matches(object)) continue;
    if (items.length === size) {
      more = true;
      break;
    }
    items.push(object);
  }
  if (!more || items.length === 0) return { items };
  const cursor = cursorAfter(items[items.length - 1] as DirectoryObject, items.length);
  return { items, nextLink: nextLink(context, cursor) };
}

/** The same request with its $skiptoken replaced. */
export function nextLink(context: GraphContext, cursor: PageCursor): string {
  const query: Record<string, string> = {};
  for (const [key, value] of context.request.query) if (key !== '$skiptoken') query[key] = value;
  query['$skiptoken'] = context.tokens.seal({ path: context.request.path, ...cursor });
  return graphUrl(context, context.request.path, query);
}

export function readCursor(context: GraphContext, skipToken: string | undefined): PageCursor {
  if (skipToken === undefined) return {};
  const cursor = context.tokens.open<PageCursor & { path: string }>(skipToken);
  if (!cursor || cursor.path !== context.request.path) {
    throw new GraphError(
      400,
      'Directory_ExpiredPageToken',
      'The specified page token value has expired and can no longer be included in your request.',
    );
  }
  return cursor;
}

const valueIndexes = new WeakMap<
  ObjectCollection,
  { version: number; path: string; byValue: Map<string, DirectoryObject[]> }
>();

/**
 * The objects whose string property `path` equals `value` (case-insensitively, as
 * directory comparisons are), in id order after `afterId`. Graph answers such a filter
 * (BitLocker keys of one device) from an index; so does the sandbox, rebuilt only when the
 * collection changed.
 */
export function* withValue(
  collection: ObjectCollection,
  path: string,
  value: string,
  afterId?: string,
): Generator<DirectoryObject> {
  let index = valueIndexes.get(collection);
  if (!index || index.version !== collection.version || index.path !== path) {
    const byValue = new Map<string, DirectoryObject[]>();
    for (const object of collection.from()) {
      const property = object[path];
      if (typeof property !== 'string') continue;
      const key = property.toLowerCase();
      const objects = byValue.get(key);
      if (objects) objects.push(object);
      else byValue.set(key, [object]);
    }
    index = { version: collection.version, path, byValue };
    valueIndexes.set(collection, index);
  }
  for (const object of index.byValue.get(value.toLowerCase()) ?? []) {
    if (afterId === undefined || object.id > afterId) yield object;
  }
}

const timeOrders = new WeakMap<
  ObjectCollection,
  { version: number; field: string; objects: DirectoryObject[] }
>();

/** The collection newest first by `field`, rebuilt only when the collection changed. */
export function newestFirst(collection: ObjectCollection, field: string): DirectoryObject[] {
  const cached = timeOrders.get(collection);
  if (cached && cached.version === collection.version && cached.field === field) return cached.objects;
  const objects = [...collection.values()].sort((a, b) => {
    const ta = String(a[field] ?? '');
    const tb = String(b[field] ?? '');
    return ta < tb ? 1 : ta > tb ? -1 : a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
  });
  timeOrders.set(collection, { version: collection.version, field, objects });
  return objects;
}

/** Objects of a newest-first list strictly after [time, id]. */
export function* afterTime(
  objects: DirectoryObject[],
  field: string,
  cursor?: [string, string],
): Generator<DirectoryObject> {
  let start = 0;
  if (cursor) {
    const [time, id] = cursor;
    let low = 0;
    let high = objects.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      const object = objects[mid] as DirectoryObject;
      const t = String(object[field] ?? '');
      const isBefore = t > time || (t === time && object.id >= id);
      if (isBefore) low = mid + 1;
      else high = mid;
    }
    start = low;
  }
  for (let i = start; i < objects.length; i++) yield objects[i] as DirectoryObject;
}
