// The rows issue 13 adds: retained after close beside the active count, Sources worst first, and the
// Retention group that "Explain retention" fills.
import { describe, expect, it } from 'vitest';
import { type EndpointSnapshot } from '../../../src/panel/endpoint-monitor.js';
import { parseEndpointSettings } from '../../../src/panel/endpoint-settings.js';
import { ConnectionHistory } from '../../../src/panel/history.js';
import type { StatusReport, StatusSource } from '../../../src/panel/status-report.js';
import { LiveConnectionsModel } from '../../../src/panel/tree-model.js';
import { statusReport } from './helpers.js';

const NOW = 1_700_000_000_000;
const INJECTION = '<img src=x onerror=alert(1)>';
const WORKSPACE = ['/work/repo'];

function snapshotOf(report: StatusReport, extra: Partial<EndpointSnapshot> = {}): EndpointSnapshot {
  const definition = parseEndpointSettings(['http://127.0.0.1:9400/status']).endpoints[0]!;
  const history = new ConnectionHistory();
  history.recordReport(NOW, report.activeConnections, report.memory.heapUsed, report.uptime);
  return { definition, state: 'live', report, reportAt: NOW, connections: [], warnings: [], history, ...extra };
}

function source(location: string, counts: Partial<StatusSource> = {}): StatusSource {
  return { location, kind: 'server', active: 0, retainedAfterClose: 0, withoutErrorListener: 0, idleOverTimeout: 0, closeWait: 0, ...counts };
}

function rowsOf(model: LiveConnectionsModel, id: string | undefined): { label: string; description: string }[] {
  return model.children(id).map((child) => ({ label: model.row(child)!.label, description: model.row(child)!.description }));
}

describe('retained after close', () => {
  it('sits beside the active count on the endpoint row and has its own row that says it lags', () => {
    const model = new LiveConnectionsModel();
    model.update([snapshotOf(statusReport({ retainedAfterClose: 20, retainedAfterCloseCheckedAt: null }, 2))], undefined, NOW, { workspaceFolders: WORKSPACE });
    const root = model.row(model.roots[0]!)!;
    expect(root.description).toBe('2 · 20 retained after close · ▁ · live');
    const retained = model.children(root.id).map((id) => model.row(id)!).find((row) => row.label === 'Retained after close')!;
    expect(retained.description).toBe("20 · lags until the program's own GCs run");
    expect(retained.tooltip).toMatch(/The count lags: a closed socket is counted once two of the program's own major garbage collections have run/);
  });

  it('says when a GC last confirmed it', () => {
    const model = new LiveConnectionsModel();
    const checkedAt = new Date(2026, 11, 2, 18, 40, 12).toISOString();
    model.update([snapshotOf(statusReport({ retainedAfterClose: 0, retainedAfterCloseCheckedAt: checkedAt }))], undefined, NOW);
    const retained = rowsOf(model, model.roots[0]).find((row) => row.label === 'Retained after close');
    expect(retained?.description).toBe('0 · as of a GC at 18:40:12, lags until the next');
  });

  it('leaves the rows as they were for an endpoint that does not report it', () => {
    const model = new LiveConnectionsModel();
    model.update([snapshotOf(statusReport({}, 2))], undefined, NOW);
    expect(model.row(model.roots[0]!)!.description).toBe('2 · ▁ · live');
    expect(rowsOf(model, model.roots[0]).map((row) => row.label)).not.toContain('Retained after close');
    expect(rowsOf(model, model.roots[0]).map((row) => row.label)).not.toContain('Sources');
  });
});

describe('Sources', () => {
  it('lists each location worst first; workspace files open at their line, others say they are outside', () => {
    const model = new LiveConnectionsModel();
    const sources = [
      source('/work/repo/src/api.js:40:3', { kind: 'client', active: 9 }),
      source('file:///work/repo/set-no-removal/leaky.js:9:20', { active: 2, retainedAfterClose: 20 }),
      source('/usr/lib/app/vendor.js:3:1', { active: 1, withoutErrorListener: 1 }),
      source('other', { active: 4 }),
    ];
    model.update([snapshotOf(statusReport({ sources }, 2))], undefined, NOW, { workspaceFolders: WORKSPACE });
    const group = model.children(model.roots[0]).find((id) => model.row(id)?.kind === 'sources')!;
    expect(model.row(group)?.description).toBe('4 locations, worst first');
    const rows = model.children(group).map((id) => model.row(id)!);
    expect(rows.map((row) => [row.label, row.description])).toEqual([
      ['set-no-removal/leaky.js:9', 'server · 2 active · 20 retained after close'],
      ['vendor.js:3', "server · 1 active · 1 without 'error' listener · outside the workspace"],
      ['src/api.js:40', 'client · 9 active'],
      ['other locations', 'server · 4 active'],
    ]);
    expect(rows[0]?.target).toEqual({ kind: 'open', file: '/work/repo/set-no-removal/leaky.js', line: 9, column: 20 });
    expect(rows[1]?.target).toEqual({ kind: 'outside', file: '/usr/lib/app/vendor.js', location: '/usr/lib/app/vendor.js:3:1' });
    expect(rows[1]?.tooltip).toMatch(/Not in the workspace folders: not opened\.$/);
    expect(rows[3]?.target).toBeUndefined();
  });
});

describe('Retention', () => {
  const answer = {
    retainedAfterClose: 20,
    groups: [
      { count: 20, path: ['(module scope)', 'clients (Set)', 'Socket'], location: '/work/repo/set-no-removal/leaky.js:1' },
      { count: 1, path: [INJECTION, 'Socket'], location: null },
    ],
  };

  it('renders each chain with its count, its location and its steps, names as plain text', () => {
    const model = new LiveConnectionsModel();
    const notes = new Map([['http://127.0.0.1:9400/status', new Map([[1, 'no lint finding here']])]]);
    model.update([snapshotOf(statusReport({}, 0), { retention: { state: 'done', at: new Date(2026, 11, 2, 18, 42, 10).getTime(), answer } })], undefined, NOW, {
      workspaceFolders: WORKSPACE,
      retentionNotes: notes,
    });
    const group = model.children(model.roots[0]).find((id) => model.row(id)?.kind === 'retention')!;
    expect(model.row(group)?.description).toBe('20 retained after close · 2 chains · explained at 18:42:10');
    const chains = model.children(group).map((id) => model.row(id)!);
    expect(chains.map((row) => [row.label, row.description])).toEqual([
      ['(module scope) → clients (Set) → Socket', '20 sockets · set-no-removal/leaky.js:1'],
      [`${INJECTION} → Socket`, '1 socket · no location · no lint finding here'],
    ]);
    expect(chains[0]?.target).toEqual({ kind: 'open', file: '/work/repo/set-no-removal/leaky.js', line: 1, column: 1 });
    expect(model.children(chains[0]!.id).map((id) => model.row(id)!.label)).toEqual(['(module scope)', 'clients (Set)', 'Socket']);
  });

  it('shows that it runs, and why it failed', () => {
    const model = new LiveConnectionsModel();
    model.update([snapshotOf(statusReport(), { retention: { state: 'running', startedAt: NOW } })], undefined, NOW);
    expect(rowsOf(model, model.roots[0]).find((row) => row.label === 'Retention')?.description).toMatch(/^explaining…/);
    model.update([snapshotOf(statusReport(), { retention: { state: 'failed', at: NOW, problem: 'the analysis could not run' } })], undefined, NOW);
    expect(rowsOf(model, model.roots[0]).find((row) => row.label === 'Retention')?.description).toBe('not explained: the analysis could not run');
  });
});
