// The HTTP API: one Fastify instance with schema validation (TypeBox), the OpenAPI document,
// cookies, one error body, metrics, the access policy in front of every route and the audit
// trail behind the audited ones, then the route modules. Every route must name a policy
// action; building fails otherwise, so no route can slip past the policy.
//
import cookie from '@fastify/cookie';
import { TypeBoxValidatorCompiler, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyServerOptions } from 'fastify';
import type { NotificationServices } from '../service/notifications/index.js';
import type { OrganizationServices, IdentityPlatformConfig } from '../service/organizations/index.js';
import type { JobQueue } from '../service/queue/types.js';
import type { SecretBox } from '../service/secret-box.js';
import { registerAccess } from './access.js';
import { registerAuditTrail } from './audit-trail.js';
import type { ApiContext, ApiInstance } from './context.js';
import { registerErrorHandling } from './errors.js';
import { createMetrics, registerMetrics } from './metrics.js';
import { registerOpenApi, registerOpenApiRoutes } from './openapi.js';
import { PageTokens } from './paging.js';
import { isAction } from './policy.js';
import { DEFAULT_PORTAL_DIRECTORY, registerPortal } from './portal.js';
import { registerAuditRoutes } from './routes/audit.js';
import { registerAuthRoutes } from './routes/auth.js';
import { registerConsentRoutes } from './routes/consent.js';
import { registerDirectoryRoutes } from './routes/directory.js';
import { registerHealthRoutes } from './routes/health.js';
import { registerJobRoutes } from './routes/jobs.js';
import { registerMeRoutes } from './routes/me.js';
import { registerNotificationRoutes } from './routes/notifications.js';
import { registerOrganizationRoutes } from './routes/organizations.js';
import { registerResellerRoutes } from './routes/resellers.js';
import { registerSettingsRoutes } from './routes/settings.js';
import { registerTokenRoutes } from './routes/tokens.js';
import { registerUserRoutes } from './routes/users.js';
import { SessionStore } from './sessions.js';
import { OidcSignIn } from './sign-in.js';

export interface ApiOptions {
  /** Where browsers reach the service: https, or http on a loopback host for local use. */
  publicUrl: string;
  platform: IdentityPlatformConfig;
  services: OrganizationServices;
  /** The job queue the API enqueues on and reads; its workers may be other processes. */
  queue: JobQueue;
  notifications: NotificationServices;
  box: SecretBox;
  version: string;
  /** Fastify's (pino) logger options; secrets are redacted whatever is given. */
  logger?: { level?: string; stream?: { write(line: string): void } };
  /** Trust X-Forwarded-* from a reverse proxy for the client address. */
  trustProxy?: boolean;
  /** The built portal (web/dist) to serve at the root; the project's own build by default. */
  portalDirectory?: string;
}

export interface RouteEntry {
  method: string;
  url: string;
  action: string;
}

export interface Api {
  app: ApiInstance;
  /** Every route with its policy action. */
  routes: RouteEntry[];
}

/** Query parameters whose values are secrets (codes, invitations) or carry state: never logged. */
const SECRET_PARAMETERS = new Set([
  'code',
  'state',
  'session_state',
  'invitation',
  'pagetoken',
  'client_info',
]);

function redactUrl(url: string): string {
  const [path, query] = url.split('?', 2);
  if (query === undefined) return url;
  const parameters = new URLSearchParams(query);
  for (const name of [...parameters.keys()]) {
    if (SECRET_PARAMETERS.has(name.toLowerCase())) parameters.set(name, '[redacted]');
  }
  return `${path}?${parameters}`;
}

function checkPublicUrl(value: string): string {
  const url = new URL(value);
  const loopback = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    throw new Error(
      `the public URL ${value} must be https (plain http only on localhost): session cookies are Secure`,
    );
  }
  if (url.pathname !== '/' || url.search) {
    throw new Error(`the public URL ${value} must be an origin: the API's routes start at its root`);
  }
  return url.origin;
}

function loggerOptions(options: ApiOptions['logger']): FastifyServerOptions['logger'] {
  return {
    level: options?.level ?? 'info',
    ...(options?.stream ? { stream: options.stream } : {}),
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers.cookie',
        'req.headers["x-csrf-token"]',
        'res.headers["set-cookie"]',
      ],
      censor: '[redacted]',
    },
    serializers: {
      req: (request: { method: string; url: string; ip?: string; id: string }) => ({
        id: request.id,
        method: request.method,
        url: redactUrl(request.url),
        remoteAddress: request.ip,
      }),
    },
  };
}

export async function buildApi(options: ApiOptions): Promise<Api> {
  const publicUrl = checkPublicUrl(options.publicUrl);
  const app: ApiInstance = Fastify({
    logger: loggerOptions(options.logger),
    exposeHeadRoutes: false,
    trustProxy: options.trustProxy ?? false,
  })
    .setValidatorCompiler(TypeBoxValidatorCompiler)
    .withTypeProvider<TypeBoxTypeProvider>();

  // Route options are read once all plugins are in: a plugin's own onRoute hook (the docs')
  // may still set the action after this one has seen the route.
  const registered: { method: string | string[]; url: string; config?: { access?: unknown } }[] = [];
  app.addHook('onRoute', (route) => void registered.push(route));

  const signIn = new OidcSignIn(options.platform, `${publicUrl}/auth/callback`);
  app.addHook('onClose', () => signIn.close());
  const sessions = new SessionStore(options.services.db);
  const context: ApiContext = {
    services: options.services,
    queue: options.queue,
    box: options.box,
    notifications: options.notifications,
    sessions,
    signIn,
    pages: new PageTokens(options.box),
    platform: options.platform,
    publicUrl,
  };
  const metrics = createMetrics(options.services.db);

  await app.register(cookie);
  await registerOpenApi(app, options.version);
  registerErrorHandling(app);
  registerMetrics(app, metrics);
  registerAccess(app, options.services, sessions);
  registerAuditTrail(app, options.services.auditLog);

  registerHealthRoutes(app, context, metrics);
  registerAuthRoutes(app, context, options.box);
  registerConsentRoutes(app, context, options.box);
  registerMeRoutes(app, context);
  registerOrganizationRoutes(app, context);
  registerSettingsRoutes(app, context);
  registerNotificationRoutes(app, context);
  registerUserRoutes(app, context);
  registerAuditRoutes(app, context);
  registerTokenRoutes(app, context);
  registerResellerRoutes(app, context);
  registerJobRoutes(app, context);
  registerDirectoryRoutes(app, context);
  await registerOpenApiRoutes(app);
  await registerPortal(app, options.portalDirectory ?? DEFAULT_PORTAL_DIRECTORY);

  await app.ready();
  const routes = registered.flatMap((route) =>
    [route.method].flat().map((method) => ({ method, url: route.url, action: String(route.config?.access) })),
  );
  const unguarded = routes.filter((route) => !isAction(route.action));
  if (unguarded.length > 0) {
    await app.close();
    throw new Error(
      `routes without a policy action: ${unguarded.map((r) => `${r.method} ${r.url}`).join(', ')}`,
    );
  }
  return { app, routes };
}
