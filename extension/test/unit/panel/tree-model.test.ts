import { describe, expect, it } from 'vitest';
import { connectionKeys, type ConnectionView, type EndpointSnapshot } from '../../../src/panel/endpoint-monitor.js';
import { parseEndpointSettings } from '../../../src/panel/endpoint-settings.js';
import { ConnectionHistory } from '../../../src/panel/history.js';
import type { StatusReport } from '../../../src/panel/status-report.js';
import { LiveConnectionsModel, MAX_CONNECTION_ROWS } from '../../../src/panel/tree-model.js';
import { chartData } from '../../../src/panel/chart-data.js';
import { sparkline } from '../../../src/panel/sparkline.js';
import { statusReport } from './helpers.js';

const NOW = 1_700_000_000_000;
const INJECTION = '<img src=x onerror=alert(1)>';

function snapshotOf(report: StatusReport | undefined, extra: Partial<EndpointSnapshot> = {}, url = 'http://127.0.0.1:9000/status'): EndpointSnapshot {
  const definition = parseEndpointSettings([url]).endpoints[0];
  if (definition === undefined) throw new Error('bad url');
  const history = new ConnectionHistory();
  if (report !== undefined) history.recordReport(NOW, report.activeConnections, report.memory.heapUsed, report.uptime);
  const keys = connectionKeys(report?.connections ?? []);
  const connections: ConnectionView[] = (report?.connections ?? []).map((connection, index) => ({
    key: keys[index] ?? '',
    connection,
    ageMs: connection.ageMs ?? 1000 * (1000 - index),
    ageObserved: connection.ageMs === undefined,
    idleMs: connection.idleMs ?? 0,
  }));
  return { definition, state: report ? 'live' : 'connecting', report, reportAt: report ? NOW : undefined, connections, warnings: [], history, ...extra };
}

describe('LiveConnectionsModel', () => {
  it("reads the report's status format version: absent or 1 says nothing, a newer one is named in the endpoint's tooltip", () => {
    const tooltipOf = (report: StatusReport): string => {
      const model = new LiveConnectionsModel();
      model.update([snapshotOf(report)], undefined, NOW);
      return model.row(model.roots[0]!)?.tooltip ?? '';
    };
    expect(tooltipOf(statusReport({}, 1))).not.toContain('status format');
    expect(tooltipOf(statusReport({ schema: 1 }, 1))).not.toContain('status format');
    const newer = tooltipOf(statusReport({ schema: 2 }, 1));
    expect(newer).toContain('status format 2: newer than this extension reads (1)');
    expect(newer).toContain('active connections: 1');
  });

  it('shows the endpoint with its count, summary rows and connections', () => {
    const model = new LiveConnectionsModel();
    const report = statusReport({ pid: 4242, openSockets: 3, closeWait: 1 }, 3);
    model.update([snapshotOf(report)], undefined, NOW);
    const [rootId] = model.roots;
    const root = model.row(rootId!);
    expect(root?.label).toBe('127.0.0.1:9000/status');
    expect(root?.description).toBe('3 · ▁ · live');
    const labels = model.children(rootId).map((id) => `${model.row(id)?.label}: ${model.row(id)?.description}`);
    expect(labels).toEqual([
      'Active connections: 3 tracked, 3 open',
      'Memory: rss 47.7 MB · heapUsed 9.5 MB',
      'Uptime: 12 s',
      'PID: 4242',
      'CLOSE_WAIT: 1',
      `Last update: ${labels.find((label) => label.startsWith('Last update'))?.slice(13)}`,
      'Connections: 3, oldest first',
    ]);
    const group = model.children(rootId).at(-1)!;
    expect(model.children(group).map((id) => model.row(id)?.label)).toEqual(['127.0.0.1:40000', '127.0.0.1:40001', '127.0.0.1:40002']);
    expect(model.row(model.children(group)[1]!)?.description).toBe('age 16 min 39 s · read 100 B · written 10 B · buffered 0 B');
  });

  it('lists the first 200 connections and the total', () => {
    const model = new LiveConnectionsModel();
    model.update([snapshotOf(statusReport({}, 10_000))], undefined, NOW);
    const group = model.children(model.roots[0]).at(-1)!;
    expect(model.row(group)?.description).toBe('first 200 of 10,000, oldest first');
    const rows = model.children(group);
    expect(rows).toHaveLength(MAX_CONNECTION_ROWS + 1);
    expect(model.row(rows.at(-1)!)?.label).toBe('9,800 more not shown');
  });

  it('names only the rows that changed', () => {
    const model = new LiveConnectionsModel();
    const report = statusReport({}, 3);
    const first = model.update([snapshotOf(report)], undefined, NOW);
    expect(first.rootsChanged).toBe(true);

    const same = model.update([snapshotOf(report)], undefined, NOW);
    expect(same).toEqual({ changed: [], rootsChanged: false });

    const moved = structuredClone(report);
    moved.connections[1]!.bytesRead = 5000;
    const update = model.update([snapshotOf(moved)], undefined, NOW);
    expect(update.rootsChanged).toBe(false);
    expect(update.changed).toHaveLength(1);
    expect(model.row(update.changed[0]!)?.label).toBe('127.0.0.1:40001');
  });

  it('names the parent, not the new rows, when a connection comes or goes', () => {
    const model = new LiveConnectionsModel();
    model.update([snapshotOf(statusReport({}, 3))], undefined, NOW);
    const update = model.update([snapshotOf(statusReport({}, 4))], undefined, NOW);
    const labels = update.changed.map((id) => model.row(id)?.label);
    expect(labels).toContain('Connections');
    expect(labels).toContain('Active connections');
    expect(labels).not.toContain('127.0.0.1:40003');
  });

  it('keeps strings from the endpoint as they are: the view shows them as text', () => {
    const model = new LiveConnectionsModel();
    const report = statusReport({}, 1);
    report.connections[0]!.remote = INJECTION;
    model.update([snapshotOf(report, { problem: `HTTP 500 ${INJECTION}` })], undefined, NOW);
    const rows = [...model.children(model.roots[0])].flatMap((id) => [id, ...model.children(id)]).map((id) => model.row(id)!);
    expect(rows.find((row) => row.kind === 'connection')?.label).toBe(INJECTION);
    expect(rows.find((row) => row.kind === 'problem')?.label).toBe(`HTTP 500 ${INJECTION}`);
  });

  it('shows the failure with its retry delay while keeping the last report', () => {
    const model = new LiveConnectionsModel();
    model.update([snapshotOf(statusReport({}, 2), { state: 'failing', problem: 'unreachable: ECONNREFUSED 127.0.0.1:9000', retryInMs: 8000 })], undefined, NOW);
    const root = model.row(model.roots[0]!);
    expect(root?.description).toBe('2 · ▁ · failing');
    expect(root?.icon).toBe('error');
    expect(model.row(model.children(root!.id)[0]!)?.label).toBe('unreachable: ECONNREFUSED 127.0.0.1:9000 — retrying in 8 s');
  });

  it('puts the leak warning first', () => {
    const model = new LiveConnectionsModel();
    model.update([snapshotOf(statusReport({}, 2), { warnings: [{ kind: 'rise', message: '+48 connections in 5 min, none closed' }] })], undefined, NOW);
    const first = model.row(model.children(model.roots[0])[0]!);
    expect(first).toMatchObject({ kind: 'warning', label: '+48 connections in 5 min, none closed', icon: 'warning' });
  });
});

describe('sparkline and chart data', () => {
  it('draws the last minute from low to high', () => {
    const history = new ConnectionHistory();
    for (let second = 0; second <= 60; second += 5) history.recordReport(NOW - 60_000 + second * 1000, second, 1, 100 + second);
    expect(sparkline(history.all, NOW)).toBe('▁▂▂▃▃▄▅▅▆▆▇█');
  });

  it('prepares uPlot columns with gaps', () => {
    const snapshot = snapshotOf(statusReport({}, 2));
    snapshot.history.recordGap(NOW + 2000);
    const data = chartData(snapshot);
    expect(data.t).toEqual([NOW / 1000, NOW / 1000 + 2]);
    expect(data.count).toEqual([2, null]);
    expect(data.heapUsedMB).toEqual([9.5, null]);
    expect(data.endpoint?.url).toBe('http://127.0.0.1:9000/status');
  });
});
