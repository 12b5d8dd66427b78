// The folder (SOCKET_HYGIENE_URL_DIR) where every serving process of a probed command writes
// `<pid>.json`: `{ "url", "pid", "script" }` (probe/src/serve-on-demand.js), renamed into place whole.
import { readdir, readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { parseUrlFileText, type UrlFileReading } from './url-file.js';

export interface UrlRecord {
  url: string;
  pid: number;
  script: string;
}

const RECORD_FILE = /^\d+\.json$/;

/** A record, or why the file is not one. */
export function parseUrlRecord(text: string): UrlRecord | { problem: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { problem: 'a URL record is not JSON' };
  }
  const record = value as Partial<UrlRecord> | null;
  if (typeof record?.url !== 'string' || !Number.isInteger(record.pid) || typeof record.script !== 'string') {
    return { problem: 'a URL record lacks url, pid or script' };
  }
  const url = parseUrlFileText(`${record.url}\n`);
  if (url.kind !== 'url') return { problem: url.kind === 'invalid' ? url.problem : 'a URL record has no URL' };
  return { url: url.url, pid: record.pid as number, script: record.script };
}

/** Every whole record in the folder, oldest pid first; files that are not records are skipped. */
export async function readUrlRecords(folder: string): Promise<UrlRecord[]> {
  let files: string[];
  try {
    files = await readdir(folder);
  } catch {
    return [];
  }
  const records: UrlRecord[] = [];
  for (const file of files.filter((name) => RECORD_FILE.test(name))) {
    const text = await readFile(path.join(folder, file), 'utf8').catch(() => '');
    const record = parseUrlRecord(text);
    if (!('problem' in record)) records.push(record);
  }
  return records.sort((a, b) => a.pid - b.pid);
}

/** The first record as a URL-file reading, for waitForUrl. */
export async function firstRecordReading(folder: string): Promise<UrlFileReading> {
  const [first] = await readUrlRecords(folder);
  return first ? { kind: 'url', url: first.url } : { kind: 'missing' };
}

/** The endpoint's name in the panel: what was started, the serving script, and its pid. */
export function endpointName(started: string, record: UrlRecord): string {
  return `${started} · ${path.basename(record.script)} (pid ${record.pid})`;
}
