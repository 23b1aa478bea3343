import type { FastifyInstance } from 'fastify';
import type { Sandbox } from '../sandbox.js';

export function registerIdentityRoutes(_app: FastifyInstance, _sandbox: Sandbox): void {}
