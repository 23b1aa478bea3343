// The identity platform's HTTP endpoints under the sandbox's authority, with Microsoft's paths.
import type { FastifyInstance } from 'fastify';
import type { Sandbox } from '../sandbox.js';
import { registerAdminConsentRoutes } from './admin-consent.js';
import { registerAuthorizeRoutes } from './authorize.js';
import { registerDiscoveryRoutes } from './discovery.js';
import { Sealer } from './sealed.js';
import { registerTokenRoute } from './token-endpoint.js';

export function registerIdentityRoutes(app: FastifyInstance, sandbox: Sandbox): void {
  const sealer = new Sealer(sandbox);
  registerDiscoveryRoutes(app, sandbox);
  registerTokenRoute(app, sandbox, sealer);
  registerAuthorizeRoutes(app, sandbox, sealer);
  registerAdminConsentRoutes(app, sandbox, sealer);
}
