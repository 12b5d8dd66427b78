// A place in the program's code as the probe names it, `file:line:column` (or `file:line` in a retention
// group), `file` an absolute path or a `file://` URL as Node writes it in stack traces, and where that place
// is for the editor: a file inside one of the workspace folders, or outside all of them.
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface SourceLocation {
  /** The location exactly as the endpoint sent it. */
  text: string;
  /** An absolute file-system path. */
  file: string;
  /** 1-based, as in stack traces. */
  line: number;
  /** 1-based; 1 when the location names no column. */
  column: number;
}

/** The folded rest of the locations beyond the probe's limit. */
export const OTHER_LOCATION = 'other';

/**
 * `/srv/app/server.js:12:5`, `file:///srv/app/server.mjs:12:5`, `C:\app\server.js:12:5`, `/srv/app/a.js:12`.
 * Undefined for "other", relative paths, `node:` internals and anything else that is no file of the program.
 */
export function parseSourceLocation(text: string): SourceLocation | undefined {
  const match = /^(.+?):(\d+)(?::(\d+))?$/.exec(text.trim());
  if (match === null) return undefined;
  const [, where = '', lineText = '', columnText] = match;
  const line = Number(lineText);
  const column = columnText === undefined ? 1 : Number(columnText);
  if (!(line >= 1) || !(column >= 1)) return undefined;
  let file: string;
  if (where.startsWith('file:')) {
    try {
      file = fileURLToPath(where);
    } catch {
      return undefined;
    }
  } else if (path.isAbsolute(where) || path.win32.isAbsolute(where)) {
    file = where;
  } else {
    return undefined;
  }
  return { text, file, line, column };
}

export type Placement =
  | { inWorkspace: true; file: string; folder: string; relative: string }
  | { inWorkspace: false; file: string };

/** Which workspace folder holds `file` (the innermost, when folders nest), by path, not by asking the disk. */
export function placeInWorkspace(file: string, folders: readonly string[]): Placement {
  let best: { folder: string; relative: string } | undefined;
  for (const folder of folders) {
    const relative = path.relative(folder, file);
    if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) continue;
    if (best === undefined || folder.length > best.folder.length) best = { folder, relative };
  }
  return best === undefined ? { inWorkspace: false, file } : { inWorkspace: true, file, ...best };
}

/** `src/server.js:12` inside the workspace, `server.js:12` outside it (the tooltip carries the full path). */
export function shortLocation(location: SourceLocation, placement: Placement): string {
  const name = placement.inWorkspace ? placement.relative.split(path.sep).join('/') : path.basename(location.file);
  return `${name}:${location.line}`;
}
