// The "Materials sent" field, one control in two forms: logging an ask and the edit dialog. It
// holds the material versions an ask was sent with as one line of text ("resume@v3, pitch@v1"),
// separated by commas or semicolons (spaces too between versions, "resume@v3 pitch@v1"; a name
// may hold a space, "cover letter@v2"). A version keel does not know yet is created by the
// write (as `keel ask --material` does); a text that is not name@version is refused here, beside
// the field, before anything is sent.
import { ApiError } from './api.js';

// The versions in the form's field `name`, in the order written, each once ([] when empty).
export function materialsValue(form, name = 'materials') {
  const el = form.elements[name];
  const parts = (el ? el.value : '').split(/[,;]/)
    .flatMap((p) => ((p.match(/@/g) || []).length > 1 ? p.split(/\s+/) : [p]))
    .map((p) => p.trim()).filter(Boolean);
  const bad = parts.find((p) => !/^[^@]*[^@\s][^@]*@\s*[^@\s][^@]*$/.test(p));
  if (bad) {
    throw new ApiError(`“${bad}” is not a version: write the material and its version joined by @, like resume@v2, and a comma between versions.`, { field: name, code: 'invalid' });
  }
  return [...new Set(parts.map((p) => p.split('@').map((x) => x.trim()).join('@')))];
}

// Writes `list` into the field, as a person would type it.
export function showMaterials(form, list, name = 'materials') {
  form.elements[name].value = (list || []).join(', ');
}

// Whether two lists name the same versions (the order they were written in is not a change).
export function sameMaterials(a, b) {
  const key = (l) => [...new Set(l || [])].sort().join('\n');
  return key(a) === key(b);
}
