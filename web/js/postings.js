// Postings: save a role before applying (`keel posting add`: the description pasted here is kept,
// never fetched), see the saved postings by deadline (`keel posting list`), and search the whole
// ledger (`keel list --search`: reasons, notes, descriptions). The section is built here, into the
// empty <section id="postings"> of index.html, so the page's HTML stays small. Text always goes in
// as text: a search result's matched words come as separate parts and are wrapped in <mark>.
import { get, post } from './api.js';
import { $, h, fmtDate, plural } from './dom.js';
import { state } from './state.js';
import { val, dateValue, submit, done, fieldError } from './formkit.js';

// keel refuses a longer description (kMaxDocumentChars); saying so here spares the round trip.
const MAX_DESCRIPTION = 200000;

const field = (id, label, control, opt, wide) =>
  h('div', { class: wide ? 'field wide' : 'field' },
    h('label', { for: id }, label, opt ? h('span', { class: 'opt' }, ` (${opt})`) : null), control);

function buildSection(section) {
  const form = h('form', { id: 'posting-form', class: 'card-form wide-card', novalidate: true, 'aria-labelledby': 'posting-h' },
    h('h3', { id: 'posting-h' }, 'Save a posting'),
    h('p', { class: 'hint' }, 'Keep a role before you apply: paste its description so it stays with you after the ad is gone. keel never fetches the link.'),
    h('div', { class: 'grid' },
      field('posting-org', 'Organization', h('input', { id: 'posting-org', name: 'org', autocomplete: 'off' })),
      field('posting-role', 'Role', h('input', { id: 'posting-role', name: 'role', autocomplete: 'off', placeholder: 'like Data Engineer' })),
      field('posting-url', 'Link to the posting', h('input', { id: 'posting-url', name: 'url', type: 'url', autocomplete: 'off', placeholder: 'https://…' }), 'optional', true),
      field('posting-deadline', 'Apply by', h('input', { id: 'posting-deadline', name: 'deadline', type: 'date' }), 'optional'),
      field('posting-salary', 'Yearly pay offered', h('input', { id: 'posting-salary', name: 'salary_range', autocomplete: 'off', inputmode: 'numeric', placeholder: 'like 90000-120000' }), 'optional'),
      field('posting-location', 'Location', h('input', { id: 'posting-location', name: 'location', autocomplete: 'off' }), 'optional'),
      field('posting-note', 'Note', h('input', { id: 'posting-note', name: 'note', autocomplete: 'off' }), 'optional'),
      field('posting-description', 'Description', h('textarea', { id: 'posting-description', name: 'description', rows: '6' }), 'pasted from the posting', true),
      h('div', { class: 'check' }, h('input', { type: 'checkbox', id: 'posting-new-org', name: 'new_org' }),
        h('label', { for: 'posting-new-org' }, 'A different organization from a similar name'))),
    h('div', { class: 'form-end' },
      h('button', { type: 'submit', class: 'btn' }, 'Save the posting'),
      h('p', { class: 'form-error error', role: 'alert' }),
      h('p', { class: 'form-ok', role: 'status' })));

  const search = h('form', { id: 'search-form', class: 'card-form wide-card', role: 'search', novalidate: true, 'aria-labelledby': 'search-h' },
    h('h3', { id: 'search-h' }, 'Search your ledger'),
    h('div', { class: 'search-row' },
      field('search-text', 'Words in reasons, notes and postings', h('input', { id: 'search-text', name: 'search', type: 'search', autocomplete: 'off', placeholder: 'like kubernetes or visa' })),
      h('button', { type: 'submit', class: 'btn' }, 'Search')),
    h('p', { class: 'form-error error', role: 'alert' }),
    h('div', { id: 'search-results', 'aria-live': 'polite' }));

  section.replaceChildren(
    h('h2', { id: 'postings-h' }, 'Postings'),
    h('p', { class: 'hint' }, 'Roles you saved, the nearest deadline first. A role stays “saved” until you log an ask for it.'),
    h('div', { class: 'table-wrap' },
      h('table', { class: 'postings-table' },
        h('caption', { class: 'sr-only' }, 'Your saved postings, nearest deadline first'),
        h('thead', {}, h('tr', {}, ...['Apply by', 'Organization', 'Role', 'Pay', 'Location', 'Asks', 'Description']
          .map((c) => h('th', { scope: 'col' }, c)))),
        h('tbody', { id: 'postings-body' }))),
    h('div', { class: 'form-cards' }, form, search));
}

const payText = (p) => (p.salary_min === null || p.salary_min === undefined ? ''
  : p.salary_min === p.salary_max ? p.salary_min.toLocaleString() : `${p.salary_min.toLocaleString()}–${p.salary_max.toLocaleString()}`);

function daysLeft(deadline, today) {
  if (!deadline || !today) return '';
  const days = Math.round((Date.parse(deadline) - Date.parse(today)) / 86400000);
  if (days < 0) return 'passed';
  if (days === 0) return 'today';
  if (days === 1) return 'tomorrow';
  return `in ${days} days`;
}

export function renderPostings() {
  const rows = state.data.postings || [];
  const today = state.data.status && state.data.status.today;
  $('postings-body').replaceChildren(...(rows.length ? rows.map((p) => h('tr', {},
    h('td', { 'data-label': 'Apply by' }, p.deadline ? `${fmtDate(p.deadline)} (${daysLeft(p.deadline, today)})` : '—'),
    h('th', { scope: 'row', 'data-label': 'Organization' }, p.org),
    h('td', { 'data-label': 'Role' }, p.url ? h('a', { href: p.url, rel: 'noopener noreferrer', target: '_blank' }, p.role) : p.role),
    h('td', { 'data-label': 'Pay' }, payText(p)),
    h('td', { 'data-label': 'Location' }, p.location),
    h('td', { 'data-label': 'Asks' }, p.asks ? String(p.asks) : 'none yet (saved)'),
    h('td', { class: 'wrap', 'data-label': 'Description' },
      p.description ? `${p.description}${p.description_chars > p.description.length ? '…' : ''}` : '')))
    : [h('tr', {}, h('td', { colspan: '7', class: 'muted' }, 'No postings yet. Save one below when a role catches your eye, before you apply.'))]));
}

const leftText = (days) => (days === 0 ? 'today' : days === 1 ? 'tomorrow' : `in ${days} days`);

// The agenda box (views.js draws its items): the deadlines of saved postings after them, soonest
// first, from the agenda's own `deadlines` (keel agenda's), so the page and the .ics agree.
export function renderAgendaDeadlines() {
  const list = $('agenda-list');
  list.querySelectorAll('li.deadline').forEach((li) => li.remove());
  const deadlines = (state.data.agenda && state.data.agenda.deadlines) || [];
  if (!deadlines.length) return;
  list.append(h('li', { class: 'empty deadline' }, h('strong', {}, 'Deadlines of roles you saved')),
    ...deadlines.map((d) => h('li', { class: 'deadline' },
      h('div', { class: 'agenda-what' }, h('strong', {}, `Apply by ${fmtDate(d.deadline)} (${leftText(d.days_left)}): `),
        `${d.role} at ${d.org} `, h('span', { class: 'muted' }, `(posting #${d.posting})`)))));
}

// A matched field: its name, then its snippet with the matched words marked.
function snippet(m) {
  return h('div', { class: 'small' }, h('span', { class: 'muted' }, `${m.field}: `),
    ...m.snippet.map((part, i) => (i % 2 ? h('mark', {}, part) : part)));
}

function renderResults(r) {
  const asks = r.asks || [], postings = r.postings || [];
  const box = $('search-results');
  if (!asks.length && !postings.length) {
    box.replaceChildren(h('p', {}, `Nothing in your asks or postings mentions “${r.search}”.`));
    return;
  }
  box.replaceChildren(
    h('p', {}, `${plural(asks.length, 'ask')} and ${plural(postings.length, 'posting')} mention “${r.search}”.`),
    h('ul', { class: 'search-hits' },
      ...asks.map((a) => h('li', {}, h('strong', {}, `Ask #${a.id}: ${a.org}`), ` — ${a.kind}${a.role ? `, ${a.role}` : ''}, ${fmtDate(a.asked_on)}, ${a.outcome}`,
        ...a.matched.map(snippet))),
      ...postings.map((p) => h('li', {}, h('strong', {}, `Posting #${p.id}: ${p.org}`), ` — ${p.role}${p.deadline ? `, apply by ${fmtDate(p.deadline)}` : ''}`,
        ...p.matched.map(snippet)))));
}

export function setupPostings(refresh) {
  const section = $('postings');
  if (!section) return;
  buildSection(section);
  $('posting-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const f = e.currentTarget;
    submit(f, async () => {
      if (!val(f, 'org')) throw fieldError('org', 'Write the organization that posted the role.');
      if (!val(f, 'role')) throw fieldError('role', 'Write the role, like Data Engineer.');
      const description = f.elements.description.value;
      if (description.length > MAX_DESCRIPTION) {
        throw fieldError('description', `The description is ${description.length.toLocaleString()} characters; keel keeps at most ${MAX_DESCRIPTION.toLocaleString()}. Paste only the posting's own text.`);
      }
      const body = { org: val(f, 'org'), role: val(f, 'role') };
      for (const k of ['url', 'salary_range', 'location', 'note']) if (val(f, k)) body[k] = val(f, k);
      const deadline = dateValue(f, 'deadline', 'no deadline');
      if (deadline) body.deadline = deadline;
      if (description.trim()) body.description = description;
      if (f.elements.new_org.checked) body.new_org = true;
      const r = await post('/api/posting/add', body);
      f.reset();
      done(f, `Saved posting #${r.id}: ${r.role} at ${r.org}${r.deadline ? `, apply by ${fmtDate(r.deadline)}` : ''}.`, r);
      await refresh();
    });
  });
  $('search-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const f = e.currentTarget;
    submit(f, async () => {
      if (!val(f, 'search')) throw fieldError('search', 'Write a word to look for.');
      renderResults(await get('/api/list', { search: val(f, 'search') }));
    });
  });
}
