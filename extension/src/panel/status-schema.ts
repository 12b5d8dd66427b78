// The one status schema and the retention answer's schema, bundled: esbuild inlines the JSON, so the .vsix
// carries them without a file read.
import statusSchema from '../../../probe/status.schema.json';
import type { RetentionAnswer } from './retention.js';
import { retentionSchema } from './retention-schema.js';
import { createJsonValidator, createStatusValidator, type StatusValidation, type Validation } from './status-validation.js';

let validator: ((body: unknown) => StatusValidation) | undefined;
let retentionValidator: ((body: unknown) => Validation<RetentionAnswer>) | undefined;

/** Compiled on first use, not at activation. */
export function validateStatus(body: unknown): StatusValidation {
  validator ??= createStatusValidator(statusSchema);
  return validator(body);
}

export function validateRetention(body: unknown): Validation<RetentionAnswer> {
  retentionValidator ??= createJsonValidator<RetentionAnswer>(retentionSchema, 'retention answer');
  return retentionValidator(body);
}
