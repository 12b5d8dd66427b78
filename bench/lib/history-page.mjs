// The History webview outside VS Code: its own HTML (historyHtml, with its Content-Security-Policy and nonce),
// script and style, and uPlot from node_modules, served from 127.0.0.1 to headless Chromium. `redraw(data)`
// posts chart data with window.postMessage, as the webview receives the extension's postMessage, and returns
// how long the page took from the message to the drawn chart (Chromium's timer in a page that is not
// cross-origin isolated has a resolution of 0.1 ms).
/* global window, document, requestAnimationFrame -- the page.evaluate() callbacks run in the page */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { launchBrowser } from '../../extension/test/harness/browser.mjs';
import { benchRoot } from './figures.mjs';

const repoRoot = path.dirname(benchRoot);
const ASSETS = {
  '/uplot/uPlot.iife.min.js': 'node_modules/uplot/dist/uPlot.iife.min.js',
  '/uplot/uPlot.min.css': 'node_modules/uplot/dist/uPlot.min.css',
  '/history/history.js': 'extension/media/history/history.js',
  '/history/history.css': 'extension/media/history/history.css',
};
const TYPES = { '.js': 'text/javascript', '.css': 'text/css', '.html': 'text/html; charset=utf-8' };
/** About the width of the side bar the view lives in. */
const VIEWPORT = { width: 360, height: 700 };

function serve(html) {
  const server = http.createServer((request, response) => {
    if (request.url === '/favicon.ico') {
      response.writeHead(204).end(); // asked for by the browser, not by the page
      return;
    }
    const file = request.url === '/' ? undefined : ASSETS[request.url ?? ''];
    if (request.url !== '/' && file === undefined) {
      response.writeHead(404).end();
      return;
    }
    const body = file === undefined ? html(server.address().port) : readFileSync(path.join(repoRoot, file));
    response.writeHead(200, { 'content-type': TYPES[file === undefined ? '.html' : path.extname(file)] }).end(body);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
}

/**
 * @param {(resources: object) => string} historyHtml the extension's own (from the bundled panel modules)
 * @returns {Promise<{ redraw: (data: object) => Promise<{ ms: number, pageDrawMs: number, points: number }>, close: () => Promise<void> }>}
 */
export async function openHistoryPage(historyHtml) {
  const server = await serve((port) => {
    const origin = `http://127.0.0.1:${port}`;
    return historyHtml({
      cspSource: origin,
      nonce: randomBytes(18).toString('base64'),
      uplotScript: `${origin}/uplot/uPlot.iife.min.js`,
      uplotStyle: `${origin}/uplot/uPlot.min.css`,
      historyScript: `${origin}/history/history.js`,
      historyStyle: `${origin}/history/history.css`,
    });
  });
  let browser;
  try {
    browser = await launchBrowser();
    const page = await browser.context.newPage();
    await page.setViewportSize(VIEWPORT);
    const problems = [];
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('console', (message) => message.type() === 'error' && problems.push(message.text()));
    // Runs before history.js: the first 'message' listener, so its time is when the message reached the page.
    await page.addInitScript(() => {
      window.addEventListener('message', () => (window.benchReceivedAt = performance.now()));
    });
    await page.goto(`http://127.0.0.1:${server.address().port}/`);
    await page.waitForFunction(() => typeof window.uPlot === 'function');
    // Added after history.js: runs after its listener and after uPlot's commit, which uPlot queues as a
    // microtask (the page's own drawMs is taken before that commit, so it leaves the drawing out). Reading
    // one pixel makes Chromium rasterize the canvas commands it would otherwise keep for the next paint.
    await page.evaluate(() => {
      window.addEventListener('message', () => {
        document.querySelector('#chart canvas')?.getContext('2d').getImageData(0, 0, 1, 1);
        const drawnAt = performance.now();
        window.benchDrawn?.({
          ms: drawnAt - window.benchReceivedAt,
          pageDrawMs: Number(document.body.dataset.drawMs),
          points: Number(document.getElementById('chart').dataset.points),
          canvases: document.querySelectorAll('#chart canvas').length,
        });
      });
    });
    return {
      async redraw(data) {
        const drawn = await page.evaluate(
          (message) =>
            new Promise((resolve) => {
              window.benchDrawn = resolve;
              window.postMessage(message, '*');
            }),
          data,
        );
        // Let the page render before the next poll's message, as two seconds between polls would.
        await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0))));
        if (problems.length > 0) throw new Error(`the History page reported: ${problems.join('; ')}`);
        if (drawn.canvases !== 1 || drawn.points !== data.t.length) {
          throw new Error(`the chart did not draw ${data.t.length} points (${JSON.stringify(drawn)})`);
        }
        return drawn;
      },
      async close() {
        await browser.close();
        await new Promise((resolve) => server.close(resolve));
      },
    };
  } catch (error) {
    await browser?.close();
    server.close();
    throw error;
  }
}
