// The portal's only way to the service: a client typed by the API's OpenAPI document
// (schema.d.ts, generated). The browser's session cookie rides along by itself; every change
// also carries the session's CSRF token, which /api/me hands out.
import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from './schema';

let csrfToken: string | null = null;

/** Remembers the session's CSRF token for the changes that follow. */
export function rememberCsrfToken(token: string | null): void {
  csrfToken = token;
}

const csrf: Middleware = {
  onRequest({ request }) {
    if (request.method !== 'GET' && csrfToken) request.headers.set('x-csrf-token', csrfToken);
    return request;
  },
};

export const api = createClient<paths>({ baseUrl: window.location.origin });
api.use(csrf);

/** What the API said went wrong, in its own words (the message is written for people). */
export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly adminConsentUrl?: string,
  ) {
    super(message);
    this.name = 'ApiProblem';
  }
}

interface ErrorBody {
  error?: { code?: string; message?: string; adminConsentUrl?: string };
}

/** The answer's data, or its error as an ApiProblem. */
export async function unwrap<T>(
  call: Promise<{ data?: T; error?: unknown; response: Response }>,
): Promise<T> {
  let answer: Awaited<typeof call>;
  try {
    answer = await call;
  } catch {
    throw new ApiProblem(0, 'network', 'The service did not answer. Check your connection and try again.');
  }
  const { data, error, response } = answer;
  if (error !== undefined || !response.ok) {
    const body = (error ?? {}) as ErrorBody;
    throw new ApiProblem(
      response.status,
      body.error?.code ?? 'unexpected',
      body.error?.message ?? `The service answered ${response.status} ${response.statusText}.`,
      body.error?.adminConsentUrl,
    );
  }
  return data as T;
}
