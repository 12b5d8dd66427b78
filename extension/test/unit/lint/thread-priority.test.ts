import { describe, expect, it } from 'vitest';
import { lowerThreadPriority, type PriorityDeps } from '../../../src/lint/worker/thread-priority';

function fakeDeps(overrides: Partial<PriorityDeps> = {}): PriorityDeps & { set: [number, number][] } {
  const set: [number, number][] = [];
  return {
    set,
    platform: 'linux',
    readlink: () => '4242/task/4250',
    getPriority: () => 0,
    setPriority: (id, priority) => set.push([id, priority]),
    ...overrides,
  };
}

describe('lowerThreadPriority', () => {
  it('lowers this thread (its id from /proc/thread-self), not the process', () => {
    const deps = fakeDeps();
    expect(lowerThreadPriority(5, deps)).toEqual({ threadId: 4250, from: 0, to: 5 });
    expect(deps.set).toEqual([[4250, 5]]);
  });

  it('stops at the lowest priority', () => {
    const deps = fakeDeps({ getPriority: () => 17 });
    expect(lowerThreadPriority(5, deps)).toEqual({ threadId: 4250, from: 17, to: 19 });
    const lowest = fakeDeps({ getPriority: () => 19 });
    expect(lowerThreadPriority(5, lowest)).toEqual({ threadId: 4250, from: 19, to: 19 });
    expect(lowest.set).toEqual([]);
  });

  it('leaves the priority alone where only the whole process (the extension host) could be changed', () => {
    for (const platform of ['darwin', 'win32'] as const) {
      const deps = fakeDeps({ platform });
      expect(lowerThreadPriority(5, deps)).toEqual({ skipped: `${platform} can only change the priority of the whole process` });
      expect(deps.set).toEqual([]);
    }
  });

  it('never throws: no /proc, a refused change', () => {
    const noProc = fakeDeps({
      readlink: () => {
        throw new Error("ENOENT: no such file or directory, readlink '/proc/thread-self'");
      },
    });
    expect(lowerThreadPriority(5, noProc)).toEqual({ skipped: "ENOENT: no such file or directory, readlink '/proc/thread-self'" });
    const refused = fakeDeps({
      setPriority: () => {
        throw new Error('EACCES: permission denied');
      },
    });
    expect(lowerThreadPriority(5, refused)).toEqual({ skipped: 'EACCES: permission denied' });
    expect(lowerThreadPriority(5, fakeDeps({ readlink: () => 'self' }))).toEqual({ skipped: 'no thread id in /proc/thread-self' });
  });
});
