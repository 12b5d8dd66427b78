#!/usr/bin/env node
// The main job on the bundled fixtures: lint test-fixtures/ with the plugin's `recommended` config,
// print every finding, and exit 0 only when the findings are exactly the annotated ones.
import { checkFixtures } from './lib/fixture-expectations.mjs';

const files = await checkFixtures();
let findings = 0;
let problems = 0;
for (const file of files) {
  for (const message of file.findings) {
    findings += 1;
    console.log(`${file.file}:${message.line}:${message.column}  ${message.ruleId}  ${message.message}`);
  }
  for (const message of file.fatal) {
    problems += 1;
    console.error(`${file.file}:${message.line}:${message.column}  parse error: ${message.message}`);
  }
  for (const message of file.unexpected) {
    problems += 1;
    console.error(`${file.file}:${message.line}  not annotated: ${message.ruleId} (add '// expect: ${message.ruleId}' or fix the rule)`);
  }
  for (const expectation of file.missing) {
    problems += 1;
    console.error(`${file.file}:${expectation.line}  expected ${expectation.ruleId}, not reported`);
  }
}
console.log(`\n${files.length} files, ${findings} findings, ${problems} mismatches with the '// expect:' annotations`);
process.exitCode = problems === 0 ? 0 : 1;
