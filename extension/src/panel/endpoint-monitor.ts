// One attached endpoint: its poller, its history, the latest report and what the leak rule makes of it.
// No VS Code here: the glue reads `snapshot()` and redraws when `onChange` is called.
import type { EndpointDefinition } from './endpoint-settings.js';
import { ConnectionHistory } from './history.js';
import { leakWarnings, type LeakWarning } from './leak-signal.js';
import { StatusPoller, systemClock, type PollClock, type PollReport } from './poller.js';
import type { RetentionState } from './retention.js';
import type { StatusConnection, StatusReport } from './status-report.js';
import { requestStatus } from './status-request.js';
import type { StatusValidation } from './status-validation.js';

export type EndpointState = 'connecting' | 'live' | 'failing' | 'paused';

/** A connection row: the endpoint's fields, plus an age and idleness the panel can always show. */
export interface ConnectionView {
  /** Stable across polls (the endpoint's id, else its remote address), so tree rows keep their place. */
  key: string;
  connection: StatusConnection;
  /** ageMs from the endpoint, else how long the panel has seen this connection. */
  ageMs: number;
  /** True when ageMs is the panel's own observation, not the endpoint's. */
  ageObserved: boolean;
  /** idleMs from the endpoint, else ageMs. */
  idleMs: number;
}

export interface EndpointSnapshot {
  definition: EndpointDefinition;
  state: EndpointState;
  report?: StatusReport;
  /** When the report arrived (wall clock of the monitor). */
  reportAt?: number;
  /** The last poll's one-line failure, while failing. */
  problem?: string;
  /** The backed-off delay before the next try, while failing. */
  retryInMs?: number;
  /** Connections sorted oldest first. */
  connections: ConnectionView[];
  warnings: LeakWarning[];
  history: ConnectionHistory;
  /** The last "Explain retention" of this endpoint, while attached. */
  retention?: RetentionState;
}

export interface EndpointMonitorOptions {
  intervalMs: () => number;
  timeoutMs: () => number;
  idleLimitMs: () => number;
  /** Headers for this endpoint's own origin only: settings headers plus the stored token. */
  headers: () => Promise<Record<string, string>>;
  /** May be async: the validator (ajv) is loaded on the first poll, not at activation. */
  validate: (body: unknown) => StatusValidation | Promise<StatusValidation>;
  onChange: (monitor: EndpointMonitor) => void;
  clock?: PollClock;
}

export function connectionKeys(connections: readonly StatusConnection[]): string[] {
  const used = new Map<string, number>();
  return connections.map((connection) => {
    const base = connection.id !== undefined ? `id:${String(connection.id)}` : `remote:${connection.remote}`;
    const seen = used.get(base) ?? 0;
    used.set(base, seen + 1);
    return seen === 0 ? base : `${base}#${seen}`;
  });
}

/**
 * The connection rows of one report, oldest first, with ages from the endpoint or, failing that, from
 * when the panel first saw each connection (`firstSeen`, carried from one report to the next).
 */
export function connectionViews(
  connections: readonly StatusConnection[],
  firstSeenBefore: ReadonlyMap<string, number>,
  now: number,
): { views: ConnectionView[]; firstSeen: Map<string, number> } {
  const keys = connectionKeys(connections);
  const firstSeen = new Map<string, number>();
  const views: ConnectionView[] = connections.map((connection, index) => {
    const key = keys[index] ?? String(index);
    const seen = firstSeenBefore.get(key) ?? now;
    firstSeen.set(key, seen);
    const ageObserved = connection.ageMs === undefined;
    const ageMs = connection.ageMs ?? now - seen;
    return { key, connection, ageMs, ageObserved, idleMs: connection.idleMs ?? ageMs };
  });
  // Oldest first: those are the ones a leak leaves behind. Array.prototype.sort is stable.
  views.sort((a, b) => b.ageMs - a.ageMs);
  return { views, firstSeen };
}

export class EndpointMonitor {
  readonly history = new ConnectionHistory();
  private readonly poller: StatusPoller<StatusReport>;
  private readonly clock: PollClock;
  private firstSeen = new Map<string, number>();
  private state: EndpointState = 'connecting';
  private paused = false;
  private report: StatusReport | undefined;
  private reportAt: number | undefined;
  private problem: string | undefined;
  private retryInMs: number | undefined;
  private connections: ConnectionView[] = [];
  private warnings: LeakWarning[] = [];
  private retention: RetentionState | undefined;

  constructor(
    readonly definition: EndpointDefinition,
    private readonly options: EndpointMonitorOptions,
  ) {
    this.clock = options.clock ?? systemClock;
    this.poller = new StatusPoller<StatusReport>({
      clock: this.clock,
      intervalMs: options.intervalMs,
      poll: () => this.pollOnce(),
      onReport: (report) => this.accept(report),
    });
  }

  start(): void {
    if (!this.paused) this.poller.start();
  }

  stop(): void {
    this.poller.stop();
  }

  setPaused(paused: boolean): void {
    if (this.paused === paused) return;
    this.paused = paused;
    if (paused) {
      this.poller.stop();
      this.state = 'paused';
    } else {
      this.state = this.report !== undefined && this.problem === undefined ? 'live' : 'connecting';
      this.poller.start();
    }
    this.options.onChange(this);
  }

  get isPaused(): boolean {
    return this.paused;
  }

  /** The headers this endpoint's own origin gets: settings headers and the stored token. */
  requestHeaders(): Promise<Record<string, string>> {
    return this.options.headers();
  }

  pollNow(): void {
    this.poller.pollNow();
  }

  /** The interval changed (setting or view visibility): re-arm from the last answer. */
  reschedule(): void {
    this.poller.reschedule();
  }

  snapshot(): EndpointSnapshot {
    return {
      definition: this.definition,
      state: this.state,
      report: this.report,
      reportAt: this.reportAt,
      problem: this.problem,
      retryInMs: this.retryInMs,
      connections: this.connections,
      warnings: this.warnings,
      history: this.history,
      retention: this.retention,
    };
  }

  /** The state of "Explain retention" (running, its answer or why it failed), shown under the endpoint. */
  setRetention(retention: RetentionState): void {
    this.retention = retention;
    this.options.onChange(this);
  }

  private async pollOnce(): Promise<{ ok: true; value: StatusReport } | { ok: false; problem: string }> {
    const headers = await this.options.headers();
    const response = await requestStatus({
      url: this.definition.url,
      headers,
      timeoutMs: this.options.timeoutMs(),
    });
    if (!response.ok) return response;
    const validation = await this.options.validate(response.body);
    return validation.ok ? { ok: true, value: validation.report } : { ok: false, problem: validation.problem };
  }

  private accept(report: PollReport<StatusReport>): void {
    const now = this.clock.now();
    if (report.outcome.ok) {
      this.acceptReport(report.outcome.value, now);
    } else {
      // The last good report and the history stay: a failing endpoint keeps its chart.
      this.state = 'failing';
      this.problem = report.outcome.problem;
      this.retryInMs = report.nextDelayMs;
      this.history.recordGap(now);
    }
    this.options.onChange(this);
  }

  private acceptReport(status: StatusReport, now: number): void {
    this.state = this.paused ? 'paused' : 'live';
    this.problem = undefined;
    this.retryInMs = undefined;
    this.report = status;
    this.reportAt = now;
    const sample = this.history.recordReport(now, status.activeConnections, status.memory.heapUsed, status.uptime, status.pid, status.retainedAfterClose);
    if (sample.restart) {
      this.firstSeen.clear();
      // Another run of the program: the chains of the last one hold nothing any more.
      if (this.retention?.state !== 'running') this.retention = undefined;
    }

    const { views, firstSeen } = connectionViews(status.connections, this.firstSeen, now);
    this.firstSeen = firstSeen;
    this.connections = views;
    this.warnings = leakWarnings({
      samples: this.history.all,
      now,
      idleLimitMs: this.options.idleLimitMs(),
      connections: views,
      activeConnections: status.activeConnections,
      openSockets: status.openSockets,
    });
  }
}
