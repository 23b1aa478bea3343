// HTTP for the identity platform and Graph: Node's fetch over an undici dispatcher that
// trusts the public roots plus, when configured, one extra CA (a private authority such as
// the sandbox's). The same module carries msal-node's token requests, so tokens and Graph
// calls go through one trust configuration.
import { rootCertificates } from 'node:tls';
import type { INetworkModule, NetworkRequestOptions, NetworkResponse } from '@azure/msal-node';
import { Agent, fetch, type Dispatcher } from 'undici';

export function createDispatcher(extraCaPem?: string): Dispatcher {
  return new Agent({
    connect: extraCaPem ? { ca: [...rootCertificates, extraCaPem] } : {},
    keepAliveTimeout: 10_000,
    connections: 32,
  });
}

function headersOf(response: Response): Record<string, string> {
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => (headers[name] = value));
  return headers;
}

/** msal-node's network interface on top of the shared dispatcher. */
export class FetchNetworkModule implements INetworkModule {
  constructor(private readonly dispatcher: Dispatcher) {}

  sendGetRequestAsync<T>(
    url: string,
    options?: NetworkRequestOptions,
    timeout?: number,
  ): Promise<NetworkResponse<T>> {
    return this.send<T>(url, 'GET', options, timeout);
  }

  sendPostRequestAsync<T>(url: string, options?: NetworkRequestOptions): Promise<NetworkResponse<T>> {
    return this.send<T>(url, 'POST', options);
  }

  private async send<T>(
    url: string,
    method: string,
    options?: NetworkRequestOptions,
    timeout?: number,
  ): Promise<NetworkResponse<T>> {
    const response = await fetch(url, {
      method,
      headers: options?.headers,
      body: options?.body,
      dispatcher: this.dispatcher,
      signal: timeout ? AbortSignal.timeout(timeout) : undefined,
    });
    const text = await response.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // Not JSON: msal-node reports the status with the raw text.
    }
    return { status: response.status, headers: headersOf(response as unknown as Response), body: body as T };
  }
}
