// People and the weekly goal. The contacts view (`GET /api/contacts`) lists each person with the
// asks made to them and what came of each, the last day you were in touch and who introduced
// them; choosing a name shows their timeline (`GET /api/contact?name=`), including whom they
// introduced you to. The weekly goal sits in the headline ("this week: 3 of 5 asks · goal met 4
// weeks running", from `/api/status`'s `goal`) with a small form that sets or removes it
// (`POST /api/goal`). Counts of nos are shown as plain counts beside the yeses: facts, never a
// ranking of people. The goal measures effort (asks made), and the page says so.
import { get, post } from './api.js';
import { $, h, fmtDate, plural, notify } from './dom.js';
import { state } from './state.js';
import { val, submit, done, clearErrors, fieldError } from './formkit.js';

const COLUMNS = [
  ['yes', 'Yes'], ['no', 'No'], ['not_yet', 'Not yet'], ['silent', 'No reply'], ['pending', 'Waiting'],
];
let selected = '';  // the person whose timeline is open

// ---------- the weekly goal ----------
export function renderGoal() {
  const goal = state.data.status ? state.data.status.goal : null;
  const box = $('goal');
  if (!box) return;
  $('goal-line').textContent = goal ? capitalizeFirst(goal.line) : 'No weekly goal yet.';
  $('goal-sub').textContent = goal
    ? `Week ${goal.week.replace(/^\d+-W/, '')}, ${fmtDate(goal.week_start)} to ${fmtDate(goal.week_end)}. It counts asks you make: effort, which you control. A week in progress joins the run once it is met.`
    : 'A goal of asks a week counts what you control: the asking, not the answers.';
  const f = $('goal-form');
  if (document.activeElement !== f.elements.asks_per_week) f.elements.asks_per_week.value = goal ? String(goal.asks_per_week) : '';
  $('goal-set').textContent = goal ? 'Change goal' : 'Set goal';
  $('goal-clear').hidden = !goal;
}

const capitalizeFirst = (s) => (s ? s[0].toUpperCase() + s.slice(1) : s);

function setupGoal(refresh) {
  const f = $('goal-form');
  f.addEventListener('submit', (e) => {
    e.preventDefault();
    submit(f, async () => {
      const text = val(f, 'asks_per_week');
      const n = Number(text);
      if (!text || !Number.isInteger(n) || n < 1 || n > 500) {
        throw fieldError('asks_per_week', 'Give a whole number of asks a week, from 1 to 500.');
      }
      const r = await post('/api/goal', { asks_per_week: n });
      await refresh();
      done(f, r.changed ? `Goal set: ${plural(n, 'ask')} a week. Undo takes it back.` : `Your goal is already ${plural(n, 'ask')} a week.`, r);
    });
  });
  $('goal-clear').addEventListener('click', () => submit(f, async () => {
    const r = await post('/api/goal', { clear: true });
    await refresh();
    clearErrors(f);
    done(f, 'Goal removed; the weeks it judged keep their record. Undo brings it back.', r);
  }));
}

// ---------- contacts ----------
export function renderContacts() {
  const people = state.data.contacts || [];
  const list = $('contact-names');
  if (list) list.replaceChildren(...people.map((p) => h('option', { value: p.name })));
  $('contacts-empty').hidden = people.length > 0;
  $('contacts-wrap').hidden = people.length === 0;
  $('contacts-body').replaceChildren(...people.map((p) => h('tr', {},
    h('th', { scope: 'row', 'data-label': 'Person' }, h('button', { type: 'button', class: 'linkish', 'aria-pressed': String(p.name === selected), onclick: (e) => openContact(p.name, e.currentTarget) }, p.name)),
    h('td', { 'data-label': 'Organization' }, p.org || '—'),
    h('td', { class: 'num', 'data-label': 'Asks' }, String(p.counts.asks)),
    ...COLUMNS.map(([k, label]) => h('td', { class: 'num', 'data-label': label }, String(p.counts[k]))),
    h('td', { class: 'nowrap', 'data-label': 'Last in touch' }, p.last_contact ? fmtDate(p.last_contact) : '—'),
    h('td', { 'data-label': 'Introduced by' }, p.introduced_by.join(', ') || '—'))));
  if (selected && !people.some((p) => p.name === selected)) closeContact();
  else if (selected) openContact(selected, null, true);
}

function closeContact() {
  selected = '';
  $('contact-view').hidden = true;
}

function answersWords(c) {
  const parts = COLUMNS.filter(([k]) => c.counts[k] > 0).map(([k, label]) => `${c.counts[k]} ${label.toLowerCase()}`);
  if (c.counts.withdrawn > 0) parts.push(`${c.counts.withdrawn} withdrawn`);
  return `${plural(c.counts.asks, 'ask')}${parts.length ? `: ${parts.join(', ')}` : ''}`;
}

async function openContact(name, button, quiet) {
  let c;
  try { c = await get('/api/contact', { name }); }
  catch (e) { if (!quiet) notify(`Could not open ${name}: ${e.message}`); return; }
  selected = c.name;
  for (const b of document.querySelectorAll('#contacts-body button')) b.setAttribute('aria-pressed', String(b.textContent === selected));
  const view = $('contact-view');
  $('contact-h').textContent = c.org ? `${c.name} (${c.org})` : c.name;
  const facts = [answersWords(c)];
  if (c.last_contact) facts.push(`last in touch ${fmtDate(c.last_contact)}`);
  $('contact-facts').textContent = `${capitalizeFirst(facts.join('; '))}.`;
  const links = [];
  if (c.introduced_by.length) links.push(h('li', {}, `Introduced to you by ${c.introduced_by.join(', ')}`));
  if (c.introduced.length) links.push(h('li', {}, `Introduced you to ${[...new Set(c.introduced)].join(', ')}`));
  $('contact-links').replaceChildren(...links);
  $('contact-links').hidden = links.length === 0;
  $('contact-timeline').replaceChildren(...(c.timeline.length ? c.timeline.map((e) => h('li', {},
    h('time', { datetime: e.on }, fmtDate(e.on)),
    h('div', {}, h('span', {}, e.line)))) : [h('li', {}, h('span', {}), h('div', {}, 'No ask names them any more.'))]));
  view.hidden = false;
  if (!quiet) $('contact-h').focus();
}

export function setupContacts(refresh) {
  setupGoal(refresh);
  $('contact-close').addEventListener('click', () => {
    const back = [...document.querySelectorAll('#contacts-body button')].find((b) => b.textContent === selected);
    closeContact();
    for (const b of document.querySelectorAll('#contacts-body button')) b.setAttribute('aria-pressed', 'false');
    if (back) back.focus();
  });
}
