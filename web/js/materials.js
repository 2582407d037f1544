// Materials: name a version (`keel material add`), see each version's yes-rate, and compare two
// (`keel compare`). keel keeps a version's SHA-256, never the document: an uploaded file is
// hashed here in the browser (Web Crypto) and only the hash is sent; pasted text is sent and
// hashed by keel as its UTF-8 bytes, the same hash `--file` gives a file holding that text.
// The overhaul guard's words (evidence before a working resume is torn up) come back from the add.
import { get, post } from './api.js';
import { $, h, fmtDate, pct, plural } from './dom.js';
import { state } from './state.js';
import { val, dateValue, submit, done, fieldError } from './formkit.js';

const rateText = (s) => (s && s.decided ? `${pct(s.yes_rate)} (${s.yes} of ${s.decided})` : 'no answers yet');

export function renderMaterials() {
  const rows = state.data.materials || [];
  const body = $('materials-body');
  body.replaceChildren(...(rows.length ? rows.map((r) => h('tr', {},
    h('th', { scope: 'row', 'data-label': 'Version' }, r.material),
    h('td', { 'data-label': 'Added' }, r.added_on ? fmtDate(r.added_on) : '—'),
    h('td', { class: 'num', 'data-label': 'Asks' }, String(r.stats.asks)),
    h('td', { 'data-label': 'Yes-rate' }, rateText(r.stats)),
    h('td', { class: 'hash', 'data-label': 'Fingerprint' }, r.sha256 ? h('code', { title: r.sha256 }, r.sha256.slice(0, 12)) : '—'),
    h('td', { class: 'wrap', 'data-label': 'Note' }, r.note || '')))
    : [h('tr', {}, h('td', { colspan: '6', class: 'muted' }, 'No versions yet. Add your resume below, then name it (like resume@v1) under “Materials sent” when you log an ask.'))]));
  for (const id of ['compare-a', 'compare-b']) {
    const sel = $(id);
    const keep = sel.value;
    sel.replaceChildren(h('option', { value: '' }, 'Choose a version…'), ...rows.map((r) => h('option', { value: r.material }, r.material)));
    if (keep && rows.some((r) => r.material === keep)) sel.value = keep;
  }
  // The two newest versions of one material are the likely comparison.
  if (!$('compare-a').value && !$('compare-b').value && rows.length >= 2) {
    const last = rows[rows.length - 1];
    const name = last.material.split('@')[0];
    const same = rows.filter((r) => r.material.split('@')[0] === name);
    if (same.length >= 2) {
      $('compare-a').value = same[same.length - 2].material;
      $('compare-b').value = same[same.length - 1].material;
    }
  }
}

async function sha256Hex(file) {
  if (!window.crypto || !window.crypto.subtle) {
    throw fieldError('file', 'This browser cannot hash the file here (it needs the page at 127.0.0.1 or localhost); paste the text instead.');
  }
  const digest = await window.crypto.subtle.digest('SHA-256', await file.arrayBuffer());
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

const MAX_FILE = 10 * 1024 * 1024;

function showSource(form) {
  const paste = form.elements.source.value === 'paste';
  $('material-file-field').hidden = paste;
  $('material-content-field').hidden = !paste;
}

export function setupMaterials(refresh) {
  const form = $('material-form');
  for (const r of form.querySelectorAll('input[name=source]')) r.addEventListener('change', () => showSource(form));
  showSource(form);

  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const f = e.currentTarget;
    submit(f, async () => {
      if (!val(f, 'name')) throw fieldError('name', 'Write the material, like resume or cover-letter.');
      if (!val(f, 'version')) throw fieldError('version', 'Write the version, like v3.');
      const body = { name: val(f, 'name'), version: val(f, 'version') };
      const on = dateValue(f, 'on', 'today');
      if (on) body.on = on;
      if (val(f, 'note')) body.note = val(f, 'note');
      if (f.elements.source.value === 'paste') {
        if (f.elements.content.value.trim()) body.content = f.elements.content.value;
      } else {
        const file = f.elements.file.files[0];
        if (file) {
          if (file.size > MAX_FILE) throw fieldError('file', 'The file is over 10 MiB; a resume or a letter is far smaller. Choose the document itself.');
          body.sha256 = await sha256Hex(file);
        }
      }
      const r = await post('/api/material/add', body);
      f.reset();
      showSource(f);
      const guard = $('material-guard');
      // keel's guard names the CLI's compare command; here the form beside it does that.
      guard.replaceChildren(...(r.guard || []).map((l) => h('li', {}, l)));
      $('material-guard-box').hidden = !(r.guard && r.guard.length);
      done(f, `Added ${r.material}${r.sha256 ? ` (SHA-256 ${r.sha256.slice(0, 12)}…; the document itself stays with you)` : ''}.`, r);
      await refresh();
    });
  });

  $('compare-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const f = e.currentTarget;
    submit(f, async () => {
      const a = val(f, 'a'), b = val(f, 'b');
      if (!a) throw fieldError('a', 'Choose the first version.');
      if (!b) throw fieldError('b', 'Choose the second version.');
      if (a === b) throw fieldError('b', 'Choose a different version to compare with.');
      const c = await get('/api/compare', { a, b });
      renderComparison(c);
    });
  });
}

function renderComparison(c) {
  const side = (s) => h('li', {}, h('strong', {}, s.material), `: ${plural(s.asks, 'ask')}, ${s.decided ? `yes-rate ${pct(s.yes_rate)} (${s.yes} of ${s.decided})` : 'no answers yet'}${s.wilson95 ? `, plausibly ${pct(s.wilson95[0])}–${pct(s.wilson95[1])}` : ''}`);
  const lines = [];
  if (!c.enough_evidence) {
    lines.push(`Not enough evidence yet: keel needs ${c.min_evidence} decided asks on each side before it compares (${c.a.material} has ${c.a.decided}, ${c.b.material} has ${c.b.decided}). Until then, a difference is as likely to be luck as a better document: keep the version that works.`);
  } else {
    lines.push(`Chance ${c.b.material} truly gets more yeses than ${c.a.material}: ${pct(c.p_b_beats_a)}.`);
    if (c.further_asks) lines.push(`About ${plural(c.further_asks, 'more ask')} on each would tell them apart.`);
  }
  $('compare-result').replaceChildren(h('ul', {}, side(c.a), side(c.b)), ...lines.map((l) => h('p', {}, l)));
}
