// The portal's API types are generated from the API's OpenAPI document; a route changed
// without regenerating them fails here (npm run generate:api).
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';
import { apiSchemaSource, SCHEMA_FILE } from '../../scripts/generate-api-client.js';

test('web/src/api/schema.d.ts matches the API as it is', async () => {
  const committed = await readFile(SCHEMA_FILE, 'utf8');
  const current = await apiSchemaSource();
  assert.ok(committed === current, 'web/src/api/schema.d.ts is out of date: run npm run generate:api');
  assert.match(current, /"\/api\/organizations\/\{organizationId\}\/settings": \{/);
});
