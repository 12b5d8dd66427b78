// Item 3: the rules keep no state across files, so ESLint's worker threads (--concurrency) and its
// result cache (--cache) must give the same findings as a plain run. The corpus is copied out of
// node_modules (which the CLI always ignores) into bench/.corpus/{commonjs,module}/, one folder per
// module system so that a two-entry config gives every file the sourceType Node would.
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { readCorpus } from '../corpus/sources.mjs';
import { benchRoot, figure } from './lib/figures.mjs';

const corpusCopy = path.join(benchRoot, '.corpus');
const eslintBin = path.join(benchRoot, '..', 'node_modules', 'eslint', 'bin', 'eslint.js');

const CONFIG = `import plugin from 'eslint-plugin-socket-hygiene';
export default [
  { linterOptions: { noInlineConfig: true, reportUnusedDisableDirectives: 'off' } },
  { files: ['commonjs/**/*.{js,cjs,mjs}'], languageOptions: { sourceType: 'commonjs' } },
  { files: ['module/**/*.{js,cjs,mjs}'], languageOptions: { sourceType: 'module' } },
  { files: ['**/*.{js,cjs,mjs}'], ...plugin.configs.recommended },
];
`;

function copyCorpus() {
  rmSync(corpusCopy, { recursive: true, force: true });
  for (const source of readCorpus()) {
    // .js keeps its own name: the folder says its module system, .cjs/.mjs already do.
    const target = path.join(corpusCopy, source.sourceType, source.name);
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, source.text);
  }
  writeFileSync(path.join(corpusCopy, 'eslint.config.mjs'), CONFIG);
  writeFileSync(path.join(corpusCopy, 'package.json'), '{ "private": true, "type": "module" }\n');
}

function runEslint(extraArgs) {
  const started = performance.now();
  let stdout;
  try {
    stdout = execFileSync(process.execPath, [eslintBin, '--format', 'json', ...extraArgs, '.'], {
      cwd: corpusCopy,
      maxBuffer: 256 * 2 ** 20,
      encoding: 'utf8',
    });
  } catch (error) {
    if (error.status !== 1) throw error; // 1 means findings, which the corpus has
    stdout = error.stdout;
  }
  const ms = performance.now() - started;
  const findings = JSON.parse(stdout)
    .flatMap((result) =>
      result.messages.filter((m) => m.ruleId?.startsWith('socket-hygiene/')).map(
        (m) => `${path.relative(corpusCopy, result.filePath)}:${m.line}:${m.column}:${m.ruleId}:${m.messageId ?? m.message}`,
      ),
    )
    .sort();
  return { ms, findings };
}

export function measureConcurrency({ runs = 5 } = {}) {
  copyCorpus();
  const cacheLocation = path.join(corpusCopy, '.eslintcache');
  const plain = [];
  const parallel = [];
  const cachedWarm = [];
  let reference;
  let sameFindings = true;
  for (let run = 0; run < runs; run += 1) {
    const single = runEslint(['--concurrency', 'off']);
    const two = runEslint(['--concurrency', '2']);
    rmSync(cacheLocation, { force: true });
    const cold = runEslint(['--cache', '--cache-location', cacheLocation]);
    const warm = runEslint(['--cache', '--cache-location', cacheLocation]);
    reference ??= single.findings;
    for (const other of [single, two, cold, warm]) {
      if (other.findings.join('\n') !== reference.join('\n')) sameFindings = false;
    }
    plain.push(single.ms);
    parallel.push(two.ms);
    cachedWarm.push(warm.ms);
  }
  return {
    sameFindings,
    findings: reference.length,
    plainMs: figure(plain, 'ms'),
    concurrency2Ms: figure(parallel, 'ms'),
    speedup: figure(plain.map((ms, i) => ms / parallel[i]), 'ratio'),
    cachedWarmMs: figure(cachedWarm, 'ms'),
    cacheSpeedup: figure(plain.map((ms, i) => ms / cachedWarm[i]), 'ratio'),
  };
}
