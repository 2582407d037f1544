// The charts, drawn with uPlot (loaded before the modules as window.uPlot): asks per week with the
// yeses, the running yes-rate with its 95% range, and the share of asks still without a reply.
import { $, h, DAY, pct, plural, fmtDate, isoToSec, mondayOf, wilson, isPhone } from './dom.js';
import { state } from './state.js';

function cssVar(name) { return getComputedStyle(document.documentElement).getPropertyValue(name).trim(); }
function chartHeight() { return isPhone() ? 190 : 230; }
function makeChart(el, opts, data) {
  el.replaceChildren();
  const width = Math.max(240, el.clientWidth || el.parentElement.clientWidth || 600);
  const u = new uPlot({ width, height: chartHeight(), ...opts }, data, el);
  state.charts.push({ u, el });
  return u;
}
function emptyChart(el, msg) {
  el.replaceChildren(h('p', { class: 'chart-empty' }, msg));
}
function dropCharts(el) {
  state.charts = state.charts.filter((c) => {
    if (c.el === el) { c.u.destroy(); return false; }
    return true;
  });
}
const utc = (ts) => uPlot.tzDate(new Date(ts * 1e3), 'Etc/UTC');
function axisStyle(extra) {
  return { stroke: cssVar('--muted'), grid: { stroke: cssVar('--grid'), width: 1 }, ticks: { stroke: cssVar('--grid') }, ...extra };
}

function weeklySeries() {
  const asks = state.data.exported.asks || [];
  if (!asks.length) return null;
  const today = isoToSec(state.data.status.today);
  const secs = asks.map((a) => isoToSec(a.asked_on));
  const first = mondayOf(Math.min(...secs));
  let last = mondayOf(Math.max(...secs));
  if (mondayOf(today) - last <= 8 * 7 * DAY) last = Math.max(last, mondayOf(today));
  const weeks = Math.round((last - first) / (7 * DAY)) + 1;
  const x = [], n = [], yes = [], rate = [], lo = [], hi = [];
  for (let i = 0; i < weeks; i++) { x.push(first + i * 7 * DAY); n.push(0); yes.push(0); }
  const decidedBy = new Array(weeks).fill(0), yesBy = new Array(weeks).fill(0);
  for (const a of asks) {
    const i = Math.round((mondayOf(isoToSec(a.asked_on)) - first) / (7 * DAY));
    if (i < 0 || i >= weeks) continue;
    n[i]++;
    if (a.outcome === 'yes') { yes[i]++; yesBy[i]++; }
    if (a.outcome !== 'pending' && a.outcome !== 'withdrawn') decidedBy[i]++;  // withdrawn: in no rate
  }
  let cy = 0, cn = 0;
  for (let i = 0; i < weeks; i++) {
    cy += yesBy[i]; cn += decidedBy[i];
    if (cn) { const [l, u] = wilson(cy, cn); rate.push(100 * cy / cn); lo.push(100 * l); hi.push(100 * u); }
    else { rate.push(null); lo.push(null); hi.push(null); }
  }
  return { x, n: n.map((v) => v || null), yes: yes.map((v) => v || null), rate, lo, hi, total: asks.length, cy, cn, weeks, busiest: Math.max(...n) };
}

export function renderWeekly() {
  const w = weeklySeries();
  const elW = $('chart-weekly'), elR = $('chart-running');
  dropCharts(elW); dropCharts(elR);
  if (!w) {
    emptyChart(elW, 'Your weekly chart appears after your first ask.');
    emptyChart(elR, 'The running yes-rate appears once an ask has an answer.');
    $('weekly-desc').textContent = ''; $('running-desc').textContent = '';
    return;
  }
  const accent = cssVar('--accent'), good = cssVar('--good');
  const bars = uPlot.paths.bars;
  // half a week of room on each side, so the first and last bars are not cut in half; ticks on whole days
  const xRange = () => [w.x[0] - 3.5 * DAY, w.x[w.x.length - 1] + 3.5 * DAY];
  const xAxis = () => axisStyle({ space: 56, incrs: [DAY, 2 * DAY, 7 * DAY, 14 * DAY, 28 * DAY, 91 * DAY, 182 * DAY, 365 * DAY, 730 * DAY] });
  const few = w.weeks < 3;
  makeChart(elW, {
    tzDate: utc,
    legend: { show: true },
    cursor: { points: { show: false } },
    scales: { x: { time: true, range: xRange }, y: { range: (u, mn, mx) => [0, Math.max(2, (mx || 0) + 1)] } },
    axes: [xAxis(), axisStyle({ size: 40, label: 'asks', labelSize: 18, incrs: [1, 2, 5, 10, 20, 50, 100] })],
    series: [
      { label: 'Week of' , value: (u, v) => (v === null ? '—' : fmtDate(new Date(v * 1000).toISOString().slice(0, 10))) },
      { label: 'Asks', fill: accent + '66', stroke: accent, width: 1, paths: bars({ size: [0.8, 28] }), points: { show: false }, value: (u, v, si, i) => (i === null || i === undefined ? '—' : String(v || 0)) },
      { label: 'Yes', fill: good, stroke: good, width: 1, paths: bars({ size: [0.45, 14] }), points: { show: false }, value: (u, v, si, i) => (i === null || i === undefined ? '—' : String(v || 0)) },
    ],
  }, [w.x, w.n, w.yes]);
  $('weekly-desc').textContent = `${plural(w.total, 'ask')} over ${plural(w.weeks, 'week')}; the busiest week had ${w.busiest}. ` +
    `Green marks the asks that got a yes (${w.cy}).`;

  if (!w.cn) {
    emptyChart(elR, 'The running yes-rate appears once an ask has an answer.');
    $('running-desc').textContent = '';
    return;
  }
  makeChart(elR, {
    tzDate: utc,
    cursor: { points: { show: false } },
    scales: { x: { time: true, range: xRange }, y: { range: [0, 100] } },
    axes: [xAxis(), axisStyle({ size: 54, values: (u, vals) => vals.map((v) => `${v}%`) })],
    series: [
      { label: 'Week of', value: (u, v) => (v === null ? '—' : fmtDate(new Date(v * 1000).toISOString().slice(0, 10))) },
      { label: 'Yes-rate so far', stroke: accent, width: 2, value: (u, v) => (v === null ? '—' : `${v.toFixed(1)}%`), spanGaps: true, points: { show: few, size: 7, fill: accent } },
      { label: '95% low', class: 'band-edge', stroke: accent + '55', width: 1, spanGaps: true, points: { show: false } },
      { label: '95% high', class: 'band-edge', stroke: accent + '55', width: 1, spanGaps: true, points: { show: false } },
    ],
    bands: [{ series: [3, 2], fill: accent + '22' }],
  }, [w.x, w.rate, w.lo, w.hi]);
  const [l, u] = wilson(w.cy, w.cn);
  $('running-desc').textContent = `Counting every answered ask up to each week: now ${pct(w.cy / w.cn, 1)} ` +
    `(95% range ${pct(l, 1)}–${pct(u, 1)}). The band narrows as answers accumulate.`;
}

export function renderSurvival() {
  const s = state.data.silence;
  const el = $('chart-survival');
  dropCharts(el);
  const curve = s.curve || [];
  const H = s.horizon ? s.horizon.days : null;
  if (!curve.length) {
    emptyChart(el, 'This curve appears once your asks have waited a while.');
    $('survival-desc').textContent = H ? `Until keel has learned from your replies, an ask without an answer after ${H} days counts as no reply.` : '';
    return;
  }
  // The curve runs to the longest wait; show the part that matters: the replies, and a little beyond the horizon.
  const lastReply = curve.reduce((m, p) => (p.replies > 0 ? Math.max(m, p.day) : m), 0);
  const lastDay = curve[curve.length - 1].day;
  const xMax = Math.min(lastDay, Math.max(lastReply + 7, (H || 21) * 2, 14));
  const pts = [{ day: 0, survival: 1, low: 1, high: 1 }];
  for (const p of curve) {
    if (p.day > xMax) break;
    if (p.day === 0) pts.length = 0;
    pts.push(p);
  }
  // always show the horizon, even before any ask has waited that long
  const xRange = Math.max(xMax, H ? H + 3 : 0, 7);
  const endP = pts[pts.length - 1];
  if (endP.day < xMax) pts.push({ ...endP, day: xMax });
  const accent = cssVar('--accent'), warn = cssVar('--warn');
  const stepped = uPlot.paths.stepped({ align: 1 });
  const pctv = (u, v) => (v === null || v === undefined ? '—' : `${(v * 100).toFixed(0)}%`);
  makeChart(el, {
    cursor: { points: { show: false } },
    scales: { x: { time: false, range: [0, xRange] }, y: { range: [0, 1] } },
    axes: [axisStyle({ label: 'days since the ask', labelSize: 20, incrs: [1, 2, 5, 7, 10, 14, 20, 30, 50, 100, 200, 365, 730] }), axisStyle({ size: 54, values: (u, vals) => vals.map((v) => `${Math.round(v * 100)}%`) })],
    series: [
      { label: 'Day', value: (u, v) => (v === null ? '—' : `day ${v}`) },
      { label: 'No reply yet', stroke: accent, width: 2, paths: stepped, value: pctv, points: { show: false } },
      { label: '95% low', class: 'band-edge', stroke: accent + '55', width: 1, paths: stepped, points: { show: false } },
      { label: '95% high', class: 'band-edge', stroke: accent + '55', width: 1, paths: stepped, points: { show: false } },
    ],
    bands: [{ series: [3, 2], fill: accent + '22' }],
    hooks: {
      draw: [(u) => {
        if (!H || H > xRange) return;
        const ctx = u.ctx, x = Math.round(u.valToPos(H, 'x', true));
        const { top, height } = u.bbox;
        ctx.save();
        ctx.strokeStyle = warn; ctx.lineWidth = 2 * devicePixelRatio; ctx.setLineDash([6 * devicePixelRatio, 4 * devicePixelRatio]);
        ctx.beginPath(); ctx.moveTo(x, top); ctx.lineTo(x, top + height); ctx.stroke();
        ctx.setLineDash([]);
        ctx.fillStyle = warn; ctx.font = `${12 * devicePixelRatio}px system-ui, sans-serif`;
        const label = `${H} days`;
        const tw = ctx.measureText(label).width;
        const right = x + tw + 8 * devicePixelRatio < u.bbox.left + u.bbox.width;
        ctx.textAlign = right ? 'left' : 'right';
        ctx.fillText(label, right ? x + 5 * devicePixelRatio : x - 5 * devicePixelRatio, top + 14 * devicePixelRatio);
        ctx.restore();
      }],
    },
  }, [pts.map((p) => p.day), pts.map((p) => p.survival), pts.map((p) => p.low), pts.map((p) => p.high)]);
  const src = s.horizon.source === 'learned' ? `learned from your ${plural(s.horizon.replies, 'reply', 'replies')}`
    : s.horizon.source === 'given' ? 'as you set it' : 'keel’s default until it has learned from 20 of your replies';
  const atH = curve.filter((p) => p.day <= H).pop();
  $('survival-desc').textContent = `The dashed line marks ${H} days (${src}): after that, a reply rarely still comes, ` +
    `and an ask without one counts as “no reply” — silence, which says nothing about you.` +
    (atH ? ` By day ${H}, ${pct(1 - atH.survival)} of your asks had an answer.` : '') +
    (s.chance_known === false ? ` The chance a reply still comes on an open ask is not known yet: keel needs 20 replies (${s.replies} so far).` : '');
}

// ---------- resize ----------
export function setupResize() {
  let t;
  const ro = new ResizeObserver(() => {
    clearTimeout(t);
    t = setTimeout(() => {
      for (const c of state.charts) {
        const w = Math.max(240, c.el.clientWidth);
        if (Math.abs(w - c.u.width) > 2 || c.u.height !== chartHeight()) c.u.setSize({ width: w, height: chartHeight() });
      }
    }, 100);
  });
  ro.observe(document.body);
}

