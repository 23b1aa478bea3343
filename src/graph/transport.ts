// Sends Graph requests within the throttling budgets and retries what is worth retrying.
// Each request is charged to its budget (scopes.ts) and waits there for a slot and for
// units; a 429 pauses that budget only, for Retry-After when Graph names one; 429s
// without Retry-After, 503, 504 and dropped connections are retried after exponential
// backoff with full jitter, a bounded number of times; a token Graph rejects is renewed
// once. Whatever still fails becomes a GraphRequestError with Graph's code and request id.
// Identity reads are paced at the tenant's own limit, learnt from its user count before
// the first of them (tenant-size.ts).
import { setTimeout as delay } from 'node:timers/promises';
import { fetch, type Dispatcher } from 'undici';
import { GraphCounters } from './counters.js';
import { DeltaTokenExpiredError, GraphRequestError, type GraphErrorDetails } from './errors.js';
import { DEFAULT_UTILIZATION, ScopeGate } from './gate.js';
import {
  backoffDelay,
  DEFAULT_BACKOFF,
  isTransientStatus,
  parseRetryAfter,
  transientNetworkCode,
  type BackoffSettings,
} from './retry.js';
import {
  chargeFor,
  DEFAULT_BUDGETS,
  identityLimitForUsers,
  type Budgets,
  type Charge,
  type ScopeKind,
} from './scopes.js';
import { TenantSize, USER_COUNT_REQUEST, userCountOf } from './tenant-size.js';
import type { AccessTokenSource } from './tokens.js';

export type QueryValue = string | number | boolean | undefined;

export interface GraphRequest {
  method?: string;
  /** Below the Graph base URL ('/users') or an absolute link Graph returned (a nextLink). */
  url: string;
  query?: Record<string, QueryValue>;
  headers?: Record<string, string>;
  /** Sent as JSON. */
  body?: unknown;
  /** POSTs are retried after an ambiguous failure (503, 504, dropped) only when marked idempotent. */
  idempotent?: boolean;
}

export interface GraphResponse<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
  requestId?: string;
}

export type RetryReason = 'throttled' | 'unavailable' | 'network' | 'token';

export type GraphEvent =
  | {
      type: 'response';
      method: string;
      path: string;
      scope: ScopeKind | 'batch';
      /** undefined when the connection dropped or timed out. */
      status: number | undefined;
      attempt: number;
      durationMs: number;
    }
  | {
      type: 'retry';
      method: string;
      path: string;
      scope: ScopeKind | 'batch';
      reason: RetryReason;
      delayMs: number;
      attempt: number;
    }
  | { type: 'failed'; error: GraphRequestError };

export interface TransportOptions {
  graphBaseUrl: string;
  dispatcher: Dispatcher;
  tokens: AccessTokenSource;
  budgets?: Partial<Budgets>;
  /**
   * Pace identity reads at the limit Graph gives a tenant of its size, counted once a day
   * (default true); false keeps budgets.identity's limit as given.
   */
  sizeIdentityBudget?: boolean;
  /** Share of each published limit the client paces itself to (0..1]. */
  utilization?: number;
  backoff?: Partial<BackoffSettings>;
  /** Per attempt, answer included. */
  requestTimeoutMs?: number;
  onEvent?: (event: GraphEvent) => void;
}

/** A request after URL resolution: where it goes and what it costs. */
export interface PreparedRequest {
  method: string;
  url: URL;
  /** Below the Graph version, for budgets and messages. */
  path: string;
  headers: Record<string, string>;
  body?: string;
  retryAmbiguous: boolean;
  /** The budget named in counters and events. */
  scope: ScopeKind | 'batch';
  charges: Charge[];
}

const DEFAULT_TIMEOUT_MS = 100_000;
const THROTTLE_USAGE_HEADER = 'x-ms-throttle-limit-percentage';

interface Attempt {
  status: number | undefined;
  headers?: Headers;
  body?: unknown;
  networkCode?: string;
}

function parseBody(text: string, contentType: string | null): unknown {
  if (text === '') return undefined;
  if (contentType?.includes('json')) {
    try {
      return JSON.parse(text);
    } catch {
      return text;
    }
  }
  return text;
}

interface GraphErrorBody {
  error?: { code?: string; message?: string; innerError?: { 'request-id'?: string } };
}

function graphError(attempt: Attempt): { code: string; message: string; requestId?: string } {
  const error = (attempt.body as GraphErrorBody | undefined)?.error;
  const requestId =
    error?.innerError?.['request-id'] ??
    attempt.headers?.get('request-id') ??
    attempt.headers?.get('client-request-id') ??
    undefined;
  if (attempt.status === undefined) {
    return {
      code: attempt.networkCode ?? 'NetworkError',
      message: 'The connection failed before an answer arrived.',
    };
  }
  return {
    code: error?.code ?? `HTTP${attempt.status}`,
    message:
      error?.message ?? (typeof attempt.body === 'string' ? attempt.body.slice(0, 200) : 'No error details.'),
    requestId,
  };
}

function isDeltaTokenRejection(status: number | undefined, code: string): boolean {
  return status === 410 || /^(syncStateNotFound|syncStateInvalid|resyncRequired)$/i.test(code);
}

export class GraphTransport {
  readonly counters = new GraphCounters();
  private readonly base: URL;
  private readonly budgets: Budgets;
  private readonly backoff: BackoffSettings;
  private readonly gates = new Map<string, ScopeGate>();
  /** The tenant's size, which sets the identity budget; undefined when not sized. */
  readonly tenantSize?: TenantSize;

  constructor(private readonly options: TransportOptions) {
    this.base = new URL(options.graphBaseUrl);
    this.budgets = { ...DEFAULT_BUDGETS, ...options.budgets };
    this.backoff = { ...DEFAULT_BACKOFF, ...options.backoff };
    if (options.sizeIdentityBudget !== false)
      this.tenantSize = new TenantSize(() => this.sizeIdentityBudget());
  }

  /** The budget a kind of request is paced by now. */
  budget(kind: ScopeKind): Budgets[ScopeKind] {
    return { ...this.budgets[kind] };
  }

  /** Counts the tenant's users and paces identity reads at their limit; undefined when Graph refused. */
  private async sizeIdentityBudget(): Promise<number | undefined> {
    let users: number | undefined;
    try {
      const answer = await this.send(
        this.prepare({ url: USER_COUNT_REQUEST.url, headers: { ...USER_COUNT_REQUEST.headers } }),
        { sizing: true },
      );
      users = userCountOf(answer.body);
    } catch (error) {
      if (error instanceof GraphRequestError) return undefined;
      throw error;
    }
    if (users === undefined) return undefined;
    const limit = identityLimitForUsers(users);
    this.budgets.identity = { ...this.budgets.identity, limit };
    this.gates.get('identity')?.setLimit(limit);
    return users;
  }

  get backoffSettings(): BackoffSettings {
    return this.backoff;
  }

  /** Resolves a relative path or a Graph-issued absolute link; refuses other hosts (the token must not leak). */
  prepare(request: GraphRequest, charges?: Charge[]): PreparedRequest {
    const basePath = this.base.pathname.replace(/\/+$/, '');
    const absolute = /^https?:\/\//i.test(request.url);
    const url = absolute
      ? new URL(request.url)
      : new URL(`${basePath}${request.url.startsWith('/') ? '' : '/'}${request.url}`, this.base.origin);
    if (url.origin !== this.base.origin) {
      throw new Error(`Refusing to send a Graph token to ${url.origin}; Graph is ${this.base.origin}.`);
    }
    for (const [name, value] of Object.entries(request.query ?? {})) {
      if (value !== undefined) url.searchParams.set(name, String(value));
    }
    const path = url.pathname.startsWith(`${basePath}/`) ? url.pathname.slice(basePath.length) : url.pathname;
    const method = (request.method ?? 'GET').toUpperCase();
    const headers: Record<string, string> = { accept: 'application/json', ...request.headers };
    if (request.body !== undefined) headers['content-type'] ??= 'application/json';
    const charge = chargeFor(method, path, url.searchParams);
    return {
      method,
      url,
      path,
      headers,
      body: request.body === undefined ? undefined : JSON.stringify(request.body),
      retryAmbiguous: method !== 'POST' || request.idempotent === true,
      scope: charges ? 'batch' : charge.kind,
      charges: charges ?? [charge],
    };
  }

  async request<T>(request: GraphRequest): Promise<GraphResponse<T>> {
    return this.send<T>(this.prepare(request));
  }

  /** The gate of one budget instance (one per mailbox for mailbox budgets). */
  gate(charge: Charge): ScopeGate {
    let gate = this.gates.get(charge.key);
    if (!gate) {
      if (this.gates.size > 1000) this.forgetIdleGates();
      gate = new ScopeGate(this.budgets[charge.kind], this.options.utilization ?? DEFAULT_UTILIZATION);
      this.gates.set(charge.key, gate);
    }
    return gate;
  }

  private emit(event: GraphEvent): void {
    this.options.onEvent?.(event);
  }

  /** Sends with retries; `sizing` marks the user count that sizes the identity budget. */
  async send<T>(prepared: PreparedRequest, { sizing = false } = {}): Promise<GraphResponse<T>> {
    if (!sizing && this.tenantSize && prepared.charges.some((charge) => charge.kind === 'identity')) {
      await this.tenantSize.ensure();
    }
    let tokenRenewed = false;
    let lastRetry: RetryReason | undefined;
    for (let attempt = 1; ; attempt++) {
      const result = await this.attempt(prepared, attempt, lastRetry === 'token');
      if (result.status !== undefined && result.status >= 200 && result.status < 300) {
        this.counters.count(prepared.scope, 'ok');
        const headers = result.headers as Headers;
        return {
          status: result.status,
          headers,
          body: result.body as T,
          requestId: headers.get('request-id') ?? undefined,
        };
      }
      const retry = this.retryDecision(prepared, result, attempt, tokenRenewed);
      if (!retry) throw this.fail(prepared, result, attempt);
      lastRetry = retry.reason;
      if (retry.reason === 'token') tokenRenewed = true;
      this.counters.count(prepared.scope, 'retried');
      this.emit({
        type: 'retry',
        method: prepared.method,
        path: prepared.path,
        scope: prepared.scope,
        reason: retry.reason,
        delayMs: retry.delayMs,
        attempt,
      });
      // A throttled budget holds its requests back in its gate; other waits are per request.
      if (retry.reason !== 'throttled' && retry.delayMs > 0) await delay(retry.delayMs);
    }
  }

  /** Waits out the budgets, sends once, reads the whole answer. */
  private async attempt(prepared: PreparedRequest, attempt: number, renewToken: boolean): Promise<Attempt> {
    const releases = await this.admit(prepared.charges);
    const started = Date.now();
    let result: Attempt;
    try {
      const token = await this.options.tokens.token(renewToken);
      const response = await fetch(prepared.url, {
        method: prepared.method,
        headers: { ...prepared.headers, authorization: `Bearer ${token}` },
        body: prepared.body,
        dispatcher: this.options.dispatcher,
        signal: AbortSignal.timeout(this.options.requestTimeoutMs ?? DEFAULT_TIMEOUT_MS),
      });
      const text = await response.text();
      result = {
        status: response.status,
        headers: response.headers as unknown as Headers,
        body: parseBody(text, response.headers.get('content-type')),
      };
    } catch (error) {
      const networkCode = transientNetworkCode(error);
      if (!networkCode) throw error;
      result = { status: undefined, networkCode };
    } finally {
      for (const release of releases) release();
    }
    this.counters.count(prepared.scope, 'requests');
    this.observe(prepared, result);
    this.emit({
      type: 'response',
      method: prepared.method,
      path: prepared.path,
      scope: prepared.scope,
      status: result.status,
      attempt,
      durationMs: Date.now() - started,
    });
    return result;
  }

  /** Takes a slot in every budget involved (in a fixed order, so batches never deadlock), then the units. */
  private async admit(charges: Charge[]): Promise<Array<() => void>> {
    const keys = [...new Set(charges.map((charge) => charge.key))].sort();
    const releases: Array<() => void> = [];
    for (const key of keys) {
      releases.push(await this.gate(charges.find((charge) => charge.key === key) as Charge).enter());
    }
    for (const charge of charges) await this.gate(charge).reserve(charge.cost);
    return releases;
  }

  /** Feeds what Graph says about its limits back into the budgets (429s through retryDecision). */
  private observe(prepared: PreparedRequest, result: Attempt): void {
    if (result.status === 429) {
      this.counters.count(prepared.scope, 'throttled');
      return;
    }
    // A $batch's inner answers speak for their budgets; batch.ts reads them.
    if (result.status === undefined || prepared.scope === 'batch') return;
    const usage = Number(result.headers?.get(THROTTLE_USAGE_HEADER) ?? NaN);
    for (const charge of prepared.charges)
      this.gate(charge).answered(Number.isNaN(usage) ? undefined : usage);
  }

  private retryDecision(
    prepared: PreparedRequest,
    result: Attempt,
    attempt: number,
    tokenRenewed: boolean,
  ): { reason: RetryReason; delayMs: number } | undefined {
    if (result.status === 401 && !tokenRenewed && graphError(result).code === 'InvalidAuthenticationToken') {
      return { reason: 'token', delayMs: 0 };
    }
    if (attempt > this.backoff.maxRetries) return undefined;
    const backoff = backoffDelay(attempt - 1, this.backoff);
    if (result.status === 429) {
      const retryAfter = parseRetryAfter(result.headers?.get('retry-after'));
      // The budget waits, not just this request: its other requests would be throttled too.
      const pauseMs = retryAfter ?? backoff;
      for (const charge of prepared.charges) this.gate(charge).throttled(pauseMs);
      return { reason: 'throttled', delayMs: pauseMs };
    }
    if (!prepared.retryAmbiguous) return undefined;
    if (result.status === undefined) return { reason: 'network', delayMs: backoff };
    if (isTransientStatus(result.status)) {
      return {
        reason: 'unavailable',
        delayMs: parseRetryAfter(result.headers?.get('retry-after')) ?? backoff,
      };
    }
    return undefined;
  }

  private fail(prepared: PreparedRequest, result: Attempt, attempts: number): GraphRequestError {
    const { code, message, requestId } = graphError(result);
    const details: GraphErrorDetails = {
      method: prepared.method,
      path: prepared.path,
      status: result.status,
      code,
      message,
      requestId,
      scope: prepared.scope,
      attempts,
    };
    const deltaExpired = isDeltaTokenRejection(result.status, code);
    const error = deltaExpired ? new DeltaTokenExpiredError(details) : new GraphRequestError(details);
    this.counters.count(prepared.scope, deltaExpired ? 'deltaExpired' : 'failed');
    this.emit({ type: 'failed', error });
    return error;
  }

  private forgetIdleGates(): void {
    for (const [key, gate] of this.gates) if (gate.idle) this.gates.delete(key);
  }
}
