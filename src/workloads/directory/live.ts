// Reading a tenant's directory objects as they are now, in the shape a backup keeps them
// (DirectoryItem): objects listed page by page with their type's $select and the
// relationships Graph expands for them (in the listing itself, or in a listing of ids of
// their own joined by id: relationship-listing.ts), then the other relationships of a
// whole page (and properties Graph gives only one object at a time) read through $batch,
// 20 requests per round trip. Backup builds on the steps; compare with live and restore
// call liveItems and liveItem.
import {
  GraphRequestError,
  type BatchRequest,
  type BatchResponse,
  type GraphClient,
} from '../../graph/index.js';
import type { DirectoryItem, GraphObject } from './item.js';
import { RelationshipListing } from './relationship-listing.js';
import { TYPE_ROUTES } from './routes.js';
import {
  EXPANSION_LIMIT,
  OBJECT_TYPE_DESCRIPTORS,
  type ObjectType,
  type ObjectTypeDescriptor,
  type Relationship,
} from './types/index.js';

interface CollectionBody {
  value?: Record<string, unknown>[];
  '@odata.nextLink'?: string;
}

interface ErrorBody {
  error?: { code?: string; message?: string; innerError?: { 'request-id'?: string } };
}

/**
 * The object without Graph's annotations (@odata.context, @odata.etag, members@delta …),
 * which describe the answer rather than the object; @odata.type names the object's type
 * and stays.
 */
export function withoutAnnotations(raw: Record<string, unknown>): GraphObject {
  const object: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (!name.includes('@') || name === '@odata.type') object[name] = value;
  }
  return object as GraphObject;
}

/** The request headers Graph insists on for the type, if any. */
export function headersOf(descriptor: ObjectTypeDescriptor): Record<string, string> | undefined {
  return descriptor.headers && { ...descriptor.headers };
}

/** $select and $expand of the type's objects, whether listed or read by id. */
function objectQuery(descriptor: ObjectTypeDescriptor): { $select?: string; $expand?: string } {
  const [expand, ...more] = descriptor.relationships.flatMap((relationship) =>
    relationship.expand && !relationship.listedApart ? [relationship.expand] : [],
  );
  if (more.length > 0)
    throw new Error(`Graph expands one navigation property of ${descriptor.type} at a time`);
  return { $select: descriptor.select?.join(','), $expand: expand };
}

function objectUrl(descriptor: ObjectTypeDescriptor, id: string): string {
  return `${TYPE_ROUTES[descriptor.type].path}/${encodeURIComponent(id)}`;
}

/** A failed inner $batch answer as the error a direct request would have thrown. */
function batchFailure(request: BatchRequest, response: BatchResponse): GraphRequestError {
  const error = (response.body as ErrorBody | undefined)?.error;
  return new GraphRequestError({
    method: request.method ?? 'GET',
    path: request.url.split('?')[0] as string,
    status: response.status,
    code: error?.code ?? `HTTP${response.status}`,
    message: error?.message ?? 'No error details.',
    requestId: error?.innerError?.['request-id'],
    scope: 'batch',
    attempts: 1,
  });
}

/**
 * The type's objects as Graph lists them, one page at a time, with the relationships
 * Graph expands for them: in the listing itself, or in listings of their own read first.
 */
export async function* listPages(
  graph: GraphClient,
  descriptor: ObjectTypeDescriptor,
): AsyncGenerator<GraphObject[]> {
  const headers = headersOf(descriptor);
  const listings: RelationshipListing[] = [];
  for (const relationship of descriptor.relationships) {
    if (relationship.listedApart)
      listings.push(await RelationshipListing.read(graph, descriptor, relationship, headers));
  }
  const objectOptions = objectQuery(descriptor);
  // Graph pages an $expand at 100 objects whatever $top asks; without one, the largest page.
  const top = objectOptions.$expand ? undefined : TYPE_ROUTES[descriptor.type].largestPage;
  const query = { ...objectOptions, $filter: descriptor.filter, $top: top };
  const pages = graph.pages<Record<string, unknown>>(TYPE_ROUTES[descriptor.type].path, query, headers);
  try {
    for await (const page of pages) {
      const objects = page.items.map(withoutAnnotations);
      for (const listing of listings) for (const object of objects) listing.expandInto(object);
      yield objects;
    }
  } finally {
    for (const listing of listings) listing.clear();
  }
}

/** The objects with these ids, read by id through $batch; ids Graph does not find are left out. */
export async function readObjects(
  graph: GraphClient,
  descriptor: ObjectTypeDescriptor,
  ids: readonly string[],
): Promise<GraphObject[]> {
  const query = Object.entries(objectQuery(descriptor))
    .filter(([, value]) => value !== undefined)
    .map(([name, value]) => `${name}=${value}`)
    .join('&');
  const requests: BatchRequest[] = ids.map((id, index) => ({
    id: String(index),
    url: query ? `${objectUrl(descriptor, id)}?${query}` : objectUrl(descriptor, id),
    headers: headersOf(descriptor),
  }));
  const answers = await graph.batch<Record<string, unknown>>(requests);
  const objects: GraphObject[] = [];
  answers.forEach((answer, index) => {
    if (answer.status === 404) return;
    if (answer.status >= 300) throw batchFailure(requests[index] as BatchRequest, answer);
    objects.push(withoutAnnotations(answer.body));
  });
  return objects;
}

/** An OData string literal: quotes doubled. */
function quoted(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/**
 * The objects of a type listed by owner that belong to these owners, one filtered listing
 * per owner through $batch ($filter=deviceId eq '…' for BitLocker keys).
 */
export async function listByOwners(
  graph: GraphClient,
  descriptor: ObjectTypeDescriptor,
  owners: readonly string[],
): Promise<GraphObject[]> {
  const { owner } = descriptor;
  if (!owner) throw new Error(`${descriptor.type} are not listed by owner`);
  const headers = headersOf(descriptor);
  const select = objectQuery(descriptor).$select;
  const requests: BatchRequest[] = owners.map((value, index) => {
    const filter = `$filter=${encodeURIComponent(`${owner.property} eq ${quoted(value)}`)}`;
    const query = select ? `${filter}&$select=${select}` : filter;
    return { id: String(index), url: `${TYPE_ROUTES[descriptor.type].path}?${query}`, headers };
  });
  const objects: GraphObject[] = [];
  const answers = await graph.batch<CollectionBody>(requests);
  for (const [index, answer] of answers.entries()) {
    if (answer.status >= 300) throw batchFailure(requests[index] as BatchRequest, answer);
    for (const entry of await allEntries(graph, answer.body, headers))
      objects.push(withoutAnnotations(entry));
  }
  return objects;
}

/** Every entry of a relationship's answer, following nextLinks of long lists (large groups). */
async function allEntries(
  graph: GraphClient,
  body: CollectionBody,
  headers: Record<string, string> | undefined,
): Promise<Record<string, unknown>[]> {
  const entries = [...(body.value ?? [])];
  const next = body['@odata.nextLink'];
  if (next) {
    for await (const page of graph.pages<Record<string, unknown>>(next, undefined, headers)) {
      entries.push(...page.items);
    }
  }
  return entries;
}

function targetIds(entries: GraphObject[]): string[] {
  return entries.map((entry) => entry.id).filter((id) => typeof id === 'string' && id !== '');
}

function byId(a: GraphObject, b: GraphObject): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * The entries Graph expanded for a relationship of the object, taken off it; undefined
 * when they are to be read on their own: not expanded (read by id, or created after the
 * listing that expands them) or as many as Graph expands at most (there may be more).
 */
function takeExpanded(
  relationship: Relationship,
  object: GraphObject,
): Record<string, unknown>[] | undefined {
  if (!relationship.expand) return undefined;
  const expanded = object[relationship.name];
  delete object[relationship.name];
  if (relationship.single)
    return expanded === null || expanded === undefined ? [] : [expanded as Record<string, unknown>];
  return Array.isArray(expanded) && expanded.length < EXPANSION_LIMIT ? expanded : undefined;
}

/**
 * Listed objects made items: relationships that came expanded with them are moved out of
 * the object, the others and single-read properties are read for all of them through
 * $batch. An object Graph no longer finds (deleted meanwhile) is left out; a single
 * relationship Graph answers 404 or null for (no manager) is empty.
 */
export async function completeItems(
  graph: GraphClient,
  descriptor: ObjectTypeDescriptor,
  objects: readonly GraphObject[],
): Promise<DirectoryItem[]> {
  const headers = headersOf(descriptor);
  const singleRead = descriptor.singleReadProperties;
  const items = objects.map((listed): DirectoryItem => ({
    type: descriptor.type,
    id: listed.id,
    object: { ...listed },
    relationships: {},
  }));
  /** Entries of relationships that came expanded, by `${item index}/${relationship name}`. */
  const expanded = new Map<string, Record<string, unknown>[]>();
  const requests: BatchRequest[] = [];
  items.forEach((item, index) => {
    const url = objectUrl(descriptor, item.id);
    for (const relationship of descriptor.relationships) {
      const id = `${index}/${relationship.name}`;
      const entries = takeExpanded(relationship, item.object);
      if (entries) expanded.set(id, entries);
      else if (relationship.url) requests.push({ id, url: relationship.url(url, item.id), headers });
    }
    if (singleRead)
      requests.push({ id: `${index}/$select`, url: `${url}?$select=${singleRead.join(',')}`, headers });
  });
  const answers = new Map<
    string,
    { request: BatchRequest; answer: BatchResponse<Record<string, unknown>> }
  >();
  (await graph.batch<Record<string, unknown>>(requests)).forEach((answer, index) => {
    answers.set(answer.id, { request: requests[index] as BatchRequest, answer });
  });

  /** The relationship's entries; undefined when the object itself is gone. */
  const entriesOf = async (
    index: number,
    relationship: Relationship,
  ): Promise<Record<string, unknown>[] | undefined> => {
    const id = `${index}/${relationship.name}`;
    const entries = expanded.get(id);
    if (entries) return entries;
    const { request, answer } = answers.get(id)!;
    if (answer.status === 404) return relationship.single ? [] : undefined;
    if (answer.status >= 300) throw batchFailure(request, answer);
    return relationship.single ? [answer.body] : allEntries(graph, answer.body as CollectionBody, headers);
  };

  const complete: DirectoryItem[] = [];
  for (const [index, item] of items.entries()) {
    let gone = false;
    for (const relationship of descriptor.relationships) {
      const entries = await entriesOf(index, relationship);
      if (!entries) {
        gone = true;
        break;
      }
      const related = entries.map(withoutAnnotations);
      if (relationship.keepWhole) item.object[relationship.name] = related.sort(byId);
      else item.relationships[relationship.name] = targetIds(related);
    }
    if (!gone && singleRead) {
      const { request, answer } = answers.get(`${index}/$select`)!;
      if (answer.status === 404) gone = true;
      else if (answer.status >= 300) throw batchFailure(request, answer);
      else Object.assign(item.object, withoutAnnotations(answer.body));
    }
    if (!gone) complete.push(item);
  }
  return complete;
}

/** Every live object of a type as an item, streamed page by page. */
export async function* liveItems(graph: GraphClient, type: ObjectType): AsyncGenerator<DirectoryItem> {
  const descriptor = OBJECT_TYPE_DESCRIPTORS[type];
  for await (const page of listPages(graph, descriptor)) yield* await completeItems(graph, descriptor, page);
}

/** One live object as an item, or undefined when the tenant has no such object. */
export async function liveItem(
  graph: GraphClient,
  type: ObjectType,
  objectId: string,
): Promise<DirectoryItem | undefined> {
  const descriptor = OBJECT_TYPE_DESCRIPTORS[type];
  const objects = await readObjects(graph, descriptor, [objectId]);
  const [item] = await completeItems(graph, descriptor, objects);
  return item;
}
