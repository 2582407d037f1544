// Interviews: the rounds ahead (`keel interviews`), a form to schedule one for an ask (`keel
// interview ASK_ID --at ...`) and one to change or remove a round (`keel interview edit|remove`).
// Times are typed and shown as the local wall time of the machine keel runs on, as keel shows
// them; keel turns them into UTC for the calendar. The section is built here, into the empty
// <section id="interviews"> of index.html; text always goes in as text.
import { get, post } from './api.js';
import { $, h, fmtDate } from './dom.js';
import { state } from './state.js';
import { val, submit, done, fieldError, clearErrors } from './formkit.js';
import { fillAskSelect } from './views.js';

const field = (id, label, control, opt, wide) =>
  h('div', { class: wide ? 'field wide' : 'field' },
    h('label', { for: id }, label, opt ? h('span', { class: 'opt' }, ` (${opt})`) : null), control);

// The fields both forms share; `p` prefixes the ids ("interview", "interview-edit").
const roundFields = (p) => [
  field(`${p}-date`, 'Date', h('input', { id: `${p}-date`, name: 'date', type: 'date' })),
  field(`${p}-time`, 'Time', h('input', { id: `${p}-time`, name: 'time', type: 'time' }), 'local'),
  field(`${p}-round`, 'Round', h('input', { id: `${p}-round`, name: 'round', type: 'number', min: '1', max: '50', inputmode: 'numeric' }), p === 'interview' ? 'default: the next' : null),
  field(`${p}-minutes`, 'Minutes', h('input', { id: `${p}-minutes`, name: 'minutes', type: 'number', min: '5', max: '720', inputmode: 'numeric', placeholder: '60' }), 'optional'),
  field(`${p}-with`, 'Interviewers', h('input', { id: `${p}-with`, name: 'with', autocomplete: 'off', placeholder: 'like Ann Lee, Bo Chen' }), 'comma between names', true),
  field(`${p}-prep`, 'Prep notes', h('textarea', { id: `${p}-prep`, name: 'prep', rows: '3' }), 'optional', true),
];

function buildSection(section) {
  const form = h('form', { id: 'interview-form', class: 'card-form wide-card', novalidate: true, 'aria-labelledby': 'interview-h' },
    h('h3', { id: 'interview-h' }, 'Schedule an interview'),
    h('p', { class: 'hint' }, 'A round for the role of one of your asks: the application that got the invitation, or the interview ask. It goes in the agenda and in the calendar file.'),
    h('div', { class: 'grid' },
      field('interview-ask', 'Ask', h('select', { id: 'interview-ask', name: 'ask_id' }), null, true),
      ...roundFields('interview')),
    h('div', { class: 'form-end' },
      h('button', { type: 'submit', class: 'btn' }, 'Schedule the interview'),
      h('p', { class: 'form-error error', role: 'alert' }),
      h('p', { class: 'form-ok', role: 'status' })));

  const edit = h('form', { id: 'interview-edit-form', class: 'card-form wide-card', novalidate: true, hidden: true, 'aria-labelledby': 'interview-edit-h' },
    h('h3', { id: 'interview-edit-h', tabindex: '-1' }, 'Change a round'),
    h('input', { type: 'hidden', name: 'id' }),
    h('div', { class: 'grid' }, ...roundFields('interview-edit')),
    h('div', { class: 'form-end' },
      h('button', { type: 'submit', class: 'btn' }, 'Save the changes'),
      h('button', { type: 'button', class: 'btn-quiet', id: 'interview-remove' }, 'Remove this round'),
      h('button', { type: 'button', class: 'btn-quiet', id: 'interview-edit-cancel' }, 'Cancel'),
      h('p', { class: 'form-error error', role: 'alert' }),
      h('p', { class: 'form-ok', role: 'status' })));

  section.replaceChildren(
    h('h2', { id: 'interviews-h', tabindex: '-1' }, 'Interviews'),
    h('p', { class: 'hint' }, 'Rounds from today on, the soonest first, in this computer’s local time.'),
    h('div', { class: 'table-wrap' },
      h('table', { class: 'interviews-table' },
        h('caption', { class: 'sr-only' }, 'Your interviews ahead, soonest first'),
        h('thead', {}, h('tr', {}, ...['When', 'Round', 'Organization', 'Role', 'Interviewers', 'Prep notes', '']
          .map((c) => h('th', { scope: 'col' }, c)))),
        h('tbody', { id: 'interviews-body' }))),
    h('div', { class: 'form-cards' }, form, edit));
}

const whenText = (i) => `${fmtDate(i.date)}, ${i.time} ${i.zone}`;

export function renderInterviews() {
  const rows = state.data.interviews || [];
  $('interviews-body').replaceChildren(...(rows.length ? rows.map((i) => h('tr', { 'data-interview': String(i.id) },
    h('td', { 'data-label': 'When' }, h('div', {}, whenText(i), h('span', { class: 'block muted small' }, `${i.minutes} min`))),
    h('td', { 'data-label': 'Round' }, String(i.round)),
    h('th', { scope: 'row', 'data-label': 'Organization' }, i.org),
    h('td', { 'data-label': 'Role' }, i.role || '—'),
    h('td', { 'data-label': 'Interviewers' }, i.with.join(', ')),
    h('td', { class: 'wrap', 'data-label': 'Prep notes' }, i.prep),
    h('td', {}, h('button', { type: 'button', class: 'btn-quiet small', onclick: (e) => openEdit(i, e.currentTarget) },
      `Change round ${i.round} at ${i.org}`))))
    : [h('tr', {}, h('td', { colspan: '7', class: 'muted' }, 'No interviews ahead. When one is set, schedule it below: keel puts it in your agenda and calendar.'))]));
  const asks = ((state.data.exported && state.data.exported.asks) || [])
    .filter((a) => a.outcome !== 'withdrawn')
    .sort((x, y) => (y.asked_on.localeCompare(x.asked_on)) || (y.id - x.id));
  fillAskSelect($('interview-ask'), asks, asks.length ? 'Choose an ask…' : 'No asks yet: log one first');
}

// The agenda box: the rounds ahead after its items, from the agenda's own `interviews`.
export function renderAgendaInterviews() {
  const list = $('agenda-list');
  list.querySelectorAll('li.interview').forEach((li) => li.remove());
  const rounds = (state.data.agenda && state.data.agenda.interviews) || [];
  if (!rounds.length) return;
  list.append(h('li', { class: 'empty interview' }, h('strong', {}, 'Interviews')),
    ...rounds.map((i) => h('li', { class: 'interview' },
      h('div', { class: 'agenda-what' }, h('strong', {}, `${whenText(i)}: `),
        `round ${i.round} at ${i.org}${i.role ? `, ${i.role}` : ''} `, h('span', { class: 'muted' }, `(ask #${i.ask_id})`)),
      i.with.length ? h('div', { class: 'muted small' }, `with ${i.with.join(', ')}`) : null)));
}

// The rounds of one ask, for its timeline (timeline.js): every round, past ones too.
export async function roundsOf(askId) {
  const all = await get('/api/interviews', { all: 1 });
  return all.filter((i) => i.ask_id === askId);
}

let returnFocus = null;

function openEdit(i, from) {
  const f = $('interview-edit-form');
  clearErrors(f);
  f.querySelector('.form-ok').textContent = '';
  f.elements.id.value = String(i.id);
  f.elements.date.value = i.date;
  f.elements.time.value = i.time;
  f.elements.round.value = String(i.round);
  f.elements.minutes.value = String(i.minutes);
  f.elements.with.value = i.with.join(', ');
  f.elements.prep.value = i.prep;
  $('interview-edit-h').textContent = `Change round ${i.round} at ${i.org}`;
  f.hidden = false;
  returnFocus = from;
  f.scrollIntoView({ block: 'nearest' });
  $('interview-edit-h').focus();
}

function closeEdit() {
  $('interview-edit-form').hidden = true;
  if (returnFocus && returnFocus.isConnected) returnFocus.focus();
}

// "YYYY-MM-DD HH:MM" from the two controls; an error beside the one that is missing.
function atValue(f) {
  const date = val(f, 'date'), time = val(f, 'time');
  if (!date) throw fieldError('date', 'Choose the day of the interview.');
  if (!time) throw fieldError('time', 'Write the time it starts, like 14:30.');
  return `${date} ${time}`;
}

const names = (f) => val(f, 'with').split(',').map((s) => s.trim()).filter(Boolean);

function numbers(f, body) {
  for (const k of ['round', 'minutes']) {
    if (!val(f, k)) continue;
    const n = Number(val(f, k));
    if (!Number.isInteger(n)) throw fieldError(k, `Write the ${k === 'round' ? 'round' : 'length in minutes'} as a whole number.`);
    body[k] = n;
  }
}

// keel names the time "at"; the page has Date and Time: its error shows beside Date.
const RENAME = { at: 'date', ask_id: 'ask_id' };

export function setupInterviews(refresh) {
  const section = $('interviews');
  if (!section) return;
  buildSection(section);
  $('interview-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const f = e.currentTarget;
    submit(f, async () => {
      if (!val(f, 'ask_id')) throw fieldError('ask_id', 'Choose the ask the interview is for.');
      const body = { ask_id: Number(val(f, 'ask_id')), at: atValue(f), with: names(f) };
      numbers(f, body);
      if (val(f, 'prep')) body.prep = f.elements.prep.value;
      const r = await post('/api/interview', body);
      f.reset();
      done(f, `Scheduled round ${r.round} at ${r.org} on ${whenText(r)}.`, r);
      await refresh();
    }, RENAME);
  });
  const edit = $('interview-edit-form');
  edit.addEventListener('submit', (e) => {
    e.preventDefault();
    const f = e.currentTarget;
    submit(f, async () => {
      const body = { id: Number(f.elements.id.value), at: atValue(f), with: names(f), prep: f.elements.prep.value };
      numbers(f, body);
      const r = await post('/api/interview/edit', body);
      done(f, `Changed: round ${r.round} at ${r.org} on ${whenText(r)}.`, r);
      await refresh();
    }, RENAME);
  });
  $('interview-remove').addEventListener('click', () => {
    submit(edit, async () => {
      const r = await post('/api/interview/remove', { id: Number(edit.elements.id.value) });
      done(edit, `Removed round ${r.round} at ${r.org}; Undo brings it back.`, r);
      edit.hidden = true;
      await refresh();
      $('interviews-h').focus();
    });
  });
  $('interview-edit-cancel').addEventListener('click', closeEdit);
}
