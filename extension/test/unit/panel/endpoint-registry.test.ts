import { describe, expect, it } from 'vitest';
import { EndpointRegistry, type Monitor } from '../../../src/panel/endpoint-registry.js';
import { parseEndpointSettings, type EndpointDefinition } from '../../../src/panel/endpoint-settings.js';
import type { EndpointSnapshot } from '../../../src/panel/endpoint-monitor.js';

class RecordingMonitor implements Monitor {
  events: string[] = [];
  constructor(readonly definition: EndpointDefinition) {}
  start(): void {
    this.events.push('start');
  }
  stop(): void {
    this.events.push('stop');
  }
  setPaused(paused: boolean): void {
    this.events.push(paused ? 'pause' : 'resume');
  }
  pollNow(): void {
    this.events.push('poll');
  }
  reschedule(): void {
    this.events.push('reschedule');
  }
  snapshot(): EndpointSnapshot {
    throw new Error('not used');
  }
}

function definitions(...entries: unknown[]): EndpointDefinition[] {
  return parseEndpointSettings(entries).endpoints;
}

describe('EndpointRegistry', () => {
  it('starts new endpoints, keeps unchanged ones with their history, stops removed ones', () => {
    const created: RecordingMonitor[] = [];
    const registry = new EndpointRegistry((definition) => {
      const monitor = new RecordingMonitor(definition);
      created.push(monitor);
      return monitor;
    });
    registry.reconcile(definitions('http://127.0.0.1:1/status', 'http://127.0.0.1:2/status'));
    expect(created.map((monitor) => monitor.events)).toEqual([['start'], ['start']]);
    expect(registry.selectedEndpointKey).toBe('http://127.0.0.1:1/status');

    registry.reconcile(definitions('http://127.0.0.1:2/status', { url: 'http://127.0.0.1:3/status', name: 'three' }));
    expect(created).toHaveLength(3);
    expect(created[0]?.events).toEqual(['start', 'stop']);
    expect(created[1]?.events).toEqual(['start']);
    // The selected endpoint went away: the first one left is selected.
    expect(registry.selectedEndpointKey).toBe('http://127.0.0.1:2/status');

    // Changed headers make a new monitor, since requests must carry them.
    registry.reconcile(definitions('http://127.0.0.1:2/status', { url: 'http://127.0.0.1:3/status', name: 'three', headers: { a: 'b' } }));
    expect(created).toHaveLength(4);
    expect(created[2]?.events).toEqual(['start', 'stop']);
  });

  it('selects, pauses new and old monitors alike, and stops all on dispose', () => {
    const created: RecordingMonitor[] = [];
    const registry = new EndpointRegistry((definition) => {
      const monitor = new RecordingMonitor(definition);
      created.push(monitor);
      return monitor;
    });
    registry.reconcile(definitions('http://127.0.0.1:1/status'));
    registry.setPaused(true);
    registry.reconcile(definitions('http://127.0.0.1:1/status', 'http://127.0.0.1:2/status'));
    expect(created[0]?.events).toEqual(['start', 'pause']);
    expect(created[1]?.events).toEqual(['pause', 'start']);
    expect(registry.select('http://127.0.0.1:2/status')).toBe(true);
    expect(registry.select('http://127.0.0.1:2/status')).toBe(false);
    expect(registry.select('http://127.0.0.1:9/status')).toBe(false);
    registry.dispose();
    expect(created.map((monitor) => monitor.events.at(-1))).toEqual(['stop', 'stop']);
    expect(registry.size).toBe(0);
  });
});
