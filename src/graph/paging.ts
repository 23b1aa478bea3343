// Streaming over Graph collections: one page in memory at a time, following
// @odata.nextLink until it is absent (a page may be empty and still have one). Delta
// queries page the same way and end with an @odata.deltaLink, the state for next time.
import type { GraphRequest, GraphTransport } from './transport.js';

export interface GraphPage<T> {
  items: T[];
  nextLink?: string;
  deltaLink?: string;
}

interface CollectionBody<T> {
  value?: T[];
  '@odata.nextLink'?: string;
  '@odata.deltaLink'?: string;
}

/** The pages of a collection; query options apply to the first request only (links carry them). */
export async function* pages<T>(
  transport: GraphTransport,
  request: GraphRequest,
): AsyncGenerator<GraphPage<T>> {
  let next: GraphRequest | undefined = request;
  while (next) {
    const { body } = await transport.request<CollectionBody<T>>(next);
    const page: GraphPage<T> = {
      items: body?.value ?? [],
      nextLink: body?.['@odata.nextLink'],
      deltaLink: body?.['@odata.deltaLink'],
    };
    yield page;
    next = page.nextLink ? { url: page.nextLink, headers: request.headers } : undefined;
  }
}

/**
 * Every item of a collection, page after page. The page lets go of each item as it is
 * handed out, so items the caller is done with are collected young rather than outliving
 * the rest of their page (a page of a thousand sign-ins is several megabytes).
 */
export async function* items<T>(transport: GraphTransport, request: GraphRequest): AsyncGenerator<T> {
  for await (const page of pages<T>(transport, request)) {
    const pageItems: (T | undefined)[] = page.items;
    for (let index = 0; index < pageItems.length; index++) {
      const item = pageItems[index] as T;
      pageItems[index] = undefined;
      yield item;
    }
  }
}

/**
 * A delta query: iterate it for the changed (or, on a first sync, all) items, including
 * "@removed" entries; once iteration has finished, `deltaLink` holds the link for the next
 * sync. A rejected or expired link raises DeltaTokenExpiredError: synchronise from scratch.
 */
export class DeltaQuery<T> implements AsyncIterable<T> {
  deltaLink?: string;

  constructor(
    private readonly transport: GraphTransport,
    private readonly request: GraphRequest,
  ) {}

  async *[Symbol.asyncIterator](): AsyncGenerator<T> {
    for await (const page of pages<T>(this.transport, this.request)) {
      yield* page.items;
      if (page.deltaLink) this.deltaLink = page.deltaLink;
    }
  }
}
