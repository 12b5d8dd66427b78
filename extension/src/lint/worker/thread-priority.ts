// The lint worker gives way to the extension host's thread. Both run in the extension host's process and share
// its cores with every other process: when a lint ends, the host's thread wakes to take the answer while the
// worker (and the machine's other work) may still hold the cores, and the host then waits for one — every
// other extension's completion or hover waits with it. On a 2-core machine that wait, not the host's own work,
// was the long tail of the host's time per lint (bench/README.md: 1.4 ms of CPU, 12.8 ms waiting for a core).
// A lower priority for the worker's thread alone lets the host take a core from it at once; with cores to
// spare it changes nothing. Only Linux can lower one thread of a process: elsewhere setpriority() takes the
// whole process, which is the extension host itself, so there the worker keeps its priority.
import { readlinkSync } from 'node:fs';
import os from 'node:os';

/**
 * How much lower (in nice steps) the worker runs than the host. Measured in one run, the worker niced from
 * outside, 240 lints each, interleaved, 2 cores at load 4.8–8.2: lints where the host was busy over 5 ms
 * went from 21–25 to 6–8 at +5 and +10 (+3: no change), and the median round trip grew 4.5 % at +5 and
 * 11 % at +10 — the cost of giving way to other processes too. +5 takes most of the gain for less of the cost.
 */
export const LINT_WORKER_NICE_INCREMENT = 5;

/** What lowering the calling thread's priority did: the nice values, or why it was left alone. */
export type PriorityChange = { threadId: number; from: number; to: number } | { skipped: string };

export interface PriorityDeps {
  platform: NodeJS.Platform;
  readlink: (path: string) => string;
  getPriority: (id: number) => number;
  setPriority: (id: number, priority: number) => void;
}

const NODE_DEPS: PriorityDeps = {
  platform: process.platform,
  readlink: (path) => readlinkSync(path),
  getPriority: (id) => os.getPriority(id),
  setPriority: (id, priority) => os.setPriority(id, priority),
};

/** The nice value a process may have at most (the lowest priority). */
const LOWEST = 19;

/**
 * Lowers the priority of the calling thread (not of its process) by `increment` nice steps, on Linux. Never
 * throws: a failure leaves the thread as it was, and the lint works the same, only without giving way.
 */
export function lowerThreadPriority(increment: number, deps: PriorityDeps = NODE_DEPS): PriorityChange {
  if (deps.platform !== 'linux') return { skipped: `${deps.platform} can only change the priority of the whole process` };
  try {
    // "/proc/thread-self" links to "<pid>/task/<tid>": the kernel's id of this thread, which setpriority() takes
    const threadId = Number(deps.readlink('/proc/thread-self').split('/').pop());
    if (!Number.isInteger(threadId) || threadId <= 0) return { skipped: 'no thread id in /proc/thread-self' };
    const from = deps.getPriority(threadId);
    const to = Math.min(LOWEST, from + increment);
    if (to !== from) deps.setPriority(threadId, to);
    return { threadId, from, to };
  } catch (error) {
    return { skipped: error instanceof Error ? error.message : String(error) };
  }
}
