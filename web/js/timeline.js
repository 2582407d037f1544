// An ask's timeline (`keel show ID`): the ask, every answer it received (its answer history),
// the follow-ups made and scheduled with their notes, its interview rounds, the feedback it
// brought and any pivot, in date order, in a dialog opened from the table of asks or the agenda.
import { get } from './api.js';
import { $, h, fmtDate, themeName, notify } from './dom.js';
import { outcomeLabel } from './meta.js';
import { openReply, openFollowUp, openEdit } from './forms.js';
import { openFeedbackAdd } from './feedback.js';
import { roundsOf } from './interviews.js';

const ANSWER_WORDS = { yes: 'They said yes', no: 'They said no', 'not-yet': 'They said not yet', withdrawn: 'You withdrew' };

function events(a, rounds) {
  const ev = [];
  // Order within one day: the ask, then follow-ups, answers, feedback, the pivot.
  const add = (on, rank, title, ...detail) => ev.push({ on, rank, title, detail: detail.filter(Boolean) });
  add(a.asked_on, 0, `Asked ${a.person ? `${a.person} at ` : ''}${a.org}: ${themeName(a.kind)}${a.role ? `, ${a.role}` : ''}`,
    a.channel && a.channel !== 'other' ? `by ${themeName(a.channel)}` : '', a.materials && a.materials.length ? `sent ${a.materials.join(', ')}` : '', a.note ? `note: ${a.note}` : '');
  for (const f of a.follow_up_log || []) {
    add(f.on, 1, f.scheduled ? 'Follow-up scheduled' : 'Followed up', f.note ? `“${f.note}”` : '');
  }
  if (!a.follow_up_log) for (const d of a.follow_ups || []) add(d, 1, 'Followed up');
  for (const x of a.answers || []) {
    // A feedback ask's yes is the feedback itself (keel records it so), listed right after.
    const words = x.outcome === 'yes' && ['feedback', 'resume-review'].includes(a.kind) ? 'They answered' : ANSWER_WORDS[x.outcome];
    add(x.replied_on || a.asked_on, 2, words || `Answer: ${outcomeLabel(x.outcome)}`,
      x.reason ? `“${x.reason}”` : '', x.reason_theme ? `theme: ${themeName(x.reason_theme)}` : '', x.until ? `ask again on ${fmtDate(x.until)}` : '');
  }
  for (const f of a.feedback || []) {
    add(f.received_on, 3, 'Feedback received', `“${f.text}”`, f.theme ? `theme: ${themeName(f.theme)}${f.about_you ? ' (about you)' : ''}` : '');
  }
  for (const r of rounds) {
    add(r.date, 1, `Interview round ${r.round} at ${r.time} ${r.zone}${r.past ? '' : ' (scheduled)'}`,
      r.with.length ? `with ${r.with.join(', ')}` : '', r.prep ? `prep: ${r.prep}` : '');
  }
  if (a.pivot) add(a.pivot.on, 4, 'Went ahead despite a deal-breaker', `${a.pivot.rule}: ${a.pivot.why}`);
  return ev.sort((x, y) => x.on.localeCompare(y.on) || x.rank - y.rank);
}

export async function openTimeline(id, returnTo) {
  let a;
  let rounds = [];
  try { a = await get('/api/show', { id }); }
  catch (e) { notify(`Could not open #${id}: ${e.message}`); return; }
  // The rounds scheduled for this ask; the timeline still opens without them.
  try { rounds = await roundsOf(a.id); } catch (e) { rounds = []; }
  const dlg = $('timeline-dialog');
  $('timeline-h').textContent = `Ask #${a.id}: ${a.org}`;
  const now = a.outcome === 'pending' ? 'waiting for an answer'
    : a.silence_inferred ? 'no reply (past the silence horizon)' : outcomeLabel(a.outcome);
  $('timeline-now').textContent = `Now: ${now}.`;
  $('timeline-list').replaceChildren(...events(a, rounds).map((e) => h('li', {},
    h('time', { datetime: e.on }, fmtDate(e.on)),
    h('div', {}, h('strong', {}, e.title), ...e.detail.map((d) => h('span', { class: 'block small' }, d))))));
  const close = () => { dlg.close(); if (returnTo && returnTo.isConnected) returnTo.focus(); };
  const go = (fn) => () => { dlg.close(); fn(); };
  $('timeline-actions').replaceChildren(
    h('button', { type: 'button', class: 'btn-quiet', onclick: go(() => openReply(a.id)) }, 'Record a reply'),
    h('button', { type: 'button', class: 'btn-quiet', onclick: go(() => openFollowUp(a.id)) }, 'Add or schedule a follow-up'),
    ['feedback', 'resume-review'].includes(a.kind) ? h('button', { type: 'button', class: 'btn-quiet', onclick: go(() => openFeedbackAdd(a.id)) }, 'Record their feedback') : null,
    h('button', { type: 'button', class: 'btn-quiet', onclick: go(() => openEdit(a.id, returnTo)) }, 'Edit'),
    h('span', { class: 'spacer' }),
    h('button', { type: 'button', class: 'btn', onclick: close }, 'Close'));
  dlg.onclose = null;
  dlg.showModal();
  $('timeline-actions').lastElementChild.focus();
}
