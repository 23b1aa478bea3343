// The Graph client for one tenant connection: tokens, throttle-aware transport, paging,
// delta and $batch behind one object. It knows Graph, not backups.
import type { Dispatcher } from 'undici';
import { batch, type BatchRequest, type BatchResponse } from './batch.js';
import { resolveConnection, type GraphConnectionConfig, type ResolvedConnection } from './config.js';
import type { GraphCounterSnapshot } from './counters.js';
import { createDispatcher } from './network.js';
import { DeltaQuery, items, pages, type GraphPage } from './paging.js';
import type { Budget, Budgets, ScopeKind } from './scopes.js';
import { TokenProvider, type AccessTokenSource } from './tokens.js';
import {
  GraphTransport,
  type GraphEvent,
  type GraphRequest,
  type GraphResponse,
  type QueryValue,
} from './transport.js';
import type { BackoffSettings } from './retry.js';

export interface GraphClientOptions {
  /** Budgets to pace by, replacing Microsoft's published ones per kind (e.g. shorter windows in tests). */
  budgets?: Partial<Budgets>;
  /**
   * Pace identity reads at the limit Graph gives a tenant of its size (3,500 / 5,000 /
   * 8,000 RU per 10 s), counted through /users/$count before the first identity read and
   * again after a day (default true); false keeps budgets.identity's limit.
   */
  sizeIdentityBudget?: boolean;
  /** Share of each limit to use (0..1], default 0.9: leaves room for other clients of the app. */
  utilization?: number;
  backoff?: Partial<BackoffSettings>;
  requestTimeoutMs?: number;
  /** Every answer, retry and failure, for progress displays and logs. */
  onEvent?: (event: GraphEvent) => void;
}

export type Query = Record<string, QueryValue>;

export class GraphClient {
  readonly connection: ResolvedConnection;
  private readonly transport: GraphTransport;
  private readonly dispatcher: Dispatcher;
  private readonly tokenProvider: TokenProvider;

  constructor(config: GraphConnectionConfig, options: GraphClientOptions = {}) {
    this.connection = resolveConnection(config);
    this.dispatcher = createDispatcher(this.connection.extraCaPem);
    this.tokenProvider = new TokenProvider(this.connection, this.dispatcher);
    this.transport = new GraphTransport({
      graphBaseUrl: this.connection.graphBaseUrl,
      dispatcher: this.dispatcher,
      tokens: this.tokenProvider,
      ...options,
    });
  }

  /** The app token source; acquiring a token proves the credential and the consent. */
  get tokens(): AccessTokenSource {
    return this.tokenProvider;
  }

  /** Any request; non-2xx answers throw GraphRequestError (DeltaTokenExpiredError for rejected delta links). */
  request<T = unknown>(request: GraphRequest): Promise<GraphResponse<T>> {
    return this.transport.request<T>(request);
  }

  async get<T = unknown>(url: string, query?: Query, headers?: Record<string, string>): Promise<T> {
    return (await this.transport.request<T>({ url, query, headers })).body;
  }

  pages<T = unknown>(
    url: string,
    query?: Query,
    headers?: Record<string, string>,
  ): AsyncGenerator<GraphPage<T>> {
    return pages<T>(this.transport, { url, query, headers });
  }

  /** Every item of a collection, streamed page by page. */
  list<T = unknown>(url: string, query?: Query, headers?: Record<string, string>): AsyncGenerator<T> {
    return items<T>(this.transport, { url, query, headers });
  }

  /** A delta query from a path (first sync: /users/delta with $select) or a stored deltaLink. */
  delta<T = unknown>(urlOrDeltaLink: string, query?: Query, headers?: Record<string, string>): DeltaQuery<T> {
    return new DeltaQuery<T>(this.transport, { url: urlOrDeltaLink, query, headers });
  }

  /** Requests through $batch, 20 at a time; answers in request order, inner failures included. */
  batch<T = unknown>(requests: BatchRequest[]): Promise<BatchResponse<T>[]> {
    return batch<T>(this.transport, requests);
  }

  /** The budget a kind of request is paced by now (identity follows the tenant's size once known). */
  budget(kind: ScopeKind): Budget {
    return this.transport.budget(kind);
  }

  /** The tenant's user count as the client last learnt it (undefined before its first identity read). */
  get tenantUsers(): number | undefined {
    return this.transport.tenantSize?.users;
  }

  counters(): GraphCounterSnapshot {
    return this.transport.counters.snapshot();
  }

  async close(): Promise<void> {
    await this.dispatcher.close();
  }
}
