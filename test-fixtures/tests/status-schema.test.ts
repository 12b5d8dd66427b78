// The one status schema: it compiles with ajv 8 (draft 2020-12), accepts what the fixtures serve,
// and names the exact field that is wrong.
import { describe, expect, it } from 'vitest';
import { schemaErrors, statusSchema } from './support/status.js';

const valid = {
  activeConnections: 2,
  openSockets: 1,
  memory: { rss: 50_000_000, heapTotal: 6_000_000, heapUsed: 4_000_000, external: 1_000_000, arrayBuffers: 10_000 },
  uptime: 12.5,
  pid: 4242,
  closeWait: 0,
  withoutErrorListener: 0,
  idleOverTimeout: 1,
  connections: [
    { remote: '127.0.0.1:50000', bytesRead: 10, bytesWritten: 20, bufferSize: 0 },
    {
      remote: '[::1]:50001',
      bytesRead: 0,
      bytesWritten: 0,
      bufferSize: 65_536,
      id: 'c-7',
      ageMs: 1_000,
      idleMs: 900,
      state: 'half-closed',
      hasErrorListener: true,
      timeoutMs: 300,
    },
  ],
};

describe('status.schema.json', () => {
  it('is a draft 2020-12 schema with a description on every property', () => {
    expect(statusSchema).toMatchObject({ $schema: 'https://json-schema.org/draft/2020-12/schema' });
    const undescribed: string[] = [];
    const visit = (node: unknown, where: string): void => {
      if (typeof node !== 'object' || node === null) return;
      const properties = (node as { properties?: Record<string, unknown> }).properties ?? {};
      for (const [name, property] of Object.entries(properties)) {
        if (typeof (property as { description?: unknown }).description !== 'string') undescribed.push(`${where}/${name}`);
        visit(property, `${where}/${name}`);
      }
      for (const [key, child] of Object.entries(node)) if (key !== 'properties') visit(child, `${where}/${key}`);
    };
    visit(statusSchema, '');
    expect(undescribed).toEqual([]);
  });

  it('accepts a full response and a minimal one, extra fields included', () => {
    expect(schemaErrors(valid)).toEqual([]);
    expect(schemaErrors({ activeConnections: 0, memory: { rss: 1, heapTotal: 1, heapUsed: 1, external: 0 }, uptime: 0, connections: [] })).toEqual([]);
    expect(schemaErrors({ ...valid, reconnects: 3, connections: [{ ...valid.connections[0], tls: true }] })).toEqual([]);
  });

  it.each([
    ['a negative count', { ...valid, activeConnections: -1 }, '/activeConnections: must be >= 0'],
    ['a fractional count', { ...valid, openSockets: 1.5 }, '/openSockets: must be integer'],
    ['memory without rss', { ...valid, memory: { heapTotal: 1, heapUsed: 1, external: 1 } }, "/memory: must have required property 'rss'"],
    ['bytes as a string', { ...valid, connections: [{ ...valid.connections[0], bytesRead: '10' }] }, '/connections/0/bytesRead: must be integer'],
    ['an unknown state', { ...valid, connections: [valid.connections[0], { ...valid.connections[1], state: 'closing' }] }, '/connections/1/state: must be equal to one of the allowed values'],
    ['a connection without remote', { ...valid, connections: [{ bytesRead: 0, bytesWritten: 0, bufferSize: 0 }] }, "/connections/0: must have required property 'remote'"],
    ['connections as an object', { ...valid, connections: {} }, '/connections: must be array'],
    ['an id that is neither string nor integer', { ...valid, connections: [{ ...valid.connections[0], id: 1.5 }] }, '/connections/0/id: must be string'],
  ])('rejects %s and names the field', (_, body, expected) => {
    expect(schemaErrors(body)).toContain(expected);
  });
});
