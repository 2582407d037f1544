// The table of asks, newest first, with its filters and the Reply / Follow up / Edit buttons.
import { get } from './api.js';
import { $, h, plural, capitalize, themeName } from './dom.js';
import { meta, fillSelect, outcomeLabel } from './meta.js';
import { state, pageSize } from './state.js';
import { openReply, openFollowUp, openEdit } from './forms.js';
import { openTimeline } from './timeline.js';
import { commentsAbout, noteLine } from './coaching.js';

// ---------- asks table ----------
export async function loadList() {
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
export function renderRows() {
  const rows = state.rows || [];
  const shown = rows.slice(0, state.asksShown);
  $('asks-count').textContent = rows.length ? `${plural(rows.length, 'ask')}${rows.length > shown.length ? `, showing the newest ${shown.length}` : ''}.`
    : 'No asks match. Log one above, or loosen the filters.';
  // An edit's confirmation sits under its row until the table next loads: the page's status line
  // is at the top, out of view when the row is far down (forms.js sets it, see `rowNote`).
  const note = state.rowNote && state.rowNote.list === state.listToken ? state.rowNote : null;
  $('asks-body').replaceChildren(...shown.flatMap((a) => {
    const who = h('span', {}, h('span', { class: 'phone-only muted' }, `#${a.id} `), h('span', { class: 'clamp', title: a.org.length > 80 ? a.org : null }, a.org), a.person ? h('span', { class: 'muted small block' }, a.person) : null, a.role ? h('span', { class: 'muted small block' }, a.role) : null);
    const reason = a.reason ? h('span', {}, `“${a.reason}”`, a.theme ? h('span', { class: `tag ${a.about_you ? 'about-you' : ''}` }, themeName(a.theme)) : null) : '';
    const open = ['pending', 'not-yet', 'silent'].includes(a.outcome);
    const cell = (label, ...content) => h('td', { 'data-label': label }, h('div', {}, ...content));
    return [h('tr', {},
      cell('#', String(a.id)),
      cell('Asked', h('span', { class: 'nowrap' }, a.asked_on)),
      cell('Organization', who),
      cell('Kind', a.kind, h('span', { class: 'muted small block' }, a.channel)),
      cell('Outcome', h('span', { class: `badge o-${a.outcome}` }, outcomeLabel(a.outcome)),
        a.replied_on ? h('span', { class: 'muted small block nowrap' }, a.replied_on) : null,
        a.until ? h('span', { class: 'muted small block nowrap' }, `ask again ${a.until}`) : null),
      a.reason ? cell('Reason', reason) : h('td', { class: 'no-reason' }),
      h('td', { class: 'row-actions' },
        h('button', { type: 'button', class: 'btn-quiet small', onclick: () => openReply(a.id), 'aria-label': `${open ? 'Reply' : 'Change reply'} to ask ${a.id}, ${a.org}` }, open ? 'Reply' : 'Change reply'),
        h('button', { type: 'button', class: 'btn-quiet small', onclick: () => openFollowUp(a.id), 'aria-label': `Follow up on ask ${a.id}, ${a.org}` }, 'Follow up'),
        h('button', { type: 'button', class: 'btn-quiet small', onclick: (e) => openTimeline(a.id, e.currentTarget), 'aria-label': `History of ask ${a.id}, ${a.org}: its answers, follow-ups and feedback` }, 'History'),
        h('button', { type: 'button', class: 'btn-quiet small', 'data-edit': String(a.id), onclick: (e) => openEdit(a.id, e.currentTarget), 'aria-label': `Edit ask ${a.id}, ${a.org}` }, 'Edit'))),
    ...(note && note.id === a.id ? [h('tr', { class: 'row-note' }, h('td', { colspan: '7' }, note.text))] : []),
    ...commentsAbout(`ask:${a.id}`).map((n) => h('tr', { class: 'row-note coach-row' }, h('td', { colspan: '7' }, noteLine(n))))];
  }));
  $('asks-more').hidden = rows.length <= shown.length;
}


export function setupFilters() {
  const f = $('filters');
  fillSelect($('f-kind'), meta.kinds, 'Any');
  fillSelect($('f-outcome'), meta.outcomes, 'Any', (o) => capitalize(outcomeLabel(o)));
  f.addEventListener('submit', (e) => e.preventDefault());
  for (const el of [f.kind, f.outcome, f.open]) el.addEventListener('change', () => { state.asksShown = pageSize(); loadList(); });
  let t;
  f.org.addEventListener('input', () => { clearTimeout(t); t = setTimeout(() => { state.asksShown = pageSize(); loadList(); }, 200); });
  $('asks-more').addEventListener('click', () => { state.asksShown += pageSize(); renderRows(); });
}
