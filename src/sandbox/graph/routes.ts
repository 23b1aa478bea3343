import type { FastifyInstance } from 'fastify';
import type { Sandbox } from '../sandbox.js';

export function registerGraphRoutes(_app: FastifyInstance, _sandbox: Sandbox): void {}
