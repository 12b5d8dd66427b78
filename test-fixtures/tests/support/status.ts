// Reads a fixture's status endpoint and validates every response against the one schema.
import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { waitUntil } from './wait-until.js';

import type { StatusReport } from '../../../probe/status.js';

export type { StatusConnection } from '../../../probe/status.js';
/** A fixture's status body: the format's one type (probe/status.d.ts, generated from the schema). */
export type Status = StatusReport;

export const statusSchema: object = JSON.parse(
  readFileSync(new URL('../../../probe/status.schema.json', import.meta.url), 'utf8'),
) as object;

const ajv = new Ajv2020({ allErrors: true });
export const validateStatus = ajv.compile<Status>(statusSchema);

/** The schema's complaints as `path: message` lines (empty when the body is valid). */
export function schemaErrors(body: unknown): string[] {
  if (validateStatus(body)) return [];
  return (validateStatus.errors ?? []).map((error) => `${error.instancePath || '/'}: ${error.message ?? 'invalid'}`);
}

/** GET the status URL; throws unless the body matches status.schema.json. */
export async function fetchStatus(url: string): Promise<Status> {
  const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  const body: unknown = await response.json();
  const errors = schemaErrors(body);
  if (errors.length > 0) throw new Error(`${url} does not match status.schema.json:\n${errors.join('\n')}`);
  return body as Status;
}

/** Polls the status endpoint until `accept` holds; resolves with that status. */
export function waitForStatus(
  url: string,
  accept: (status: Status) => boolean,
  what: string,
  timeoutMs = 10_000,
): Promise<Status> {
  let last: Status | undefined;
  return waitUntil(
    async () => {
      last = await fetchStatus(url);
      if (accept(last)) return last;
      throw new Error(`active ${last.activeConnections}, open ${last.openSockets}`);
    },
    { what, timeoutMs },
  );
}
