// The messages between the extension host and the lint worker. Everything in them survives structured
// cloning: plain objects, strings and numbers (problems carry their suggestion edits as `{ range, newText }`).
import type { LintRequest, LintResult } from '../engine';
import type { FixAllResult } from '../fix-all';
import type { SocketProblem } from '../problems';

export type ToWorker =
  /** Lint one text. `key` names the document: a later lint of the same key makes this one stale. */
  | { type: 'lint'; id: number; key: string; request: LintRequest }
  /** Fix-all's rounds (lint, apply first suggestions, relint) on one text, all inside the worker. */
  | { type: 'fixAll'; id: number; request: LintRequest; firstProblems?: SocketProblem[] }
  /** Load what linting this file name needs (ESLint; the TypeScript parser for .ts) before it is asked for. */
  | { type: 'prepare'; id: number; fileName: string }
  /** A package.json changed: forget the module kinds read so far. */
  | { type: 'forgetModuleKinds'; id: number };

export type FromWorker =
  | { type: 'linted'; id: number; result: LintResult }
  | { type: 'fixed'; id: number; result: FixAllResult }
  | { type: 'done'; id: number }
  /** The lint was not run: a newer text of the same document was already waiting. */
  | { type: 'dropped'; id: number }
  /** The request threw (e.g. ESLint could not be loaded); the worker itself is fine. */
  | { type: 'failed'; id: number; message: string };

/** What the worker is started with (`new Worker(path, { workerData })`). */
export interface WorkerData {
  /** Where V8's code cache of the TypeScript parser is kept (code-cache.ts); none: it is loaded without one. */
  codeCacheFolder?: string;
}
