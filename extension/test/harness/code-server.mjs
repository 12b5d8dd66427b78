// Starts code-server (VS Code 1.100.3 in the browser) on a free loopback port with fresh user-data and
// extensions dirs and its own config file, with the extension's .vsix installed. Stopped by process group.
import { spawn, execFile } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { codeServerEntry } from './paths.mjs';

/** Quiet, offline, no first-run chrome: nothing competes with the test for the screen or the network. */
export const userSettings = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'update.mode': 'none',
  'git.enabled': false,
  'git.autoRepositoryDetection': false,
  'window.restoreWindows': 'none',
  'files.hotExit': 'off',
};

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * @param {{ vsix?: string, settings?: object, env?: Record<string, string>, log?: (line: string) => void }} options
 * @returns {Promise<{ port: number, url: string, dataDir: string, stop: () => Promise<void> }>}
 */
export async function startCodeServer({ vsix, settings = {}, env = {}, log = () => {} } = {}) {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'socket-hygiene-code-server-'));
  const userDataDir = path.join(dataDir, 'user-data');
  const extensionsDir = path.join(dataDir, 'extensions');
  const configFile = path.join(dataDir, 'config.yaml');
  mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  mkdirSync(extensionsDir);
  writeFileSync(path.join(userDataDir, 'User/settings.json'), JSON.stringify({ ...userSettings, ...settings }, null, 2));

  const port = await freePort();
  // Its own config, so ~/.config/code-server/config.yaml is neither read nor written.
  writeFileSync(configFile, `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);
  const serverEnv = {
    ...process.env,
    EXTENSIONS_GALLERY: '{}', // no marketplace look-ups
    // code-server keeps its logs under XDG_DATA_HOME: keep them in the run's own folder.
    XDG_DATA_HOME: path.join(dataDir, 'xdg-data'),
    XDG_CONFIG_HOME: path.join(dataDir, 'xdg-config'),
    ...env,
  };
  const common = ['--config', configFile, '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir];

  if (vsix) {
    await promisify(execFile)(process.execPath, [codeServerEntry, ...common, '--install-extension', vsix, '--force'], {
      env: serverEnv,
      timeout: 60_000,
    });
  }

  const child = spawn(
    process.execPath,
    [
      codeServerEntry,
      ...common,
      '--bind-addr', `127.0.0.1:${port}`,
      '--auth', 'none',
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      '--ignore-last-opened',
    ],
    { env: serverEnv, detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const output = [];
  for (const stream of [child.stdout, child.stderr]) {
    stream.setEncoding('utf8');
    stream.on('data', (chunk) => {
      for (const line of chunk.split('\n').filter(Boolean)) {
        output.push(line);
        log(line);
      }
    });
  }
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));

  const killGroup = (signal) => {
    try {
      process.kill(-child.pid, signal);
    } catch {
      // already gone
    }
  };
  // A harness that dies or is interrupted must not leave code-server behind.
  const onExit = () => killGroup('SIGKILL');
  const onSignal = (signal) => {
    killGroup('SIGKILL');
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  process.on('exit', onExit);
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    killGroup('SIGTERM');
    const timer = setTimeout(() => killGroup('SIGKILL'), 3_000);
    await exited;
    clearTimeout(timer);
    process.off('exit', onExit);
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    rmSync(dataDir, { recursive: true, force: true, maxRetries: 3 });
  };

  const url = `http://127.0.0.1:${port}`;
  try {
    await waitUntilHealthy(url, exited, output);
  } catch (error) {
    await stop();
    throw error;
  }
  return { port, url, dataDir, stop };
}

/** Ready when /healthz answers; gives up (with code-server's own output) if it exits or takes 60 s. */
async function waitUntilHealthy(url, exited, output) {
  let exit;
  void exited.then((result) => (exit = result));
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (exit) throw new Error(`code-server exited (${exit.code ?? exit.signal}) before it was ready:\n${output.join('\n')}`);
    try {
      const response = await fetch(`${url}/healthz`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`code-server did not answer ${url}/healthz within 60 s:\n${output.join('\n')}`);
}
