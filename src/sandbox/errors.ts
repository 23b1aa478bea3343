// Errors in the shape Microsoft Graph returns them:
//   {"error": {"code", "message", "innerError": {"date", "request-id", "client-request-id"}}}

export class GraphError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'GraphError';
  }
}

export function graphErrorBody(
  code: string,
  message: string,
  requestId: string,
  date: string,
  clientRequestId?: string,
) {
  return {
    error: {
      code,
      message,
      innerError: {
        date,
        'request-id': requestId,
        'client-request-id': clientRequestId ?? requestId,
      },
    },
  };
}

export const notFound = (what: string) =>
  new GraphError(
    404,
    'Request_ResourceNotFound',
    `Resource '${what}' does not exist or one of its queried reference-property objects are not present.`,
  );

export const badRequest = (message: string, code = 'BadRequest') => new GraphError(400, code, message);

export const unsupportedQuery = (message: string) => new GraphError(400, 'Request_UnsupportedQuery', message);

export const forbidden = () =>
  new GraphError(403, 'Authorization_RequestDenied', 'Insufficient privileges to complete the operation.');
