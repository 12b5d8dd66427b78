// The History webview's HTML: a strict Content-Security-Policy (scripts only with this page's nonce,
// styles and scripts only from the extension, no inline handlers, no eval, no remote content). The
// data arrives later by postMessage and is written with textContent and onto a canvas, never as HTML.

export interface HistoryHtmlResources {
  /** webview.cspSource */
  cspSource: string;
  nonce: string;
  uplotScript: string;
  uplotStyle: string;
  historyScript: string;
  historyStyle: string;
}

export function createNonce(random: (size: number) => Buffer): string {
  return random(18).toString('base64');
}

function attribute(value: string): string {
  return value.replaceAll('&', '&amp;').replaceAll('"', '&quot;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

export function historyHtml(resources: HistoryHtmlResources): string {
  const csp = [
    "default-src 'none'",
    `img-src ${resources.cspSource} data:`,
    `style-src ${resources.cspSource}`,
    `script-src 'nonce-${resources.nonce}'`,
    `font-src ${resources.cspSource}`,
  ].join('; ');
  const nonce = attribute(resources.nonce);
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${attribute(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${attribute(resources.uplotStyle)}">
<link rel="stylesheet" href="${attribute(resources.historyStyle)}">
<title>History</title>
</head>
<body>
<header>
<div id="endpoint" class="endpoint">No endpoint attached</div>
<div id="status" class="status" role="status"></div>
</header>
<ul id="warnings" class="warnings" aria-live="polite"></ul>
<div id="chart" class="chart" role="img" aria-label="Active connections and heapUsed over the last 10 minutes"></div>
<p id="empty" class="empty">Attach to a status endpoint to see its connection count over the last 10 minutes.</p>
<script nonce="${nonce}" src="${attribute(resources.uplotScript)}"></script>
<script nonce="${nonce}" src="${attribute(resources.historyScript)}"></script>
</body>
</html>
`;
}
