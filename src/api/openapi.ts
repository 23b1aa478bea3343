// The API describes itself: OpenAPI 3 at /api/openapi.json, built from the routes' own
// request and response schemas (so it cannot drift from what is validated), and the
// Swagger UI at /api/docs to read and try it.
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { ApiInstance } from './context.js';
import { CSRF_HEADER } from './access.js';

const OPENAPI_PATH = '/api/openapi.json';
const DOCS_PATH = '/api/docs';

/** Registers the document generator; must come before the routes it describes. */
export async function registerOpenApi(app: ApiInstance, version: string): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'tenantvault',
        version,
        description:
          'Backup for Microsoft 365 tenants. Sign in with Microsoft 365 (browser session cookie; changes ' +
          `then need the session's CSRF token in ${CSRF_HEADER}) or send an API token as a Bearer token.`,
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'tv_session' },
          apiToken: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ session: [] }, { apiToken: [] }],
    },
  });
}

/** The document and the UI; their routes are open to anyone. */
export async function registerOpenApiRoutes(app: ApiInstance): Promise<void> {
  app.get(OPENAPI_PATH, { config: { access: 'public' }, schema: { hide: true } }, async () => app.swagger());
  await app.register(async (docs) => {
    // The UI plugin's own routes (page, assets) take the public action like the document.
    docs.addHook('onRoute', (route) => {
      route.config = { ...route.config, access: 'public' };
    });
    await docs.register(swaggerUi, { routePrefix: DOCS_PATH });
  });
}
