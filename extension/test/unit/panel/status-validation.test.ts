import { describe, expect, it } from 'vitest';
import { validateStatus } from '../../../src/panel/status-schema.js';
import { formatInstancePath } from '../../../src/panel/status-validation.js';
import { statusReport } from './helpers.js';

function problemOf(body: unknown): string {
  const result = validateStatus(body);
  if (result.ok) throw new Error('expected the body to be invalid');
  return result.problem;
}

describe('validateStatus against probe/status.schema.json', () => {
  it('accepts a fixture-shaped report and extra fields', () => {
    const report = { ...statusReport({ pid: 42, openSockets: 3, closeWait: 0 }, 3), extra: 'allowed' };
    const result = validateStatus(report);
    expect(result.ok).toBe(true);
  });

  it('names the exact field that is wrong', () => {
    const report = statusReport({}, 5);
    const rows = report.connections as unknown as Record<string, unknown>[];
    rows[3] = { ...rows[3], bytesRead: 1.5 };
    expect(problemOf(report)).toBe('invalid status: connections[3].bytesRead: must be integer');
  });

  it('names a missing field with its path', () => {
    const report = statusReport() as unknown as { memory: Record<string, unknown> };
    delete report.memory.heapUsed;
    expect(problemOf(report)).toBe('invalid status: memory.heapUsed: is missing');
    expect(problemOf({ memory: {}, uptime: 1, connections: [] })).toMatch(/^invalid status: activeConnections: is missing \(and \d+ more\)$/);
  });

  it('lists every wrong field, the first in the one-line problem', () => {
    const result = validateStatus({ ...statusReport(), activeConnections: '3', uptime: -1 });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.messages).toEqual(['activeConnections: must be integer', 'uptime: must be >= 0']);
    expect(result.problem).toBe('invalid status: activeConnections: must be integer (and 1 more)');
  });

  it('rejects a body that is not an object', () => {
    expect(problemOf([1, 2])).toBe('invalid status: response: must be object');
    expect(problemOf(null)).toBe('invalid status: response: must be object');
  });

  it('checks the optional fields when present', () => {
    const report = statusReport({}, 1);
    (report.connections[0] as unknown as Record<string, unknown>).state = 'gone';
    expect(problemOf(report)).toBe('invalid status: connections[0].state: must be equal to one of the allowed values');
  });
});

describe('formatInstancePath', () => {
  it('turns JSON pointers into readable paths', () => {
    expect(formatInstancePath('')).toBe('');
    expect(formatInstancePath('/connections/3/bytesRead')).toBe('connections[3].bytesRead');
    expect(formatInstancePath('/memory/heap used')).toBe('memory["heap used"]');
    expect(formatInstancePath('/a~1b/c~0d')).toBe('["a/b"]["c~d"]');
  });
});
