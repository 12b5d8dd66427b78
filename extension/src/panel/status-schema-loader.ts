// The status validator (ajv and the schema, half of the extension's code) is loaded on the first poll, never at
// activation; the build puts it in its own file (dist/status-validation.js) so activation does not evaluate it.
import type * as StatusSchema from './status-schema.js';
import type { RetentionAnswer } from './retention.js';
import type { StatusValidation, Validation } from './status-validation.js';

let loading: Promise<typeof StatusSchema> | undefined;

export function loadStatusSchema(): Promise<typeof StatusSchema> {
  loading ??= import('./status-schema.js');
  return loading;
}

/** `validateStatus` of status-schema.ts, once its module is loaded. */
export async function validateStatusLazily(body: unknown): Promise<StatusValidation> {
  return (await loadStatusSchema()).validateStatus(body);
}

/** `validateRetention` of status-schema.ts, once its module is loaded. */
export async function validateRetentionLazily(body: unknown): Promise<Validation<RetentionAnswer>> {
  return (await loadStatusSchema()).validateRetention(body);
}
