// The one status schema, bundled: esbuild inlines the JSON, so the .vsix carries it without a file read.
import statusSchema from '../../../probe/status.schema.json';
import { createStatusValidator, type StatusValidation } from './status-validation.js';

let validator: ((body: unknown) => StatusValidation) | undefined;

/** Compiled on first use, not at activation. */
export function validateStatus(body: unknown): StatusValidation {
  validator ??= createStatusValidator(statusSchema);
  return validator(body);
}
