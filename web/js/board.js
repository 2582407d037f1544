// The board: every role (an organization's role) as a card in the column of its stage, from
// GET /api/pipeline (the bytes of `keel --json pipeline`). The stage is derived from the asks and
// answers, so moving a card records the ask or answer the move means, through the same
// POST /api/ask and /api/answer as the forms; nothing else is stored. Each column of the way to an
// offer carries its honest rate (k of n, with the 95 % range). The board never shames a no: the
// column of roles they closed is worded "Closed by them" and drawn like any other, and after a no
// the reframe appears as it does after the reply form.
//
// Keyboard: every card is focusable and has a "Move to…" list and a Move button (no dragging
// needed). On a phone the columns become one list grouped by stage.
import { post } from './api.js';
import { $, h, notify, plural, fmtDate } from './dom.js';
import { state } from './state.js';
import { showAnswerReframe } from './forms.js';

// The ways to an offer, then the endings, in the order the board shows them.
const ACTIVE = ['saved', 'applied', 'screen', 'interview', 'offer'];
const ENDED = ['accepted', 'declined', 'rejected', 'withdrawn', 'ghosted'];

// Column headings: plain words, none of them a verdict.
const TITLE = {
  saved: 'Saved', applied: 'Applied', screen: 'Screen', interview: 'Interview', offer: 'Offer',
  accepted: 'Accepted', declined: 'Declined by you', rejected: 'Closed by them',
  withdrawn: 'Withdrawn by you', ghosted: 'Silent',
};
// What the rate under a column's heading counts (the funnel step that starts at that stage).
const RATE_WORDS = {
  applied: 'reached a screen', screen: 'led to an interview', interview: 'led to an offer', offer: 'accepted',
};
// What an ending column means, said once under its heading.
const ENDED_NOTE = {
  accepted: 'The offer you took.',
  declined: 'Your choice; left out of every rate.',
  rejected: 'Their decision. Most of the time a no is about the role, not you.',
  withdrawn: 'Your choice; left out of every rate.',
  ghosted: '', // filled in with the horizon: silence is not a no
};

const key = (r) => `${r.org}\u001f${r.role}`;

// The moves a card offers: [value, label]. A stage moves forward by the ask or yes that means it;
// any open role can be closed by them (a no) or withdrawn by you. A silent role is still open
// (silence is reopenable): it moves on from the furthest stage it reached.
function movesFor(r) {
  const stage = r.stage === 'ghosted' ? r.furthest : r.stage;
  if (!ACTIVE.includes(stage) || r.stage === 'accepted') return [];
  const out = [];
  if (stage === 'saved') out.push(['applied', 'Applied (log the application)']);
  if (stage === 'applied' && r.application_ask) out.push(['screen', 'Screen (they said yes)']);
  if (stage === 'applied' || stage === 'screen') out.push(['interview', 'Interview (log the round)']);
  if (stage === 'interview') {
    out.push(['next-round', 'Next interview round']);
    out.push(['offer', 'Offer (they made one)']);
  }
  if (r.latest_step_ask) {
    out.push(['rejected', 'Closed by them (they said no)']);
    out.push(['withdrawn', stage === 'offer' ? 'Declined by you' : 'Withdrawn by you']);
  }
  return out;
}

// Records what a move means; returns the last write's response.
async function record(r, move) {
  const ask = (kind) => post('/api/ask', { org: r.org, role: r.role, kind });
  const answer = (id, outcome) => post('/api/answer', { id, outcome });
  const waiting = (kind) => r.latest_step_ask && r.latest_step_kind === kind && r.latest_step_waiting;
  switch (move) {
    case 'applied': return ask('application');
    case 'screen': return answer(r.application_ask, 'yes');
    case 'interview': return ask('interview');
    case 'next-round':
      // The interview's yes is the next round; without an open interview, log the round.
      return waiting('interview') ? answer(r.latest_step_ask, 'yes') : ask('interview');
    case 'offer': {
      if (waiting('offer')) return answer(r.latest_step_ask, 'yes');
      const made = await ask('offer');
      return answer(made.id, 'yes');
    }
    case 'rejected': return answer(r.latest_step_ask, 'no');
    case 'withdrawn': return answer(r.latest_step_ask, 'withdrawn');
    default: throw new Error(`no such move: ${move}`);
  }
}

// What the status line says after a move (the reframe says more after a no).
const DONE = {
  applied: (r) => `Application to ${r.org} (${r.role}) logged.`,
  screen: (r) => `${r.org} said yes: ${r.role} is at the screen.`,
  interview: (r) => `Interview with ${r.org} (${r.role}) logged.`,
  'next-round': (r) => `On to the next round with ${r.org} (${r.role}).`,
  offer: (r) => `An offer from ${r.org} (${r.role}). Congratulations!`,
  rejected: (r) => `Recorded: ${r.org} closed the ${r.role} role.`,
  withdrawn: (r) => (r.stage === 'offer' ? `Recorded: you declined the offer from ${r.org} (${r.role}).`
    : `Recorded: you withdrew from ${r.org} (${r.role}).`),
};

function card(r, refresh) {
  const id = `role-${state.boardIds.get(key(r))}`;
  const moves = movesFor(r);
  const days = r.days_in_stage;
  const since = days === null ? '' : days === 0 ? 'since today' : `${plural(days, 'day')} here`;
  const parts = [
    h('h4', { class: 'role-org', id: `${id}-h` }, r.org),
    h('p', { class: 'role-title' }, r.role),
    h('p', { class: 'role-days muted small', title: r.since ? `since ${fmtDate(r.since)}` : null },
      r.round > 1 ? `round ${r.round} · ${since}` : since),
  ];
  // A scheduled round is shown, never counted as a stage: the stage comes from asks and answers.
  if (r.next_interview) {
    parts.push(h('p', { class: 'role-next small' },
      `Interview round ${r.next_interview.round} on ${fmtDate(r.next_interview.local.slice(0, 10))}, ${r.next_interview.local.slice(11)}`));
  }
  if (moves.length) {
    const sel = h('select', { id: `${id}-move`, class: 'role-move' },
      h('option', { value: '' }, 'Move to…'), ...moves.map(([v, label]) => h('option', { value: v }, label)));
    const err = h('p', { class: 'error small', role: 'alert', id: `${id}-error` });
    const btn = h('button', { type: 'button', class: 'btn-quiet small' }, 'Move');
    btn.addEventListener('click', async () => {
      const move = sel.value;
      if (!move) { err.textContent = 'Choose where it moved first.'; sel.focus(); return; }
      err.textContent = '';
      btn.disabled = true;
      try {
        const res = await record(r, move);
        state.boardFocus = key(r);
        notify(DONE[move](r), res.notices);
        await refresh();
        if (move === 'rejected') showAnswerReframe(res);
        else focusCard(state.boardFocus);
      } catch (e) {
        err.textContent = e.message;
        btn.disabled = false;
      }
    });
    parts.push(h('div', { class: 'role-actions' },
      h('label', { for: `${id}-move`, class: 'sr-only' }, `Move ${r.org}, ${r.role} to`), sel, btn), err);
  }
  return h('li', {}, h('article', { class: 'role-card', id, tabindex: '0', 'aria-labelledby': `${id}-h`, 'data-key': key(r) }, ...parts));
}

function focusCard(k) {
  const el = [...document.querySelectorAll('#board .role-card')].find((c) => c.dataset.key === k);
  if (el) { el.focus({ preventScroll: true }); el.scrollIntoView({ block: 'nearest' }); }
}

// An ended column shows its most recent roles; the rest behind "Show all" (a long search has
// a hundred silences, and the board is for the roles still moving).
const ENDED_SHOWN = 5;

function column(stage, roles, funnel, horizon, refresh) {
  const ended = ENDED.includes(stage);
  // On the way: the longest waiting first. Ended: the most recent first.
  const here = roles.filter((r) => r.stage === stage)
    .sort((a, b) => (ended ? -1 : 1) * String(a.since || '').localeCompare(String(b.since || '')));
  const step = funnel.find((s) => s.from === stage);
  const head = [h('h3', { id: `col-${stage}-h` }, TITLE[stage], ' ', h('span', { class: 'col-count' }, `(${here.length})`))];
  if (step && RATE_WORDS[stage]) {
    // keel's own words and rounding ("1 of 3 (33 %, likely 6–79 %)"), with what was reached.
    head.push(h('p', { class: 'col-rate small', title: step.line },
      step.n > 0 ? step.short.replace(/^(\d+ of \d+)/, `$1 ${RATE_WORDS[stage]}`).replace(/ %/g, '\u00a0%') : 'No answers yet.'));
  }
  const note = stage === 'ghosted' ? `No answer after ${horizon} days. Silence is not a no.` : ENDED_NOTE[stage];
  if (note) head.push(h('p', { class: 'col-note muted small' }, note));
  const all = state.boardAll.has(stage) || !ended;
  const shown = all ? here : here.slice(0, ENDED_SHOWN);
  const list = here.length
    ? h('ul', { class: 'role-list', 'aria-labelledby': `col-${stage}-h` }, ...shown.map((r) => card(r, refresh)))
    : h('p', { class: 'muted small col-empty' }, 'None here.');
  const more = shown.length < here.length
    ? h('button', {
      type: 'button', class: 'btn-quiet small col-more',
      onclick: () => { state.boardAll.add(stage); renderBoard(refresh); focusCard(key(here[ENDED_SHOWN])); },
    }, `Show all ${here.length}`)
    : null;
  return h('div', { class: `board-col${here.length ? '' : ' empty'}`, 'data-stage': stage }, ...head, list, more);
}

export function renderBoard(refresh) {
  const p = state.data.pipeline;
  const box = $('board-columns');
  if (!p) return;
  state.boardIds = state.boardIds || new Map();
  state.boardAll = state.boardAll || new Set();
  for (const r of p.roles) if (!state.boardIds.has(key(r))) state.boardIds.set(key(r), state.boardIds.size + 1);
  $('board').hidden = false;
  $('board-empty').hidden = p.roles.length > 0;
  box.hidden = p.roles.length === 0;
  const days = p.horizon.days;
  box.replaceChildren(
    h('h3', { class: 'board-row-h', id: 'board-open-h' }, 'On the way'),
    h('div', { class: 'board-row', role: 'group', 'aria-labelledby': 'board-open-h' },
      ...ACTIVE.map((s) => column(s, p.roles, p.funnel, days, refresh))),
    h('h3', { class: 'board-row-h', id: 'board-ended-h' }, 'Ended'),
    h('div', { class: 'board-row', role: 'group', 'aria-labelledby': 'board-ended-h' },
      ...ENDED.map((s) => column(s, p.roles, p.funnel, days, refresh))),
  );
}
