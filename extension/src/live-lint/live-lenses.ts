// Which lint findings of one file get a live count, and what it says: the editor meets the panel.
// - require-error-listener / timeout-ends-socket: a live source of the same file whose origin line stands
//   for the finding's socket (origin-match.ts) gives its withoutErrorListener / idleOverTimeout count;
// - remove-on-close: a live source whose origin stands for the store call gives its retained count, and a
//   retention chain of the same file that names the finding's collection gives its count.
// Pure: the VS Code side (lens-provider.ts) hands in the document text, its diagnostics and the panel's data.
import type { EndpointSnapshot } from '../panel/endpoint-monitor.js';
import { formatClock, formatCount } from '../panel/format.js';
import { parseSourceLocation } from '../panel/source-location.js';
import type { StatusSource } from '../panel/status-report.js';
import { chainNames, storedCollectionName } from './collection-names.js';
import { OriginText } from './origin-match.js';

export type LiveRule = 'require-error-listener' | 'timeout-ends-socket' | 'remove-on-close';

export interface Finding {
  /** The rule's short name (`remove-on-close`); other rules are ignored. */
  rule: string;
  /** Offset of the finding's start in the document text. */
  start: number;
  end: number;
}

export interface LiveSource {
  endpointName: string;
  file: string;
  /** 1-based. */
  line: number;
  source: StatusSource;
}

export interface LiveChain {
  endpointKey: string;
  endpointName: string;
  /** Index of the chain in its retention answer. */
  index: number;
  file: string;
  names: string[];
  count: number;
  chain: string;
  explainedAt: number;
}

export interface LiveLens {
  /** 0-based line of the finding. */
  line: number;
  title: string;
  tooltip: string;
}

/** An endpoint that answers now; a failing one's last counts are not live any more. */
function isLive(snapshot: EndpointSnapshot): boolean {
  return snapshot.report !== undefined && (snapshot.state === 'live' || snapshot.state === 'paused');
}

/** A location's file, also when a chain names a file without a line. */
function fileOf(location: string): string | undefined {
  return parseSourceLocation(location)?.file ?? parseSourceLocation(`${location}:1`)?.file;
}

export function liveSources(snapshots: readonly EndpointSnapshot[]): LiveSource[] {
  const sources: LiveSource[] = [];
  for (const snapshot of snapshots) {
    if (!isLive(snapshot)) continue;
    for (const source of snapshot.report?.sources ?? []) {
      const location = parseSourceLocation(source.location);
      if (location !== undefined) sources.push({ endpointName: snapshot.definition.name, file: location.file, line: location.line, source });
    }
  }
  return sources;
}

export function liveChains(snapshots: readonly EndpointSnapshot[]): LiveChain[] {
  const chains: LiveChain[] = [];
  for (const snapshot of snapshots) {
    const retention = snapshot.retention;
    if (retention?.state !== 'done') continue;
    retention.answer.groups.forEach((group, index) => {
      const file = group.location == null ? undefined : fileOf(group.location);
      if (file === undefined) return;
      chains.push({
        endpointKey: snapshot.definition.key,
        endpointName: snapshot.definition.name,
        index,
        file,
        names: chainNames(group.path),
        count: group.count,
        chain: group.path.join(' → '),
        explainedAt: retention.at,
      });
    });
  }
  return chains;
}

/** The collection name a remove-on-close finding stores into, read from the text it covers. */
export function findingCollection(text: string, finding: Finding): string | undefined {
  return storedCollectionName(text.slice(finding.start, Math.max(finding.end, finding.start + 1)));
}

export function chainMatchesFinding(chain: LiveChain, file: string, text: string, finding: Finding): boolean {
  if (finding.rule !== 'remove-on-close' || chain.file !== file) return false;
  const name = findingCollection(text, finding);
  return name !== undefined && chain.names.includes(name);
}

export function liveLenses(file: string, text: string, findings: readonly Finding[], sources: readonly LiveSource[], chains: readonly LiveChain[]): LiveLens[] {
  const lenses: LiveLens[] = [];
  const seen = new Set<string>();
  const push = (lens: LiveLens): void => {
    const key = `${lens.line}\n${lens.title}`;
    if (seen.has(key)) return;
    seen.add(key);
    lenses.push(lens);
  };
  const sourcesHere = sources.filter((source) => source.file === file);
  const origin = new OriginText(text);
  for (const finding of findings) {
    const line = origin.lineOf(finding.start);
    if (finding.rule === 'require-error-listener' || finding.rule === 'timeout-ends-socket') {
      for (const { endpointName, line: sourceLine, source } of sourcesHere) {
        if (!origin.originMatches(sourceLine - 1, finding.start)) continue;
        const active = formatCount(source.active);
        if (finding.rule === 'require-error-listener') {
          push({
            line,
            title: `live: ${formatCount(source.withoutErrorListener)} of ${active} sockets from here without an 'error' listener · ${endpointName}`,
            tooltip: `Counted by the probe at ${source.location}, updated with each poll of ${endpointName}.`,
          });
        } else {
          push({
            line,
            title: `live: ${formatCount(source.idleOverTimeout)} of ${active} sockets from here idle past their timeout · ${endpointName}`,
            tooltip: `Counted by the probe at ${source.location}, updated with each poll of ${endpointName}.`,
          });
        }
      }
    } else if (finding.rule === 'remove-on-close') {
      // Before any Explain retention: the live retained count of the sockets this store call sees.
      for (const { endpointName, line: sourceLine, source } of sourcesHere) {
        if (source.retainedAfterClose === 0 || !origin.originMatches(sourceLine - 1, finding.start)) continue;
        push({
          line,
          title: `live: ${formatCount(source.retainedAfterClose)} closed sockets from here still reachable (${formatCount(source.active)} active) · ${endpointName}`,
          tooltip: `Counted by the probe at ${source.location}; the count lags until the program's own GCs run. Explain Retention names what holds them.`,
        });
      }
      for (const chain of chains) {
        if (!chainMatchesFinding(chain, file, text, finding)) continue;
        const noun = chain.count === 1 ? 'socket' : 'sockets';
        push({
          line,
          title: `retained: ${formatCount(chain.count)} closed ${noun} held by ${chain.chain} · ${chain.endpointName}`,
          tooltip: `From Explain retention at ${formatClock(chain.explainedAt)} on ${chain.endpointName}.`,
        });
      }
    }
  }
  return lenses;
}

/** The note a retention chain gets when no remove-on-close finding of its file names its collection. */
export const NO_LINT_FINDING = 'no lint finding here';

export function chainHasFinding(chain: LiveChain, text: string, findings: readonly Finding[]): boolean {
  return findings.some((finding) => chainMatchesFinding(chain, chain.file, text, finding));
}
