// "Is it about me?", asked directly: ask someone for feedback (`keel feedback ask`), keep what a
// feedback or resume-review ask brought (`keel feedback add`; keel refuses other asks and says
// why), and decide an action on a theme (`keel action add`), whose yes-rate before and after
// views.js shows under "What you decided to do".
import { post } from './api.js';
import { $, h } from './dom.js';
import { meta, fillSelect, themeOptions } from './meta.js';
import { state } from './state.js';
import { val, dateValue, submit, done, fieldError } from './formkit.js';

// The asks feedback can be recorded on: those that asked for it.
const FEEDBACK_KINDS = ['feedback', 'resume-review'];

export function renderFeedbackPickers() {
  const asks = ((state.data.exported && state.data.exported.asks) || [])
    .filter((a) => FEEDBACK_KINDS.includes(a.kind))
    .sort((x, y) => y.asked_on.localeCompare(x.asked_on) || y.id - x.id);
  const sel = $('fbadd-ask');
  const keep = sel.value;
  sel.replaceChildren(h('option', { value: '' }, asks.length ? 'Choose the ask…' : 'No feedback asks yet: ask someone first'),
    ...asks.map((a) => h('option', { value: String(a.id) }, `#${a.id} ${a.person ? `${a.person}, ` : ''}${a.org} — ${a.kind}, ${a.asked_on}`)));
  if (keep && asks.some((a) => String(a.id) === keep)) sel.value = keep;
}

// Opens the "record feedback" form on one ask (from the timeline).
export function openFeedbackAdd(id) {
  const sel = $('fbadd-ask');
  if (![...sel.options].some((o) => o.value === String(id))) sel.append(h('option', { value: String(id) }, `#${id}`));
  sel.value = String(id);
  $('fbadd-form').scrollIntoView({ behavior: 'smooth', block: 'start' });
  $('fbadd-text').focus();
}

export function setupFeedback(refresh) {
  fillSelect($('fbask-channel'), meta.channels, '—');
  themeOptions($('fbadd-theme'), 'keel reads it from the words');
  themeOptions($('action-theme'), 'Choose the theme…');

  $('fbask-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const f = e.currentTarget;
    submit(f, async () => {
      if (!val(f, 'person')) throw fieldError('person', 'Write whom you asked for feedback.');
      const body = { person: val(f, 'person') };
      const on = dateValue(f, 'on', 'today');
      if (on) body.on = on;
      for (const k of ['org', 'channel', 'note']) if (val(f, k)) body[k] = val(f, k);
      if (f.elements.new_org.checked) body.new_org = true;
      if (f.elements.new_person.checked) body.new_person = true;
      const a = await post('/api/feedback/ask', body);
      f.reset();
      done(f, `Logged feedback ask #${a.id} to ${a.person}${a.org ? ` at ${a.org}` : ''}. When they answer, record it below.`, a);
      await refresh();
    });
  });

  $('fbadd-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const f = e.currentTarget;
    submit(f, async () => {
      const id = Number(val(f, 'id'));
      if (!id) throw fieldError('id', 'Choose the feedback ask these words came from.');
      if (!val(f, 'text')) throw fieldError('text', 'Write what they said, in their words.');
      const body = { id, text: val(f, 'text') };
      const on = dateValue(f, 'on', 'today');
      if (on) body.on = on;
      if (val(f, 'theme')) body.theme = val(f, 'theme');
      const r = await post('/api/feedback/add', body);
      f.elements.text.value = '';
      f.elements.theme.value = '';
      f.elements.on.value = '';
      const t = r && r.feedback && r.feedback.theme;
      const theme = t ? ` keel reads it as “${t.replace(/-/g, ' ')}”${r.feedback.about_you ? ', a theme about you' : ''}.` : '';
      done(f, `Kept the feedback on #${id}.${theme}`, r);
      await refresh();
    });
  });

  $('action-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const f = e.currentTarget;
    submit(f, async () => {
      if (!val(f, 'text')) throw fieldError('text', 'Write the one thing you will do.');
      if (!val(f, 'theme')) throw fieldError('theme', 'Choose the theme this action answers.');
      const body = { text: val(f, 'text'), theme: val(f, 'theme') };
      const on = dateValue(f, 'on', 'today');
      if (on) body.on = on;
      const r = await post('/api/action/add', body);
      f.reset();
      done(f, 'Action recorded. keel compares your yes-rate before and after it, under “What you decided to do”.', r);
      await refresh();
    });
  });
}
