// Validates status bodies against the one schema of the repository, probe/status.schema.json.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';

export interface ConnectionStatus {
  id: number;
  remote: string;
  bytesRead: number;
  bytesWritten: number;
  bufferSize: number;
  ageMs: number;
  idleMs: number;
  state: 'open' | 'half-closed' | 'destroyed';
  hasErrorListener: boolean;
  timeoutMs: number;
  origin: 'accepted' | 'opened';
  source: string | null;
}

export interface SourceStatus {
  location: string;
  kind: 'server' | 'client';
  active: number;
  retainedAfterClose: number;
  withoutErrorListener: number;
  idleOverTimeout: number;
  closeWait: number;
}

export interface Status {
  activeConnections: number;
  memory: Record<string, number>;
  uptime: number;
  pid: number;
  closeWait?: number;
  closeWaitMethod?: 'socket-state' | 'kernel';
  retainedAfterClose?: number;
  retainedAfterCloseCheckedAt?: string | null;
  sources?: SourceStatus[];
  withoutErrorListener: number;
  idleOverTimeout: number;
  connections: ConnectionStatus[];
}

const schemaPath = resolve(import.meta.dirname, '../../status.schema.json');
const validate = new Ajv2020({ allErrors: true, strict: false }).compile(
  JSON.parse(readFileSync(schemaPath, 'utf8')) as object,
);

export function assertStatus(body: unknown): asserts body is Status {
  if (!validate(body)) {
    throw new Error(`status does not match ${schemaPath}: ${JSON.stringify(validate.errors, null, 2)}`);
  }
}
