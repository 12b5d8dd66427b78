// test-fixtures/ linted with the plugin's `recommended` config: every `// expect:` annotation is covered
// by a report of its rule, and nothing else is reported.
import { describe, expect, it } from 'vitest';
import { checkFixtures, matchFindings, readExpectations } from '../lib/fixture-expectations.mjs';

describe('the annotation convention', () => {
  it('reads one expectation per rule id, several per line', () => {
    const text = [
      'server.on("x", () => {}); // expect: socket-hygiene/require-error-listener',
      'set.add(s); // expect: socket-hygiene/remove-on-close, socket-hygiene/timeout-ends-socket',
      '// expect: nothing here because it is not socket-hygiene/',
    ].join('\r\n');
    expect(readExpectations(text)).toEqual([
      { line: 1, ruleId: 'socket-hygiene/require-error-listener' },
      { line: 2, ruleId: 'socket-hygiene/remove-on-close' },
      { line: 2, ruleId: 'socket-hygiene/timeout-ends-socket' },
    ]);
  });

  it('pairs a report with an annotation anywhere in line..endLine, each annotation once', () => {
    const expectations = [{ line: 5, ruleId: 'r' }];
    const covered = { ruleId: 'r', line: 3, endLine: 6 };
    expect(matchFindings(expectations, [covered])).toEqual({ missing: [], unexpected: [] });
    expect(matchFindings(expectations, [covered, covered]).unexpected).toHaveLength(1);
    expect(matchFindings(expectations, [{ ruleId: 'other', line: 5, endLine: 5 }])).toEqual({
      missing: expectations,
      unexpected: [{ ruleId: 'other', line: 5, endLine: 5 }],
    });
  });
});

describe('test-fixtures/ under the recommended config', async () => {
  const files = await checkFixtures();

  it('lints the fixtures, leaky and clean', () => {
    expect(files.length).toBeGreaterThan(10);
    expect(files.some((file) => file.findings.length > 0)).toBe(true);
  });

  it.each(files.map((file) => [file.file, file]))('%s: reports exactly the annotated findings', (_name, file) => {
    expect(file.fatal).toEqual([]);
    expect(file.unexpected.map((m) => `${m.line}: ${m.ruleId} ${m.message}`)).toEqual([]);
    expect(file.missing.map((e) => `${e.line}: ${e.ruleId}`)).toEqual([]);
  });
});
