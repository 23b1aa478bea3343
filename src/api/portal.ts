// The web portal: the single-page app Vite builds into web/dist, served by the API's own
// server so that it shares the session cookie's origin. Hashed assets (/assets/*) are
// cached for good; index.html answers every other page path (the app routes in the
// browser) and is revalidated on each load. Paths of the API, sign-in and consent are
// never taken by the app: an unknown one there stays the API's JSON 404.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyReply } from 'fastify';
import type { ApiInstance } from './context.js';
import { ApiError, sendError } from './errors.js';

/** Where `npm run build` puts the portal, relative to this module in src/ and in dist/. */
export const DEFAULT_PORTAL_DIRECTORY = fileURLToPath(new URL('../../web/dist', import.meta.url));

const SERVER_PATHS = /^\/(api|auth|consent)(\/|$)|^\/(healthz|readyz|metrics)$/;

// Fluent UI writes its styles into <style> elements at run time, hence 'unsafe-inline' for
// styles only; scripts come from this origin alone. The sign-in pages are reached by
// navigation, which connect-src and form-action do not cover.
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self' data:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

function secureHeaders(reply: FastifyReply): FastifyReply {
  return reply
    .header('content-security-policy', CONTENT_SECURITY_POLICY)
    .header('x-content-type-options', 'nosniff')
    .header('referrer-policy', 'same-origin');
}

export async function registerPortal(app: ApiInstance, directory: string): Promise<void> {
  const indexPath = join(directory, 'index.html');
  const index = existsSync(indexPath) ? readFileSync(indexPath) : undefined;
  if (!index) app.log.warn({ directory }, 'the portal is not built (npm run build); serving the API only');

  await app.register(async (assets) => {
    // The static plugin's routes take the portal action like the page route.
    assets.addHook('onRoute', (route) => {
      route.config = { ...route.config, access: 'portal' };
    });
    assets.addHook('onSend', async (_request, reply) => void secureHeaders(reply));
    await assets.register(fastifyStatic, {
      root: join(directory, 'assets'),
      prefix: '/assets/',
      // Vite names assets by their content hash: a new build means new names.
      immutable: true,
      maxAge: '365d',
      decorateReply: false,
    });
  });

  app.get('/*', { config: { access: 'portal' }, schema: { hide: true } }, async (request, reply) => {
    const path = request.url.split('?')[0] ?? '/';
    if (SERVER_PATHS.test(path)) {
      return sendError(reply, new ApiError(404, 'not_found', `no route ${request.method} ${path}`));
    }
    if (!index) {
      return reply
        .code(503)
        .type('text/plain; charset=utf-8')
        .send('The portal is not built: run `npm run build`. The API is at /api/docs.');
    }
    return secureHeaders(reply)
      .header('cache-control', 'no-cache')
      .type('text/html; charset=utf-8')
      .send(index);
  });
}
