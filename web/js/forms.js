// The forms that write: log an ask, record a reply, add a follow-up (three tabs), and the edit
// dialog. Each write reloads the page's data (`refresh`, given by main.js) and says what it did.
import { get, post } from './api.js';
import { $, h, notify } from './dom.js';
import { meta, fillSelect, themeOptions, answerLabel, outcomeLabel } from './meta.js';
import { state } from './state.js';

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
async function submitting(form, errEl, fn) {
  const btns = form.querySelectorAll('button[type=submit]');
  errEl.textContent = '';
  btns.forEach((b) => { b.disabled = true; });
  try { await fn(); }
  catch (e) { errEl.textContent = e.message; }
  finally { btns.forEach((b) => { b.disabled = false; }); }
}
const val = (form, name) => (form.elements[name] ? form.elements[name].value.trim() : '');

export function setupForms(refresh) {
  fillSelect($('ask-kind'), meta.kinds, null);
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
      notify(`Recorded: ${outcomeLabel(a.outcome)} from ${a.org} (#${a.id}).${moved}`);
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

  setupEdit(refresh);
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
    } catch (e) { $('edit-error').textContent = e.message; }
  });
}
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

