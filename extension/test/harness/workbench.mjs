// Page helpers for the VS Code workbench in code-server: what a person does, waiting on what they would see.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { format } from 'node:util';
import { resultsDir } from './paths.mjs';

/** The workbench URL for a folder, optionally with the `payload` pairs VS Code reads (e.g. an extension test run). */
export function workbenchUrl(server, { folder, payload } = {}) {
  const params = new URLSearchParams();
  if (folder) params.set('folder', folder);
  if (payload) params.set('payload', JSON.stringify(payload));
  return `${server.url}/?${params}`;
}

/**
 * Opens a new page on the workbench and waits until it is usable.
 * `onExit(code)` and `onLog(line)` receive the workbench's automation callbacks (an extension test run's end
 * and its extension-host console); they are exposed before the page loads, as the workbench looks for them then.
 */
export async function openWorkbench(context, server, { folder, payload, onExit, onLog } = {}) {
  const page = await context.newPage();
  page.setDefaultTimeout(30_000); // generous: the waits end on events, and the machine may be busy
  if (onExit) await page.exposeFunction('codeAutomationExit', (code) => onExit(Number(code)));
  if (onLog) await page.exposeFunction('codeAutomationLog', (type, args) => onLog(format(...[].concat(args ?? [])), type));
  await page.goto(workbenchUrl(server, { folder, payload }));
  if (!payload) await waitForWorkbench(page);
  return page;
}

export async function waitForWorkbench(page) {
  await page.locator('.monaco-workbench .part.activitybar').waitFor();
  await page.locator('.monaco-workbench .part.editor').waitFor();
}

/** Opens a file of the workspace by name with Ctrl+P and waits for its editor tab. */
export async function quickOpen(page, fileName) {
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor();
  await input.fill(fileName);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: fileName }).first().waitFor();
  await page.keyboard.press('Enter');
  await activeTab(page, fileName).waitFor();
  await page.locator('.editor-group-container.active .monaco-editor .view-lines').waitFor();
}

/** The editor tab for a file name (the active group's). */
export function activeTab(page, fileName) {
  return page.locator('.editor-group-container.active .tab.active', { hasText: fileName });
}

/** Runs a command from the command palette (F1) by its label, e.g. "Socket Hygiene: Show Output". */
export async function runCommand(page, label) {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor();
  await input.fill(`>${label}`);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: label }).first().waitFor();
  await page.keyboard.press('Enter');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
}

/** Opens a view container of the activity bar by its title (e.g. "Socket Hygiene") and returns the side bar. */
export async function openActivityBarView(page, title) {
  const sideBar = page.locator('.part.sidebar');
  const heading = sideBar.locator('.composite.title h2', { hasText: title });
  if (!(await heading.isVisible())) {
    await page.locator(`.part.activitybar .action-item a.action-label[aria-label^="${title}"]`).click();
  }
  await heading.waitFor();
  return sideBar;
}

/** The pane of a view inside the side bar, by its name (e.g. "Live Connections"). */
export function viewPane(page, name) {
  return page.locator('.part.sidebar .pane', { has: page.locator('.pane-header', { hasText: name }) });
}

/** Opens the Problems panel (Ctrl+Shift+M) and returns its rows' texts. */
export async function readProblems(page) {
  await page.keyboard.press('Control+Shift+M');
  const panel = page.locator('.part.panel .markers-panel');
  await panel.waitFor();
  return panel.locator('.monaco-list-row').allInnerTexts();
}

/** Opens the Output panel through the command palette and returns its channel drop-down. */
export async function openOutput(page) {
  await runCommand(page, 'Output: Focus on Output View');
  // The drop-down sits in the panel's title bar or, when the panel shows several views, in the view's header.
  const select = page.locator('.part.panel select.monaco-select-box').filter({ visible: true }).first();
  await select.waitFor();
  return select;
}

/** Waits until the Output panel lists a channel (e.g. one an extension creates when it activates). */
export async function waitForOutputChannel(page, name) {
  const select = await openOutput(page);
  await select.locator('option', { hasText: name }).waitFor({ state: 'attached' });
  return select.locator('option').allInnerTexts();
}

/** The text shown in the Output panel's editor. */
export function outputText(page) {
  return page.locator('.part.panel .monaco-editor .view-lines');
}

/**
 * The content frame of a webview (a view's or an editor's): two nested iframes, the outer one marked
 * `.ready` once the webview has loaded. Pass `within` to pick one webview among several.
 */
export async function webviewFrame(page, { within } = {}) {
  const scope = within ?? page;
  await scope.locator('iframe.webview.ready').first().waitFor({ state: 'attached' });
  const outer = scope.frameLocator('iframe.webview.ready').first();
  await outer.locator('iframe#active-frame').waitFor({ state: 'attached' });
  return outer.frameLocator('iframe#active-frame');
}

/** Saves a screenshot under test-results/ and returns its path. */
export async function screenshot(page, name) {
  mkdirSync(resultsDir, { recursive: true });
  const file = path.join(resultsDir, `${name.replace(/[^\w.-]+/g, '-').replace(/^-|-$/g, '')}.png`);
  await page.screenshot({ path: file });
  return file;
}
