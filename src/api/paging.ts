// Lists come in pages: a client asks for pageSize items and gets nextPageToken until it is
// null. Page tokens are sealed under the service key (they may carry a Graph link or a
// position in a table), so a client can neither read nor forge them, and a token made for
// one list does not open for another.
import { Type, type TSchema } from 'typebox';
import type { SecretBox } from '../service/secret-box.js';
import { ApiError } from './errors.js';

export const DEFAULT_PAGE_SIZE = 50;
const MAX_PAGE_SIZE = 200;

export const PageQuery = {
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_PAGE_SIZE, default: DEFAULT_PAGE_SIZE })),
  pageToken: Type.Optional(Type.String({ minLength: 1, maxLength: 4000 })),
};

export function Page<T extends TSchema>(item: T) {
  return Type.Object({
    items: Type.Array(item),
    nextPageToken: Type.Union([Type.String(), Type.Null()], {
      description: 'pass as pageToken for the next page',
    }),
  });
}

export class PageTokens {
  constructor(private readonly box: SecretBox) {}

  /** A token for the list named by `list` (including whatever scopes it, e.g. the organization). */
  seal(list: string, position: unknown): string {
    return this.box.sealJson(`page:${list}`, position);
  }

  /** The position a token carries; undefined without a token. */
  open<T>(list: string, token: string | undefined): T | undefined {
    if (token === undefined) return undefined;
    const position = this.box.openJson<T>(`page:${list}`, token);
    if (position === undefined)
      throw new ApiError(400, 'invalid_page_token', 'the page token is not one of this list');
    return position;
  }
}
