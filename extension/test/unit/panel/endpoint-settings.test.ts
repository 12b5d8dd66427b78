import { describe, expect, it } from 'vitest';
import { checkEndpointUrl, endpointsSettingValue, parseEndpointSettings } from '../../../src/panel/endpoint-settings.js';

describe('checkEndpointUrl', () => {
  it('accepts http and https', () => {
    expect(checkEndpointUrl('http://127.0.0.1:9000/status')).toBeUndefined();
    expect(checkEndpointUrl(' https://status.example.com/status ')).toBeUndefined();
  });

  it('refuses everything else with a reason', () => {
    expect(checkEndpointUrl('')).toMatch(/^Enter the URL/);
    expect(checkEndpointUrl('127.0.0.1:9000')).toBe('not a URL: 127.0.0.1:9000 (did you mean http://127.0.0.1:9000?)');
    expect(checkEndpointUrl('http://')).toBe('not a URL: http://');
    expect(checkEndpointUrl('file:///etc/passwd')).toBe('only http and https URLs are polled, not file');
    expect(checkEndpointUrl('javascript:alert(1)')).toBe('only http and https URLs are polled, not javascript');
    expect(checkEndpointUrl('http://user:pw@host/status')).toMatch(/^credentials in the URL are not sent/);
  });
});

describe('parseEndpointSettings', () => {
  it('reads objects and plain URL strings', () => {
    const parsed = parseEndpointSettings([
      { name: 'api', url: 'http://127.0.0.1:9000/status', headers: { 'x-env': 'dev' } },
      'http://127.0.0.1:9001/status',
    ]);
    expect(parsed.problems).toEqual([]);
    expect(parsed.endpoints).toEqual([
      { key: 'http://127.0.0.1:9000/status', name: 'api', url: 'http://127.0.0.1:9000/status', headers: { 'x-env': 'dev' } },
      { key: 'http://127.0.0.1:9001/status', name: '127.0.0.1:9001/status', url: 'http://127.0.0.1:9001/status', headers: {} },
    ]);
  });

  it('skips bad entries and says why, keeping the good ones', () => {
    const parsed = parseEndpointSettings([
      42,
      { name: 'no url' },
      'ftp://files/status',
      { url: 'http://127.0.0.1:9000/status', headers: { good: 'yes', bad: 1 } },
      'http://127.0.0.1:9000/status',
    ]);
    expect(parsed.endpoints.map((endpoint) => endpoint.url)).toEqual(['http://127.0.0.1:9000/status']);
    expect(parsed.endpoints[0]?.headers).toEqual({ good: 'yes' });
    expect(parsed.problems).toEqual([
      'socketHygiene.endpoints[0]: must be a URL string or { "name", "url", "headers"? }',
      'socketHygiene.endpoints[1].url: must be a string',
      'socketHygiene.endpoints[2].url: only http and https URLs are polled, not ftp',
      'socketHygiene.endpoints[3].headers.bad: must be a string',
      'socketHygiene.endpoints[4]: http://127.0.0.1:9000/status is listed twice; the first entry is used',
    ]);
  });

  it('treats a missing setting as no endpoints and a non-array as a problem', () => {
    expect(parseEndpointSettings(undefined)).toEqual({ endpoints: [], problems: [] });
    expect(parseEndpointSettings({})).toEqual({ endpoints: [], problems: ['socketHygiene.endpoints: must be an array'] });
  });
});

describe('endpointsSettingValue', () => {
  const inspected = {
    defaultValue: [],
    globalValue: ['http://127.0.0.1:1/status'],
    workspaceValue: ['http://attacker.example/status'],
  };

  it('takes the most specific value in a trusted workspace', () => {
    expect(endpointsSettingValue(inspected, true)).toEqual(['http://attacker.example/status']);
    expect(endpointsSettingValue({ ...inspected, workspaceFolderValue: ['http://127.0.0.1:3/status'] }, true)).toEqual(['http://127.0.0.1:3/status']);
  });

  it("ignores the workspace's values until the workspace is trusted", () => {
    expect(endpointsSettingValue(inspected, false)).toEqual(['http://127.0.0.1:1/status']);
    expect(endpointsSettingValue({ defaultValue: [], workspaceFolderValue: ['http://attacker.example/status'] }, false)).toEqual([]);
  });
});
