// The attached endpoints as a whole: settings plus those attached by command, one of them selected for
// the badge, the status bar and the chart, all paused or polling together. No VS Code here.
import type { EndpointSnapshot } from './endpoint-monitor.js';
import type { EndpointDefinition } from './endpoint-settings.js';

/** What the registry needs of a monitor; EndpointMonitor provides it. */
export interface Monitor {
  readonly definition: EndpointDefinition;
  start(): void;
  stop(): void;
  setPaused(paused: boolean): void;
  pollNow(): void;
  reschedule(): void;
  snapshot(): EndpointSnapshot;
}

function sameDefinition(a: EndpointDefinition, b: EndpointDefinition): boolean {
  return a.url === b.url && a.name === b.name && JSON.stringify(a.headers) === JSON.stringify(b.headers);
}

/** Generic over the monitor, so the panel gets its EndpointMonitors back with all they can do. */
export class EndpointRegistry<M extends Monitor = Monitor> {
  private monitors = new Map<string, M>();
  private selectedKey: string | undefined;
  private paused = false;

  constructor(private readonly createMonitor: (definition: EndpointDefinition) => M) {}

  get isPaused(): boolean {
    return this.paused;
  }

  get size(): number {
    return this.monitors.size;
  }

  /** Starts monitors for new endpoints, stops those that went away, keeps the rest with their history. */
  reconcile(definitions: readonly EndpointDefinition[]): void {
    const next = new Map<string, M>();
    for (const definition of definitions) {
      if (next.has(definition.key)) continue;
      const existing = this.monitors.get(definition.key);
      if (existing !== undefined && sameDefinition(existing.definition, definition)) {
        next.set(definition.key, existing);
        continue;
      }
      existing?.stop();
      const monitor = this.createMonitor(definition);
      if (this.paused) monitor.setPaused(true);
      monitor.start();
      next.set(definition.key, monitor);
    }
    for (const [key, monitor] of this.monitors) if (!next.has(key)) monitor.stop();
    this.monitors = next;
    if (this.selectedKey === undefined || !next.has(this.selectedKey)) this.selectedKey = next.keys().next().value;
  }

  select(key: string): boolean {
    if (!this.monitors.has(key) || this.selectedKey === key) return false;
    this.selectedKey = key;
    return true;
  }

  get selected(): M | undefined {
    return this.selectedKey === undefined ? undefined : this.monitors.get(this.selectedKey);
  }

  get selectedEndpointKey(): string | undefined {
    return this.selectedKey;
  }

  get(key: string): M | undefined {
    return this.monitors.get(key);
  }

  all(): M[] {
    return [...this.monitors.values()];
  }

  snapshots(): EndpointSnapshot[] {
    return this.all().map((monitor) => monitor.snapshot());
  }

  setPaused(paused: boolean): void {
    this.paused = paused;
    for (const monitor of this.monitors.values()) monitor.setPaused(paused);
  }

  /** The interval changed (setting or visibility): every monitor re-arms from its last answer. */
  reschedule(): void {
    for (const monitor of this.monitors.values()) monitor.reschedule();
  }

  dispose(): void {
    for (const monitor of this.monitors.values()) monitor.stop();
    this.monitors.clear();
  }
}
