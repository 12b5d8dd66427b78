import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, lintConfigKey, readSettings, ruleIdOf, ruleNameOf } from '../../../src/lint/settings';
import { isExcluded, isInNodeModules } from '../../../src/lint/exclude';

describe('settings model', () => {
  it('defaults to auto, onType, every rule warn, not strict, nothing excluded, 200 ms', () => {
    expect(readSettings({})).toEqual({
      enable: 'auto',
      run: 'onType',
      rules: { 'remove-on-close': 'warn', 'timeout-ends-socket': 'warn', 'require-error-listener': 'warn' },
      strict: false,
      exclude: [],
      debounceMs: 200,
      errorHandlerTemplate: '',
    });
    expect(readSettings({})).toEqual(DEFAULT_SETTINGS);
  });

  it('reads every setting', () => {
    expect(
      readSettings({
        enable: false,
        run: 'onSave',
        rules: { 'remove-on-close': 'off', 'socket-hygiene/require-error-listener': 'error' },
        strict: true,
        exclude: ['dist/**', '**/*.gen.js'],
      }),
    ).toEqual({
      enable: false,
      run: 'onSave',
      rules: { 'remove-on-close': 'off', 'timeout-ends-socket': 'warn', 'require-error-listener': 'error' },
      strict: true,
      exclude: ['dist/**', '**/*.gen.js'],
      debounceMs: 200,
      errorHandlerTemplate: '',
    });
  });

  it.each([
    [{ enable: 'yes' }, { enable: 'auto' }],
    [{ enable: 'true' }, { enable: true }],
    [{ run: 'always' }, { run: 'onType' }],
    [{ rules: { 'remove-on-close': 2, 'no-such-rule': 'off', 'timeout-ends-socket': 'error' } }, { rules: { ...DEFAULT_SETTINGS.rules, 'timeout-ends-socket': 'error' } }],
    [{ rules: 'off' }, { rules: DEFAULT_SETTINGS.rules }],
    [{ strict: 'true' }, { strict: false }],
    [{ exclude: 'dist/**' }, { exclude: [] }],
    [{ exclude: ['a/**', 3, ' '] }, { exclude: ['a/**'] }],
  ])('falls back to the default for a malformed value: %j', (raw, expected) => {
    expect(readSettings(raw)).toMatchObject(expected);
  });

  it('names rules both ways', () => {
    expect(ruleNameOf('socket-hygiene/timeout-ends-socket')).toBe('timeout-ends-socket');
    expect(ruleNameOf('timeout-ends-socket')).toBe('timeout-ends-socket');
    expect(ruleNameOf('other/timeout-ends-socket')).toBeUndefined();
    expect(ruleNameOf('no-console')).toBeUndefined();
    expect(ruleIdOf('remove-on-close')).toBe('socket-hygiene/remove-on-close');
  });

  it('keys the lint config on what changes the reports only', () => {
    const base = readSettings({});
    expect(lintConfigKey(base)).toBe(lintConfigKey(readSettings({ run: 'onSave', exclude: ['x'] })));
    expect(lintConfigKey(base)).not.toBe(lintConfigKey(readSettings({ strict: true })));
    expect(lintConfigKey(base)).not.toBe(lintConfigKey(readSettings({ rules: { 'remove-on-close': 'error' } })));
  });
});

describe('excluded files', () => {
  it('skips anything in node_modules', () => {
    expect(isInNodeModules('/w/node_modules/ws/lib/websocket.js')).toBe(true);
    expect(isInNodeModules('C:\\w\\node_modules\\ws\\index.js')).toBe(true);
    expect(isInNodeModules('/w/src/node_modules_notes.js')).toBe(false);
  });

  it.each([
    [['dist/**'], 'dist/server.js', true],
    [['dist'], 'dist/deep/server.js', true],
    [['dist'], 'src/dist.js', false],
    [['**/*.gen.js'], 'src/a/api.gen.js', true],
    [['**/*.gen.js'], 'src/a/api.js', false],
    [['**/generated/**'], 'packages/x/generated/y.ts', true],
    [['**/.cache/**'], 'a/.cache/b.js', true],
    [['src/legacy/*.js'], 'src/legacy/old.js', true],
    [['src/legacy/*.js'], 'src/legacy/deeper/old.js', false],
    [['src\\legacy\\**'], 'src\\legacy\\old.js', true],
    [[], 'anything.js', false],
  ])('%j excludes %s: %s', (patterns, relativePath, expected) => {
    expect(isExcluded(patterns, relativePath)).toBe(expected);
  });

  it('matches absolute patterns against the absolute path', () => {
    expect(isExcluded(['/srv/app/vendor/**'], 'vendor/x.js', '/srv/app/vendor/x.js')).toBe(true);
    expect(isExcluded(['/srv/other/**'], 'vendor/x.js', '/srv/app/vendor/x.js')).toBe(false);
  });
});
