// keel's dashboard. Plain JS, no build step. Reads the JSON API of `keel serve` (the same bytes as
// the CLI's --json output) and draws charts with uPlot (loaded before this file as window.uPlot).
'use strict';

(() => {
  const Z95 = 1.959963984540054;
  const DAY = 86400;
  const KINDS = ['chat', 'resume-review', 'referral', 'intro', 'application', 'interview', 'offer', 'feedback', 'other'];
  const CHANNELS = ['cold-email', 'linkedin', 'referral', 'job-board', 'company-site', 'recruiter', 'event', 'phone', 'other'];
  const FUNNEL = ['chat', 'referral', 'application', 'interview', 'offer'];
  const THEMES = [
    ['interview-performance', true], ['qualifications-gap', true], ['experience-level', true], ['materials', true],
    ['follow-through', true], ['focus-unclear', true], ['compensation', true],
    ['filled', false], ['hiring-freeze', false], ['no-openings', false], ['busy', false], ['role-changed', false],
    ['volume', false], ['generic', false],
  ];
  const KIND_LABEL = {
    chat: 'Conversations', 'resume-review': 'Resume reviews', referral: 'Referrals', intro: 'Introductions',
    application: 'Applications', interview: 'Interviews', offer: 'Offers', feedback: 'Feedback asks', other: 'Other asks',
  };
  const OUTCOME_LABEL = { pending: 'waiting', yes: 'yes', no: 'no', 'not-yet': 'not yet', silent: 'no reply', withdrawn: 'withdrawn' };
  // CLI flags that may appear in error messages, and the control that does the same on this page.
  const FLAG_LABEL = {
    '--new-org': 'tick “A different organization” under More details',
    '--new-person': 'tick “A different person” under More details',
    '--despite': 'fill in “Going ahead despite a deal-breaker?” under More details',
  };

  const $ = (id) => document.getElementById(id);
  const token = (document.querySelector('meta[name="keel-token"]') || {}).content || '';
  const pageParams = new URLSearchParams(location.search);

  // ---------- small helpers ----------
  function h(tag, attrs, ...children) {
    const el = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === 'class') el.className = v;
      else if (k === 'text') el.textContent = v;
      else if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
      else el.setAttribute(k, v === true ? '' : v);
    }
    for (const c of children.flat()) {
      if (c === null || c === undefined || c === false) continue;
      el.append(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return el;
  }
  // Text with `code` spans (keel's suggestions quote CLI commands in backticks).
  function richText(s) {
    const parts = String(s || '').split('`');
    return parts.map((p, i) => (i % 2 ? h('code', {}, p) : p));
  }
  const pct = (x, digits = 0) => (x === null || x === undefined || !isFinite(x) ? '—' : `${(x * 100).toFixed(digits)}%`);
  const plural = (n, one, many) => `${n} ${n === 1 ? one : (many || one + 's')}`;
  const capitalize = (s) => (s ? s[0].toUpperCase() + s.slice(1) : s);
  const themeName = (t) => (t ? t.replace(/-/g, ' ') : '');
  const oneIn = (rate) => (rate > 0 ? Math.max(1, Math.round(1 / rate)) : null);
  function fmtDate(iso) {
    if (!iso) return '';
    const [y, m, d] = iso.split('-').map(Number);
    return new Date(Date.UTC(y, m - 1, d)).toLocaleDateString(undefined, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
  }
  const isoToSec = (iso) => { const [y, m, d] = iso.split('-').map(Number); return Date.UTC(y, m - 1, d) / 1000; };
  const mondayOf = (sec) => sec - (((new Date(sec * 1000).getUTCDay() + 6) % 7) * DAY);

  function wilson(k, n, z = Z95) {
    if (n <= 0) return [null, null];
    const p = k / n, z2 = z * z, den = 1 + z2 / n;
    const centre = (p + z2 / (2 * n)) / den;
    const half = (z * Math.sqrt(p * (1 - p) / n + z2 / (4 * n * n))) / den;
    return [Math.max(0, centre - half), Math.min(1, centre + half)];
  }

  // ---------- API ----------
  function apiUrl(path, params) {
    const q = new URLSearchParams();
    for (const k of ['today', 'silence_days']) if (pageParams.get(k)) q.set(k, pageParams.get(k));
    for (const [k, v] of Object.entries(params || {})) if (v !== '' && v !== null && v !== undefined) q.set(k, v);
    const s = q.toString();
    return s ? `${path}?${s}` : path;
  }
  async function readJson(r) {
    const text = await r.text();
    let body = null;
    try { body = text ? JSON.parse(text) : {}; } catch (e) { /* not JSON */ }
    if (!r.ok) {
      const msg = body && body.error ? body.error : `keel answered ${r.status} ${r.statusText}`.trim();
      throw new Error(msg);
    }
    if (body === null) throw new Error('keel sent an answer that is not JSON');
    return body;
  }
  async function get(path, params) {
    let r;
    try { r = await fetch(apiUrl(path, params), { headers: { Accept: 'application/json' }, cache: 'no-store' }); }
    catch (e) { throw new Error('cannot reach keel; is `keel serve` still running?'); }
    return readJson(r);
  }
  async function post(path, body) {
    let r;
    try {
      r = await fetch(apiUrl(path), {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Keel-Token': token, Accept: 'application/json' },
        body: JSON.stringify(body || {}),
      });
    } catch (e) { throw new Error('cannot reach keel; is `keel serve` still running?'); }
    return readJson(r);
  }
  function friendlyError(msg) {
    let s = String(msg || 'something went wrong');
    for (const [flag, label] of Object.entries(FLAG_LABEL)) s = s.replace(new RegExp(`add ${flag}\\b|${flag}\\b`, 'g'), label);
    return s;
  }

  // ---------- state ----------
  const pageSize = () => (window.matchMedia('(max-width: 640px)').matches ? 20 : 50);
  const state = { data: {}, charts: [], asksShown: pageSize(), listToken: 0 };

  function notify(text) {
    const n = $('notice');
    n.textContent = text;
    clearTimeout(notify.t);
    notify.t = setTimeout(() => { n.textContent = ''; }, 8000);
  }

  // ---------- load everything ----------
  const SOURCES = {
    status: ['/api/status'], total: ['/api/stats'], kinds: ['/api/stats', { by: 'kind' }], streak: ['/api/streak'],
    forecast: ['/api/forecast'], silence: ['/api/silence'], agenda: ['/api/agenda'],
    patterns: ['/api/patterns', { window: 180 }], actions: ['/api/actions'], exported: ['/api/export'],
  };
  async function refresh() {
    const names = Object.keys(SOURCES);
    const results = await Promise.allSettled(names.map((n) => get(...SOURCES[n])));
    const failed = [];
    results.forEach((r, i) => {
      if (r.status === 'fulfilled') state.data[names[i]] = r.value;
      else { state.data[names[i]] = null; failed.push(`${names[i]}: ${r.reason.message}`); }
    });
    const banner = $('load-error');
    banner.hidden = failed.length === 0;
    banner.textContent = failed.length ? `Some parts could not load (${failed.join('; ')}).` : '';
    const d = state.data;
    const render = [
      [renderGlance, d.status && d.total], [renderStreak, d.streak], [renderForecast, d.forecast],
      [renderAgenda, d.agenda], [renderAskPickers, d.exported], [renderWeekly, d.exported && d.status],
      [renderSurvival, d.silence], [renderFunnel, d.kinds], [renderPatterns, d.patterns], [renderActions, d.actions],
    ];
    for (const [fn, ok] of render) {
      if (!ok) continue;
      try { fn(); } catch (e) { console.warn(`keel: could not draw ${fn.name}:`, e); }
    }
    await loadList();
    document.body.dataset.refreshes = String(Number(document.body.dataset.refreshes || 0) + 1);
  }

  // ---------- headline ----------
  function renderGlance() {
    const s = state.data.status, t = state.data.total.total;
    $('today').textContent = `Today: ${fmtDate(s.today)}`;
    for (const [id, v] of [['asks', s.asks], ['yes', s.yes], ['no', s.no], ['not-yet', s.not_yet], ['silent', s.silent], ['pending', s.pending]]) {
      $(`count-${id}`).textContent = String(v ?? 0);
    }
    // A search closed with an accepted offer says so first (status JSON `closed`).
    const closed = s.closed ? [h('strong', { class: 'closed' }, s.closed.message), h('br', {})] : [];
    $('next-step').replaceChildren(...closed, ...(s.next_step ? [h('strong', {}, 'Next step: '), ...richText(s.next_step)] : []));
    const big = $('rate-big'), text = $('rate-text');
    const [lo, hi] = t.wilson95 || [null, null];
    if (!t.decided) {
      big.textContent = 'No answers yet';
      text.textContent = t.asks ? `${plural(t.asks, 'ask')} waiting for a reply. Every search starts here.`
        : 'Log your first ask below; keel counts from there.';
    } else if (!t.yes) {
      big.textContent = `No yes yet in ${plural(t.decided, 'answer')}`;
      text.textContent = `Too few to judge: a yes-rate up to ${pct(hi)} is still consistent with this (95% range).`;
    } else {
      const n = oneIn(t.yes_rate);
      big.textContent = `1 yes in ${n}`;
      const a = oneIn(hi), b = lo > 0 ? oneIn(lo) : null;
      text.textContent = `${plural(t.yes, 'yes', 'yeses')} in ${plural(t.decided, 'decided ask')} — ${t.nos_per_yes.toFixed(1)} nos per yes. ` +
        `Plausible range: 1 in ${a} to ${b ? `1 in ${b}` : 'more'} (yes-rate ${pct(lo)}–${pct(hi)}, 95%).`;
    }
  }

  function renderStreak() {
    // keel words the run itself (`line`): asks since the last yes, with how many were nos, not-yets
    // and unanswered. Silence is not a no, so this is never "N nos in a row".
    const s = state.data.streak;
    const k = s.current || 0;
    let big;
    if (!s.decided) big = 'No answers yet';
    else if (!k) big = 'Latest answer: yes';
    else big = s.yes ? plural(k, 'ask') : `${plural(k, 'ask')}, no yes yet`;
    $('streak-big').textContent = big;
    $('streak-text').textContent = s.line || '';
  }

  function renderForecast() {
    const f = state.data.forecast;
    const a = f.asks_to_yes || {}, d = f.days_to_yes || {};
    const big = $('forecast-big'), text = $('forecast-text');
    if (!f.decided) {
      // no answer yet: a forecast would be the population prior, not this search
      big.textContent = '—';
      text.textContent = 'A forecast appears once an ask has an answer.';
    } else if (d.median !== null && d.median !== undefined) {
      const weeks = (x) => Math.max(1, Math.round(x / 7));
      big.textContent = d.median < 14 ? `within ~${plural(d.median, 'day')}` : `within ~${weeks(d.median)} weeks`;
      text.textContent = `At your pace (${(f.asks_per_day * 7).toFixed(1)} asks a week), the next yes most likely comes after about ` +
        `${plural(a.median, 'more ask')} (80%: ${a.low80}–${a.high80} asks, ${weeks(d.low80)}–${weeks(d.high80)} weeks).`;
    } else if (a.median !== null && a.median !== undefined) {
      big.textContent = `~${plural(a.median, 'more ask')}`;
      text.textContent = `The next yes most likely comes within ${plural(a.median, 'ask')} (80%: ${a.low80}–${a.high80}). ` +
        'No asks in the last 28 days, so no date yet: a steady pace matters more than any single answer.';
    } else {
      big.textContent = '—';
      text.textContent = 'A forecast appears once you have asked.';
    }
  }

  // ---------- agenda ----------
  function renderAgenda() {
    const ag = state.data.agenda;
    const list = $('agenda-list');
    $('ics-link').href = apiUrl('/api/agenda.ics');
    if (!ag.items || !ag.items.length) {
      list.replaceChildren(h('li', { class: 'empty' }, 'Nothing due today. A calm day is a fine day to make a new ask.'));
      return;
    }
    list.replaceChildren(...ag.items.map((it) => {
      const who = it.person ? `${it.person} at ${it.org}` : it.org;
      const verb = it.action === 'ask-again' ? 'Ask again' : 'Follow up';
      return h('li', {},
        h('div', { class: 'agenda-what' }, h('strong', {}, `${verb}: `), `${who} `, h('span', { class: 'muted' }, `(${it.kind}, #${it.id})`)),
        h('div', { class: 'muted small' }, it.reason || '', it.action !== 'follow-up' ? '' : it.chance !== null && it.chance !== undefined ? ` · chance a reply still comes: ${pct(it.chance)}` : ' · chance a reply still comes: not known yet'),
        h('button', { type: 'button', class: 'btn-quiet small', onclick: () => openFollowUp(it.id) }, `Add a follow-up to #${it.id}`));
    }));
  }

  // ---------- pickers for the reply / follow-up forms ----------
  function askLabel(a) {
    const who = a.person ? `${a.person}, ${a.org}` : a.org;
    return `#${a.id} ${who} — ${a.kind}${a.role ? ` (${a.role})` : ''}, ${a.asked_on} · ${OUTCOME_LABEL[a.outcome] || a.outcome}`;
  }
  function fillAskSelect(sel, asks, placeholder) {
    const keep = sel.value;
    sel.replaceChildren(h('option', { value: '' }, placeholder),
      ...asks.map((a) => h('option', { value: String(a.id) }, askLabel(a))));
    if (keep && asks.some((a) => String(a.id) === keep)) sel.value = keep;
  }
  function renderAskPickers() {
    const asks = (state.data.exported.asks || []).slice().sort((x, y) => (y.asked_on.localeCompare(x.asked_on)) || (y.id - x.id));
    const rank = { pending: 0, 'not-yet': 1, silent: 2, no: 3, yes: 4 };
    const forReply = asks.slice().sort((x, y) => (rank[x.outcome] ?? 5) - (rank[y.outcome] ?? 5));
    fillAskSelect($('reply-ask'), forReply, asks.length ? 'Choose an ask…' : 'No asks yet: log one first');
    fillAskSelect($('follow-ask'), forReply, asks.length ? 'Choose an ask…' : 'No asks yet: log one first');
    const orgs = [...new Set(asks.map((a) => a.org))].sort((a, b) => a.localeCompare(b));
    $('org-names').replaceChildren(...orgs.map((o) => h('option', { value: o })));
  }

  // ---------- charts ----------
  function cssVar(name) { return getComputedStyle(document.documentElement).getPropertyValue(name).trim(); }
  function chartHeight() { return window.matchMedia('(max-width: 640px)').matches ? 190 : 230; }
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

  function renderWeekly() {
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

  function renderSurvival() {
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

  // ---------- funnel ----------
  function rateText(g) {
    if (!g || !g.decided) return g && g.asks ? 'no answers yet' : 'none yet';
    const [l, u] = g.wilson95 || [0, 0];
    return `${pct(g.yes_rate)} yes (range ${pct(l)}–${pct(u)})`;
  }
  function renderFunnel() {
    const groups = Object.fromEntries((state.data.kinds.groups || []).map((g) => [g.key, g]));
    const max = Math.max(1, ...Object.values(groups).map((g) => g.asks));
    const step = (kind) => {
      const g = groups[kind] || { asks: 0, yes: 0, decided: 0 };
      const w = Math.max(g.asks ? 3 : 0, Math.round((100 * g.asks) / max));
      return h('li', { class: 'funnel-step', 'data-kind': kind },
        h('div', { class: 'funnel-head' },
          h('span', { class: 'funnel-name' }, KIND_LABEL[kind]),
          h('span', { class: 'funnel-count' }, `${plural(g.asks, 'ask')} · ${plural(g.yes || 0, 'yes', 'yeses')}`)),
        h('div', { class: 'funnel-bar', 'aria-hidden': 'true' },
          h('span', { class: 'funnel-fill', style: `width:${w}%` },
            h('span', { class: 'funnel-yes', style: `width:${g.asks ? (100 * (g.yes || 0)) / g.asks : 0}%` }))),
        h('div', { class: 'funnel-rate' }, rateText(g)));
    };
    $('funnel-list').replaceChildren(...FUNNEL.map(step));
    const others = KINDS.filter((k) => !FUNNEL.includes(k) && groups[k]);
    $('funnel-other').replaceChildren(...(others.length ? [h('h3', {}, 'Other asks'), h('ul', { class: 'funnel other' }, ...others.map(step))] : []));
  }

  // ---------- patterns and actions ----------
  function quoteList(quotes) {
    return h('ul', { class: 'quotes' }, ...(quotes || []).map((q) => h('li', {},
      h('blockquote', {}, `“${q.text}”`),
      h('p', { class: 'cite' }, `— ${[q.person, q.org].filter(Boolean).join(', ')}, ${fmtDate(q.date)}${q.feedback ? ' (feedback)' : ''}`))));
  }
  function patternCard(p, kind) {
    return h('article', { class: `pattern ${p.about_you ? 'about-you' : 'circumstantial'}` },
      h('h4', {}, themeName(p.theme), ' ',
        h('span', { class: 'tag' }, p.about_you ? 'about you' : 'circumstantial')),
      h('p', { class: 'small' }, kind === 'single'
        ? `Heard once (${p.orgs.join(', ')}). One source is not a pattern.`
        : `From ${plural(p.sources, 'independent source')} (${p.orgs.join(', ')}), ${plural(p.citations, 'mention')}.`),
      quoteList(p.quotes),
      p.suggestion ? h('p', { class: 'suggestion' }, h('strong', {}, 'What might help: '), ...richText(p.suggestion)) : null);
  }
  function renderPatterns() {
    const P = state.data.patterns;
    const body = $('patterns-body');
    const about = (P.patterns || []).filter((p) => p.about_you);
    const circ = [...(P.patterns || []).filter((p) => !p.about_you), ...(P.market_signals || [])];
    const single = (P.single_source || []).slice().sort((a, b) => Number(b.about_you) - Number(a.about_you));
    const quiet = [];
    if (P.generic) quiet.push(plural(P.generic, 'form-letter reply', 'form-letter replies'));
    if (P.silent) quiet.push(plural(P.silent, 'silence'));
    $('patterns-intro').textContent = (P.reasons ? `${plural(P.reasons, 'reason')} given in the last ${P.window_days} days. `
      : `No reasons were given in the last ${P.window_days} days. `) +
      'A theme becomes a pattern when two or more independent organizations say it.' +
      (quiet.length ? ` ${quiet.join(' and ')} carry no information about you.` : '');
    const parts = [];
    parts.push(h('h3', {}, 'Patterns about you'));
    parts.push(about.length ? h('div', { class: 'pattern-list' }, ...about.map((p) => patternCard(p, 'pattern')))
      : h('p', { class: 'calm' }, 'No pattern about you: no two independent sources have named the same thing. The nos so far are not a verdict on you.'));
    parts.push(h('h3', {}, 'Market signals — not about you'));
    parts.push(circ.length ? h('div', { class: 'pattern-list' }, ...circ.map((p) => patternCard(p, 'pattern')))
      : h('p', { class: 'muted' }, 'No circumstantial theme has come from two sources yet.'));
    if (single.length) {
      parts.push(h('details', { class: 'more' }, h('summary', {}, `Heard once (${single.length})`),
        h('div', { class: 'pattern-list' }, ...single.map((p) => patternCard(p, 'single')))));
    }
    body.replaceChildren(...parts);
  }
  function renderActions() {
    const list = state.data.actions || [];
    const body = $('actions-body');
    if (!list.length) {
      body.replaceChildren(h('p', { class: 'muted' }, 'No actions yet. When a pattern about you appears, decide one thing to do about it and record it with ',
        h('code', {}, 'keel action add "…" --theme THEME'), '; keel then compares your yes-rate before and after.'));
      return;
    }
    const side = (label, s) => h('div', { class: 'ba' },
      h('span', { class: 'ba-label' }, label),
      h('span', { class: 'ba-bar', 'aria-hidden': 'true' }, h('span', { style: `width:${Math.round(100 * (s.rate || 0))}%` })),
      h('span', { class: 'ba-val' }, s.decided ? `${pct(s.rate)} (${s.yes} of ${s.decided})` : 'no answers yet'));
    body.replaceChildren(...list.map((a) => h('article', { class: 'action' },
      h('h4', {}, a.text, ' ', h('span', { class: 'tag' }, themeName(a.theme))),
      h('p', { class: 'small muted' }, `Since ${fmtDate(a.on)}${a.kinds && a.kinds.length ? `, on ${a.kinds.join(', ')} asks` : ''}.`),
      side('Before', a.before), side('After', a.after),
      h('p', { class: 'small' }, a.enough_evidence
        ? `Chance the after-rate is truly higher: ${pct(a.p_after_beats_before)}.`
        : capitalize((a.lines && a.lines[1]) || 'not enough evidence yet.')))));
  }

  // ---------- asks table ----------
  async function loadList() {
    const f = $('filters');
    const params = { kind: f.kind.value, outcome: f.outcome.value, open: f.open.checked ? '1' : '' };
    const mine = ++state.listToken;
    let rows;
    try { rows = await get('/api/list', params); }
    catch (e) { $('asks-count').textContent = `The list could not load: ${e.message}`; return; }
    if (mine !== state.listToken) return;
    const q = f.org.value.trim().toLowerCase();
    if (q) rows = rows.filter((a) => (a.org || '').toLowerCase().includes(q) || (a.person || '').toLowerCase().includes(q));
    rows.sort((a, b) => b.asked_on.localeCompare(a.asked_on) || b.id - a.id);
    state.rows = rows;
    renderRows();
  }
  function renderRows() {
    const rows = state.rows || [];
    const shown = rows.slice(0, state.asksShown);
    $('asks-count').textContent = rows.length ? `${plural(rows.length, 'ask')}${rows.length > shown.length ? `, showing the newest ${shown.length}` : ''}.`
      : 'No asks match. Log one above, or loosen the filters.';
    $('asks-body').replaceChildren(...shown.map((a) => {
      const who = h('span', {}, h('span', { class: 'phone-only muted' }, `#${a.id} `), a.org, a.person ? h('span', { class: 'muted small block' }, a.person) : null, a.role ? h('span', { class: 'muted small block' }, a.role) : null);
      const reason = a.reason ? h('span', {}, `“${a.reason}”`, a.theme ? h('span', { class: `tag ${a.about_you ? 'about-you' : ''}` }, themeName(a.theme)) : null) : '';
      const open = ['pending', 'not-yet', 'silent'].includes(a.outcome);
      const cell = (label, ...content) => h('td', { 'data-label': label }, h('div', {}, ...content));
      return h('tr', {},
        cell('#', String(a.id)),
        cell('Asked', h('span', { class: 'nowrap' }, a.asked_on)),
        cell('Organization', who),
        cell('Kind', a.kind, h('span', { class: 'muted small block' }, a.channel)),
        cell('Outcome', h('span', { class: `badge o-${a.outcome}` }, OUTCOME_LABEL[a.outcome] || a.outcome),
          a.replied_on ? h('span', { class: 'muted small block nowrap' }, a.replied_on) : null,
          a.until ? h('span', { class: 'muted small block nowrap' }, `ask again ${a.until}`) : null),
        a.reason ? cell('Reason', reason) : h('td', { class: 'no-reason' }),
        h('td', { class: 'row-actions' },
          h('button', { type: 'button', class: 'btn-quiet small', onclick: () => openReply(a.id), 'aria-label': `${open ? 'Reply' : 'Change reply'} to ask ${a.id}, ${a.org}` }, open ? 'Reply' : 'Change reply'),
          h('button', { type: 'button', class: 'btn-quiet small', onclick: () => openFollowUp(a.id), 'aria-label': `Follow up on ask ${a.id}, ${a.org}` }, 'Follow up'),
          h('button', { type: 'button', class: 'btn-quiet small', onclick: (e) => openEdit(a.id, e.currentTarget), 'aria-label': `Edit ask ${a.id}, ${a.org}` }, 'Edit')));
    }));
    $('asks-more').hidden = rows.length <= shown.length;
  }

  // ---------- tabs ----------
  const TABS = ['tab-ask', 'tab-reply', 'tab-follow'];
  function selectTab(id, focus) {
    for (const t of TABS) {
      const on = t === id;
      const tab = $(t);
      tab.setAttribute('aria-selected', String(on));
      tab.tabIndex = on ? 0 : -1;
      $(tab.getAttribute('aria-controls')).hidden = !on;
    }
    if (focus) $(id).focus();
  }
  function setupTabs() {
    for (const t of TABS) {
      $(t).addEventListener('click', () => selectTab(t, false));
      $(t).addEventListener('keydown', (e) => {
        const i = TABS.indexOf(t);
        let j = null;
        if (e.key === 'ArrowRight') j = (i + 1) % TABS.length;
        else if (e.key === 'ArrowLeft') j = (i + TABS.length - 1) % TABS.length;
        else if (e.key === 'Home') j = 0;
        else if (e.key === 'End') j = TABS.length - 1;
        if (j !== null) { e.preventDefault(); selectTab(TABS[j], true); }
      });
    }
  }
  function ensureOption(sel, id) {
    if (![...sel.options].some((o) => o.value === String(id))) sel.append(h('option', { value: String(id) }, `#${id}`));
    sel.value = String(id);
  }
  function openReply(id) {
    selectTab('tab-reply');
    ensureOption($('reply-ask'), id);
    $('record').scrollIntoView({ behavior: 'smooth', block: 'start' });
    $('reply-outcome').focus();
  }
  function openFollowUp(id) {
    selectTab('tab-follow');
    ensureOption($('follow-ask'), id);
    $('record').scrollIntoView({ behavior: 'smooth', block: 'start' });
    $('follow-note').focus();
  }

  // ---------- forms ----------
  function fillSelect(sel, values, empty, label) {
    sel.replaceChildren(...(empty !== null ? [h('option', { value: '' }, empty)] : []),
      ...values.map((v) => h('option', { value: v }, label ? label(v) : v)));
  }
  function themeOptions(sel, empty) {
    sel.replaceChildren(h('option', { value: '' }, empty),
      h('optgroup', { label: 'about you' }, ...THEMES.filter((t) => t[1]).map(([t]) => h('option', { value: t }, themeName(t)))),
      h('optgroup', { label: 'circumstantial' }, ...THEMES.filter((t) => !t[1]).map(([t]) => h('option', { value: t }, themeName(t)))));
  }
  async function submitting(form, errEl, fn) {
    const btns = form.querySelectorAll('button[type=submit]');
    errEl.textContent = '';
    btns.forEach((b) => { b.disabled = true; });
    try { await fn(); }
    catch (e) { errEl.textContent = friendlyError(e.message); }
    finally { btns.forEach((b) => { b.disabled = false; }); }
  }
  const val = (form, name) => (form.elements[name] ? form.elements[name].value.trim() : '');

  function setupForms() {
    fillSelect($('ask-kind'), KINDS, null);
    $('ask-kind').value = 'application';
    fillSelect($('ask-channel'), CHANNELS, '—');
    fillSelect($('edit-kind'), KINDS, null);
    fillSelect($('edit-channel'), CHANNELS, '—');
    fillSelect($('f-kind'), KINDS, 'Any');
    themeOptions($('reply-theme'), 'keel reads it from the words');
    themeOptions($('edit-theme'), 'as keel reads it');

    $('ask-form').addEventListener('submit', (e) => {
      e.preventDefault();
      const f = e.currentTarget;
      submitting(f, $('ask-error'), async () => {
        if (!val(f, 'org')) { $('ask-org').focus(); throw new Error('Write the organization you asked.'); }
        const body = { org: val(f, 'org'), kind: val(f, 'kind') };
        for (const k of ['person', 'channel', 'role', 'on', 'note', 'industry', 'location', 'seniority', 'remote', 'despite']) if (val(f, k)) body[k] = val(f, k);
        if (val(f, 'salary')) {
          const n = Number(val(f, 'salary').replace(/[ ,_]/g, ''));
          if (!Number.isInteger(n) || n < 0) { $('ask-salary').focus(); throw new Error('Yearly pay must be a whole number, like 85000.'); }
          body.salary = n;
        }
        const m = val(f, 'materials');
        if (m) body.materials = m.split(/[,;\s]+/).filter(Boolean);
        if (f.elements.new_org.checked) body.new_org = true;
        if (f.elements.new_person.checked) body.new_person = true;
        const ask = await post('/api/ask', body);
        f.reset();
        $('ask-kind').value = body.kind;
        notify(`Logged ask #${ask.id} to ${ask.org}. Well done for asking.`);
        await refresh();
      });
    });

    const outcomeFields = () => {
      const o = $('reply-outcome').value;
      document.querySelector('[data-for=until]').hidden = o !== 'not-yet';
      document.querySelector('[data-for=reason]').hidden = o === 'silent' || o === 'reopen';
      document.querySelector('[data-for=theme]').hidden = o === 'silent' || o === 'reopen';
      $('reply-on').disabled = o === 'reopen';
    };
    $('reply-outcome').addEventListener('change', outcomeFields);
    outcomeFields();

    $('reply-form').addEventListener('submit', (e) => {
      e.preventDefault();
      const f = e.currentTarget;
      submitting(f, $('reply-error'), async () => {
        const id = Number(val(f, 'id'));
        if (!id) { $('reply-ask').focus(); throw new Error('Choose the ask this reply is for.'); }
        const outcome = val(f, 'outcome');
        const body = { id, outcome };
        if (outcome !== 'reopen' && val(f, 'on')) body.on = val(f, 'on');
        if (outcome !== 'silent' && outcome !== 'reopen') {
          if (val(f, 'reason')) body.reason = val(f, 'reason');
          if (val(f, 'theme')) body.theme = val(f, 'theme');
        }
        if (outcome === 'not-yet' && val(f, 'until')) body.until = val(f, 'until');
        const res = await post('/api/answer', body);
        showReframe(res);
        f.elements.reason.value = '';
        f.elements.until.value = '';
        f.elements.theme.value = '';
        f.elements.on.value = '';
        const a = res.ask || {};
        const moved = res.horizon_moved ? ` ${res.horizon_moved.line}` : '';
        notify(`Recorded: ${OUTCOME_LABEL[a.outcome] || a.outcome} from ${a.org} (#${a.id}).${moved}`);
        await refresh();
      });
    });

    $('follow-form').addEventListener('submit', (e) => {
      e.preventDefault();
      const f = e.currentTarget;
      submitting(f, $('follow-error'), async () => {
        const id = Number(val(f, 'id'));
        if (!id) { $('follow-ask').focus(); throw new Error('Choose the ask you followed up on.'); }
        const body = { id };
        if (val(f, 'on')) body.on = val(f, 'on');
        if (val(f, 'note')) body.note = val(f, 'note');
        const a = await post('/api/follow-up', body);
        f.elements.note.value = '';
        f.elements.on.value = '';
        notify(`Follow-up added to #${a.id || id}${a.org ? ` (${a.org})` : ''}. It does not count as a new ask.`);
        await refresh();
      });
    });

    $('undo').addEventListener('click', async () => {
      const b = $('undo');
      b.disabled = true;
      try {
        const r = await post('/api/undo', {});
        notify(r.undone ? `Undone: ${r.undone}.` : 'Undone.');
        $('reframe').hidden = true;
        await refresh();
      } catch (e) { notify(`Nothing undone: ${e.message}`); }
      finally { b.disabled = false; }
    });

    const f = $('filters');
    f.addEventListener('submit', (e) => e.preventDefault());
    for (const el of [f.kind, f.outcome, f.open]) el.addEventListener('change', () => { state.asksShown = pageSize(); loadList(); });
    let t;
    f.org.addEventListener('input', () => { clearTimeout(t); t = setTimeout(() => { state.asksShown = pageSize(); loadList(); }, 200); });
    $('asks-more').addEventListener('click', () => { state.asksShown += pageSize(); renderRows(); });

    setupEdit();
  }

  function showReframe(res) {
    const box = $('reframe');
    const r = res && res.reframe;
    if (!r) { box.hidden = true; return; }
    const line = r.theme && r.theme.line;
    $('reframe-theme').textContent = line || '';
    $('reframe-theme').hidden = !line;
    $('reframe-lines').replaceChildren(...(r.lines || []).map((l) => h('li', {}, l)));
    box.hidden = false;
  }

  // ---------- edit dialog ----------
  function setupEdit() {
    const dlg = $('edit-dialog'), form = $('edit-form');
    const close = () => { dlg.close(); if (state.editReturn) state.editReturn.focus(); };
    $('edit-cancel').addEventListener('click', close);
    dlg.addEventListener('cancel', () => setTimeout(() => state.editReturn && state.editReturn.focus(), 0));
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      submitting(form, $('edit-error'), async () => {
        const a = state.editing;
        const body = { id: a.id };
        const cur = { org: a.org, person: a.person, kind: a.kind, channel: a.channel, role: a.role, on: a.asked_on,
          replied_on: a.replied_on || '', theme: a.theme || '', reason: a.reason, note: a.note };
        for (const k of Object.keys(cur)) {
          const v = val(form, k);
          if (v !== (cur[k] || '')) {
            if (k === 'theme' && !v) continue;
            if ((k === 'on' || k === 'replied_on') && !v) continue;
            body[k] = v;
          }
        }
        if (Object.keys(body).length === 1) { close(); return; }
        await post('/api/edit', body);
        close();
        notify(`Saved the changes to #${a.id}.`);
        await refresh();
      });
    });
    $('edit-delete').addEventListener('click', async () => {
      const b = $('edit-delete');
      const a = state.editing;
      if (b.dataset.confirm !== '1') {
        b.dataset.confirm = '1';
        b.textContent = `Yes, delete #${a.id} (Undo brings it back)`;
        return;
      }
      try {
        await post('/api/delete', { id: a.id });
        close();
        notify(`Deleted #${a.id}. “Undo last change” brings it back.`);
        await refresh();
      } catch (e) { $('edit-error').textContent = friendlyError(e.message); }
    });
  }
  async function openEdit(id, returnTo) {
    state.editReturn = returnTo;
    let a;
    try { a = await get('/api/show', { id }); }
    catch (e) { notify(`Could not open #${id}: ${e.message}`); return; }
    state.editing = a;
    const f = $('edit-form');
    $('edit-h').textContent = `Edit ask #${a.id} — ${a.org}`;
    f.elements.org.value = a.org || '';
    f.elements.person.value = a.person || '';
    f.elements.kind.value = a.kind || '';
    f.elements.channel.value = a.channel || '';
    f.elements.role.value = a.role || '';
    f.elements.on.value = a.asked_on || '';
    f.elements.replied_on.value = a.replied_on || '';
    f.elements.theme.value = a.theme || '';
    f.elements.reason.value = a.reason || '';
    f.elements.note.value = a.note || '';
    $('edit-error').textContent = '';
    const del = $('edit-delete');
    del.dataset.confirm = '';
    del.textContent = 'Delete this ask…';
    $('edit-dialog').showModal();
    f.elements.org.focus();
  }

  // ---------- resize ----------
  function setupResize() {
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

  function start() {
    if (!window.uPlot) {
      const b = $('load-error');
      b.hidden = false;
      b.textContent = 'The chart library did not load; charts are off. Everything else works.';
    }
    setupTabs();
    setupForms();
    setupResize();
    refresh().then(() => { document.body.dataset.ready = '1'; });
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
