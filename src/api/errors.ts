// One error body for every failure the API answers, whatever raised it:
//   { "error": { "code", "message", "requestId", "signInUrl"?, "adminConsentUrl"? } }
// The code is stable and machine-readable; the message says what to do. Unexpected failures
// are logged with the request id and answered without internals.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type, type Static } from 'typebox';
import { GraphAuthenticationError, GraphRequestError } from '../graph/index.js';
import { Refusal, type RefusalKind } from '../service/refusal.js';

export const ErrorBody = Type.Object(
  {
    error: Type.Object({
      code: Type.String(),
      message: Type.String(),
      requestId: Type.String(),
      signInUrl: Type.Optional(Type.String({ description: 'where to sign in (401)' })),
      adminConsentUrl: Type.Optional(
        Type.String({ description: 'where an administrator grants the consent that is missing' }),
      ),
    }),
  },
  { description: 'what went wrong and what to do' },
);

type ErrorLinks = Pick<Static<typeof ErrorBody>['error'], 'signInUrl' | 'adminConsentUrl'>;

/** A failure the API answers as it is: status, code, message and optional links. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly links: ErrorLinks = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

const REFUSAL_STATUS: Record<RefusalKind, number> = {
  'not-found': 404,
  conflict: 409,
  invalid: 400,
  'connection-failed': 422,
};

/** The portal's page that explains a failed sign-in or consent step to a person. */
export const PROBLEM_PAGE = '/problem';

/** A person's browser navigated to a sign-in or consent step (not a script calling the API). */
function isSignInNavigation(request: FastifyRequest): boolean {
  return request.headers['sec-fetch-mode'] === 'navigate' && /^\/(auth|consent)\//.test(request.url);
}

export function sendError(reply: FastifyReply, error: ApiError): FastifyReply {
  if (isSignInNavigation(reply.request)) {
    // A page in words beats a JSON body at the end of a redirect chain.
    const page = new URLSearchParams({
      status: String(error.status),
      code: error.code,
      message: error.message,
    });
    for (const [name, value] of Object.entries(error.links)) if (value) page.set(name, value);
    return reply.redirect(`${PROBLEM_PAGE}?${page}`, 303);
  }
  return reply.code(error.status).send({
    error: { code: error.code, message: error.message, requestId: String(reply.request.id), ...error.links },
  });
}

function asApiError(error: FastifyError | Error, request: FastifyRequest): ApiError | undefined {
  if (error instanceof ApiError) return error;
  if (error instanceof Refusal) return new ApiError(REFUSAL_STATUS[error.kind], error.code, error.message);
  // The tenant's side failed (consent withdrawn, permission missing, Graph down): say so.
  if (error instanceof GraphAuthenticationError || error instanceof GraphRequestError) {
    request.log.warn({ err: error }, 'the tenant could not be reached');
    return new ApiError(
      502,
      'tenant_unreachable',
      `the organization's tenant could not be reached: ${error.message}`,
    );
  }
  const fastifyError = error as FastifyError;
  if (fastifyError.validation) return new ApiError(400, 'invalid_request', error.message);
  const status = fastifyError.statusCode;
  if (status !== undefined && status >= 400 && status < 500) {
    return new ApiError(status, fastifyError.code?.toLowerCase() ?? 'bad_request', error.message);
  }
  request.log.error({ err: error }, 'request failed');
  return undefined;
}

export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const answer =
      asApiError(error, request) ??
      new ApiError(
        500,
        'internal_error',
        `the request failed; quote request id ${request.id} when reporting it`,
      );
    return sendError(reply, answer);
  });
  app.setNotFoundHandler((request, reply) =>
    sendError(
      reply,
      new ApiError(404, 'not_found', `no route ${request.method} ${request.url.split('?')[0]}`),
    ),
  );
}
