// The dashboard pages' only script: draws the trend charts (uPlot, served from its WebJar) and
// keeps the page live. Email content never passes through here as markup: charts read numbers
// from a data attribute, and live updates swap in the server's own escaped HTML, parsed inert
// by DOMParser and moved in as nodes.
/* global uPlot */

const REFERENCE_LINES = [
  { value: 40, label: '40% inside sales', stroke: '#1a7f37' },
  { value: 20, label: '20% field sales', stroke: '#b08800' },
  { value: 10, label: '10% complex sales', stroke: '#cf222e' },
];

function drawCharts(root) {
  if (typeof uPlot !== 'function') return;
  for (const el of root.querySelectorAll('.chart[data-series]')) {
    const s = JSON.parse(el.dataset.series);
    el.replaceChildren();
    const n = s.x.length;
    const top = Math.max(50, ...s.share) * 1.1;
    const opts = {
      width: Math.max(320, Math.min(1100, el.clientWidth || 900)),
      height: 280,
      scales: { x: { time: true }, '%': { range: [0, top] }, h: {} },
      series: [
        {},
        { label: 'Customer-time share %', scale: '%', stroke: '#2458d6', width: 2.5, points: { show: true } },
        ...REFERENCE_LINES.map((r) => ({ label: r.label, scale: '%', stroke: r.stroke, width: 1, dash: [6, 4], points: { show: false } })),
        { label: 'Meeting hours', scale: 'h', stroke: '#8250df', width: 1.5 },
        { label: 'Email hours (est.)', scale: 'h', stroke: '#0a7ea4', width: 1.5 },
      ],
      axes: [{}, { scale: '%', label: 'share %' }, { scale: 'h', side: 1, label: 'hours', grid: { show: false } }],
    };
    const data = [s.x, s.share, ...REFERENCE_LINES.map((r) => new Array(n).fill(r.value)), s.meetingHours, s.emailHours];
    // eslint-disable-next-line new-cap
    new uPlot(opts, data, el);
    el.dataset.drawn = 'true';
  }
}

function startLive() {
  let main = document.getElementById('page');
  if (!main || !window.EventSource || !main.dataset.live) return;
  let busy = false;
  let again = false;
  const say = (text) => {
    const status = document.getElementById('live-status');
    if (status) status.textContent = text;
  };
  async function refresh() {
    if (busy) {
      again = true;
      return;
    }
    busy = true;
    try {
      // A person typing in a field of the page keeps what they typed; the next change catches up.
      if (main.contains(document.activeElement) && document.activeElement.matches('input, select, textarea')) {
        again = true;
        return;
      }
      const res = await fetch(window.location.href, { credentials: 'same-origin', headers: { Accept: 'text/html' } });
      if (res.redirected || !res.ok) return;
      const doc = new DOMParser().parseFromString(await res.text(), 'text/html');
      const fresh = doc.getElementById('page');
      if (!fresh) return;
      const node = document.importNode(fresh, true);
      main.replaceWith(node);
      main = node;
      drawCharts(node);
      say(`Live · updated ${new Date().toLocaleTimeString()}`);
      document.dispatchEvent(new CustomEvent('quietlog:updated'));
    } catch {
      say('Live updates paused: cannot reach the server');
    } finally {
      busy = false;
      if (again) {
        again = false;
        setTimeout(refresh, 250);
      }
    }
  }
  const events = new EventSource(main.dataset.live);
  events.addEventListener('open', () => say('Live'));
  events.addEventListener('change', refresh);
  events.addEventListener('signed-out', () => {
    events.close();
    say('Signed out: sign in again for live updates');
  });
}

drawCharts(document);
startLive();
