// The "Materials sent" field, one control in two forms: logging an ask and the edit dialog. It
// holds the material versions an ask was sent with as one line of text ("resume@v3, pitch@v1"),
// separated by commas or semicolons, or by spaces after a version ("resume@v3 pitch@v1"; a name
// may hold a space, "cover letter@v2"). A version keel does not know yet is created by the write
// (as `keel ask --material` does); a text that is not name@version is refused here, beside the
// field, before anything is sent.
import { ApiError } from './api.js';

// The versions in the form's field `name`, in the order written, each once ([] when empty).
export function materialsValue(form, name = 'materials') {
  const el = form.elements[name];
  const parts = [];
  for (const chunk of (el ? el.value : '').split(/[,;]/)) {
    // Words up to and including one with an @ make one version; words left after the last @
    // are a material without its version.
    let words = [];
    for (const w of chunk.split(/\s+/).filter(Boolean)) {
      words.push(w);
      if (w.includes('@')) { parts.push(words.join(' ')); words = []; }
    }
    if (words.length) parts.push(words.join(' '));
  }
  const bad = parts.find((p) => !/^[^@]+@[^@]+$/.test(p));
  if (bad) {
    throw new ApiError(`“${bad}” is not a version: write the material and its version joined by @, like resume@v2, and a comma between versions.`, { field: name, code: 'invalid' });
  }
  return [...new Set(parts)];
}

// Writes an ask's `list` into the field, as a person would type it.
export function showMaterials(form, list, name = 'materials') {
  form.elements[name].value = (list || []).join(', ');
}

// The list to send for an ask that had `before`: null when the field still reads as it was filled
// in (an old version keel holds in another spelling does not stop other edits) or names the same
// versions in another order; [] when it was cleared.
export function editedMaterials(form, before, name = 'materials') {
  if (form.elements[name].value.trim() === (before || []).join(', ')) return null;
  const list = materialsValue(form, name);
  const key = (l) => [...new Set(l || [])].sort().join('\n');
  return key(list) === key(before) ? null : list;
}
