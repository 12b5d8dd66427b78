// The status bar item "$(plug) 42" for the selected endpoint: hidden when nothing is attached, warning
// colours on a leak signal, a click focuses the Live Connections view.
import * as vscode from 'vscode';
import type { EndpointSnapshot } from './endpoint-monitor.js';
import { formatBytes, formatClock, formatCount } from './format.js';
import { LiveConnectionsProvider } from './live-connections-view.js';

export function createStatusBarItem(): vscode.StatusBarItem {
  const item = vscode.window.createStatusBarItem('socketHygiene.connections', vscode.StatusBarAlignment.Left, 10);
  item.name = 'Socket Hygiene: Live Connections';
  item.command = `${LiveConnectionsProvider.viewId}.focus`;
  return item;
}

export function statusBarTooltip(snapshot: EndpointSnapshot): string {
  const { report } = snapshot;
  const lines = [`Socket Hygiene: ${snapshot.definition.name}`, snapshot.definition.url];
  if (report !== undefined) {
    lines.push(`${formatCount(report.activeConnections)} active connections${report.openSockets !== undefined ? `, ${formatCount(report.openSockets)} open` : ''}`);
    lines.push(`memory: rss ${formatBytes(report.memory.rss)}, heapUsed ${formatBytes(report.memory.heapUsed)}`);
  }
  if (snapshot.reportAt !== undefined) lines.push(`last update ${formatClock(snapshot.reportAt)}`);
  for (const warning of snapshot.warnings) lines.push(`⚠ ${warning.message}`);
  if (snapshot.problem !== undefined) lines.push(snapshot.problem);
  if (snapshot.state === 'paused') lines.push('polling paused');
  return lines.join('\n');
}

export function updateStatusBarItem(item: vscode.StatusBarItem, snapshot: EndpointSnapshot | undefined): void {
  if (snapshot === undefined) {
    item.hide();
    return;
  }
  const count = snapshot.report !== undefined ? formatCount(snapshot.report.activeConnections) : '–';
  const icon = snapshot.state === 'failing' ? '$(debug-disconnect)' : snapshot.state === 'paused' ? '$(debug-pause)' : '$(plug)';
  item.text = `${icon} ${count}`;
  item.tooltip = statusBarTooltip(snapshot);
  item.backgroundColor = snapshot.warnings.length > 0 ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
  item.accessibilityInformation = { label: `${count} active connections on ${snapshot.definition.name}` };
  item.show();
}
