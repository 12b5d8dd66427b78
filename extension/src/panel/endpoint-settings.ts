// Reads the `socketHygiene.endpoints` setting: an array of `{ name, url, headers? }` objects or plain
// URL strings. Bad entries are reported and skipped, so one typo does not hide the other endpoints.

export interface EndpointDefinition {
  /** Stable key: the URL, which is what makes two entries the same endpoint. */
  key: string;
  name: string;
  url: string;
  /** Non-secret headers from settings; tokens come from SecretStorage instead. */
  headers: Record<string, string>;
}

export interface ParsedEndpoints {
  endpoints: EndpointDefinition[];
  problems: string[];
}

/** Returns an error message for a URL the panel will not poll, or undefined when it is fine. */
export function checkEndpointUrl(input: string): string | undefined {
  const text = input.trim();
  if (text === '') return 'Enter the URL of a status endpoint, e.g. http://127.0.0.1:9000/status';
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return !text.includes('://') && URL.canParse(`http://${text}`) ? `not a URL: ${text} (did you mean http://${text}?)` : `not a URL: ${text}`;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return `only http and https URLs are polled, not ${url.protocol.replace(/:$/, '')}`;
  }
  if (url.username !== '' || url.password !== '') {
    return 'credentials in the URL are not sent; use "Set Endpoint Token…" instead';
  }
  return undefined;
}

/** The name shown when the settings give none: host and path, which is what tells endpoints apart. */
export function defaultEndpointName(url: string): string {
  const parsed = new URL(url);
  return parsed.host + (parsed.pathname === '/' ? '' : parsed.pathname);
}

function normalizeUrl(url: string): string {
  return new URL(url.trim()).href;
}

function readHeaders(value: unknown, where: string, problems: string[]): Record<string, string> {
  if (value === undefined) return {};
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    problems.push(`${where}.headers: must be an object of strings`);
    return {};
  }
  const headers: Record<string, string> = {};
  for (const [name, headerValue] of Object.entries(value)) {
    if (typeof headerValue !== 'string') {
      problems.push(`${where}.headers.${name}: must be a string`);
      continue;
    }
    headers[name] = headerValue;
  }
  return headers;
}

export function parseEndpointSettings(value: unknown): ParsedEndpoints {
  const endpoints: EndpointDefinition[] = [];
  const problems: string[] = [];
  if (value === undefined || value === null) return { endpoints, problems };
  if (!Array.isArray(value)) {
    return { endpoints, problems: ['socketHygiene.endpoints: must be an array'] };
  }
  const seen = new Set<string>();
  value.forEach((entry: unknown, index) => {
    const where = `socketHygiene.endpoints[${index}]`;
    let url: unknown;
    let name: unknown;
    let headers: Record<string, string> = {};
    if (typeof entry === 'string') {
      url = entry;
    } else if (typeof entry === 'object' && entry !== null && !Array.isArray(entry)) {
      const record = entry as Record<string, unknown>;
      url = record.url;
      name = record.name;
      headers = readHeaders(record.headers, where, problems);
    } else {
      problems.push(`${where}: must be a URL string or { "name", "url", "headers"? }`);
      return;
    }
    if (typeof url !== 'string') {
      problems.push(`${where}.url: must be a string`);
      return;
    }
    const urlProblem = checkEndpointUrl(url);
    if (urlProblem !== undefined) {
      problems.push(`${where}.url: ${urlProblem}`);
      return;
    }
    if (name !== undefined && typeof name !== 'string') {
      problems.push(`${where}.name: must be a string`);
      name = undefined;
    }
    const key = normalizeUrl(url);
    if (seen.has(key)) {
      problems.push(`${where}: ${key} is listed twice; the first entry is used`);
      return;
    }
    seen.add(key);
    const trimmedName = typeof name === 'string' ? name.trim() : '';
    endpoints.push({
      key,
      name: trimmedName === '' ? defaultEndpointName(key) : trimmedName,
      url: key,
      headers,
    });
  });
  return { endpoints, problems };
}

/** The levels of a setting as VS Code's `inspect()` reports them. */
export interface InspectedSetting {
  defaultValue?: unknown;
  globalValue?: unknown;
  workspaceValue?: unknown;
  workspaceFolderValue?: unknown;
}

/**
 * Which `socketHygiene.endpoints` value the panel polls. In an untrusted workspace only the user's own
 * settings count: a cloned repository's .vscode/settings.json must not make the extension send requests.
 */
export function endpointsSettingValue(inspected: InspectedSetting | undefined, trusted: boolean): unknown {
  if (inspected === undefined) return undefined;
  if (trusted) return inspected.workspaceFolderValue ?? inspected.workspaceValue ?? inspected.globalValue ?? inspected.defaultValue;
  return inspected.globalValue ?? inspected.defaultValue;
}
