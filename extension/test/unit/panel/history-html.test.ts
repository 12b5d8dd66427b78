import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ConnectionHistory, HISTORY_WINDOW_MS } from '../../../src/panel/history.js';
import { createNonce, historyHtml } from '../../../src/panel/history-html.js';

describe('historyHtml', () => {
  const html = historyHtml({
    cspSource: 'https://webview.example',
    nonce: 'abc123',
    uplotScript: 'https://webview.example/uPlot.iife.min.js',
    uplotStyle: 'https://webview.example/uPlot.min.css',
    historyScript: 'https://webview.example/history.js',
    historyStyle: 'https://webview.example/history.css',
  });

  it('has a strict Content-Security-Policy: nonce scripts, no inline, no eval, nothing remote', () => {
    const csp = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1] ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'nonce-abc123'");
    expect(csp).toContain('style-src https://webview.example');
    expect(csp).not.toMatch(/unsafe-(inline|eval)|\*/);
  });

  it('loads exactly its two scripts, both with the nonce, and has no inline handler', () => {
    expect(html.match(/<script /g)).toHaveLength(2);
    expect(html.match(/<script nonce="abc123" src="[^"]+"><\/script>/g)).toHaveLength(2);
    expect(html).not.toMatch(/\son\w+=/);
  });

  it('makes a fresh nonce each time', () => {
    expect(createNonce(randomBytes)).not.toBe(createNonce(randomBytes));
  });
});

describe('ConnectionHistory', () => {
  it('keeps 10 minutes of samples', () => {
    const history = new ConnectionHistory();
    const start = 1_700_000_000_000;
    for (let second = 0; second <= 900; second += 2) history.recordReport(start + second * 1000, second, 1000, second);
    const first = history.all[0];
    const last = history.all.at(-1);
    expect(last!.t - first!.t).toBeLessThanOrEqual(HISTORY_WINDOW_MS);
    expect(last!.t - first!.t).toBeGreaterThan(HISTORY_WINDOW_MS - 2000);
    expect(history.all.every((sample) => !sample.restart)).toBe(true);
  });

  it('records one gap for a run of failures, and a restart when the pid changes', () => {
    const history = new ConnectionHistory();
    history.recordReport(1000, 5, 1, 100, 7);
    history.recordGap(2000);
    history.recordGap(3000);
    history.recordReport(4000, 0, 1, 101, 8);
    expect(history.all.map((sample) => [sample.count, sample.restart])).toEqual([
      [5, false],
      [null, false],
      [0, true],
    ]);
  });
});
