// Names for the shapes the portal shows, taken from the generated schema (never written by hand).
import type { paths } from './schema';

type Json<T> = T extends { content: { 'application/json': infer Body } } ? Body : never;
type Ok<Operation> = Operation extends { responses: infer R }
  ? R extends { 200: infer Answer }
    ? Json<Answer>
    : R extends { 201: infer Answer }
      ? Json<Answer>
      : R extends { 202: infer Answer }
        ? Json<Answer>
        : never
  : never;
type Body<Operation> = Operation extends { requestBody?: infer B } ? Json<NonNullable<B>> : never;

export type Me = Ok<paths['/api/me']['get']>;
export type Organization = Ok<paths['/api/organizations/{organizationId}']['get']>;
export type ManualConnection = Body<paths['/api/organizations']['post']>;
export type EffectiveSettings = Ok<paths['/api/organizations/{organizationId}/settings']['get']>;
export type BackupSettings = EffectiveSettings['settings'];
export type ObjectType = keyof BackupSettings['objectTypes'];
export type UserPage = Ok<paths['/api/organizations/{organizationId}/users']['get']>;
export type User = UserPage['items'][number];
export type AuditPage = Ok<paths['/api/organizations/{organizationId}/audit']['get']>;
export type AuditEntry = AuditPage['items'][number];
export type Reseller = Ok<paths['/api/resellers/{resellerId}']['get']>;
export type Job = Ok<paths['/api/organizations/{organizationId}/jobs/{jobId}']['get']>;
export type JobLogLine = Ok<
  paths['/api/organizations/{organizationId}/jobs/{jobId}/logs']['get']
>['lines'][number];
export type Snapshot = Ok<
  paths['/api/organizations/{organizationId}/directory/snapshots']['get']
>['snapshots'][number];
export type TypeCounts = Ok<paths['/api/organizations/{organizationId}/directory/types']['get']>;
export type DirectoryObject = Ok<
  paths['/api/organizations/{organizationId}/directory/items']['get']
>['items'][number];
export type DirectoryType = DirectoryObject['type'];
export type ObjectHistory = Ok<
  paths['/api/organizations/{organizationId}/directory/items/{type}/{id}/history']['get']
>;
export type ObjectVersion = ObjectHistory['versions'][number];
export type DirectoryChange = Ok<
  paths['/api/organizations/{organizationId}/directory/diff']['get']
>['items'][number];
