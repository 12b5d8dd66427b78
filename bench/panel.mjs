// Item 5: the Live Connections panel on a 10,000-connection endpoint. `modelMs`: what the extension host does
// with each poll's body, with the panel's own modules (bundled from extension/src/panel/): validation against
// the status schema, the connection rows and the leak signal (as EndpointMonitor does), and the tree model's
// diff. `chartMs`: the History webview's redraw in headless Chromium, with its own HTML and script, the
// 10-minute chart data (chartData) posted as the extension posts it. Medians over polls after warm-up.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { bundleFolder, loadEntry } from './lib/bundle.mjs';
import { benchRoot, figure } from './lib/figures.mjs';
import { openHistoryPage } from './lib/history-page.mjs';
import { statusStream } from './lib/status-stream.mjs';

const CONNECTIONS = 10_000;
const RUNS = Number(process.env.BENCH_PANEL_RUNS ?? 30);
const WARMUP_RUNS = 10;
const HISTORY_FILL_MS = 10 * 60_000;
const UPTIME_AT_START = 3600;
const PID = 4242;

const PANEL_ENTRY = `
export { validateStatus } from './extension/src/panel/status-schema';
export { connectionViews } from './extension/src/panel/endpoint-monitor';
export { leakWarnings } from './extension/src/panel/leak-signal';
export { LiveConnectionsModel } from './extension/src/panel/tree-model';
export { ConnectionHistory } from './extension/src/panel/history';
export { chartData } from './extension/src/panel/chart-data';
export { historyHtml } from './extension/src/panel/history-html';
`;

/** The manifest's defaults of the panel's settings (panel-settings.ts reads them through vscode). */
function settingDefaults() {
  const manifest = JSON.parse(readFileSync(path.join(benchRoot, '../package.json'), 'utf8'));
  const sections = [manifest.contributes.configuration].flat();
  const value = (key) => sections.find((section) => key in section.properties)?.properties[key].default;
  return { pollIntervalMs: value('socketHygiene.pollIntervalMs'), idleLimitMs: value('socketHygiene.idleLimitSeconds') * 1000 };
}

/** One endpoint followed poll after poll, as EndpointMonitor.acceptReport and register.ts's render() do. */
function endpointFollower(panel, { idleLimitMs }) {
  const definition = { key: 'http://127.0.0.1:9464/status', name: '127.0.0.1:9464', url: 'http://127.0.0.1:9464/status', headers: {} };
  const history = new panel.ConnectionHistory();
  const model = new panel.LiveConnectionsModel();
  let firstSeen = new Map();
  let snapshot;
  return {
    history,
    get snapshot() {
      return snapshot;
    },
    /** Returns each step's time in ms. */
    accept(body, now) {
      const t0 = performance.now();
      const validation = panel.validateStatus(body);
      if (!validation.ok) throw new Error(validation.problem);
      const report = validation.report;
      const t1 = performance.now();
      history.recordReport(now, report.activeConnections, report.memory.heapUsed, report.uptime, report.pid);
      const views = panel.connectionViews(report.connections, firstSeen, now);
      firstSeen = views.firstSeen;
      const warnings = panel.leakWarnings({
        samples: history.all,
        now,
        idleLimitMs,
        connections: views.views,
        activeConnections: report.activeConnections,
        openSockets: report.openSockets,
      });
      snapshot = { definition, state: 'live', report, reportAt: now, connections: views.views, warnings, history };
      const t2 = performance.now();
      const update = model.update([snapshot], definition.key, now);
      const t3 = performance.now();
      if (update.rootsChanged === undefined) throw new Error('no tree update');
      return { validateMs: t1 - t0, viewsMs: t2 - t1, treeMs: t3 - t2, modelMs: t3 - t0 };
    },
  };
}

/** Ten minutes of history before the first timed poll: the chart is full and the leak signal has its samples. */
function fillHistory(history, start, { pollIntervalMs }) {
  for (let t = start - HISTORY_FILL_MS; t < start; t += pollIntervalMs) {
    const count = CONNECTIONS - 40 + Math.round(40 * Math.sin(t / 97_000));
    history.recordReport(t, count, (170 + ((t / pollIntervalMs) % 13)) * 2 ** 20, UPTIME_AT_START - (start - t) / 1000, PID);
  }
}

export async function measurePanel() {
  const bundles = bundleFolder();
  let page;
  try {
    const panel = await loadEntry(bundles.folder, 'panel', PANEL_ENTRY);
    const settings = settingDefaults();
    const start = Date.UTC(2026, 0, 1, 12);
    const stream = statusStream({ connections: CONNECTIONS, intervalMs: settings.pollIntervalMs, start, uptime: UPTIME_AT_START, pid: PID });
    const follower = endpointFollower(panel, settings);
    fillHistory(follower.history, start, settings);

    const parse = [];
    const steps = { modelMs: [], validateMs: [], viewsMs: [], treeMs: [] };
    let statusBytes = 0;
    let now = start;
    for (let poll = 0; poll < WARMUP_RUNS + RUNS; poll += 1) {
      const next = stream.next();
      now = next.now;
      statusBytes = next.body.length;
      const started = performance.now();
      const body = JSON.parse(next.body);
      const parseMs = performance.now() - started;
      const times = follower.accept(body, now);
      if (poll >= WARMUP_RUNS) {
        parse.push(parseMs);
        for (const [step, ms] of Object.entries(times)) steps[step].push(ms);
      }
    }

    // The chart: each redraw is one more poll's sample, the 10-minute window moved on by one interval.
    page = await openHistoryPage(panel.historyHtml);
    const chart = [];
    const pageDraw = [];
    let points = 0;
    for (let redraw = 0; redraw < WARMUP_RUNS + RUNS; redraw += 1) {
      now += settings.pollIntervalMs;
      follower.history.recordReport(now, CONNECTIONS + (redraw % 7), (180 + (redraw % 5)) * 2 ** 20, UPTIME_AT_START + (now - start) / 1000, PID);
      const data = panel.chartData(follower.snapshot);
      points = data.t.length;
      const drawn = await page.redraw(data);
      if (redraw >= WARMUP_RUNS) {
        chart.push(drawn.ms);
        pageDraw.push(drawn.pageDrawMs);
      }
    }

    return {
      connections: CONNECTIONS,
      statusBytes,
      modelMs: figure(steps.modelMs, 'ms'),
      validateMs: figure(steps.validateMs, 'ms'),
      rowsAndLeakSignalMs: figure(steps.viewsMs, 'ms'),
      treeUpdateMs: figure(steps.treeMs, 'ms'),
      jsonParseMs: figure(parse, 'ms'),
      chartMs: figure(chart, 'ms'),
      chartPageDrawMs: figure(pageDraw, 'ms'),
      chartPoints: points,
    };
  } finally {
    await page?.close();
    bundles.remove();
  }
}
