// "Should I change course?": the strategy set while calm (focus, deal-breakers, salary floor,
// brand, stories, phase), drift away from it, and every saved version. Each form is one
// `keel strategy ...` subcommand (POST /api/strategy/NAME); the answer is the whole strategy.
import { post } from './api.js';
import { $, h, fmtDate, plural, themeName } from './dom.js';
import { meta, fillSelect } from './meta.js';
import { state } from './state.js';
import { val, dateValue, submit, done, fieldError } from './formkit.js';

const FIELD_LABEL = { role: 'Role', industry: 'Industry', location: 'Location', remote: 'Remote', seniority: 'Seniority' };
const PHASE_LABEL = {
  introspection: 'Introspection: what you want', exploration: 'Exploration: what is out there',
  'targeted-research': 'Targeted research: a short list', strategy: 'Strategy: how to reach them', action: 'Action: asking',
};
const fieldLabel = (f) => FIELD_LABEL[f] || themeName(f);

function itemList(items, kind, refresh) {
  if (!items.length) return h('p', { class: 'muted small' }, kind === 'focus' ? 'No focus yet.' : 'No deal-breakers yet.');
  return h('ul', { class: 'chips' }, ...items.map((it) => h('li', {},
    h('span', {}, `${fieldLabel(it.field)}: `, h('strong', {}, it.text)),
    h('span', { class: 'muted small' }, ` since ${fmtDate(it.since)} `),
    h('button', {
      type: 'button', class: 'btn-quiet small', 'aria-label': `Remove ${fieldLabel(it.field).toLowerCase()} “${it.text}” from your ${kind === 'focus' ? 'focus' : 'deal-breakers'}`,
      onclick: async (e) => {
        e.currentTarget.disabled = true;
        try {
          const r = await post('/api/strategy/drop', { [it.field]: it.text });
          done($('focus-form'), `Removed ${fieldLabel(it.field).toLowerCase()} “${it.text}”.`, r);
          await refresh();
        } catch (err) { done($('focus-form'), `Not removed: ${err.message}`); }
      },
    }, 'Remove'))));
}

export function renderStrategy(refresh) {
  const s = state.data.strategy;
  if (!s) return;
  const phase = s.phases && s.phases.length ? s.phases[s.phases.length - 1] : null;
  $('strategy-now').replaceChildren(
    h('div', { class: 'strategy-part' }, h('h3', {}, 'What you are looking for'), itemList(s.focus || [], 'focus', refresh)),
    h('div', { class: 'strategy-part' }, h('h3', {}, 'Deal-breakers'), itemList(s.deal_breakers || [], 'rule-out', refresh)),
    h('dl', { class: 'strategy-facts' },
      h('div', {}, h('dt', {}, 'Salary floor'), h('dd', {}, s.salary_floor !== null && s.salary_floor !== undefined
        ? `${Number(s.salary_floor).toLocaleString()} a year (since ${fmtDate(s.salary_floor_since)})` : 'none')),
      h('div', {}, h('dt', {}, 'Brand'), h('dd', {}, s.brand || 'not written yet')),
      h('div', {}, h('dt', {}, 'Phase'), h('dd', {}, phase ? `${PHASE_LABEL[phase.phase] || phase.phase} (since ${fmtDate(phase.began)})` : 'none yet'))),
    h('div', { class: 'strategy-part' }, h('h3', {}, 'Stories to tell'),
      (s.stories || []).length ? h('ul', {}, ...s.stories.map((st) => h('li', {}, st.text, h('span', { class: 'muted small' }, ` (${fmtDate(st.since)})`))))
        : h('p', { class: 'muted small' }, 'No stories yet.')));
  const floor = $('floor-form');
  if (floor && document.activeElement !== floor.elements.amount) floor.elements.amount.value = s.salary_floor ?? '';
  const brand = $('brand-form');
  if (brand && document.activeElement !== brand.elements.text) brand.elements.text.value = s.brand || '';
  if (phase && document.activeElement !== $('phase-text')) $('phase-text').value = phase.phase;
  renderDrift();
  renderHistory();
}

function renderDrift() {
  const d = state.data.drift;
  const box = $('drift-body');
  if (!d) return;
  if (!d.has_strategy) {
    box.replaceChildren(h('p', { class: 'muted' }, 'No focus or deal-breakers yet, so there is nothing to drift from. Set them above while calm.'));
    return;
  }
  const r = d.recent;
  const lines = [d.summary || ''];
  if (d.drifting) {
    lines.push('If this is a change of course you have thought through, update your strategy above to say so; if not, the asks below are the ones to look at again.');
  }
  if (r.unjudged) lines.push(`${plural(r.unjudged, 'recent ask')} ${r.unjudged === 1 ? 'says' : 'say'} nothing your focus is about; record the role and details to have them judged.`);
  box.replaceChildren(
    h('p', { class: d.drifting ? 'drift-warn' : '' }, lines.join(' ')),
    ...(d.off_focus && d.off_focus.length ? [h('ul', { class: 'small' }, ...d.off_focus.map((a) =>
      h('li', {}, `#${a.id} ${fmtDate(a.asked_on)} ${a.org}${a.role ? `, ${a.role}` : ''}: ${a.why}${a.deliberate ? ' (deliberate)' : ''}`)))] : []));
}

function renderHistory() {
  const list = state.data.strategyHistory || [];
  $('strategy-history-count').textContent = list.length ? ` (${list.length})` : '';
  $('strategy-history').replaceChildren(...(list.length ? list.slice().reverse().map((v) =>
    h('li', {}, h('strong', {}, `v${v.version}`), ` ${fmtDate(v.edited_on)}: `, v.summary.replace(/^strategy: /, '')))
    : [h('li', { class: 'muted' }, 'Nothing saved yet.')]));
}

export function setupStrategy(refresh) {
  fillSelect($('focus-field'), meta.strategy_fields, null, fieldLabel);
  fillSelect($('phase-text'), meta.phases, null, (p) => PHASE_LABEL[p] || p);

  // The API names the strategy field ("role") in an error about the value: show it by the value.
  const rename = Object.fromEntries(meta.strategy_fields.map((f) => [f, 'value']));
  const write = (form, route, body, what) => submit(form, async () => {
    const r = await post(route, body());
    form.querySelectorAll('input:not([type]), input[type=text], textarea').forEach((i) => { if (i.dataset.keep !== '1') i.value = ''; });
    done(form, what(), r);
    await refresh();
  }, rename);

  $('focus-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const f = e.currentTarget;
    const as = f.elements.as.value;
    write(f, `/api/strategy/${as}`, () => {
      if (!val(f, 'value')) throw fieldError('value', 'Write what to add, like “data engineer”.');
      const body = { [val(f, 'field')]: val(f, 'value') };
      const on = dateValue(f, 'on', 'today');
      if (on) body.on = on;
      return body;
    }, () => (as === 'focus' ? 'Added to your focus.' : 'Added to your deal-breakers.'));
  });

  $('floor-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const f = e.currentTarget;
    write(f, '/api/strategy/salary-floor', () => {
      const t = val(f, 'amount').replace(/[ ,_]/g, '');
      if (!/^\d+$/.test(t)) throw fieldError('amount', 'Write the least yearly pay you accept as a whole number, like 90000.');
      return { amount: Number(t) };
    }, () => 'Salary floor saved.');
  });
  $('floor-clear').addEventListener('click', () => {
    const f = $('floor-form');
    write(f, '/api/strategy/salary-floor', () => ({ clear: true }), () => 'Salary floor removed.');
  });
  for (const [id, route, empty, what] of [
    ['brand-form', '/api/strategy/brand', 'Write your brand statement, in one sentence.', 'Brand saved.'],
    ['story-form', '/api/strategy/story', 'Write the story: what you did and what came of it.', 'Story added.'],
  ]) {
    $(id).addEventListener('submit', (e) => {
      e.preventDefault();
      const f = e.currentTarget;
      write(f, route, () => {
        if (!val(f, 'text')) throw fieldError('text', empty);
        return { text: val(f, 'text') };
      }, () => what);
    });
  }
  $('phase-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const f = e.currentTarget;
    write(f, '/api/strategy/phase', () => ({ text: val(f, 'text') }), () => `Began the ${val(f, 'text')} phase.`);
  });
}
