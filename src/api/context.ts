// What route modules are given: the Fastify instance typed by its TypeBox schemas, the
// services, stores and settings the API works with, and the schema pieces they share.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyBaseLogger, FastifyInstance, RawServerDefault } from 'fastify';
import { Type, type TSchema } from 'typebox';
import type { IdentityPlatformConfig, OrganizationServices } from '../service/organizations/index.js';
import type { JobQueue } from '../service/queue/types.js';
import type { SecretBox } from '../service/secret-box.js';
import { ErrorBody } from './errors.js';
import type { PageTokens } from './paging.js';
import type { SessionStore } from './sessions.js';
import type { OidcSignIn } from './sign-in.js';

export type ApiInstance = FastifyInstance<
  RawServerDefault,
  IncomingMessage,
  ServerResponse,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>;

export interface ApiContext {
  services: OrganizationServices;
  /** Where jobs are enqueued and read; workers may run in other processes. */
  queue: JobQueue;
  box: SecretBox;
  sessions: SessionStore;
  signIn: OidcSignIn;
  pages: PageTokens;
  platform: IdentityPlatformConfig;
  /** Where browsers reach the service, without a trailing slash (redirect URIs are built from it). */
  publicUrl: string;
}

/** The error answers every route may give, for the OpenAPI document and serialization. */
export const ERROR_RESPONSES = { '4xx': ErrorBody, '5xx': ErrorBody } as const;

/** Ids are GUIDs (tenants, users, apps, organizations): they reach Graph $filter expressions and must carry no syntax. */
export const Guid = (description?: string) =>
  Type.String({
    pattern: '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$',
    ...(description ? { description } : {}),
  });

export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

/** One of a list of strings, typed as their union. */
export const OneOf = <T extends string>(values: readonly T[], description?: string) =>
  Type.Unsafe<T>(Type.String({ enum: [...values], ...(description ? { description } : {}) }));
