// OData system query options as Graph applies them to directory collections: parsing and
// validating $select / $filter / $top / $count / $search / $expand, the
// Prefer: odata.maxpagesize header, and shaping objects for the answer.
import { badRequest, GraphError, unsupportedQuery } from '../errors.js';
import type { DirectoryObject } from '../directory/store.js';
import { filterProperties, parseFilter, type FilterNode } from './filter.js';
import type { GraphRequest } from './context.js';
import type { ResourceDefinition } from './resources.js';

/** One navigation property of $expand, with the $select nested in it: members($select=id). */
export interface Expansion {
  name: string;
  select?: string[];
}

export interface QueryOptions {
  select?: string[];
  filter?: FilterNode;
  top?: number;
  count: boolean;
  search?: { property?: string; term: string }[];
  expand: Expansion[];
  skipToken?: string;
  deltaToken?: string;
  /** Whether ConsistencyLevel: eventual was sent (advanced queries). */
  eventual: boolean;
}

const KNOWN_OPTIONS = new Set([
  '$select',
  '$filter',
  '$top',
  '$count',
  '$search',
  '$expand',
  '$orderby',
  '$skiptoken',
  '$deltatoken',
  '$skip',
  '$format',
]);

export const countNeedsEventual = () =>
  badRequest(
    'Count is not currently supported. Add the ConsistencyLevel header with the value eventual.',
    'Request_BadRequest',
  );

function parseList(value: string): string[] {
  return value
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
}

function parseSearch(value: string): { property?: string; term: string }[] {
  const clauses = value.match(/"[^"]*"/g);
  if (!clauses)
    throw badRequest('Syntax error: search value must be enclosed in double quotes.', 'Request_BadRequest');
  return clauses.map((clause) => {
    const inner = clause.slice(1, -1);
    const colon = inner.indexOf(':');
    return colon > 0 ? { property: inner.slice(0, colon), term: inner.slice(colon + 1) } : { term: inner };
  });
}

/** Types deriving from directoryObject: Graph expands one navigation property of theirs per request. */
const DIRECTORY_OBJECT_ENTITIES: ReadonlySet<string> = new Set([
  'user',
  'group',
  'application',
  'servicePrincipal',
  'device',
  'administrativeUnit',
  'directoryRole',
]);

/** Top-level items of $expand, each with the $select of its nested options (others are ignored). */
function parseExpand(value: string): Expansion[] {
  const items: string[] = [];
  let depth = 0;
  let start = 0;
  for (let index = 0; index <= value.length; index++) {
    const char = value[index];
    if (char === '(') depth++;
    else if (char === ')') depth--;
    else if ((char === ',' && depth === 0) || char === undefined) {
      items.push(value.slice(start, index).trim());
      start = index + 1;
    }
  }
  return items.filter(Boolean).map((item) => {
    const open = item.indexOf('(');
    if (open < 0) return { name: item };
    const nested = item.slice(open + 1, item.lastIndexOf(')'));
    const select = /(?:^|;)\s*\$select=([^;]*)/.exec(nested)?.[1];
    return { name: item.slice(0, open).trim(), select: select === undefined ? undefined : parseList(select) };
  });
}

export function parseQuery(request: GraphRequest, resource: ResourceDefinition | undefined): QueryOptions {
  const query = request.query;
  for (const key of query.keys()) {
    const normalized = key.toLowerCase();
    if (normalized.startsWith('$') && !KNOWN_OPTIONS.has(normalized)) {
      throw badRequest(`Query option '${key}' is not allowed. Make sure the query option is supported.`);
    }
  }
  const get = (name: string) => query.get(name) ?? query.get(name.slice(1)) ?? undefined;
  const eventual = (request.headers['consistencylevel'] ?? '').toLowerCase() === 'eventual';
  const options: QueryOptions = { count: false, expand: [], eventual };

  if (query.has('$skip')) throw badRequest("'$skip' is not supported by the service.", 'Request_BadRequest');
  if (query.has('$orderby')) {
    const orderBy = query.get('$orderby') ?? '';
    if (!eventual || !/^(displayName|userPrincipalName)( (asc|desc))?$/.test(orderBy)) {
      throw unsupportedQuery('Sorting not supported for current query.');
    }
  }
  const select = get('$select');
  if (select !== undefined) options.select = parseList(select);

  const filter = get('$filter');
  if (filter !== undefined) {
    options.filter = parseFilter(filter);
    if (resource) {
      for (const property of filterProperties(options.filter)) {
        if (!resource.filterable.includes(property)) {
          throw unsupportedQuery(
            `Unsupported or invalid query filter clause specified for property '${property}' of resource '${resource.entity[0]?.toUpperCase()}${resource.entity.slice(1)}'.`,
          );
        }
      }
    }
  }

  const top = query.get('$top');
  if (top !== null) {
    const max = resource?.pageSize.max ?? 999;
    const value = Number(top);
    if (!/^\d+$/.test(top) || value < 1 || value > max) {
      throw badRequest(
        `Invalid page size specified: '${top}'. Must be between 1 and ${max} inclusive.`,
        'Request_BadRequest',
      );
    }
    options.top = value;
  }

  const count = query.get('$count');
  if (count !== null) {
    if (count !== 'true' && count !== 'false') throw badRequest(`Invalid value '${count}' for $count.`);
    options.count = count === 'true';
    if (options.count && !eventual) throw countNeedsEventual();
  }

  const search = query.get('$search');
  if (search !== null) {
    if (!eventual) {
      throw badRequest(
        "Request with $search query parameter only works through MSGraph with a special request header: 'ConsistencyLevel: eventual'",
        'Request_UnsupportedQuery',
      );
    }
    options.search = parseSearch(search);
  }

  const expand = get('$expand');
  if (expand !== undefined) options.expand = parseExpand(expand);
  if (options.expand.length > 1 && resource && DIRECTORY_OBJECT_ENTITIES.has(resource.entity)) {
    throw badRequest(
      `The result of parsing $expand contained at least ${options.expand.length} items, but the maximum allowed is 1.`,
    );
  }

  options.skipToken = query.get('$skiptoken') ?? undefined;
  options.deltaToken = query.get('$deltatoken') ?? undefined;
  return options;
}

/** Page size from $top, else Prefer: odata.maxpagesize, else the collection's default. */
export function pageSize(
  request: GraphRequest,
  options: QueryOptions,
  resource: ResourceDefinition,
): { size: number; preferenceApplied?: string } {
  if (options.top !== undefined) return { size: options.top };
  const prefer = request.headers['prefer'] ?? '';
  const match = /odata\.maxpagesize=(\d+)/i.exec(prefer);
  if (match) {
    const size = Math.min(Math.max(Number(match[1]), 1), resource.pageSize.max);
    return { size, preferenceApplied: `odata.maxpagesize=${size}` };
  }
  return { size: resource.pageSize.default };
}

export function matchesSearch(object: DirectoryObject, search: QueryOptions['search']): boolean {
  if (!search) return true;
  return search.every(({ property, term }) => {
    const needle = term.toLowerCase();
    const fields = property ? [property] : ['displayName', 'mail', 'userPrincipalName', 'description'];
    return fields.some((field) => {
      const value = object[field];
      return typeof value === 'string' && value.toLowerCase().includes(needle);
    });
  });
}

/** The object as Graph would return it for this $select (or the type's default set). */
export function project(
  resource: ResourceDefinition,
  object: DirectoryObject,
  select: string[] | undefined,
): Record<string, unknown> {
  if (select && select.length > 0 && !select.includes('*')) {
    const out: Record<string, unknown> = {};
    if ('@odata.type' in object) out['@odata.type'] = object['@odata.type'];
    for (const name of select) {
      if (resource.navigation?.includes(name)) continue;
      if (name in object) out[name] = object[name];
      else out[name] = null;
    }
    return out;
  }
  if (resource.defaultProperties) {
    const out: Record<string, unknown> = {};
    for (const name of resource.defaultProperties) out[name] = object[name] ?? null;
    return out;
  }
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(object)) {
    if (resource.navigation?.includes(name) || resource.selectOnly?.includes(name)) continue;
    out[name] = value;
  }
  return out;
}

export function requireHeaders(request: GraphRequest, resource: ResourceDefinition): void {
  for (const header of resource.requiredHeaders ?? []) {
    if (!request.headers[header]) {
      throw new GraphError(400, 'BadRequest', `The required request header '${header}' is missing.`);
    }
  }
}
