// The parts of the page that show where the search stands: the headline cards, today's agenda,
// the funnel, the patterns ("Is it about me?") and the actions decided on.
import { apiUrl } from './api.js';
import { $, h, richText, pct, plural, capitalize, themeName, oneIn, fmtDate } from './dom.js';
import { meta, kindLabel, outcomeLabel } from './meta.js';
import { state } from './state.js';
import { openFollowUp } from './forms.js';
import { commentsAbout, noteLine } from './coaching.js';

// The funnel's path, first conversation to offer: the page's own choice of kinds to draw as steps.
const FUNNEL = ['chat', 'referral', 'application', 'interview', 'offer'];

// ---------- headline ----------
export function renderGlance() {
  const s = state.data.status, t = state.data.total.total;
  // An empty ledger shows what to do first, and no forecast or charts of nothing.
  const empty = !s.asks;
  document.body.classList.toggle('empty-ledger', empty);
  $('first-steps').hidden = !empty;
  $('today').textContent = `Today: ${fmtDate(s.today)}`;
  for (const [id, v] of [['asks', s.asks], ['yes', s.yes], ['no', s.no], ['not-yet', s.not_yet], ['silent', s.silent], ['pending', s.pending]]) {
    $(`count-${id}`).textContent = String(v ?? 0);
  }
  // A search closed with an accepted offer says so first (status JSON `closed`).
  const closed = s.closed ? [h('strong', { class: 'closed' }, s.closed.message), h('br', {})] : [];
  $('next-step').replaceChildren(...closed, ...(s.next_step ? [h('strong', {}, 'Next step: '), ...richText(s.next_step)] : []));
  $('next-step').hidden = empty;  // the first steps say it in the page's words
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

// The honest streak, as `keel streak` words it: "72 asks since your last yes: 22 nos, 50
// unanswered". Silence is not a no, so this is never "N nos in a row".
export function runBreakdown(run) {
  const parts = [];
  if (run && run.no) parts.push(plural(run.no, 'no', 'nos'));
  if (run && run.not_yet) parts.push(`${run.not_yet} not yet`);
  if (run && run.silent) parts.push(`${run.silent} unanswered`);
  return parts.join(', ');
}
export function renderStreak() {
  const s = state.data.streak;
  const asks = state.data.status ? state.data.status.asks : null;
  const k = s.current || 0;
  const big = $('streak-big'), text = $('streak-text');
  const line = s.line || '';
  if (asks === 0) {
    big.textContent = 'No asks yet';
    text.textContent = 'Every search starts with one ask. Log it below; keel counts from there.';
    return;
  }
  if (!s.decided) {
    big.textContent = 'No answers yet';
    text.textContent = line;
    return;
  }
  if (!k) {
    big.textContent = 'Your latest answer was a yes';
    text.textContent = line;
    return;
  }
  const head = s.yes ? `${plural(k, 'ask')} since your last yes` : `${plural(k, 'ask')} and no yes yet`;
  const parts = runBreakdown(s.run);
  big.replaceChildren(parts ? `${head}: ` : head, parts ? h('span', { class: 'big-sub' }, parts) : null);
  // keel's own sentence, without the part the headline already says
  const rest = line.replace(/^[^(]*\([^)]*\)\s*(?:—|:)\s*/, '');
  text.textContent = rest === line ? line : capitalize(rest);
}

export function renderForecast() {
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
export function renderAgenda() {
  const ag = state.data.agenda;
  const list = $('agenda-list');
  $('ics-link').href = apiUrl('/api/agenda.ics');
  // Follow-ups the seeker scheduled for a later day come after what is due, under "Coming up".
  const items = ag.items || [];
  const due = items.filter((it) => it.due <= ag.today);
  const ahead = items.filter((it) => it.due > ag.today);
  const row = (it) => {
    const who = it.person ? `${it.person} at ${it.org}` : it.org;
    const verb = it.action === 'ask-again' ? 'Ask again' : 'Follow up';
    const when = it.due > ag.today ? `On ${fmtDate(it.due)}: ` : '';
    return h('li', { class: it.due > ag.today ? 'ahead' : '' },
      h('div', { class: 'agenda-what' }, h('strong', {}, `${when}${verb}: `), `${who} `, h('span', { class: 'muted' }, `(${it.kind}, #${it.id})`)),
      h('div', { class: 'muted small' }, it.reason || '', it.action !== 'follow-up' ? '' : it.chance !== null && it.chance !== undefined ? ` · chance a reply still comes: ${pct(it.chance)}` : ' · chance a reply still comes: not known yet'),
      h('button', { type: 'button', class: 'btn-quiet small', onclick: () => openFollowUp(it.id) },
        it.action === 'scheduled' ? `Record this follow-up to #${it.id}` : `Add a follow-up to #${it.id}`));
  };
  list.replaceChildren(
    // A closed search (an offer accepted) has nothing left to chase: keel suggests nothing.
    ...(due.length ? due.map(row) : [h('li', { class: 'empty' }, ag.closed
      ? 'Your search is closed: nothing is left to chase, so keel suggests no follow-ups.'
      : 'Nothing due today. A calm day is a fine day to make a new ask.')]),
    ...(ahead.length ? [h('li', { class: 'empty' }, h('strong', {}, 'Coming up')), ...ahead.map(row)] : []));
}

// ---------- pickers for the reply / follow-up forms ----------
function askLabel(a) {
  const who = a.person ? `${a.person}, ${a.org}` : a.org;
  return `#${a.id} ${who} — ${a.kind}${a.role ? ` (${a.role})` : ''}, ${a.asked_on} · ${outcomeLabel(a.outcome)}`;
}
export function fillAskSelect(sel, asks, placeholder) {
  const keep = sel.value;
  sel.replaceChildren(h('option', { value: '' }, placeholder),
    ...asks.map((a) => h('option', { value: String(a.id) }, askLabel(a))));
  if (keep && asks.some((a) => String(a.id) === keep)) sel.value = keep;
}
export function renderAskPickers() {
  const asks = (state.data.exported.asks || []).slice().sort((x, y) => (y.asked_on.localeCompare(x.asked_on)) || (y.id - x.id));
  const rank = { pending: 0, 'not-yet': 1, silent: 2, no: 3, yes: 4 };
  const forReply = asks.slice().sort((x, y) => (rank[x.outcome] ?? 5) - (rank[y.outcome] ?? 5));
  fillAskSelect($('reply-ask'), forReply, asks.length ? 'Choose an ask…' : 'No asks yet: log one first');
  fillAskSelect($('follow-ask'), forReply, asks.length ? 'Choose an ask…' : 'No asks yet: log one first');
  const orgs = [...new Set(asks.map((a) => a.org))].sort((a, b) => a.localeCompare(b));
  $('org-names').replaceChildren(...orgs.map((o) => h('option', { value: o })));
}

// ---------- funnel ----------
function rateText(g) {
  if (!g || !g.decided) return g && g.asks ? 'no answers yet' : 'none yet';
  const [l, u] = g.wilson95 || [0, 0];
  return `${pct(g.yes_rate)} yes (range ${pct(l)}–${pct(u)})`;
}
export function renderFunnel() {
  const groups = Object.fromEntries((state.data.kinds.groups || []).map((g) => [g.key, g]));
  const max = Math.max(1, ...Object.values(groups).map((g) => g.asks));
  const step = (kind) => {
    const g = groups[kind] || { asks: 0, yes: 0, decided: 0 };
    const w = Math.max(g.asks ? 3 : 0, Math.round((100 * g.asks) / max));
    return h('li', { class: 'funnel-step', 'data-kind': kind },
      h('div', { class: 'funnel-head' },
        h('span', { class: 'funnel-name' }, kindLabel(kind)),
        h('span', { class: 'funnel-count' }, `${plural(g.asks, 'ask')} · ${plural(g.yes || 0, 'yes', 'yeses')}`)),
      h('div', { class: 'funnel-bar', 'aria-hidden': 'true' },
        h('span', { class: 'funnel-fill', style: `width:${w}%` },
          h('span', { class: 'funnel-yes', style: `width:${g.asks ? (100 * (g.yes || 0)) / g.asks : 0}%` }))),
      h('div', { class: 'funnel-rate' }, rateText(g)));
  };
  $('funnel-list').replaceChildren(...FUNNEL.map(step));
  const others = meta.kinds.filter((k) => !FUNNEL.includes(k) && groups[k]);
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
    p.suggestion ? h('p', { class: 'suggestion' }, h('strong', {}, 'What might help: '), ...richText(p.suggestion),
      p.action ? [' ', actionButton(p.action)] : []) : null,
    ...commentsAbout(`pattern:${p.theme}`).map(noteLine));
}
// The action a pattern's suggestion proposes, put into the "Decide an action" form to edit and
// record (keel sends it as {text, theme}; nothing is written until the person records it).
function actionButton(action) {
  const b = h('button', { type: 'button', class: 'btn-quiet small' }, 'Decide this action');
  b.addEventListener('click', () => {
    $('action-text').value = action.text;
    $('action-theme').value = action.theme;
    $('action-form').scrollIntoView({ block: 'center' });
    $('action-text').focus();
  });
  return b;
}
export function renderPatterns() {
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
export function renderActions() {
  const list = state.data.actions || [];
  const body = $('actions-body');
  if (!list.length) {
    body.replaceChildren(h('p', { class: 'muted' }, 'No actions yet. When a pattern about you appears, decide one thing to do about it and record it under ',
      h('a', { href: '#action-form' }, 'Decide an action'), '; keel then compares your yes-rate before and after.'));
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

