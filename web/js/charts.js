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

// ---------- x axis: one tick per month (or per week, for a short window), each label once ----------
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const LABEL_PX = 58;  // room one label needs
function timeSplits(u, min, max) {
  // over a year in view, every label carries its year ("Feb 2023"), so none repeats
  const long = max - min > 330 * DAY;
  const fit = Math.max(2, Math.floor((u.bbox.width / devicePixelRatio) / (long ? 78 : LABEL_PX)));
  const months = [];
  const d = new Date(min * 1000);
  let y = d.getUTCFullYear(), m = d.getUTCMonth();
  if (Date.UTC(y, m, 1) / 1000 < min) { m++; if (m > 11) { m = 0; y++; } }
  for (let t = Date.UTC(y, m, 1) / 1000; t <= max; t = Date.UTC(y, ++m, 1) / 1000) months.push(t);
  if (months.length >= 2) {
    const step = [1, 2, 3, 6, 12, 24, 60].find((k) => Math.ceil(months.length / k) <= fit) || 120;
    const index = (t) => { const x = new Date(t * 1000); return x.getUTCFullYear() * 12 + x.getUTCMonth(); };
    return { kind: long ? 'month-year' : 'month', splits: months.filter((t) => index(t) % step === 0) };
  }
  // under two month starts in view: Mondays, thinned to fit
  const weeks = [];
  for (let t = mondayOf(min) < min ? mondayOf(min) + 7 * DAY : mondayOf(min); t <= max; t += 7 * DAY) weeks.push(t);
  const step = Math.max(1, Math.ceil(weeks.length / fit));
  return { kind: 'week', splits: weeks.filter((t, i) => i % step === 0) };
}
function timeAxis(el) {
  let kind = 'month';
  return axisStyle({
    space: LABEL_PX,
    splits: (u, i, min, max) => { const r = timeSplits(u, min, max); kind = r.kind; return r.splits; },
    values: (u, splits) => {
      const labels = splits.map((t, i) => {
        const x = new Date(t * 1000), mo = MONTHS[x.getUTCMonth()];
        if (kind === 'week') return `${x.getUTCDate()} ${mo}`;
        return kind === 'month-year' || i === 0 || x.getUTCMonth() === 0 ? `${mo} ${x.getUTCFullYear()}` : mo;
      });
      el.dataset.ticks = labels.join('|');  // read by tests/web: every label once
      return labels;
    },
  });
}

// ---------- the always-visible legend (phones cannot hover) ----------
function legend(id, items) {
  $(id).replaceChildren(...items.map(([color, text, line]) => h('li', {},
    h('span', { class: `swatch${line ? ' line' : ''}`, style: `background:${color}`, 'aria-hidden': 'true' }), text)));
}

// ---------- window: the last 26 weeks, or all history ----------
const RECENT_WEEKS = 26;
export function setupWindow(redraw) {
  const set = (all) => {
    state.chartWindow = all ? 'all' : 'recent';
    $('window-recent').setAttribute('aria-pressed', String(!all));
    $('window-all').setAttribute('aria-pressed', String(all));
    redraw();
  };
  $('window-recent').addEventListener('click', () => set(false));
  $('window-all').addEventListener('click', () => set(true));
}
function windowed(w) {
  const from = state.chartWindow === 'all' ? 0 : Math.max(0, w.weeks - RECENT_WEEKS);
  const cut = (arr) => arr.slice(from);
  const n = cut(w.n);
  return { ...w, x: cut(w.x), n, yes: cut(w.yes), rate: cut(w.rate), lo: cut(w.lo), hi: cut(w.hi),
    shownWeeks: w.weeks - from, shownAsks: n.reduce((t, v) => t + (v || 0), 0), shownYes: cut(w.yes).reduce((t, v) => t + (v || 0), 0),
    shownBusiest: Math.max(0, ...n.map((v) => v || 0)), clipped: from > 0 };
}

export function renderWeekly() {
  const all = weeklySeries();
  const elW = $('chart-weekly'), elR = $('chart-running');
  dropCharts(elW); dropCharts(elR);
  if (!all) {
    emptyChart(elW, 'Your weekly chart appears after your first ask.');
    emptyChart(elR, 'The running yes-rate appears once an ask has an answer.');
    for (const id of ['weekly-desc', 'running-desc', 'weekly-legend', 'running-legend']) $(id).replaceChildren();
    return;
  }
  const w = windowed(all);
  const accent = cssVar('--accent'), good = cssVar('--good');
  const bars = uPlot.paths.bars;
  const week = (t) => fmtDate(new Date(t * 1000).toISOString().slice(0, 10));
  // half a week of room on each side, so the first and last bars are not cut in half
  const xRange = () => [w.x[0] - 3.5 * DAY, w.x[w.x.length - 1] + 3.5 * DAY];
  const few = w.shownWeeks < 3;
  makeChart(elW, {
    tzDate: utc,
    legend: { show: false },
    cursor: { points: { show: false } },
    scales: { x: { time: true, range: xRange }, y: { range: (u, mn, mx) => [0, Math.max(2, (mx || 0) + 1)] } },
    axes: [timeAxis(elW), axisStyle({ size: 40, label: 'asks', labelSize: 18, incrs: [1, 2, 5, 10, 20, 50, 100] })],
    series: [
      {},
      { label: 'Asks', fill: accent + '66', stroke: accent, width: 1, paths: bars({ size: [0.8, 28] }), points: { show: false } },
      { label: 'Yes', fill: good, stroke: good, width: 1, paths: bars({ size: [0.45, 14] }), points: { show: false } },
    ],
  }, [w.x, w.n, w.yes]);
  const lastX = w.x[w.x.length - 1], lastN = w.n[w.n.length - 1] || 0, lastYes = w.yes[w.yes.length - 1] || 0;
  legend('weekly-legend', [
    [accent, `Asks in the week of ${week(lastX)}: ${lastN}`],
    [good, `Of them, yes: ${lastYes}`],
  ]);
  $('weekly-desc').textContent = (w.clipped ? `The last ${w.shownWeeks} weeks: ` : '') +
    `${plural(w.shownAsks, 'ask')} over ${plural(w.shownWeeks, 'week')}; the busiest week had ${w.shownBusiest}. ` +
    `Green marks the asks that got a yes (${w.shownYes}).` + (w.clipped ? ` All history: ${plural(all.total, 'ask')} over ${plural(all.weeks, 'week')}.` : '');
  elW.dataset.weeks = String(w.shownWeeks);

  if (!all.cn) {
    emptyChart(elR, 'The running yes-rate appears once an ask has an answer.');
    $('running-desc').textContent = '';
    $('running-legend').replaceChildren();
    return;
  }
  makeChart(elR, {
    tzDate: utc,
    legend: { show: false },
    cursor: { points: { show: false } },
    scales: { x: { time: true, range: xRange }, y: { range: [0, 100] } },
    axes: [timeAxis(elR), axisStyle({ size: 54, values: (u, vals) => vals.map((v) => `${v}%`) })],
    series: [
      {},
      { label: 'Yes-rate so far', stroke: accent, width: 2, spanGaps: true, points: { show: few, size: 7, fill: accent } },
      { label: '95% low', stroke: accent + '55', width: 1, spanGaps: true, points: { show: false } },
      { label: '95% high', stroke: accent + '55', width: 1, spanGaps: true, points: { show: false } },
    ],
    bands: [{ series: [3, 2], fill: accent + '22' }],
  }, [w.x, w.rate, w.lo, w.hi]);
  const [l, u] = wilson(all.cy, all.cn);
  legend('running-legend', [
    [accent, `Yes-rate so far: ${pct(all.cy / all.cn, 1)} (${all.cy} of ${all.cn})`, true],
    [accent + '44', `95% range: ${pct(l, 1)}–${pct(u, 1)}`],
  ]);
  $('running-desc').textContent = 'Counting every answered ask up to each week' +
    (w.clipped ? ', since your first ask (the window only narrows the view)' : '') + '. The band narrows as answers accumulate.';
}

export function renderSurvival() {
  const s = state.data.silence;
  const el = $('chart-survival');
  dropCharts(el);
  const curve = s.curve || [];
  const H = s.horizon ? s.horizon.days : null;
  if (!curve.length) {
    emptyChart(el, 'This curve appears once your asks have waited a while.');
    $('survival-legend').replaceChildren();
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
    legend: { show: false },
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
  const shown = atH || endP;
  legend('survival-legend', [
    [accent, `No reply yet by day ${shown.day}: ${pct(shown.survival)} (95% range ${pct(shown.low)}–${pct(shown.high)})`, true],
    [warn, `Dashed line: ${H} days, after which an ask counts as no reply`, true],
  ]);
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

