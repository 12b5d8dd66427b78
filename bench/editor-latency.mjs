// Item 4: what the editor waits for, and what the extension host's thread pays for it.
// The lint runs in the lint worker (dist/lint-worker.js, built exactly as scripts/lint-bundles.mjs builds it,
// with the TypeScript parser beside it), driven by the extension's own LintWorkerClient, on a 2,000-line
// JavaScript and TypeScript file:
//   - round trip (text sent, problems with editor ranges and suggestion edits back): median and p95 of 200
//     runs after warm-up, each paired with a run of the same path with every rule off (the floor),
//     alternating, so the rules' share is measured side by side;
//   - host time per lint: the host thread's busy time between sending the text and holding the result
//     (performance.eventLoopUtilization), its maximum is `hostBlockedMs`, from every other round; cross-checked
//     by the event loop's delay (monitorEventLoopDelay) over the rounds in between (not over the same ones: its
//     own timer would count as host time); on Linux, the same lints' host-thread CPU time and wait for a core
//     (the kernel's schedstat), which say whether a long busy time was host work or a loaded machine; and the
//     control: in the same rounds, the host's busy time over windows as long as the lints' with a worker that
//     does no lint (lib/held-answer.mjs), which says what the host thread pays anyway (`hostIdleWorkerBlockedMs`);
//   - a 2,000-line file that names no socket API (answered by the text check, no parse);
//   - the first TypeScript lint of a fresh worker: cold (asked at once) and warm (2 s after the worker was
//     told to load the parser, as activation does in a workspace with TypeScript).
// The transport alone, through a worker thread and through a child process (lib/transport.mjs), says which of
// the two costs the host less: the lint is the same code in either.
// The in-process lint (dist/lint.js's `lintAndConvert`, what the host ran before the worker) and the parse
// alone are kept beside it for comparison. And the activation time in the real VS Code (bench/lib/activation.mjs),
// alternating with a previous .vsix when BENCH_PREVIOUS_VSIX names one.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import * as espree from 'espree';
import { measureActivation } from './lib/activation.mjs';
import { bundleFolder, loadEntry, loadLintCore } from './lib/bundle.mjs';
import { javascriptFixture, plainFixture, typescriptFixture } from './lib/editor-fixtures.mjs';
import { figure, median, percentile } from './lib/figures.mjs';
import { generateSocketCode } from './lib/generate.mjs';
import { ratioInterval } from './lib/ratio-interval.mjs';
import { startHeldAnswer } from './lib/held-answer.mjs';
import { measureTransport } from './lib/transport.mjs';
import { ensurePackaged } from './lib/vsix.mjs';

const LINES = 2000;
const RUNS = Number(process.env.BENCH_EDITOR_RUNS ?? 200); // 0 skips the lint timings
const IN_PROCESS_RUNS = Math.max(1, Math.round(RUNS / 4));
const WARMUP_RUNS = 30;
const PARSE_RUNS = 50;
const FIRST_LINT_RUNS = 3;
const WARM_START_DELAY_MS = 2000;
const ACTIVATION_RUNS = Number(process.env.BENCH_ACTIVATION_RUNS ?? 15); // 0 skips the activation runs
const PREVIOUS_VSIX = process.env.BENCH_PREVIOUS_VSIX;

/** One statistic of `runs` samples (a p95), in the results file's shape. */
function statistic(value, runs, unit) {
  const rounded = Number(value.toPrecision(4));
  return { median: rounded, min: rounded, max: rounded, runs, unit };
}

/**
 * Ours over the floor: the ratio of the medians, with min and max holding its 95 % interval (a paired
 * bootstrap over the rounds, lib/ratio-interval.mjs) rather than extremes of runs.
 */
function overFloor(ours, floor) {
  const rounded = (value) => Number(value.toPrecision(4));
  const { low, high } = ratioInterval(ours, floor);
  return { median: rounded(median(ours) / median(floor) - 1), min: rounded(low), max: rounded(high), runs: ours.length, unit: 'ratio', interval: '95 % paired bootstrap' };
}

function checked(result, fileName) {
  if (!result) throw new Error(`the lint of ${fileName} was dropped`);
  if (result.syntaxError) throw new Error(`${fileName} does not parse: ${result.syntaxError.message}`);
  if (result.ruleFailures.length > 0) throw new Error(`a rule failed on ${fileName}: ${result.ruleFailures[0].message}`);
  return result;
}

/**
 * The host thread's own CPU time and its wait for a core so far, in ms (Linux: the kernel's schedstat of the
 * main thread, whose thread id is the process id), or undefined elsewhere. Read outside the busy-time window.
 */
const SCHEDSTAT = `/proc/${process.pid}/task/${process.pid}/schedstat`;
function hostThreadTimes() {
  if (!existsSync(SCHEDSTAT)) return undefined;
  const [cpuNs, waitNs] = readFileSync(SCHEDSTAT, 'utf8').split(' ').map(Number);
  return { cpuMs: cpuNs / 1e6, waitMs: waitNs / 1e6 };
}

/**
 * What the host pays while it waits for `ask()`: round trip, the host thread's busy time in it, and (Linux) the
 * part of that the thread spent on a core: busy time also counts a thread that waits for a core while its loop
 * is busy.
 */
async function timeHostWait(ask) {
  const before = hostThreadTimes();
  const utilization = performance.eventLoopUtilization();
  const started = performance.now();
  const value = await ask();
  const ms = performance.now() - started;
  const hostMs = performance.eventLoopUtilization(utilization).active;
  const after = hostThreadTimes();
  const hostCpuMs = before && after ? after.cpuMs - before.cpuMs : undefined;
  const hostWaitMs = before && after ? after.waitMs - before.waitMs : undefined;
  return { ms, hostMs, hostCpuMs, hostWaitMs, value };
}

/** One lint through the worker, timed as `timeHostWait` times it. */
async function timeWorkerLint(client, file, settings) {
  const { value, ...times } = await timeHostWait(() => client.lint(undefined, { text: file.text, fileName: file.fileName, settings }));
  return { ...times, result: checked(value, file.fileName) };
}

async function timeInProcessLint(lintAndConvert, file, settings) {
  const started = performance.now();
  const result = checked(await lintAndConvert(file.text, file.fileName, settings), file.fileName);
  return { ms: performance.now() - started, result };
}

/** The parse step alone, called as ESLint's JavaScript language calls it (languages/js/index.js). */
function parserOf(language, bundleFolderPath) {
  const options = (fileName) => ({
    ecmaVersion: 'latest',
    sourceType: 'commonjs',
    ecmaFeatures: { jsx: language === 'js' },
    loc: true,
    range: true,
    tokens: true,
    comment: true,
    eslintVisitorKeys: true,
    eslintScopeManager: true,
    filePath: fileName,
  });
  if (language === 'js') return (text, fileName) => espree.parse(text, options(fileName));
  const parser = createRequire(import.meta.url)(path.join(bundleFolderPath, 'typescript-parser.js'));
  return (text, fileName) => parser.parseForESLint(text, options(fileName));
}

/**
 * The first TypeScript lint of a fresh worker, asked at once (cold) or 2 s after `prepare` (warm). With
 * `codeCacheFolder` the parser loads from V8's code cache there, as in every VS Code start but the first after
 * an install or update (extension/src/lint/worker/code-cache.ts).
 */
async function firstTypeScriptLint(LintWorkerClient, workerPath, file, settings, warm, codeCacheFolder) {
  const client = new LintWorkerClient({ workerPath, log: (line) => console.error(line), ...(codeCacheFolder ? { codeCacheFolder } : {}) });
  try {
    if (warm) {
      void client.prepare('warm-up.ts');
      await new Promise((resolve) => setTimeout(resolve, WARM_START_DELAY_MS));
    }
    return (await timeWorkerLint(client, file, settings)).ms;
  } finally {
    await client.dispose();
  }
}

/** A code cache folder as a worker leaves it: the parser loaded, the file linted, the worker idle until written. */
async function primedCodeCache(LintWorkerClient, workerPath, file, settings, codeCacheFolder) {
  const client = new LintWorkerClient({ workerPath, log: (line) => console.error(line), codeCacheFolder });
  try {
    await client.prepare('warm-up.ts');
    await timeWorkerLint(client, file, settings);
    const written = () => existsSync(codeCacheFolder) && readdirSync(codeCacheFolder).some((name) => name.endsWith('.cache'));
    for (let waited = 0; !written(); waited += 100) {
      if (waited > 60_000) throw new Error(`the lint worker wrote no code cache into ${codeCacheFolder}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return codeCacheFolder;
  } finally {
    await client.dispose();
  }
}

export async function measureEditorLatency() {
  const figures = {};
  if (RUNS > 0) {
    const bundles = bundleFolder();
    // Not on disk: only the name matters (its extension picks the parser; no package.json above it: CommonJS).
    const folder = path.join(os.tmpdir(), 'socket-hygiene-editor-bench');
    const files = {
      js: { fileName: path.join(folder, 'server.js'), text: javascriptFixture(generateSocketCode, LINES) },
      ts: { fileName: path.join(folder, 'server.ts'), text: typescriptFixture(LINES) },
    };
    const plain = { fileName: path.join(folder, 'totals.js'), text: plainFixture(LINES) };
    let client;
    let holders = {};
    try {
      const { lintAndConvert, DEFAULT_SETTINGS } = await loadLintCore(bundles.folder);
      const { LintWorkerClient } = await loadEntry(bundles.folder, 'worker-client', "export * from './extension/src/lint/worker/worker-client';");
      const workerPath = path.join(bundles.folder, 'lint-worker.js');
      const settings = { rules: DEFAULT_SETTINGS.rules, strict: DEFAULT_SETTINGS.strict };
      const rulesOff = { ...settings, rules: Object.fromEntries(Object.keys(settings.rules).map((name) => [name, 'off'])) };
      const languages = Object.keys(files);

      // The first TypeScript lint of a fresh worker, cold and warm, alternating; with the code cache a first worker
      // left (every start but the first after an install), and warm without it (the first start).
      const codeCacheFolder = await primedCodeCache(LintWorkerClient, workerPath, files.ts, settings, path.join(bundles.folder, 'code-cache'));
      const tsFirst = { cold: [], warm: [], warmFirstStart: [] };
      for (let run = 0; run < FIRST_LINT_RUNS; run += 1) {
        for (const warm of run % 2 === 0 ? [false, true] : [true, false]) {
          tsFirst[warm ? 'warm' : 'cold'].push(await firstTypeScriptLint(LintWorkerClient, workerPath, files.ts, settings, warm, codeCacheFolder));
        }
        tsFirst.warmFirstStart.push(await firstTypeScriptLint(LintWorkerClient, workerPath, files.ts, settings, true));
      }

      client = new LintWorkerClient({ workerPath, log: (line) => console.error(line) });
      const times = Object.fromEntries(
        languages.map((language) => [language, { first: 0, problems: 0, ours: [], floor: [], host: [], hostCpu: [], hostWait: [], inProcess: [], inProcessFloor: [], parse: [] }]),
      );
      const firstResults = {};
      for (const language of languages) {
        const { ms, result } = await timeWorkerLint(client, files[language], settings);
        Object.assign(times[language], { first: ms, problems: result.problems.length });
        firstResults[language] = result;
      }
      // Every round lints each file with and without the rules, the order rotating from round to round, so that
      // a busy moment of the shared machine falls on all of them alike. The event loop's delay is watched over every
      // other round, and the host's busy time taken from the rounds in between: the delay monitor is a 1 ms timer
      // on the host's own loop, whose ~150 wake-ups during one lint eventLoopUtilization would count as the
      // host's time (2026-12-03, load 5-9, 80 lints each: median 4.8 ms with it, 0.67 ms without; the extension host runs no
      // such monitor).
      // The control, in the same rotation: a worker that does no lint holds a stored result for as long as the
      // same language's lint with (or without) the rules took last, and the host's busy time is taken over that
      // window as over a lint's (lib/held-answer.mjs). What the host pays there it pays with no lint beside it.
      const variants = languages.flatMap((language) => [
        { language, settings, into: 'ours' },
        { language, settings: rulesOff, into: 'floor' },
        { language, holdLike: 'ours', into: 'idleWorker' },
        { language, holdLike: 'floor', into: 'idleWorker' },
      ]);
      holders = Object.fromEntries(await Promise.all(languages.map(async (language) => [language, await startHeldAnswer(firstResults[language])])));
      const lastMs = Object.fromEntries(languages.map((language) => [language, { ours: 100, floor: 100 }]));
      const idleWorker = { host: [], hostCpu: [], hostWait: [] };
      // A fresh monitor per watched round: a monitor enabled again counts the whole time it was off (the rounds in
      // between, ~0.9 s) as one delay at its first tick (Node 20: max 916 ms after a 900 ms idle gap; 3-7 ms for
      // a fresh one), which is what hostEventLoopDelayMaxMs reported before.
      const delayMaxima = [];
      const delayP99s = [];
      let delay;
      for (let round = 0; round < WARMUP_RUNS + RUNS; round += 1) {
        const watched = round >= WARMUP_RUNS && (round - WARMUP_RUNS) % 2 === 1;
        if (watched) {
          delay = monitorEventLoopDelay({ resolution: 1 });
          delay.enable();
        }
        for (let k = 0; k < variants.length; k += 1) {
          const { language, settings: variantSettings, into, holdLike } = variants[(round + k) % variants.length];
          if (holdLike) {
            const held = await timeHostWait(() => holders[language].hold(lastMs[language][holdLike]));
            if (held.value.problems.length !== firstResults[language].problems.length) throw new Error('the held answer lost problems');
            if (round < WARMUP_RUNS || watched) continue;
            idleWorker.host.push(held.hostMs);
            if (held.hostCpuMs !== undefined) {
              idleWorker.hostCpu.push(held.hostCpuMs);
              idleWorker.hostWait.push(held.hostWaitMs);
            }
            continue;
          }
          const { ms, hostMs, hostCpuMs, hostWaitMs } = await timeWorkerLint(client, files[language], variantSettings);
          lastMs[language][into] = ms;
          if (round < WARMUP_RUNS) continue;
          times[language][into].push(ms);
          if (!watched) {
            times[language].host.push(hostMs);
            if (hostCpuMs !== undefined) {
              times[language].hostCpu.push(hostCpuMs);
              times[language].hostWait.push(hostWaitMs);
            }
          }
        }
        if (watched) {
          delay.disable();
          delayMaxima.push(delay.max / 1e6);
          delayP99s.push(delay.percentile(99) / 1e6);
        }
      }

      // A file that names no socket API, through the same path.
      const skipped = [];
      const skippedHost = [];
      for (let run = 0; run < WARMUP_RUNS + RUNS; run += 1) {
        const { ms, hostMs, result } = await timeWorkerLint(client, plain, settings);
        if (!result.skipped) throw new Error('the plain file was not skipped');
        if (run >= WARMUP_RUNS) {
          skipped.push(ms);
          skippedHost.push(hostMs);
        }
      }

      // For comparison: the same lints in-process (what the host thread ran before the worker), and the parse alone.
      for (let round = 0; round < 5 + IN_PROCESS_RUNS; round += 1) {
        for (const language of languages) {
          for (const [variantSettings, into] of [[settings, 'inProcess'], [rulesOff, 'inProcessFloor']]) {
            const { ms } = await timeInProcessLint(lintAndConvert, files[language], variantSettings);
            if (round >= 5) times[language][into].push(ms);
          }
        }
      }
      const parsers = Object.fromEntries(languages.map((language) => [language, parserOf(language, bundles.folder)]));
      for (let round = 0; round < WARMUP_RUNS + PARSE_RUNS; round += 1) {
        for (const language of languages) {
          const started = performance.now();
          parsers[language](files[language].text, files[language].fileName);
          if (round >= WARMUP_RUNS) times[language].parse.push(performance.now() - started);
        }
      }

      // Worker thread or child process: the same request and result carried both ways (lib/transport.mjs).
      const transport = await measureTransport({
        request: { text: files.js.text, fileName: files.js.fileName, settings },
        result: firstResults.js,
        runs: RUNS,
        warmup: WARMUP_RUNS,
      });

      const allHost = languages.flatMap((language) => times[language].host);
      const allHostCpu = languages.flatMap((language) => times[language].hostCpu);
      const allHostWait = languages.flatMap((language) => times[language].hostWait);
      Object.assign(figures, {
        hostBlockedMs: statistic(Math.max(...allHost), allHost.length, 'ms'),
        hostMedianMs: figure(allHost, 'ms'),
        // the maximum is one sample of 400 and catches any pause of the bench process itself (a major GC of the
        // heap that also holds the in-process comparison); the p99 says whether it is typical
        hostP99Ms: statistic(percentile(allHost, 99), allHost.length, 'ms'),
        // Linux: the same lints' host-thread CPU time (the work the host does) and its wait for a core (the
        // machine's load), from the kernel's schedstat; the maximum of the busy time above is one or the other
        ...(allHostCpu.length > 0
          ? {
              hostCpuMaxMs: statistic(Math.max(...allHostCpu), allHostCpu.length, 'ms'),
              hostCpuMedianMs: figure(allHostCpu, 'ms'),
              hostRunQueueWaitMaxMs: statistic(Math.max(...allHostWait), allHostWait.length, 'ms'),
            }
          : {}),
        // the control: windows as long as the lints', in the same rounds, with a worker that does no lint; a maximum
        // it shares is not the lint's
        hostIdleWorkerBlockedMs: statistic(Math.max(...idleWorker.host), idleWorker.host.length, 'ms'),
        hostIdleWorkerP99Ms: statistic(percentile(idleWorker.host, 99), idleWorker.host.length, 'ms'),
        ...(idleWorker.hostCpu.length > 0
          ? {
              hostIdleWorkerCpuMaxMs: statistic(Math.max(...idleWorker.hostCpu), idleWorker.hostCpu.length, 'ms'),
              hostIdleWorkerRunQueueWaitMaxMs: statistic(Math.max(...idleWorker.hostWait), idleWorker.hostWait.length, 'ms'),
            }
          : {}),
        hostEventLoopDelayMaxMs: statistic(Math.max(...delayMaxima), delayMaxima.length * variants.length, 'ms'),
        // the median of the watched rounds' own p99 (Node cannot merge these histograms)
        hostEventLoopDelayP99Ms: statistic(percentile(delayP99s, 50), delayMaxima.length * variants.length, 'ms'),
        skippedFileMs: figure(skipped, 'ms'),
        skippedFileHostMs: statistic(Math.max(...skippedHost), skippedHost.length, 'ms'),
        transportWorkerMs: figure(transport.worker.ms, 'ms'),
        transportChildProcessMs: figure(transport.child.ms, 'ms'),
        transportWorkerHostMs: figure(transport.worker.hostMs, 'ms'),
        transportChildProcessHostMs: figure(transport.child.hostMs, 'ms'),
        tsFirstLintMs: figure(tsFirst.warm, 'ms'),
        tsFirstLintColdMs: figure(tsFirst.cold, 'ms'),
        tsFirstLintFirstStartMs: figure(tsFirst.warmFirstStart, 'ms'),
      });
      for (const language of languages) {
        const { first, problems, ours, floor, inProcess, inProcessFloor, parse } = times[language];
        Object.assign(figures, {
          [`${language}MedianMs`]: figure(ours, 'ms'),
          [`${language}P95Ms`]: statistic(percentile(ours, 95), ours.length, 'ms'),
          [`${language}RulesOffMedianMs`]: figure(floor, 'ms'),
          [`${language}OverFloor`]: overFloor(ours, floor),
          [`${language}InProcessMedianMs`]: figure(inProcess, 'ms'),
          [`${language}InProcessRulesOffMedianMs`]: figure(inProcessFloor, 'ms'),
          [`${language}ParseOnlyMs`]: figure(parse, 'ms'),
          [`${language}WorkerFirstLintMs`]: figure([first], 'ms'),
          [`${language}Problems`]: problems,
        });
      }
    } finally {
      await client?.dispose();
      await Promise.all(Object.values(holders).map((holder) => holder.dispose()));
      bundles.remove();
    }
    figures.lines = LINES;
  }

  if (ACTIVATION_RUNS > 0) {
    const { stale } = ensurePackaged();
    const previous = PREVIOUS_VSIX && existsSync(PREVIOUS_VSIX) ? PREVIOUS_VSIX : undefined;
    const activation = await measureActivation(ACTIVATION_RUNS, previous);
    figures.activationMs = figure(activation.current, 'ms');
    if (previous) figures.activationPreviousVsixMs = figure(activation.previous, 'ms');
    if (stale) figures.activationOnStaleVsix = true;
  }
  return figures;
}
