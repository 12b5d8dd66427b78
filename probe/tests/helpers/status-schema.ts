// Validates status bodies against the one schema of the repository, probe/status.schema.json.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';

import type { ConnectionStatus, StatusSnapshot } from '../../src/status-snapshot.js';

/** What the probe serves: the format's type with the probe's always-sent fields required (src/status-snapshot.js). */
export type Status = StatusSnapshot;
export type { ConnectionStatus };

const schemaPath = resolve(import.meta.dirname, '../../status.schema.json');
const validate = new Ajv2020({ allErrors: true, strict: false }).compile(
  JSON.parse(readFileSync(schemaPath, 'utf8')) as object,
);

export function assertStatus(body: unknown): asserts body is Status {
  if (!validate(body)) {
    throw new Error(`status does not match ${schemaPath}: ${JSON.stringify(validate.errors, null, 2)}`);
  }
}
