// The file through which the probe tells the editor where it listens (SOCKET_HYGIENE_URL_FILE): one
// line, `http://127.0.0.1:PORT/status`, written to a temporary name and renamed into place by the probe.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';

export type UrlFileReading =
  | { kind: 'missing' }
  /** Present but not a whole line yet (a writer that does not rename). */
  | { kind: 'incomplete' }
  | { kind: 'invalid'; problem: string }
  | { kind: 'url'; url: string };

/** The URL a whole line of the file names, or why it is not a status URL. */
export function parseUrlFileText(text: string): UrlFileReading {
  if (!text.endsWith('\n')) return { kind: 'incomplete' };
  const line = text.trim();
  if (line.includes('\n')) return { kind: 'invalid', problem: 'the URL file holds more than one line' };
  let url: URL;
  try {
    url = new URL(line);
  } catch {
    return { kind: 'invalid', problem: `the URL file holds ${JSON.stringify(line.slice(0, 80))}, not a URL` };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return { kind: 'invalid', problem: `the URL file names a ${url.protocol} URL, not http or https` };
  }
  if (url.port === '') return { kind: 'invalid', problem: `the URL file's ${url.href} has no port` };
  return { kind: 'url', url: url.href };
}

export async function readUrlFile(file: string): Promise<UrlFileReading> {
  try {
    return parseUrlFileText(await readFile(file, 'utf8'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'missing' };
    return { kind: 'invalid', problem: `the URL file cannot be read: ${(error as Error).message}` };
  }
}

export interface UrlFile {
  /** Where the probe writes its URL; nothing is there yet. */
  readonly file: string;
  /** Removes the file and its folder (and any temporary file the probe left). */
  remove(): Promise<void>;
}

/**
 * A path for a URL file in a folder of its own, made fresh for each run: no URL left by an earlier
 * run can be mistaken for this one's, and the folder can be watched for the probe's rename.
 */
export async function freshUrlFile(parent: string = os.tmpdir()): Promise<UrlFile> {
  const folder = await mkdtemp(path.join(parent, 'socket-hygiene-probe-'));
  return {
    file: path.join(folder, 'status-url'),
    remove: () => rm(folder, { recursive: true, force: true }),
  };
}
