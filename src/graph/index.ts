// The Graph client's public surface.
export { GraphClient, type GraphClientOptions, type Query } from './client.js';
export {
  GRAPH_SCOPE,
  MICROSOFT_AUTHORITY_HOST,
  MICROSOFT_GRAPH_BASE_URL,
  resolveConnection,
  type GraphConnectionConfig,
  type GraphCredential,
  type ResolvedConnection,
} from './config.js';
export { DeltaTokenExpiredError, GraphAuthenticationError, GraphRequestError } from './errors.js';
export type { GraphCounterSnapshot, Outcome, OutcomeCounts } from './counters.js';
export { MAX_BATCH_REQUESTS, type BatchRequest, type BatchResponse } from './batch.js';
export { DeltaQuery, type GraphPage } from './paging.js';
export { DEFAULT_BUDGETS, type Budget, type Budgets, type ScopeKind } from './scopes.js';
export { DEFAULT_BACKOFF, type BackoffSettings } from './retry.js';
export type { GraphEvent, GraphRequest, GraphResponse, RetryReason } from './transport.js';
export type { AccessTokenSource } from './tokens.js';
