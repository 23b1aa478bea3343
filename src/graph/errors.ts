// Typed failures of the Graph client. Messages name what failed and why, with Graph's or
// the identity platform's own codes and request ids, and never carry a credential.

export interface GraphErrorDetails {
  method: string;
  /** The request path below Graph's base URL (query string left out: it may be long). */
  path: string;
  /** HTTP status, or undefined when no answer arrived (dropped connection, timeout). */
  status: number | undefined;
  /** Graph's error code (e.g. Authorization_RequestDenied) or the network error code. */
  code: string;
  message: string;
  requestId?: string;
  /** The throttling scope the request was charged to. */
  scope: string;
  attempts: number;
}

/** A Graph request that failed for good: not retryable, or still failing after the retries. */
export class GraphRequestError extends Error {
  readonly method: string;
  readonly path: string;
  readonly status: number | undefined;
  readonly code: string;
  readonly graphMessage: string;
  readonly requestId?: string;
  readonly scope: string;
  readonly attempts: number;

  constructor(details: GraphErrorDetails) {
    const status = details.status === undefined ? 'no answer' : String(details.status);
    const requestId = details.requestId ? ` (request-id ${details.requestId})` : '';
    const tries = details.attempts > 1 ? ` after ${details.attempts} attempts` : '';
    super(
      `${details.method} ${details.path} failed${tries}: ${status} ${details.code}: ${details.message}${requestId}`,
    );
    this.name = 'GraphRequestError';
    this.method = details.method;
    this.path = details.path;
    this.status = details.status;
    this.code = details.code;
    this.graphMessage = details.message;
    this.requestId = details.requestId;
    this.scope = details.scope;
    this.attempts = details.attempts;
  }
}

/** Graph refused a delta token (expired or unknown): the caller must synchronise from scratch. */
export class DeltaTokenExpiredError extends GraphRequestError {
  constructor(details: GraphErrorDetails) {
    super(details);
    this.name = 'DeltaTokenExpiredError';
  }
}

/** The identity platform refused to issue a token: wrong credential, unknown app, no consent. */
export class GraphAuthenticationError extends Error {
  /** The OAuth error (invalid_client, unauthorized_client, invalid_request…). */
  readonly oauthError: string;
  /** The AADSTS code (AADSTS7000215 for a wrong secret), when the platform sent one. */
  readonly aadstsCode?: string;
  readonly description: string;
  readonly correlationId?: string;

  constructor(details: {
    tenantId: string;
    clientId: string;
    oauthError: string;
    description: string;
    correlationId?: string;
  }) {
    const aadstsCode = /AADSTS\d+/.exec(details.description)?.[0];
    // The platform's description continues with trace lines; the first line says it all.
    const description = details.description.split(/\r?\n/)[0]?.trim() || details.oauthError;
    super(
      `No token for app ${details.clientId} in tenant ${details.tenantId}: ${details.oauthError}: ${description}`,
    );
    this.name = 'GraphAuthenticationError';
    this.oauthError = details.oauthError;
    this.aadstsCode = aadstsCode;
    this.description = description;
    this.correlationId = details.correlationId;
  }
}
