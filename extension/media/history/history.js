// The History webview: draws what the extension host posts (it keeps the history, so a re-shown
// view redraws at once). Strings from the endpoint go through textContent only, never innerHTML.
/* global uPlot, acquireVsCodeApi */
(function () {
  'use strict';

  const WINDOW_SECONDS = 10 * 60;
  const vscode = typeof acquireVsCodeApi === 'function' ? acquireVsCodeApi() : undefined;
  const chartElement = document.getElementById('chart');
  const endpointElement = document.getElementById('endpoint');
  const statusElement = document.getElementById('status');
  const warningsElement = document.getElementById('warnings');
  const emptyElement = document.getElementById('empty');

  /** @type {any} */
  let chart;
  /** @type {any} */
  let latest;

  /** Canvas needs real colours: resolve the theme's CSS variables (charts.* from the colour theme). */
  function themeColor(name, fallback) {
    const value = getComputedStyle(document.documentElement).getPropertyValue(name).trim();
    return value === '' ? fallback : value;
  }

  function chartOptions(width) {
    const foreground = themeColor('--vscode-descriptionForeground', themeColor('--vscode-foreground', '#888'));
    const grid = themeColor('--vscode-editorWidget-border', themeColor('--vscode-panel-border', 'rgba(128,128,128,0.35)'));
    const countColor = themeColor('--vscode-charts-blue', '#3794ff');
    const heapColor = themeColor('--vscode-charts-orange', '#d18616');
    const font = `11px ${themeColor('--vscode-font-family', 'sans-serif')}`;
    const axis = { stroke: foreground, font, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid, width: 1 } };
    return {
      width,
      height: Math.max(140, Math.min(260, Math.round(width * 0.55))),
      scales: {
        x: {
          time: true,
          // From the first sample, at least a minute wide, at most the last 10 minutes.
          range: (self, min, max) => [Math.min(max - 60, Math.max(min, max - WINDOW_SECONDS)), max],
        },
        count: { range: (self, min, max) => [0, Math.max(4, Math.ceil(max * 1.1))] },
        mb: { range: (self, min, max) => [0, Math.max(1, Math.ceil(max * 1.1))] },
      },
      series: [
        {},
        { label: 'connections', scale: 'count', stroke: countColor, width: 2, spanGaps: false, points: { show: false } },
        { label: 'heapUsed MB', scale: 'mb', stroke: heapColor, width: 1.5, dash: [6, 3], spanGaps: false, points: { show: false } },
      ],
      axes: [
        // Clock times only, seconds when the ticks are closer than a minute: no date row to collide with.
        { ...axis, space: 56, values: (self, splits, axisIndex, space, increment) => splits.map((seconds) => clockLabel(seconds, increment < 60)) },
        { ...axis, scale: 'count', label: 'connections', labelFont: font, size: 44 },
        { ...axis, scale: 'mb', side: 1, label: 'heapUsed MB', labelFont: font, size: 48, grid: { show: false } },
      ],
      legend: { show: true },
      cursor: { drag: { x: false, y: false } },
    };
  }

  function clockLabel(seconds, withSeconds) {
    const date = new Date(seconds * 1000);
    const pad = (value) => String(value).padStart(2, '0');
    const label = `${pad(date.getHours())}:${pad(date.getMinutes())}`;
    return withSeconds ? `${label}:${pad(date.getSeconds())}` : label;
  }

  function chartWidth() {
    return Math.max(160, Math.floor(chartElement.clientWidth || document.body.clientWidth || 300));
  }

  function columns(data) {
    return [data.t, data.count, data.heapUsedMB];
  }

  /** Rebuilds the chart, e.g. after a theme change, since uPlot bakes colours into its options. */
  function rebuild() {
    if (chart !== undefined) {
      chart.destroy();
      chart = undefined;
    }
    if (latest !== undefined && latest.t.length > 0) {
      chart = new uPlot(chartOptions(chartWidth()), columns(latest), chartElement);
    }
  }

  function showText(data) {
    endpointElement.textContent = data.endpoint === null ? 'No endpoint attached' : data.endpoint.name;
    endpointElement.title = data.endpoint === null ? '' : data.endpoint.url;
    const last = data.count.length > 0 ? data.count[data.count.length - 1] : null;
    const parts = [];
    if (data.problem !== null) parts.push(data.problem);
    else if (last !== null && last !== undefined) parts.push(`${last} active`);
    if (data.state === 'paused') parts.push('paused');
    statusElement.textContent = parts.join(' · ');
    statusElement.classList.toggle('failing', data.problem !== null);

    warningsElement.replaceChildren(
      ...data.warnings.map((message) => {
        const item = document.createElement('li');
        item.textContent = `⚠ ${message}`;
        return item;
      }),
    );
    emptyElement.hidden = data.t.length > 0;
    chartElement.dataset.points = String(data.t.length);
    chartElement.dataset.lastCount = last === null || last === undefined ? '' : String(last);
    chartElement.dataset.warnings = String(data.warnings.length);
  }

  function show(data) {
    const started = performance.now();
    const firstDraw = latest === undefined || latest.t.length === 0;
    latest = data;
    showText(data);
    if (data.t.length === 0) {
      rebuild();
    } else if (chart === undefined || firstDraw) {
      rebuild();
    } else {
      chart.setData(columns(data));
    }
    document.body.dataset.drawMs = (performance.now() - started).toFixed(2);
  }

  window.addEventListener('message', (event) => {
    const data = event.data;
    if (data !== null && typeof data === 'object' && data.type === 'history') show(data);
  });

  new ResizeObserver(() => {
    if (chart !== undefined) {
      const width = chartWidth();
      const options = chartOptions(width);
      chart.setSize({ width, height: options.height });
    }
  }).observe(chartElement);

  // VS Code swaps the body's theme class and the CSS variables on a theme change.
  new MutationObserver(rebuild).observe(document.body, { attributes: true, attributeFilter: ['class'] });

  if (vscode !== undefined) vscode.postMessage({ type: 'ready' });
})();
