// JSON $batch: up to 20 requests with unique ids and optional dependsOn. The outer answer
// is 200 whatever the inner ones say; a request whose dependency failed gets 424; each
// inner request is authorised, throttled and faulted on its own; answers come back in no
// particular order (here: ordered by id as text, so "10" comes before "2").
import { badRequest, GraphError } from '../errors.js';
import type { GraphRequest, GraphResponse } from './context.js';
import { errorResponse, type GraphDispatcher } from './dispatch.js';

const MAX_REQUESTS = 20;

interface BatchItem {
  id: string;
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: unknown;
  dependsOn: string[];
}

function parseBatch(body: unknown): BatchItem[] {
  const requests = (body as { requests?: unknown } | null)?.requests;
  if (!Array.isArray(requests))
    throw badRequest("The batch request must have a 'requests' array.", 'BadRequest');
  if (requests.length === 0) throw badRequest('The batch request must contain at least one request.');
  if (requests.length > MAX_REQUESTS) {
    throw badRequest(`The number of batch requests exceeds the limit of ${MAX_REQUESTS}.`, 'BadRequest');
  }
  const items: BatchItem[] = requests.map((raw: unknown) => {
    const request = raw as Record<string, unknown> | null;
    if (
      !request ||
      typeof request.id !== 'string' ||
      typeof request.method !== 'string' ||
      typeof request.url !== 'string'
    ) {
      throw badRequest(
        "Each batch request must have string 'id', 'method' and 'url' properties.",
        'BadRequest',
      );
    }
    const dependsOn = request.dependsOn === undefined ? [] : request.dependsOn;
    if (!Array.isArray(dependsOn) || dependsOn.some((id) => typeof id !== 'string')) {
      throw badRequest("'dependsOn' must be an array of request ids.", 'BadRequest');
    }
    const headers: Record<string, string> = {};
    if (request.headers && typeof request.headers === 'object') {
      for (const [name, value] of Object.entries(request.headers))
        headers[name.toLowerCase()] = String(value);
    }
    return {
      id: request.id,
      method: request.method.toUpperCase(),
      url: request.url,
      headers,
      body: request.body,
      dependsOn,
    };
  });
  const ids = new Set<string>();
  for (const item of items) {
    if (ids.has(item.id))
      throw badRequest(`Batch request ids must be unique; '${item.id}' is repeated.`, 'BadRequest');
    ids.add(item.id);
  }
  for (const item of items) {
    for (const dependency of item.dependsOn) {
      if (!ids.has(dependency) || dependency === item.id) {
        throw badRequest(
          `Request '${item.id}' depends on '${dependency}', which is not in the batch.`,
          'BadRequest',
        );
      }
    }
  }
  return items;
}

function toGraphRequest(item: BatchItem, authorization: string | undefined): GraphRequest {
  if (/^https?:/i.test(item.url))
    throw badRequest('Batch request urls must be relative to the version, like /users.');
  const relative = item.url.startsWith('/') ? item.url : `/${item.url}`;
  // Clients that build requests from absolute URLs (the Graph SDK in Node) keep the version.
  const url = new URL(relative.replace(/^\/v1\.0(?=\/|$)/, ''), 'https://batch.invalid');
  if (item.body !== undefined && !item.headers['content-type']) {
    throw badRequest('A Content-Type header is required for a batch request with a body.', 'BadRequest');
  }
  return {
    method: item.method,
    path: url.pathname,
    query: url.searchParams,
    headers: { ...item.headers, authorization },
    body: item.body,
  };
}

function inner(id: string, response: GraphResponse) {
  return { id, status: response.status, headers: response.headers ?? {}, body: response.body };
}

export async function runBatch(
  dispatcher: GraphDispatcher,
  body: unknown,
  authorization: string | undefined,
): Promise<{ responses: ReturnType<typeof inner>[] }> {
  const items = parseBatch(body);
  const results = new Map<string, GraphResponse>();
  const pending = new Map(items.map((item) => [item.id, item]));
  while (pending.size > 0) {
    const ready = [...pending.values()].filter((item) => item.dependsOn.every((id) => results.has(id)));
    if (ready.length === 0) throw badRequest('The dependsOn chain of the batch has a cycle.', 'BadRequest');
    await Promise.all(
      ready.map(async (item) => {
        pending.delete(item.id);
        const failed = item.dependsOn.find((id) => ((results.get(id) as GraphResponse).status ?? 500) >= 400);
        if (failed) {
          results.set(
            item.id,
            errorResponse(new GraphError(424, 'FailedDependency', `Dependent request '${failed}' failed.`)),
          );
          return;
        }
        try {
          const result = await dispatcher.dispatch(toGraphRequest(item, authorization), true);
          results.set(
            item.id,
            'drop' in result ? errorResponse(new GraphError(503, 'serviceNotAvailable', 'Retry.')) : result,
          );
        } catch (error) {
          if (!(error instanceof GraphError)) throw error;
          results.set(item.id, errorResponse(error));
        }
      }),
    );
  }
  const ids = [...results.keys()].sort();
  return { responses: ids.map((id) => inner(id, results.get(id) as GraphResponse)) };
}
