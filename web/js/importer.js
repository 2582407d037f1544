// Import and export. A CSV file (keel's own or another tracker's export) or a JSON backup is read
// here and sent as text to POST /api/import, which runs `keel import`'s own code: first as a dry
// run, whose preview shows how each column was read ("Company -> org"), what would be imported and
// what would be skipped; only then the import itself, with exactly the options previewed, as one
// transaction (Undo takes it back). Columns can be read as another keel field (`--map`) and cell
// texts given a meaning (`--value`). Export is two downloads: the asks as CSV, everything as JSON.
import { post, apiUrl } from './api.js';
import { $, h, plural, themeName } from './dom.js';
import { meta, fillSelect, kindLabel } from './meta.js';
import { val, submit, done, fieldError, clearErrors } from './formkit.js';

const MAX_BODY = 8 * 1024 * 1024;  // MaxBodyFor("/api/import") in src/server/api.h
const file = { name: '', text: '', columns: [] };
let previewed = null;  // the request body the shown preview was made with

// The header row's cells: the delimiter keel would pick (tab, semicolon or comma), quotes honoured.
export function headerCells(text) {
  const body = text.replace(/^\uFEFF/, '');
  let end = 0, quoted = false;
  for (; end < body.length; end++) {
    const c = body[end];
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === '\n' || c === '\r')) break;
  }
  const line = body.slice(0, end);
  const count = (d) => line.split(d).length - 1;
  const delim = count('\t') > 0 ? '\t' : count(';') > count(',') ? ';' : ',';
  const cells = [];
  let cur = '', q = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (q) {
      if (c === '"' && line[i + 1] === '"') { cur += '"'; i++; }
      else if (c === '"') q = false;
      else cur += c;
    } else if (c === '"') q = true;
    else if (c === delim) { cells.push(cur.trim()); cur = ''; }
    else cur += c;
  }
  cells.push(cur.trim());
  return cells.filter((c) => c !== '');
}

const isJson = () => /\.json$/i.test(file.name) || /^\s*\{/.test(file.text.replace(/^\uFEFF/, ''));

function renderMapping() {
  const box = $('import-map');
  const rows = isJson() ? [] : file.columns;
  $('import-map-box').hidden = rows.length === 0;
  $('import-map-count').textContent = rows.length ? ` (${rows.length})` : '';
  $('import-csv-options').hidden = isJson();
  const fields = meta.import_fields || [];
  box.replaceChildren(...rows.map((col, i) => h('div', { class: 'field map-row' },
    h('label', { for: `import-map-${i}` }, col),
    h('select', { id: `import-map-${i}`, name: `map-${i}`, 'data-column': col },
      h('option', { value: '' }, 'as keel reads it'),
      ...fields.map((f) => h('option', { value: f }, `as ${themeName(f)}`)),
      h('option', { value: 'ignore' }, 'ignore this column')))));
  for (const sel of box.querySelectorAll('select')) sel.addEventListener('change', stale);
}

// The request the form describes now.
function requestBody(form, dryRun) {
  const body = { content: file.text, file_name: file.name || 'upload.csv' };
  if (dryRun) body.dry_run = true;
  if (!isJson()) {
    for (const k of ['skip_bad', 'allow_duplicates', 'day_first', 'stages']) if (form.elements[k].checked) body[k] = true;
    if (val(form, 'kind')) body.kind = val(form, 'kind');
    const maps = [...$('import-map').querySelectorAll('select')].filter((s) => s.value).map((s) => `${s.dataset.column}=${s.value}`);
    if (maps.length) body.map = maps;
    const values = form.elements.value.value.split('\n').map((l) => l.trim()).filter(Boolean);
    if (values.length) body.value = values;
  }
  return body;
}
const withoutDryRun = (b) => { const c = { ...b }; delete c.dry_run; return JSON.stringify(c); };
const sameRequest = (a, b) => Boolean(a && b) && withoutDryRun(a) === withoutDryRun(b);

function stale() {
  previewed = null;
  $('import-run').disabled = true;
  $('import-run').textContent = 'Import';
  $('import-preview').replaceChildren();
}

function countLine(label, obj) {
  const parts = Object.entries(obj || {}).map(([k, n]) => `${n} ${themeName(k)}`);
  return parts.length ? h('li', {}, `${label}: ${parts.join(', ')}`) : null;
}
// `label` has the verb for one row and for several: ['repeats', 'repeat'].
function linesOf(label, r) {
  if (!r || !r.rows) return null;
  const words = Array.isArray(label) ? label[r.rows === 1 ? 0 : 1] : label;
  return h('li', {}, `${plural(r.rows, 'row')} ${words} (line${r.lines.length === 1 ? '' : 's'} ${r.lines.join(', ')}${r.rows > r.lines.length ? ', …' : ''})`);
}

function renderReport(r, done_) {
  const verb = r.dry_run ? 'would import' : 'imported';
  if (r.format === 'keel-backup') {
    return [h('p', { class: 'preview-head' }, `This backup ${r.dry_run ? 'would restore' : 'restored'} ${plural(r.asks, 'ask')}, ${plural(r.follow_ups, 'follow-up')}, ${plural(r.feedback, 'feedback answer')}, ${plural(r.actions, 'action')}, ${plural(r.material_versions, 'material version')}, ${plural(r.strategy_versions, 'strategy version')}, ${plural(r.postings ?? 0, 'saved posting')} and ${plural(r.interviews ?? 0, 'interview round')}.`)];
  }
  const out = [h('p', { class: 'preview-head' }, `${done_ ? 'Done: ' : 'This file '}${verb} ${plural(r.imported, 'ask')} from ${plural(r.rows, 'row')}.`)];
  if (r.format === 'tracker') {
    out.push(h('h4', {}, 'How keel reads the columns'),
      h('ul', { class: 'columns' }, ...r.columns.map((c) => {
        const [col, field] = c.split(' -> ');
        return h('li', {}, h('span', {}, col), ' → ', h('strong', {}, field ? themeName(field) : '?'));
      })));
    if (r.ignored_columns && r.ignored_columns.length) out.push(h('p', { class: 'small' }, `Not read: ${r.ignored_columns.join(', ')}. To read them, choose a field for them under “How to read each column”.`));
  }
  out.push(h('ul', {},
    countLine('By answer', r.by_outcome),
    countLine('Reasons by theme', r.reasons_by_theme),
    r.reasons_about_you ? h('li', {}, `${plural(r.reasons_about_you, 'reason')} about you (“Is it about me?” tells a pattern from one voice)`) : null,
    r.saved_postings ? h('li', {}, `Roles saved before applying: ${plural(r.saved_postings, 'posting')} kept, at the board's Saved stage`) : null,
    r.stage_asks ? h('li', {}, `For the stages past the application: ${Object.entries(r.stage_asks).map(([k, n]) => plural(n, `${k} ask`)).join(' and ')} added, so the board shows each role at its stage`) : null,
    r.not_asks ? h('li', {}, `${plural(r.not_asks, 'row')} that record no ask, left out`) : null,
    linesOf(['already in your ledger, skipped (tick “Import rows already in the ledger” to import it again)', 'already in your ledger, skipped (tick “Import rows already in the ledger” to import them again)'], r.already_in_ledger),
    linesOf(['that matches an ask already in the ledger with another answer, skipped; record the new answer on that ask',
      'that match an ask already in the ledger with another answer, skipped; record the new answer on those asks'], r.answer_differs),
    linesOf(['that repeats an earlier row of the file, imported (one may ask twice on a day)',
      'that repeat an earlier row of the file, imported (one may ask twice on a day)'], r.repeated_in_file),
    r.new_orgs || r.new_contacts ? h('li', {}, `New: ${plural(r.new_orgs, 'organization')}, ${plural(r.new_contacts, 'contact')}`) : null,
    ...(r.skipped || []).slice(0, 20).map((s) => h('li', { class: 'error' }, `Skipped ${s}`)),
    ...(r.notices || []).slice(0, 10).map((n) => h('li', { class: 'small' }, `Note: ${n}`))));
  return out;
}

export function setupImport(refresh) {
  const form = $('import-form');
  fillSelect($('import-kind'), meta.kinds, null, kindLabel);
  $('import-kind').value = meta.kinds.includes('application') ? 'application' : meta.kinds[0];
  $('export-csv').href = apiUrl('/api/export', { format: 'csv' });
  $('export-json').href = apiUrl('/api/export');

  form.elements.file.addEventListener('change', async () => {
    clearErrors(form);
    stale();
    const f = form.elements.file.files[0];
    Object.assign(file, { name: f ? f.name : '', text: '', columns: [] });
    if (f) {
      file.text = await f.text();
      file.columns = isJson() ? [] : headerCells(file.text);
    }
    renderMapping();
  });
  for (const el of form.querySelectorAll('input[type=checkbox], select, textarea')) el.addEventListener('change', stale);

  const send = (dryRun) => submit(form, async () => {
    try {
      await write(dryRun);
    } catch (e) {
      // A refusal about the columns: open the column choices, where the fix is made.
      if (!isJson() && file.columns.length) $('import-map-box').open = true;
      throw e;
    }
  }, { content: 'file', file_name: 'file', map: 'file', value: 'value' });
  const write = async (dryRun) => {
    if (!file.text) throw fieldError('file', 'Choose a CSV file or a backup keel made (.json) first.');
    const body = requestBody(form, dryRun);
    if (JSON.stringify(body).length > MAX_BODY) throw fieldError('file', 'The file is over 8 MiB, more than the page can send; split it into smaller files.');
    if (!dryRun && !sameRequest(body, previewed)) throw fieldError('file', 'Preview the import first: keel imports exactly what the preview shows.');
    const r = await post('/api/import', body);
    $('import-preview').replaceChildren(...renderReport(r, !dryRun));
    if (dryRun) {
      previewed = body;
      const n = r.format === 'keel-backup' ? r.asks : r.imported;
      $('import-run').disabled = false;
      $('import-run').textContent = r.format === 'keel-backup' ? `Restore ${plural(n, 'ask')}` : `Import ${plural(n, 'ask')}`;
      done(form, 'Preview ready: nothing was written. Check it, then import.');
      $('import-preview').focus();
    } else {
      previewed = null;
      $('import-run').disabled = true;
      form.reset();
      Object.assign(file, { name: '', text: '', columns: [] });
      renderMapping();
      done(form, `${r.format === 'keel-backup' ? 'Restored' : 'Imported'} ${plural(r.format === 'keel-backup' ? r.asks : r.imported, 'ask')}. “Undo last change” takes the whole import back.`);
      await refresh();
    }
  };

  form.addEventListener('submit', (e) => { e.preventDefault(); send(true); });
  $('import-run').addEventListener('click', () => send(false));
  renderMapping();
}
