// A cookie that carries one browser flow's state (sign-in, consent) from the redirect to
// the identity platform until its callback: sealed under the service key, scoped to the
// flow's paths, short-lived and read once. It also binds the callback to the browser that
// started the flow, so a callback URL replayed in another browser goes nowhere.
import type {} from '@fastify/cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { SecretBox } from '../service/secret-box.js';
import { ApiError } from './errors.js';
import { COOKIE_OPTIONS } from './sessions.js';

/** Where a signed-in browser lands when it came without a destination. */
const DEFAULT_RETURN = '/api/me';

/** Only paths of this service: anything else would make sign-in an open redirect. */
export function safeReturnTo(value: string | undefined): string {
  return value && value.startsWith('/') && !value.startsWith('//') && !value.includes('\\')
    ? value
    : DEFAULT_RETURN;
}

export class FlowCookie<T extends { expiresAt: number }> {
  constructor(
    private readonly box: SecretBox,
    private readonly cookie: { name: string; purpose: string; path: string },
  ) {}

  set(reply: FastifyReply, value: T): void {
    reply.setCookie(this.cookie.name, this.box.sealJson(this.cookie.purpose, value), {
      ...COOKIE_OPTIONS,
      path: this.cookie.path,
      maxAge: Math.ceil((value.expiresAt - Date.now()) / 1000),
    });
  }

  /** The flow's state, or a 400 when the browser brought none (expired, or another browser). */
  take(request: FastifyRequest, reply: FastifyReply, restart: string): T {
    const sealed = request.cookies[this.cookie.name];
    const value = sealed ? this.box.openJson<T>(this.cookie.purpose, sealed) : undefined;
    reply.clearCookie(this.cookie.name, { ...COOKIE_OPTIONS, path: this.cookie.path });
    if (!value || value.expiresAt < Date.now()) {
      throw new ApiError(
        400,
        'flow_expired',
        `this sign-in or consent has expired or began in another browser; start again at ${restart}`,
      );
    }
    return value;
  }
}
