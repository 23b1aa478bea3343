// App-only tokens for Graph through msal-node's client-credentials flow, with a client
// secret or a certificate. Tokens are kept until shortly before they expire, one
// acquisition is shared by every request waiting for it, and a token Graph rejects can be
// replaced on demand.
import { X509Certificate } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import { AuthError, ConfidentialClientApplication, type NodeAuthOptions } from '@azure/msal-node';
import type { Dispatcher } from 'undici';
import { GRAPH_SCOPE, type GraphCredential, type ResolvedConnection } from './config.js';
import { GraphAuthenticationError } from './errors.js';
import { FetchNetworkModule } from './network.js';
import { backoffDelay, DEFAULT_BACKOFF, transientNetworkCode } from './retry.js';

/** Renew this long before expiry so a token never runs out in the middle of a request. */
const RENEW_BEFORE_EXPIRY_MS = 5 * 60_000;
/** An unreachable or busy identity platform is tried again; a refused credential is not. */
const TOKEN_RETRIES = 3;

function isTransientTokenFailure(error: unknown): boolean {
  if (transientNetworkCode(error)) return true;
  if (!(error instanceof AuthError)) return false;
  const status = (error as { status?: number }).status;
  return (
    ['network_error', 'temporarily_unavailable'].includes(error.errorCode) ||
    status === 429 ||
    (status !== undefined && status >= 500)
  );
}

export interface AccessTokenSource {
  /** A valid token; `forceRefresh` discards the cached one (Graph rejected it). */
  token(forceRefresh?: boolean): Promise<string>;
}

function credentialOptions(credential: GraphCredential): Partial<NodeAuthOptions> {
  if (credential.kind === 'secret') return { clientSecret: credential.secret };
  const certificate = new X509Certificate(credential.certificatePem);
  return {
    clientCertificate: {
      thumbprintSha256: certificate.fingerprint256.replaceAll(':', ''),
      privateKey: credential.privateKeyPem,
      // Sending the chain lets the platform accept a rolled certificate by subject name.
      x5c: credential.certificatePem,
    },
  };
}

export class TokenProvider implements AccessTokenSource {
  private readonly application: ConfidentialClientApplication;
  private cached?: { token: string; renewAt: number };
  private pending?: Promise<string>;

  constructor(
    private readonly connection: ResolvedConnection,
    dispatcher: Dispatcher,
    private readonly now: () => number = Date.now,
  ) {
    this.application = new ConfidentialClientApplication({
      auth: {
        clientId: connection.clientId,
        authority: connection.authority,
        // Trust the configured authority as given (no instance discovery); this is what
        // makes a non-Microsoft https authority usable and is harmless for Microsoft's.
        knownAuthorities: [new URL(connection.authority).host],
        ...credentialOptions(connection.credential),
      },
      system: { networkClient: new FetchNetworkModule(dispatcher) },
    });
  }

  token(forceRefresh = false): Promise<string> {
    if (forceRefresh) this.cached = undefined;
    if (this.cached && this.now() < this.cached.renewAt) return Promise.resolve(this.cached.token);
    this.pending ??= this.acquire(forceRefresh).finally(() => (this.pending = undefined));
    return this.pending;
  }

  private async acquire(forceRefresh: boolean): Promise<string> {
    let result;
    for (let retry = 0; ; retry++) {
      try {
        result = await this.application.acquireTokenByClientCredential({
          scopes: [GRAPH_SCOPE],
          skipCache: forceRefresh,
        });
        break;
      } catch (error) {
        if (retry >= TOKEN_RETRIES || !isTransientTokenFailure(error)) throw this.authenticationError(error);
        await delay(backoffDelay(retry, DEFAULT_BACKOFF));
      }
    }
    if (!result?.accessToken) throw this.authenticationError(new Error('the answer held no access token'));
    const expiresAt = result.expiresOn?.getTime() ?? this.now() + 60 * 60_000;
    const lifetime = expiresAt - this.now();
    // Short-lived tokens are renewed at half their lifetime instead of five minutes before.
    const margin = Math.min(RENEW_BEFORE_EXPIRY_MS, lifetime / 2);
    this.cached = { token: result.accessToken, renewAt: expiresAt - margin };
    return result.accessToken;
  }

  private authenticationError(error: unknown): GraphAuthenticationError {
    const base = { tenantId: this.connection.tenantId, clientId: this.connection.clientId };
    if (error instanceof AuthError) {
      return new GraphAuthenticationError({
        ...base,
        oauthError: error.errorCode,
        description: error.errorMessage || error.message,
        correlationId: error.correlationId || undefined,
      });
    }
    const message = error instanceof Error ? error.message : String(error);
    return new GraphAuthenticationError({
      ...base,
      oauthError: 'token_request_failed',
      description: message,
    });
  }
}
