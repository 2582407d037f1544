// The forms that write: log an ask, record a reply, add a follow-up (three tabs), and the edit
// dialog. Each write reloads the page's data (`refresh`, given by main.js) and says what it did.
import { ApiError, get, post } from './api.js';
import { $, h, notify } from './dom.js';
import { meta, fillSelect, themeOptions, answerLabel, outcomeLabel } from './meta.js';
import { state } from './state.js';
import { val, dateValue, submitting, clearFieldErrors } from './fields.js';
import { materialsValue, showMaterials, editedMaterials } from './materialfield.js';

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
export function setupTabs() {
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
export function openReply(id) {
  selectTab('tab-reply');
  ensureOption($('reply-ask'), id);
  $('record').scrollIntoView({ behavior: 'smooth', block: 'start' });
  $('reply-outcome').focus();
}
export function openFollowUp(id) {
  selectTab('tab-follow');
  ensureOption($('follow-ask'), id);
  $('record').scrollIntoView({ behavior: 'smooth', block: 'start' });
  $('follow-note').focus();
}

// ---------- forms ----------
export function setupForms(refresh) {
  fillSelect($('ask-kind'), meta.kinds, null);
  // After a submit the form resets to this default, not to the last choice (a sticky kind logs
  // the next ask as the wrong kind without anyone noticing).
  for (const o of $('ask-kind').options) o.defaultSelected = o.value === 'application';
  $('ask-kind').value = 'application';
  fillSelect($('ask-channel'), meta.channels, '—');
  fillSelect($('ask-remote'), meta.remote, '—');
  fillSelect($('reply-outcome'), meta.answers.filter((o) => o !== 'reopen'), null, answerLabel);
  if (meta.answers.includes('reopen')) $('reply-outcome').append(h('option', { value: 'reopen' }, answerLabel('reopen')));
  $('reply-outcome').value = 'no';
  fillSelect($('edit-kind'), meta.kinds, null);
  fillSelect($('edit-channel'), meta.channels, '—');
  themeOptions($('reply-theme'), 'keel reads it from the words');
  themeOptions($('edit-theme'), 'as keel reads it');

  $('ask-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const f = e.currentTarget;
    submitting(f, $('ask-error'), async () => {
      if (!val(f, 'org')) throw new ApiError('Write the organization you asked.', { field: 'org' });
      const on = dateValue(f, 'on', 'today');
      const body = { org: val(f, 'org'), kind: val(f, 'kind') };
      for (const k of ['person', 'channel', 'role', 'note', 'industry', 'location', 'seniority', 'remote', 'despite']) if (val(f, k)) body[k] = val(f, k);
      if (on) body.on = on;
      if (val(f, 'salary')) {
        const n = Number(val(f, 'salary').replace(/[ ,_]/g, ''));
        if (!Number.isInteger(n) || n < 0) throw new ApiError('Yearly pay must be a whole number, like 85000.', { field: 'salary' });
        body.salary = n;
      }
      const materials = materialsValue(f);
      if (materials.length) body.materials = materials;
      if (f.elements.new_org.checked) body.new_org = true;
      if (f.elements.new_person.checked) body.new_person = true;
      const ask = await post('/api/ask', body);
      f.reset();
      notify(`Logged ask #${ask.id} to ${ask.org}. Well done for asking.`, ask.notices);
      await refresh();
    });
  });

  const outcomeFields = () => {
    const o = $('reply-outcome').value;
    document.querySelector('[data-for=until]').hidden = o !== 'not-yet';
    document.querySelector('[data-for=reason]').hidden = o === 'silent' || o === 'reopen';
    document.querySelector('[data-for=theme]').hidden = o === 'silent' || o === 'reopen' || o === 'yes';
    $('reply-on').disabled = o === 'reopen';
  };
  $('reply-outcome').addEventListener('change', outcomeFields);
  outcomeFields();

  $('reply-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const f = e.currentTarget;
    submitting(f, $('reply-error'), async () => {
      const id = Number(val(f, 'id'));
      if (!id) throw new ApiError('Choose the ask this reply is for.', { field: 'id' });
      const outcome = val(f, 'outcome');
      const body = { id, outcome };
      if (outcome !== 'reopen') {
        const on = dateValue(f, 'on', 'today');
        if (on) body.on = on;
      }
      if (outcome === 'not-yet') {
        const until = dateValue(f, 'until', '');
        if (until) body.until = until;
      }
      if (outcome !== 'silent' && outcome !== 'reopen') {
        if (val(f, 'reason')) body.reason = val(f, 'reason');
        if (outcome !== 'yes' && val(f, 'theme')) body.theme = val(f, 'theme');
      }
      const res = await post('/api/answer', body);
      f.elements.reason.value = '';
      f.elements.until.value = '';
      f.elements.theme.value = '';
      f.elements.on.value = '';
      const a = res.ask || {};
      const cheer = a.outcome === 'yes' ? ' Congratulations!' : '';
      // A moved silence horizon is among the notices (its line), so it is shown once.
      notify(`Recorded: ${outcomeLabel(a.outcome)} from ${a.org} (#${a.id}).${cheer}`, res.notices);
      await refresh();
      showReframe(res);
    });
  });

  $('follow-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const f = e.currentTarget;
    submitting(f, $('follow-error'), async () => {
      const id = Number(val(f, 'id'));
      if (!id) throw new ApiError('Choose the ask you followed up on.', { field: 'id' });
      const body = { id };
      const on = dateValue(f, 'on', 'today');
      if (on) body.on = on;
      if (val(f, 'note')) body.note = val(f, 'note');
      const a = await post('/api/follow-up', body);
      f.elements.note.value = '';
      f.elements.on.value = '';
      const later = on && state.data.agenda && on > state.data.agenda.today;
      notify(later ? `Follow-up to #${a.id || id}${a.org ? ` (${a.org})` : ''} scheduled for ${on}: it shows under “Today” on that day.`
        : `Follow-up added to #${a.id || id}${a.org ? ` (${a.org})` : ''}. It does not count as a new ask.`, a.notices);
      await refresh();
    });
  });

  $('undo').addEventListener('click', async () => {
    const b = $('undo');
    b.disabled = true;
    try {
      const r = await post('/api/undo', {});
      notify(r.undone ? `Undone: ${r.undone}.` : 'Undone.', r.notices);
      $('reframe').hidden = true;
    } catch (e) { notify(`Nothing undone: ${e.message}`); }
    await refresh();
  });

  setupEdit(refresh);
}

// The Undo button says what it will undo (GET /api/undo), and is disabled when there is nothing.
export function renderUndo(preview) {
  const b = $('undo');
  const what = preview && preview.undo;
  b.disabled = !what;
  b.textContent = what ? `Undo: ${what}` : 'Nothing to undo';
  b.title = what ? `Undo the last change: ${what}${preview.made_at ? ` (made ${preview.made_at.replace('T', ' ').replace('Z', ' UTC')})` : ''}` : 'Nothing to undo';
}

// After an answer, keel's response goes where the eyes are: the box sits above the reply form,
// is scrolled into view and takes the focus, so a screen reader reads it too. A yes is
// congratulated; it gets no theme line (it is not a rejection).
function showReframe(res) {
  const box = $('reframe');
  const r = res && res.reframe;
  if (!r) { box.hidden = true; return; }
  const yes = r.outcome === 'yes' || (res.ask && res.ask.outcome === 'yes');
  box.classList.toggle('yes', yes);
  $('reframe-h').textContent = yes ? 'A yes. Well done.' : 'Putting it in proportion';
  const line = !yes && r.theme && r.theme.line;
  $('reframe-theme').textContent = line || '';
  $('reframe-theme').hidden = !line;
  $('reframe-lines').replaceChildren(...(r.lines || []).map((l) => h('li', {}, l)));
  box.hidden = false;
  box.focus({ preventScroll: true });
  box.scrollIntoView({ behavior: 'instant', block: 'start' });
}

// ---------- edit dialog ----------
function setupEdit(refresh) {
  const dlg = $('edit-dialog'), form = $('edit-form');
  const close = () => { dlg.close(); if (state.editReturn) state.editReturn.focus(); };
  $('edit-cancel').addEventListener('click', close);
  dlg.addEventListener('cancel', () => setTimeout(() => state.editReturn && state.editReturn.focus(), 0));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    submitting(form, $('edit-error'), async () => {
      const a = state.editing;
      const body = { id: a.id };
      const on = dateValue(form, 'on', '');
      const repliedOn = dateValue(form, 'replied_on', '');
      // A cleared field is sent as "" and keel clears it; the fields an ask cannot be without
      // say so here, beside their label, and nothing is sent.
      if (!val(form, 'org')) throw new ApiError('An ask always has an organization; write one.', { field: 'org' });
      if (!on) throw new ApiError('An ask always has the day it was made; write one.', { field: 'on' });
      if (!repliedOn && a.replied_on) {
        throw new ApiError('An answer always has a date. To take the answer back, use “Change reply” and choose “Reopen”.', { field: 'replied_on' });
      }
      const cur = { org: a.org, person: a.person, kind: a.kind, channel: a.channel, role: a.role, on: a.asked_on,
        replied_on: a.replied_on || '', theme: themeOverride(a), reason: a.reason, note: a.note };
      const now = { ...Object.fromEntries(Object.keys(cur).map((k) => [k, val(form, k)])), on, replied_on: repliedOn };
      for (const k of Object.keys(cur)) if (now[k] !== (cur[k] || '')) body[k] = now[k];
      // The materials are sent whole when they changed: the list replaces the old one, [] clears it.
      const materials = editedMaterials(form, a.materials);
      if (materials) body.materials = materials;
      if (Object.keys(body).length === 1) { close(); return; }
      const res = await post('/api/edit', body);
      close();
      const said = `Saved the changes to #${a.id}.${body.materials ? ` ${materialsChange(a.materials, body.materials)}` : ''}`;
      notify(said, res && res.notices);
      // Said under the ask's row too (the status line is at the top of the page), and the focus
      // goes back to the row's Edit button, which the reload replaced.
      state.rowNote = { id: a.id, text: said, list: state.listToken + 1 };
      await refresh();
      const again = document.querySelector(`#asks-body [data-edit="${a.id}"]`);
      if (again) again.focus();
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
      notify(`Deleted #${a.id}. The Undo button brings it back.`);
      await refresh();
    } catch (e) { $('edit-error').textContent = e.message; }
  });
}
// What an edit did to the materials, in words: a cleared list names what it no longer holds.
function materialsChange(before, after) {
  if (!after.length) return `It no longer lists the materials it was sent with (${(before || []).join(', ')}).`;
  return `Materials sent: ${after.join(', ')}.`;
}
// The theme the person chose for the reason ("" when keel reads it from the words).
const themeOverride = (a) => (a.theme_by === 'you' ? a.theme || '' : '');
export async function openEdit(id, returnTo) {
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
  f.elements.theme.value = themeOverride(a);
  f.elements.reason.value = a.reason || '';
  f.elements.note.value = a.note || '';
  showMaterials(f, a.materials);
  $('edit-error').textContent = '';
  clearFieldErrors(f);
  const del = $('edit-delete');
  del.dataset.confirm = '';
  del.textContent = 'Delete this ask…';
  $('edit-dialog').showModal();
  f.elements.org.focus();
}

