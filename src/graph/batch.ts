// JSON $batch: many requests in one round trip. Requests are split into batches of at
// most 20, keeping every dependsOn chain inside one batch; each inner request is charged
// to its own budget, as Graph throttles each on its own. Inner answers come back in any
// order and are matched by id; inner 429 / 503 / 504 answers (and the 424s of requests
// that depended on them) are sent again in a later batch after their Retry-After or a
// backoff. The answers are returned in the order of the requests, failures included.
import { setTimeout as delay } from 'node:timers/promises';
import { backoffDelay, isTransientStatus, parseRetryAfter } from './retry.js';
import { chargeFor, type Charge, type ScopeKind } from './scopes.js';
import type { GraphTransport } from './transport.js';

export const MAX_BATCH_REQUESTS = 20;

export interface BatchRequest {
  /** Unique among the requests of one call. */
  id: string;
  method?: string;
  /** Relative to the Graph version, e.g. /users/{id}/memberOf. */
  url: string;
  headers?: Record<string, string>;
  body?: unknown;
  dependsOn?: string[];
}

export interface BatchResponse<T = unknown> {
  id: string;
  status: number;
  headers: Record<string, string>;
  body: T;
}

interface InnerResponse {
  id: string;
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

/** Groups requests so that each dependsOn chain stays together, then packs the groups into batches. */
export function planBatches(requests: BatchRequest[]): BatchRequest[][] {
  const byId = new Map<string, BatchRequest>();
  for (const request of requests) {
    if (byId.has(request.id)) throw new Error(`Batch request id '${request.id}' is used twice.`);
    byId.set(request.id, request);
  }
  const root = new Map<string, string>(requests.map((request) => [request.id, request.id]));
  const find = (id: string): string => {
    let current = id;
    while (root.get(current) !== current) current = root.get(current) as string;
    root.set(id, current);
    return current;
  };
  for (const request of requests) {
    for (const dependency of request.dependsOn ?? []) {
      if (!byId.has(dependency))
        throw new Error(`Batch request '${request.id}' depends on unknown '${dependency}'.`);
      root.set(find(request.id), find(dependency));
    }
  }
  const groups = new Map<string, BatchRequest[]>();
  for (const request of requests) {
    const key = find(request.id);
    const group = groups.get(key) ?? [];
    group.push(request);
    groups.set(key, group);
  }
  const batches: BatchRequest[][] = [];
  for (const group of groups.values()) {
    if (group.length > MAX_BATCH_REQUESTS) {
      throw new Error(
        `A dependsOn chain of ${group.length} requests does not fit in one batch of ${MAX_BATCH_REQUESTS}.`,
      );
    }
    const target = batches.find((batch) => batch.length + group.length <= MAX_BATCH_REQUESTS);
    if (target) target.push(...group);
    else batches.push([...group]);
  }
  return batches;
}

function chargeOf(request: BatchRequest): Charge {
  const url = new URL(request.url.startsWith('/') ? request.url : `/${request.url}`, 'https://graph.invalid');
  return chargeFor((request.method ?? 'GET').toUpperCase(), url.pathname, url.searchParams);
}

function headerOf(headers: Record<string, string> | undefined, name: string): string | undefined {
  const entry = Object.entries(headers ?? {}).find(([key]) => key.toLowerCase() === name);
  return entry?.[1];
}

/** Sends one batch's requests, then again those that were throttled or unavailable, until done or out of retries. */
async function runBatch(
  transport: GraphTransport,
  requests: BatchRequest[],
): Promise<Map<string, InnerResponse>> {
  const final = new Map<string, InnerResponse>();
  const charges = new Map(requests.map((request) => [request.id, chargeOf(request)]));
  const count = (id: string, outcome: 'ok' | 'throttled' | 'retried' | 'failed') =>
    transport.counters.count((charges.get(id) as Charge).kind as ScopeKind, outcome);
  let pending = requests;
  for (let round = 0; pending.length > 0; round++) {
    const ids = new Set(pending.map((request) => request.id));
    const body = {
      requests: pending.map((request) => ({
        id: request.id,
        method: (request.method ?? 'GET').toUpperCase(),
        url: request.url,
        headers:
          request.body !== undefined
            ? { 'content-type': 'application/json', ...request.headers }
            : request.headers,
        body: request.body,
        // Dependencies that succeeded in an earlier round are no longer in the batch.
        dependsOn: request.dependsOn?.filter((id) => ids.has(id)),
      })),
    };
    const readOnly = pending.every((request) => (request.method ?? 'GET').toUpperCase() === 'GET');
    const prepared = transport.prepare(
      { method: 'POST', url: '/$batch', body, idempotent: readOnly },
      pending.map((request) => charges.get(request.id) as Charge),
    );
    const { body: answer } = await transport.send<{ responses?: InnerResponse[] }>(prepared);
    const answers = new Map((answer?.responses ?? []).map((response) => [response.id, response]));

    const lastRound = round >= transport.backoffSettings.maxRetries;
    const retry = new Set<string>();
    let waitMs = 0;
    for (const request of pending) {
      const response = answers.get(request.id) ?? { id: request.id, status: 503 };
      const transient = isTransientStatus(response.status);
      if (response.status === 429) {
        count(request.id, 'throttled');
        const retryAfter = parseRetryAfter(headerOf(response.headers, 'retry-after'));
        const pauseMs = retryAfter ?? backoffDelay(round, transport.backoffSettings);
        transport.gate(charges.get(request.id) as Charge).throttled(pauseMs);
      } else {
        const usage = Number(headerOf(response.headers, 'x-ms-throttle-limit-percentage') ?? NaN);
        transport.gate(charges.get(request.id) as Charge).answered(Number.isNaN(usage) ? undefined : usage);
      }
      if (transient && response.status !== 429) {
        const retryAfter = parseRetryAfter(headerOf(response.headers, 'retry-after'));
        waitMs = Math.max(waitMs, retryAfter ?? backoffDelay(round, transport.backoffSettings));
      }
      if (transient && !lastRound) retry.add(request.id);
    }
    // A 424 whose dependency is being retried is worth retrying with it.
    for (const request of pending) {
      const response = answers.get(request.id);
      if (response?.status === 424 && request.dependsOn?.some((id) => retry.has(id))) retry.add(request.id);
    }
    for (const request of pending) {
      if (retry.has(request.id)) {
        count(request.id, 'retried');
        continue;
      }
      const response = answers.get(request.id) ?? { id: request.id, status: 503 };
      count(request.id, response.status < 400 ? 'ok' : 'failed');
      final.set(request.id, response);
    }
    pending = pending.filter((request) => retry.has(request.id));
    if (pending.length > 0 && waitMs > 0) await delay(waitMs);
  }
  return final;
}

/** Runs any number of requests through $batch; answers in request order, inner failures as answers. */
export async function batch<T = unknown>(
  transport: GraphTransport,
  requests: BatchRequest[],
): Promise<BatchResponse<T>[]> {
  const results = await Promise.all(planBatches(requests).map((part) => runBatch(transport, part)));
  const byId = new Map<string, InnerResponse>();
  for (const result of results) for (const [id, response] of result) byId.set(id, response);
  return requests.map((request) => {
    const response = byId.get(request.id) as InnerResponse;
    return {
      id: request.id,
      status: response.status,
      headers: response.headers ?? {},
      body: response.body as T,
    };
  });
}
