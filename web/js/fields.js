// What every form shares: reading a field, refusing a date that is not a whole real day, and
// showing an error beside the label of the field it is about (the API's `field`, see
// docs/api.md), with the form's own message line as the fallback. Forms never send a request
// while a field is invalid.
import { ApiError } from './api.js';
import { h } from './dom.js';

// A field's text, trimmed ('' when the form has no such field).
export const val = (form, name) => (form.elements[name] ? form.elements[name].value.trim() : '');

function labelOf(el) {
  const label = el.id ? document.querySelector(`label[for="${el.id}"]`) : null;
  return label;
}
// The words of a field's label, without its "(optional)" hint.
export function labelText(el) {
  const label = labelOf(el);
  if (!label) return el.name;
  const copy = label.cloneNode(true);
  copy.querySelectorAll('.opt').forEach((o) => o.remove());
  return copy.textContent.trim();
}

// A date field's value: '' when empty, "YYYY-MM-DD" when whole. A half-typed or impossible date
// (02/30/2026) reads as '' from the input but is flagged validity.badInput: that is an error,
// never "today". `emptyMeans` says what leaving it empty does, for the message.
export function dateValue(form, name, emptyMeans) {
  const el = form.elements[name];
  if (!el) return '';
  if (el.validity && el.validity.badInput) {
    throw new ApiError(`“${labelText(el)}” is not a complete, real date (half-typed, or a day like 30 February). Fix it or pick a day from the calendar` +
      `${emptyMeans ? `; leave it empty for ${emptyMeans}` : ''}.`, { field: name, code: 'invalid' });
  }
  const v = el.value.trim();
  if (v && !/^\d{4}-\d{2}-\d{2}$/.test(v)) throw new ApiError(`“${labelText(el)}” must be a date like 2026-11-20.`, { field: name, code: 'invalid' });
  return v;
}

// A server that predates `field` names the CLI flag or the body field at the start of its
// message ("--on: '' is not a date", "field 'id' must be ..."): read the field from that.
const FLAG_FIELD = { to: 'person', 'replied-on': 'replied_on', 'new-org': 'new_org', 'new-person': 'new_person' };
function guessField(message) {
  const m = /^(?:--([a-z-]+)\b|field '([a-z_]+)')/.exec(message || '') || /\b(?:unknown|give) --([a-z-]+)\b/.exec(message || '');
  if (!m) return '';
  const name = m[1] || m[2];
  return FLAG_FIELD[name] || name.replace(/-/g, '_');
}

export function clearFieldErrors(form) {
  form.querySelectorAll('.field-error').forEach((e) => e.remove());
  form.querySelectorAll('[aria-invalid]').forEach((el) => {
    el.removeAttribute('aria-invalid');
    const ids = (el.getAttribute('aria-describedby') || '').split(' ').filter((id) => id && !id.endsWith('-fielderror'));
    if (ids.length) el.setAttribute('aria-describedby', ids.join(' ')); else el.removeAttribute('aria-describedby');
  });
}

// Puts `message` beside the label of the form's field `name`; false when the form has no
// visible field of that name (the caller then shows it in the form's message line).
export function showFieldError(form, name, message) {
  const el = name && form.elements[name];
  if (!el || !el.id || el.type === 'hidden') return false;
  const field = el.closest('.field, .check');
  if (!field || field.hidden) return false;
  // A field inside a closed <details> (an import's rules for cell texts): open it, so the note is seen.
  const box = field.closest('details');
  if (box && !box.open) box.open = true;
  const label = labelOf(el);
  const err = h('span', { class: 'field-error', id: `${el.id}-fielderror` }, message);
  if (label) label.after(err); else el.before(err);
  el.setAttribute('aria-invalid', 'true');
  const ids = (el.getAttribute('aria-describedby') || '').split(' ').filter(Boolean);
  el.setAttribute('aria-describedby', [...ids, err.id].join(' '));
  return true;
}

// Runs a form's write: disables its buttons, and on an error shows it beside the field it is
// about (focusing that field) and in the form's alert line (`errEl`), so it is both seen and read.
export async function submitting(form, errEl, fn) {
  const btns = form.querySelectorAll('button[type=submit]');
  errEl.textContent = '';
  clearFieldErrors(form);
  btns.forEach((b) => { b.disabled = true; });
  try {
    await fn();
  } catch (e) {
    const name = e.field || guessField(e.message);
    if (showFieldError(form, name, e.message)) {
      const el = form.elements[name];
      errEl.textContent = `Not saved: see the note at “${labelText(el)}”.`;
      el.focus();
    } else {
      errEl.textContent = e.message;
    }
  } finally {
    btns.forEach((b) => { b.disabled = false; });
  }
}
