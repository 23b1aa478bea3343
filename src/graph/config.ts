// How to reach one tenant: the identity platform's authority, Graph's base URL, the app's
// credential and an optional extra CA. Microsoft's public cloud is the default; any other
// endpoint (a national cloud, a private test tenant) is configuration, never a code path.

export const MICROSOFT_AUTHORITY_HOST = 'https://login.microsoftonline.com';
export const MICROSOFT_GRAPH_BASE_URL = 'https://graph.microsoft.com/v1.0';
/** App tokens are always requested for Graph's resource, whatever host serves Graph. */
export const GRAPH_SCOPE = 'https://graph.microsoft.com/.default';

export type GraphCredential =
  { kind: 'secret'; secret: string } | { kind: 'certificate'; certificatePem: string; privateKeyPem: string };

export interface GraphConnectionConfig {
  tenantId: string;
  /** A host (https://login.microsoftonline.com) or a full authority (host/tenant). */
  authority?: string;
  graphBaseUrl?: string;
  clientId: string;
  credential: GraphCredential;
  /** A PEM CA trusted in addition to the public roots (for a private authority). */
  extraCaPem?: string;
}

export interface ResolvedConnection {
  tenantId: string;
  /** The full authority URL, with the tenant. */
  authority: string;
  /** Graph's base URL without a trailing slash. */
  graphBaseUrl: string;
  clientId: string;
  credential: GraphCredential;
  extraCaPem?: string;
}

function withoutTrailingSlash(url: string): string {
  return url.replace(/\/+$/, '');
}

export function resolveConnection(config: GraphConnectionConfig): ResolvedConnection {
  if (!config.tenantId) throw new Error('A tenant id is required.');
  if (!config.clientId) throw new Error('A client id is required.');
  const authorityUrl = new URL(config.authority ?? MICROSOFT_AUTHORITY_HOST);
  const graphUrl = new URL(config.graphBaseUrl ?? MICROSOFT_GRAPH_BASE_URL);
  for (const url of [authorityUrl, graphUrl]) {
    if (url.protocol !== 'https:') throw new Error(`${url.href} is not an https URL.`);
  }
  const hostOnly = authorityUrl.pathname === '/' || authorityUrl.pathname === '';
  const authority = hostOnly
    ? `${authorityUrl.origin}/${encodeURIComponent(config.tenantId)}`
    : withoutTrailingSlash(authorityUrl.href);
  return {
    tenantId: config.tenantId,
    authority,
    graphBaseUrl: withoutTrailingSlash(graphUrl.href),
    clientId: config.clientId,
    credential: config.credential,
    extraCaPem: config.extraCaPem,
  };
}
