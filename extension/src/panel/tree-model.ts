// The Live Connections tree as plain data: endpoint roots, their summary rows and connections. Each
// update diffs against the previous tree and names only the rows that changed, so the view refreshes
// those in place and selection and scroll stay put. Every string here is shown as text by the view.
import type { EndpointSnapshot } from './endpoint-monitor.js';
import { formatAge, formatBytes, formatClock, formatCount } from './format.js';
import type { RetentionState } from './retention.js';
import { OTHER_LOCATION, parseSourceLocation, placeInWorkspace, shortLocation } from './source-location.js';
import { describeSourceCounts, sortSourcesWorstFirst, sourceHasProblem } from './sources.js';
import { sparkline } from './sparkline.js';

/** The version of the status format (probe/status.schema.json's `schema`) this panel was written for. */
const KNOWN_STATUS_SCHEMA = 1;

/** Rows of connections under an endpoint; the rest are counted, not listed. */
export const MAX_CONNECTION_ROWS = 200;

export type RowKind =
  | 'endpoint'
  | 'warning'
  | 'problem'
  | 'summary'
  | 'connections'
  | 'connection'
  | 'more'
  | 'sources'
  | 'source'
  | 'retention'
  | 'retentionGroup'
  | 'retentionStep';

/** What clicking a row does: open a file of the workspace at a line, or say the file is outside it. */
export type RowTarget =
  | { kind: 'open'; file: string; line: number; column: number }
  | { kind: 'outside'; file: string; location: string };

/** What the rows need from outside an endpoint's own snapshot. */
export interface RowContext {
  /** File-system paths of the workspace folders, to tell which source files can be opened. */
  workspaceFolders: readonly string[];
  /** Per endpoint key, per retention group index: a note such as "no lint finding here". */
  retentionNotes?: ReadonlyMap<string, ReadonlyMap<number, string>>;
}

const NO_CONTEXT: RowContext = { workspaceFolders: [] };

/** Why the retained count may trail the truth, said wherever it is shown. */
export const RETAINED_LAG_NOTE =
  "The count lags: a closed socket is counted once two of the program's own major garbage collections have run since its 'close' (the probe never forces one). Explain retention takes a heap snapshot, which collects at once.";

export interface TreeRow {
  id: string;
  kind: RowKind;
  endpointKey: string;
  label: string;
  description: string;
  tooltip: string;
  /** A codicon id. */
  icon: string;
  /** A theme color id for the icon, if any. */
  iconColor?: string;
  collapsible: 'none' | 'collapsed' | 'expanded';
  children: string[];
  target?: RowTarget;
}

export interface TreeUpdate {
  /** Rows whose own fields or children changed, without those already covered by a changed ancestor. */
  changed: string[];
  /** The list of roots changed: refresh the whole tree. */
  rootsChanged: boolean;
}

const STATE_WORDS = { connecting: 'connecting…', live: 'live', failing: 'failing', paused: 'paused' } as const;

function rowId(endpointKey: string, ...parts: string[]): string {
  return [encodeURIComponent(endpointKey), ...parts.map((part) => encodeURIComponent(part))].join('/');
}

function sameRow(a: TreeRow, b: TreeRow): boolean {
  return (
    a.label === b.label &&
    a.description === b.description &&
    a.tooltip === b.tooltip &&
    a.icon === b.icon &&
    a.iconColor === b.iconColor &&
    a.collapsible === b.collapsible &&
    JSON.stringify(a.target) === JSON.stringify(b.target) &&
    a.children.length === b.children.length &&
    a.children.every((child, index) => child === b.children[index])
  );
}

function leaf(endpointKey: string, kind: RowKind, id: string, label: string, description: string, icon: string, tooltip = `${label}: ${description}`, iconColor?: string): TreeRow {
  return { id, kind, endpointKey, label, description, tooltip, icon, iconColor, collapsible: 'none', children: [] };
}

export function connectionDescription(view: EndpointSnapshot['connections'][number]): string {
  const { connection } = view;
  const parts = [
    `age ${formatAge(view.ageMs)}`,
    ...(connection.idleMs !== undefined ? [`idle ${formatAge(connection.idleMs)}`] : []),
    `read ${formatBytes(connection.bytesRead)}`,
    `written ${formatBytes(connection.bytesWritten)}`,
    `buffered ${formatBytes(connection.bufferSize)}`,
  ];
  if (connection.state !== undefined && connection.state !== 'open') parts.push(connection.state);
  if (connection.hasErrorListener === false) parts.push("no 'error' listener");
  if (connection.timeoutMs !== undefined) parts.push(connection.timeoutMs > 0 ? `timeout ${formatAge(connection.timeoutMs)}` : 'no timeout');
  return parts.join(' · ');
}

/** Where a location leads: a workspace file to open, a file outside the workspace, or nowhere ("other"). */
export function locationTarget(text: string, context: RowContext): { target?: RowTarget; short: string; full: string } {
  if (text === OTHER_LOCATION) return { short: 'other locations', full: 'locations beyond the probe\'s limit of 50, folded into one' };
  const location = parseSourceLocation(text);
  if (location === undefined) return { short: text, full: text };
  const placement = placeInWorkspace(location.file, context.workspaceFolders);
  const short = shortLocation(location, placement);
  if (!placement.inWorkspace) {
    return { short, full: `${location.file}:${location.line}:${location.column} (outside the workspace)`, target: { kind: 'outside', file: location.file, location: text } };
  }
  return { short, full: `${location.file}:${location.line}:${location.column}`, target: { kind: 'open', file: location.file, line: location.line, column: location.column } };
}

function retentionRows(key: string, retention: RetentionState, context: RowContext, add: (row: TreeRow, top: boolean) => void, rows: TreeRow[]): void {
  const id = rowId(key, 'retention');
  if (retention.state === 'running') {
    add(leaf(key, 'retention', id, 'Retention', 'explaining… (the program pauses while V8 takes a heap snapshot)', 'loading~spin'), true);
    return;
  }
  if (retention.state === 'failed') {
    add(leaf(key, 'retention', id, 'Retention', `not explained: ${retention.problem}`, 'error', `Explain retention at ${formatClock(retention.at)}: ${retention.problem}`, 'list.errorForeground'), true);
    return;
  }
  const { answer } = retention;
  // Each answer is a new row: VS Code keeps a row's collapse state by id, and the row that said
  // "explaining…" had no children, so under its id the answer would show collapsed.
  const answerId = rowId(key, 'retention', String(retention.at));
  const notes = context.retentionNotes?.get(key);
  const groupIds: string[] = [];
  answer.groups.forEach((group, index) => {
    const groupId = `${answerId}/${index}`;
    const where = group.location === null || group.location === undefined ? undefined : locationTarget(group.location, context);
    const noun = group.count === 1 ? 'socket' : 'sockets';
    const note = notes?.get(index);
    const description = [`${formatCount(group.count)} ${noun}`, where?.short ?? 'no location', ...(note === undefined ? [] : [note])].join(' · ');
    const chain = group.path.length > 0 ? group.path.join(' → ') : '(no chain)';
    const stepIds = group.path.map((step, stepIndex) => {
      const stepRow = leaf(key, 'retentionStep', `${groupId}/${stepIndex}`, step, stepIndex === 0 ? 'root' : stepIndex === group.path.length - 1 ? 'the socket' : '', 'arrow-small-right');
      rows.push(stepRow);
      return stepRow.id;
    });
    const tooltip = [
      `${formatCount(group.count)} closed ${noun} held by:`,
      ...group.path.map((step, stepIndex) => `${'  '.repeat(stepIndex)}${step}`),
      where === undefined ? 'The probe names no location for this chain.' : `Defined at ${where.full}`,
      ...(note === undefined ? [] : [note]),
    ].join('\n');
    rows.push({
      id: groupId,
      kind: 'retentionGroup',
      endpointKey: key,
      label: chain,
      description,
      tooltip,
      icon: 'references',
      iconColor: 'list.warningForeground',
      collapsible: stepIds.length > 0 ? 'collapsed' : 'none',
      children: stepIds,
      target: where?.target,
    });
    groupIds.push(groupId);
  });
  const retained = formatCount(answer.retainedAfterClose);
  const description =
    answer.retainedAfterClose === 0 && answer.groups.length === 0
      ? `nothing retained after close · explained at ${formatClock(retention.at)}`
      : `${retained} retained after close · ${answer.groups.length} ${answer.groups.length === 1 ? 'chain' : 'chains'} · explained at ${formatClock(retention.at)}`;
  add(
    {
      id: answerId,
      kind: 'retention',
      endpointKey: key,
      label: 'Retention',
      description,
      tooltip: `Explain retention at ${formatClock(retention.at)}: ${retained} closed sockets still reachable after the heap snapshot's full collections.`,
      icon: answer.retainedAfterClose > 0 ? 'warning' : 'check',
      iconColor: answer.retainedAfterClose > 0 ? 'list.warningForeground' : undefined,
      collapsible: groupIds.length > 0 ? 'expanded' : 'none',
      children: groupIds,
    },
    true,
  );
}

/** Builds all rows of one endpoint; pure, so the benchmark can time it on 10,000 connections. */
export function endpointRows(snapshot: EndpointSnapshot, selected: boolean, now: number, context: RowContext = NO_CONTEXT): TreeRow[] {
  const key = snapshot.definition.key;
  const rows: TreeRow[] = [];
  const children: string[] = [];
  const add = (row: TreeRow, top: boolean): void => {
    rows.push(row);
    if (top) children.push(row.id);
  };
  const report = snapshot.report;

  for (const warning of snapshot.warnings) {
    add(leaf(key, 'warning', rowId(key, 'warning', warning.kind), warning.message, 'leak signal', 'warning', `Leak signal: ${warning.message}`, 'list.warningForeground'), true);
  }
  if (snapshot.problem !== undefined) {
    const retry = snapshot.retryInMs !== undefined ? ` — retrying in ${Math.round(snapshot.retryInMs / 1000)} s` : '';
    const line = `${snapshot.problem}${retry}`;
    add(leaf(key, 'problem', rowId(key, 'problem'), line, '', 'error', line, 'list.errorForeground'), true);
  }

  if (report !== undefined) {
    const tracked = formatCount(report.activeConnections);
    const activeDescription = report.openSockets !== undefined ? `${tracked} tracked, ${formatCount(report.openSockets)} open` : tracked;
    add(leaf(key, 'summary', rowId(key, 'active'), 'Active connections', activeDescription, 'plug'), true);
    if (report.retainedAfterClose !== undefined) {
      const checkedAt = report.retainedAfterCloseCheckedAt == null ? undefined : Date.parse(report.retainedAfterCloseCheckedAt);
      const when =
        checkedAt === undefined || Number.isNaN(checkedAt)
          ? "lags until the program's own GCs run"
          : `as of a GC at ${formatClock(checkedAt)}, lags until the next`;
      const retained = report.retainedAfterClose;
      add(
        leaf(
          key,
          'summary',
          rowId(key, 'retained'),
          'Retained after close',
          `${formatCount(retained)} · ${when}`,
          retained > 0 ? 'warning' : 'check',
          `Retained after close: ${formatCount(retained)} closed sockets still reachable.\n${RETAINED_LAG_NOTE}`,
          retained > 0 ? 'list.warningForeground' : undefined,
        ),
        true,
      );
    }
    add(leaf(key, 'summary', rowId(key, 'memory'), 'Memory', `rss ${formatBytes(report.memory.rss)} · heapUsed ${formatBytes(report.memory.heapUsed)}`, 'server'), true);
    add(leaf(key, 'summary', rowId(key, 'uptime'), 'Uptime', formatAge(report.uptime * 1000), 'clock'), true);
    if (report.pid !== undefined) add(leaf(key, 'summary', rowId(key, 'pid'), 'PID', String(report.pid), 'symbol-number'), true);
    if (report.closeWait !== undefined) {
      add(leaf(key, 'summary', rowId(key, 'closeWait'), 'CLOSE_WAIT', formatCount(report.closeWait), report.closeWait > 0 ? 'warning' : 'check', 'CLOSE_WAIT: sockets the peer closed and the program never did'), true);
    }
    if (report.withoutErrorListener !== undefined) {
      add(leaf(key, 'summary', rowId(key, 'withoutErrorListener'), "Without 'error' listener", formatCount(report.withoutErrorListener), report.withoutErrorListener > 0 ? 'warning' : 'check'), true);
    }
    if (report.idleOverTimeout !== undefined) {
      add(leaf(key, 'summary', rowId(key, 'idleOverTimeout'), 'Idle past their timeout', formatCount(report.idleOverTimeout), report.idleOverTimeout > 0 ? 'warning' : 'check'), true);
    }
    if (snapshot.reportAt !== undefined) add(leaf(key, 'summary', rowId(key, 'lastUpdate'), 'Last update', formatClock(snapshot.reportAt), 'history'), true);

    const total = snapshot.connections.length;
    const shown = snapshot.connections.slice(0, MAX_CONNECTION_ROWS);
    const connectionIds: string[] = [];
    for (const view of shown) {
      const { connection } = view;
      const warn = connection.hasErrorListener === false || (connection.state !== undefined && connection.state !== 'open');
      const row = leaf(key, 'connection', rowId(key, 'connection', view.key), connection.remote, connectionDescription(view), warn ? 'warning' : 'plug', '', warn ? 'list.warningForeground' : undefined);
      row.tooltip = `${connection.remote}\n${row.description.split(' · ').join('\n')}${view.ageObserved ? '\n(age as seen by the panel)' : ''}`;
      rows.push(row);
      connectionIds.push(row.id);
    }
    if (total > shown.length) {
      const more = leaf(key, 'more', rowId(key, 'more'), `${formatCount(total - shown.length)} more not shown`, `${formatCount(shown.length)} of ${formatCount(total)}`, 'ellipsis');
      rows.push(more);
      connectionIds.push(more.id);
    }
    if (report.sources !== undefined && report.sources.length > 0) {
      const sourceIds: string[] = [];
      for (const source of sortSourcesWorstFirst(report.sources)) {
        const where = locationTarget(source.location, context);
        const counts = describeSourceCounts(source);
        const outside = where.target?.kind === 'outside' ? ' · outside the workspace' : '';
        const row = leaf(key, 'source', rowId(key, 'source', source.location), where.short, `${counts}${outside}`, sourceHasProblem(source) ? 'warning' : 'file-code', '', sourceHasProblem(source) ? 'list.warningForeground' : undefined);
        row.tooltip = [where.full, ...counts.split(' · '), where.target?.kind === 'open' ? 'Click to open at this line.' : where.target?.kind === 'outside' ? 'Not in the workspace folders: not opened.' : ''].filter((line) => line !== '').join('\n');
        row.target = where.target;
        rows.push(row);
        sourceIds.push(row.id);
      }
      const count = report.sources.length;
      const sourcesDescription = `${formatCount(count)} ${count === 1 ? 'location' : 'locations'}, worst first`;
      add(
        { id: rowId(key, 'sources'), kind: 'sources', endpointKey: key, label: 'Sources', description: sourcesDescription, tooltip: `Where the sockets come from: ${sourcesDescription}`, icon: 'file-symlink-file', collapsible: 'expanded', children: sourceIds },
        true,
      );
    }
    if (snapshot.retention !== undefined) retentionRows(key, snapshot.retention, context, add, rows);

    const groupDescription = total > shown.length ? `first ${formatCount(shown.length)} of ${formatCount(total)}, oldest first` : `${formatCount(total)}, oldest first`;
    const group: TreeRow = {
      id: rowId(key, 'connections'),
      kind: 'connections',
      endpointKey: key,
      label: 'Connections',
      description: groupDescription,
      tooltip: `Connections: ${groupDescription}`,
      icon: 'list-tree',
      collapsible: total > 0 ? 'expanded' : 'none',
      children: connectionIds,
    };
    add(group, true);
  }

  const count = report !== undefined ? formatCount(report.activeConnections) : '–';
  const spark = sparkline(snapshot.history.all, now);
  // Beside the active count, when the endpoint reports it: the clearest leak there is.
  const counts = report?.retainedAfterClose !== undefined ? `${count} · ${formatCount(report.retainedAfterClose)} retained after close` : count;
  const description = [counts, spark, STATE_WORDS[snapshot.state]].filter((part) => part !== '').join(' · ');
  const tooltipLines = [
    `${snapshot.definition.name}${selected ? ' (selected)' : ''}`,
    snapshot.definition.url,
    `state: ${STATE_WORDS[snapshot.state]}`,
    ...(report !== undefined ? [`active connections: ${count}`] : []),
    ...(report?.retainedAfterClose !== undefined ? [`retained after close: ${formatCount(report.retainedAfterClose)} (lags until the program's own GCs run)`] : []),
    ...(snapshot.reportAt !== undefined ? [`last update: ${formatClock(snapshot.reportAt)}`] : []),
    ...snapshot.warnings.map((warning) => `leak signal: ${warning.message}`),
    ...(snapshot.problem !== undefined ? [snapshot.problem] : []),
    // `schema` absent means format 1; a newer endpoint still gives every field this panel knows
    ...((report?.schema ?? 1) > KNOWN_STATUS_SCHEMA
      ? [`status format ${report?.schema}: newer than this extension reads (${KNOWN_STATUS_SCHEMA}); fields added since are not shown`]
      : []),
  ];
  const icon = snapshot.state === 'failing' ? 'error' : snapshot.warnings.length > 0 ? 'warning' : selected ? 'circle-filled' : 'circle-outline';
  const iconColor = snapshot.state === 'failing' ? 'list.errorForeground' : snapshot.warnings.length > 0 ? 'list.warningForeground' : undefined;
  rows.unshift({
    id: rowId(key),
    kind: 'endpoint',
    endpointKey: key,
    label: snapshot.definition.name,
    description,
    tooltip: tooltipLines.join('\n'),
    icon,
    iconColor,
    collapsible: 'expanded',
    children,
  });
  return rows;
}

export class LiveConnectionsModel {
  private rows = new Map<string, TreeRow>();
  private parents = new Map<string, string>();
  private rootIds: string[] = [];

  get roots(): readonly string[] {
    return this.rootIds;
  }

  row(id: string): TreeRow | undefined {
    return this.rows.get(id);
  }

  children(id?: string): readonly string[] {
    if (id === undefined) return this.rootIds;
    return this.rows.get(id)?.children ?? [];
  }

  parent(id: string): string | undefined {
    return this.parents.get(id);
  }

  update(snapshots: readonly EndpointSnapshot[], selectedKey: string | undefined, now: number, context: RowContext = NO_CONTEXT): TreeUpdate {
    const next = new Map<string, TreeRow>();
    const roots: string[] = [];
    for (const snapshot of snapshots) {
      const rows = endpointRows(snapshot, snapshot.definition.key === selectedKey, now, context);
      for (const row of rows) next.set(row.id, row);
      if (rows[0] !== undefined) roots.push(rows[0].id);
    }
    const parents = new Map<string, string>();
    for (const row of next.values()) for (const child of row.children) parents.set(child, row.id);

    const rootsChanged = roots.length !== this.rootIds.length || roots.some((id, index) => id !== this.rootIds[index]);
    const changedSet = new Set<string>();
    const childrenChanged = new Set<string>();
    for (const row of next.values()) {
      const before = this.rows.get(row.id);
      if (before === undefined || !sameRow(before, row)) changedSet.add(row.id);
      if (before !== undefined && (before.children.length !== row.children.length || before.children.some((child, index) => child !== row.children[index]))) {
        childrenChanged.add(row.id);
      }
    }
    // A row under a parent whose list of children changed is fetched again with that list; naming the
    // parent is enough. New rows always sit under such a parent.
    const changed = [...changedSet].filter((id) => {
      for (let ancestor = parents.get(id); ancestor !== undefined; ancestor = parents.get(ancestor)) {
        if (childrenChanged.has(ancestor)) return false;
      }
      return true;
    });

    this.rows = next;
    this.parents = parents;
    this.rootIds = roots;
    return { changed: rootsChanged ? [] : changed, rootsChanged };
  }
}
