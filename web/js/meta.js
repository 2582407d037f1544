// keel's vocabulary, from GET /api/meta: the kinds, channels, outcomes, themes (with their
// about-you / circumstantial flags), strategy phases, ... The page keeps no copy of these names;
// only the words it shows for them live here, with the name itself as the fallback.
import { get } from './api.js';
import { h, capitalize, themeName } from './dom.js';

export const meta = { kinds: [], channels: [], outcomes: [], answers: [], remote: [], themes: [], strategy_fields: [], phases: [], import_fields: [] };

export async function loadMeta() {
  Object.assign(meta, await get('/api/meta'));
  return meta;
}

const KIND_LABEL = {
  chat: 'Conversations', 'resume-review': 'Resume reviews', referral: 'Referrals', intro: 'Introductions',
  application: 'Applications', interview: 'Interviews', offer: 'Offers', feedback: 'Feedback asks', other: 'Other asks',
};
const OUTCOME_LABEL = { pending: 'waiting', yes: 'yes', no: 'no', 'not-yet': 'not yet', silent: 'no reply', withdrawn: 'withdrawn' };
const ANSWER_LABEL = {
  no: 'No', yes: 'Yes', 'not-yet': 'Not yet / not now', silent: 'No reply (mark silent)',
  withdrawn: 'I withdrew (pulled out)', reopen: 'Reopen (waiting again)',
};

export const kindLabel = (k) => KIND_LABEL[k] || capitalize(themeName(k));
export const outcomeLabel = (o) => OUTCOME_LABEL[o] || themeName(o);
export const answerLabel = (o) => ANSWER_LABEL[o] || capitalize(themeName(o));

// <option>s for `values`, after an optional empty choice.
export function fillSelect(sel, values, empty, label) {
  sel.replaceChildren(...(empty !== null && empty !== undefined ? [h('option', { value: '' }, empty)] : []),
    ...values.map((v) => h('option', { value: v }, label ? label(v) : v)));
}

// The themes, grouped as the reframe thinks of them.
export function themeOptions(sel, empty) {
  const group = (label, list) => (list.length ? [h('optgroup', { label }, ...list.map((t) => h('option', { value: t.name }, themeName(t.name))))] : []);
  const ts = meta.themes;
  sel.replaceChildren(h('option', { value: '' }, empty),
    ...group('about you', ts.filter((t) => t.about_you)),
    ...group('circumstantial', ts.filter((t) => t.circumstantial)),
    ...group('says nothing about you', ts.filter((t) => !t.about_you && !t.circumstantial)));
}
