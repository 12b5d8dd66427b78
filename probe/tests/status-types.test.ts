// probe/status.d.ts is generated from status.schema.json: a schema change without regenerating fails here.
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
// @ts-expect-error the generator script is plain JavaScript without types
import { statusTypes, typesFile } from '../scripts/status-types.mjs';

it('status.d.ts is what the schema generates (npm run generate:status-types -w socket-hygiene-probe)', async () => {
  const generated = (await statusTypes()) as string;
  expect(generated).toContain('export interface StatusReport {');
  expect(readFileSync(typesFile as string, 'utf8')).toBe(generated);
});
