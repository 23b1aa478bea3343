// A request the service turns down for a reason the caller can act on: the thing does not
// exist, it clashes with what exists, the input cannot be used, or the identity platform
// would not connect. The API maps the kind to an HTTP status and the code to its error body.

export type RefusalKind = 'not-found' | 'conflict' | 'invalid' | 'connection-failed';

export class Refusal extends Error {
  constructor(
    readonly kind: RefusalKind,
    /** A stable machine-readable reason, e.g. organization_exists. */
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'Refusal';
  }
}
