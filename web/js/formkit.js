// What the capability modules' forms (feedback, strategy, materials, importer) add to fields.js:
// an error the page finds itself is an ApiError about one field, so it shows beside that field's
// label like keel's own; a request field can be shown at a differently named control; and a
// success says what it did, with keel's notices and warnings, in the form's own status line
// (where the eyes are) and in the page's.
import { ApiError } from './api.js';
import { h, notify } from './dom.js';
import { val, dateValue, submitting, clearFieldErrors } from './fields.js';

export { val, dateValue };

export const fieldError = (field, message) => new ApiError(message, { field, code: 'invalid' });

// Runs a form's write (see fields.js `submitting`); `rename` maps a request field keel names
// ("role") to the form's control that holds it ("value").
export function submit(form, fn, rename) {
  const ok = form.querySelector('.form-ok');
  if (ok) ok.textContent = '';
  return submitting(form, form.querySelector('.form-error'), async () => {
    try {
      await fn();
    } catch (e) {
      if (e && e.field && rename && rename[e.field]) e.field = rename[e.field];
      throw e;
    }
  });
}

export const clearErrors = (form) => {
  clearFieldErrors(form);
  const end = form.querySelector('.form-error');
  if (end) end.textContent = '';
};

export function done(form, text, result) {
  const notes = [];
  if (result && Array.isArray(result.notices)) notes.push(...result.notices);
  if (result && Array.isArray(result.warnings)) notes.push(...result.warnings);
  const ok = form && form.querySelector('.form-ok');
  if (ok) ok.replaceChildren(text, ...notes.map((n) => h('span', { class: 'notice-extra' }, ` Note: ${n}.`)));
  notify(text, notes);
}
