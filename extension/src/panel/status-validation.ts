// Checks a status body against the one status schema with ajv, and says exactly which field is wrong:
// "connections[3].bytesRead: must be integer", "memory.heapUsed: is missing".
import Ajv2020, { type AnySchemaObject, type ErrorObject } from 'ajv/dist/2020.js';
import type { StatusReport } from './status-report.js';

export type StatusValidation =
  | { ok: true; report: StatusReport }
  | { ok: false; problem: string; messages: string[] };

/** At most this many field messages are kept: one bad field per row of 10,000 rows says nothing more. */
const MAX_MESSAGES = 20;

/** JSON Pointer "/connections/3/bytesRead" → "connections[3].bytesRead". */
export function formatInstancePath(pointer: string): string {
  if (pointer === '') return '';
  let path = '';
  for (const raw of pointer.split('/').slice(1)) {
    const segment = raw.replaceAll('~1', '/').replaceAll('~0', '~');
    if (/^\d+$/.test(segment)) path += `[${segment}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(segment)) path += path === '' ? segment : `.${segment}`;
    else path += `[${JSON.stringify(segment)}]`;
  }
  return path;
}

function joinPath(path: string, property: string): string {
  const tail = formatInstancePath(`/${property.replaceAll('~', '~0').replaceAll('/', '~1')}`);
  if (path === '') return tail;
  return tail.startsWith('[') ? path + tail : `${path}.${tail}`;
}

export function formatValidationError(error: ErrorObject): string {
  const path = formatInstancePath(error.instancePath);
  if (error.keyword === 'required') {
    const missing = (error.params as { missingProperty: string }).missingProperty;
    return `${joinPath(path, missing)}: is missing`;
  }
  if (error.keyword === 'additionalProperties') {
    const extra = (error.params as { additionalProperty: string }).additionalProperty;
    return `${joinPath(path, extra)}: is not allowed`;
  }
  return `${path === '' ? 'response' : path}: ${error.message ?? `fails ${error.keyword}`}`;
}

export type Validation<T> = { ok: true; value: T } | { ok: false; problem: string; messages: string[] };

/** A validator for the JSON `what` ("status", "retention answer") that names every wrong field. */
export function createJsonValidator<T>(schema: AnySchemaObject, what: string): (body: unknown) => Validation<T> {
  // The schemas are draft 2020-12; extra fields are allowed by the schemas themselves, and formats are
  // not checked (a date-time that does not parse is shown as it came).
  const ajv = new Ajv2020({ allErrors: true, strict: false, validateFormats: false, logger: false });
  const validate = ajv.compile(schema);
  return (body) => {
    if (validate(body)) return { ok: true, value: body as T };
    const messages: string[] = [];
    for (const error of validate.errors ?? []) {
      const message = formatValidationError(error);
      if (!messages.includes(message)) messages.push(message);
      if (messages.length >= MAX_MESSAGES) break;
    }
    const total = validate.errors?.length ?? 0;
    const first = messages[0] ?? `does not match the ${what} schema`;
    const more = total > 1 ? ` (and ${total - 1} more)` : '';
    return { ok: false, problem: `invalid ${what}: ${first}${more}`, messages };
  };
}

export function createStatusValidator(schema: AnySchemaObject): (body: unknown) => StatusValidation {
  const validate = createJsonValidator<StatusReport>(schema, 'status');
  return (body) => {
    const result = validate(body);
    return result.ok ? { ok: true, report: result.value } : result;
  };
}
