// Which failures are worth another attempt later: Graph still throttling or unavailable
// after the client's own retries, a dropped connection, a repository locked by a prune.
// Everything else (a refused credential, a bad request, corrupt data) fails the job at once.
import { GraphRequestError } from '../../graph/index.js';
import { RepositoryLockedError } from '../../repository/index.js';
import { RetryableError } from '../queue/errors.js';

function isTransient(error: unknown): boolean {
  if (error instanceof GraphRequestError) {
    return error.status === undefined || error.status === 429 || error.status >= 500;
  }
  return error instanceof RepositoryLockedError;
}

/** Runs work, turning transient failures into RetryableError so the queue retries with backoff. */
export async function retryingTransient<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isTransient(error)) throw new RetryableError((error as Error).message, { cause: error });
    throw error;
  }
}
