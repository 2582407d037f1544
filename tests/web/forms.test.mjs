#!/usr/bin/env node
// Browser test of issue 10's "every capability has a form": import (file upload, the dry-run
// preview with its column reading, a mapping, then the import), export, the strategy (focus,
// deal-breakers, salary floor, brand, story, phase, remove) with drift and history, feedback (ask,
// record, and keel's refusal on an ask that was not for feedback), actions, materials (a file
// hashed in the browser, pasted text, the overhaul guard, compare), a scheduled follow-up in the
// agenda, an ask's timeline, an ask's materials changed and cleared in the edit dialog, and closing
// and reopening the search. Each result is checked through the API. Every form is driven at 1280
// and 375 px, light and dark (harness LOOKS), each look in a fresh context of one browser, checked
// with axe-core and photographed.
//
//   node tests/web/forms.test.mjs --keel build/default/keel --out /tmp/shots --data tests/data
//
// The harness (server, browser, axe, waiting) is tests/web/harness.mjs.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import {
  args, csv, tmp, check, log, keelCli, startServer, stopServer, openPage, text, waitText, refreshes, waitRefresh, checkA11y, run,
  eachLook, fail,
} from './harness.mjs';

const jsdata = path.join(args.data, 'real/job-search-eda/jsdata.csv');
const sha256 = (buf) => crypto.createHash('sha256').update(buf).digest('hex');

async function api(srv, route) {
  const r = await fetch(srv.url + route);
  check(r.ok, `GET ${route}: ${r.status}`);
  return r.json();
}
// Submits a form by its button and waits for the page to reload its data.
async function send(page, form, button, what) {
  const n = await refreshes(page);
  await page.locator(`#${form}`).getByRole('button', { name: button, exact: true }).click();
  await waitRefresh(page, n, what);
  const err = await text(page, `#${form} .form-error`);
  check(!err, `${what}: the form says "${err}"`);
}
async function fieldError(page, input, re, what) {
  await waitText(page, `${input}-fielderror`, re, what);
  check((await page.getAttribute(input, 'aria-invalid')) === 'true', `${what}: ${input} is not marked aria-invalid`);
}
const shotOf = (page, sel, name) => page.locator(sel).screenshot({ path: path.join(args.out, `${name}.png`) });

// ---------- import and export ----------
async function importer(page, srv, tag) {
  await page.locator('#import-file').setInputFiles(csv);
  await page.locator('#import-form').getByRole('button', { name: 'Preview', exact: true }).click();
  await waitText(page, '#import-preview', /would import 177 asks from 177 rows/, `${tag}: the dry-run preview`);
  await waitText(page, '#import-preview', /How keel reads the columns/, `${tag}: the column reading`);
  check((await api(srv, '/api/status')).asks === undefined || (await api(srv, '/api/list')).length === 0, `${tag}: the preview wrote asks`);
  const cols = await page.locator('#import-preview .columns li').allTextContents();
  check(cols.some((c) => /→/.test(c)), `${tag}: the preview shows no column → field lines: ${JSON.stringify(cols)}`);
  await waitText(page, '#import-run', /Import 177 asks/, `${tag}: the import button names the count`);
  await shotOf(page, '#import-export', `forms-import-preview-${tag}`);
  await send(page, 'import-form', 'Import 177 asks', `${tag}: importing Merged.csv`);
  check((await api(srv, '/api/list')).length === 177, `${tag}: 177 asks after the import`);

  // Two outcome-like columns: keel refuses until one is chosen; the page maps it.
  await page.locator('#import-file').setInputFiles(jsdata);
  await page.waitForSelector('#import-map select', { state: 'attached' });
  await page.locator('#import-form').getByRole('button', { name: 'Preview', exact: true }).click();
  await waitText(page, '#import-form .form-error', /application_status/, `${tag}: the refusal of two outcome columns`);
  await page.locator('#import-map select[data-column="application_status"]').selectOption('outcome');
  await page.locator('#import-map select[data-column="referral"]').selectOption('channel');
  check(await page.evaluate(() => document.querySelector('#import-map-box').open), `${tag}: the column choices did not open after the refusal`);
  await page.getByText('What cell texts mean').click();
  await page.locator('#import-value').fill('channel:yes=referral');
  await page.locator('#import-form').getByRole('button', { name: 'Preview', exact: true }).click();
  await waitText(page, '#import-preview', /would import 55 asks/, `${tag}: the preview with a mapping`);
  await waitText(page, '#import-preview', /application_status → outcome/, `${tag}: the mapped column in the preview`);
  await send(page, 'import-form', 'Import 55 asks', `${tag}: importing jsdata.csv with a mapping`);
  check((await api(srv, '/api/list')).length === 232, `${tag}: 232 asks after both imports`);
  log('import: preview (columns read, counts), refusal, mapping, import; checked through /api/list');

  // Export: two downloads with the right content.
  const csvHref = await page.getAttribute('#export-csv', 'href');
  const r = await fetch(srv.url + csvHref);
  check(r.ok && /text\/csv/.test(r.headers.get('content-type')) && (await r.text()).startsWith('asked_on,org'), `${tag}: the CSV download`);
  const jsonHref = await page.getAttribute('#export-json', 'href');
  check((await (await fetch(srv.url + jsonHref)).json()).asks.length === 232, `${tag}: the JSON download`);
}

// ---------- strategy ----------
async function strategy(page, srv, tag) {
  await page.locator('#focus-value').fill('');
  await page.locator('#focus-form').getByRole('button', { name: 'Add it' }).click();
  await fieldError(page, '#focus-value', /Write what to add/, `${tag}: an empty focus value`);
  await page.locator('#focus-field').selectOption('role');
  await page.locator('#focus-value').fill('data analyst');
  await send(page, 'focus-form', 'Add it', `${tag}: focus`);
  await page.locator('#focus-form input[value="rule-out"]').check();
  await page.locator('#focus-field').selectOption('industry');
  await page.locator('#focus-value').fill('gambling');
  await send(page, 'focus-form', 'Add it', `${tag}: a deal-breaker`);
  await page.locator('#floor-amount').fill('90,000');
  await send(page, 'floor-form', 'Save the floor', `${tag}: salary floor`);
  await page.locator('#brand-text').fill('I turn messy data into decisions people trust');
  await send(page, 'brand-form', 'Save the brand', `${tag}: brand`);
  // Keyboard only: type the story, Tab to its button, Enter.
  await page.locator('#story-text').focus();
  await page.keyboard.type('cut the nightly report from 6 hours to 20 minutes');
  let n = await refreshes(page);
  await page.keyboard.press('Tab');
  check(await page.evaluate(() => document.activeElement.textContent === 'Add the story'), `${tag}: Tab from the story does not reach its button`);
  await page.keyboard.press('Enter');
  await waitRefresh(page, n, `${tag}: story by keyboard`);
  await page.locator('#phase-text').selectOption('exploration');
  await send(page, 'phase-form', 'Begin this phase', `${tag}: phase`);
  let s = await api(srv, '/api/strategy');
  check(s.focus.some((f) => f.field === 'role' && f.text === 'data analyst'), `${tag}: /api/strategy has no focus role: ${JSON.stringify(s.focus)}`);
  check(s.deal_breakers.some((f) => f.field === 'industry' && f.text === 'gambling'), `${tag}: no deal-breaker`);
  check(s.salary_floor === 90000 && s.brand.startsWith('I turn') && s.stories.length === 1 && s.phases.at(-1).phase === 'exploration',
    `${tag}: /api/strategy is ${JSON.stringify(s)}`);
  await waitText(page, '#strategy-now', /data analyst/, `${tag}: the focus shown`);
  await waitText(page, '#drift-body', /off your focus|nothing to judge/, `${tag}: drift shown`);
  check((await page.locator('#strategy-history li').count()) >= 6, `${tag}: the history lists every version`);
  await shotOf(page, '#strategy', `forms-strategy-${tag}`);
  // Remove the deal-breaker with its button.
  n = await refreshes(page);
  await page.getByRole('button', { name: /Remove industry “gambling”/ }).click();
  await waitRefresh(page, n, `${tag}: removing a deal-breaker`);
  s = await api(srv, '/api/strategy');
  check(s.deal_breakers.length === 0, `${tag}: the deal-breaker is still there`);
  log('strategy: focus, deal-breaker, floor, brand, story (keyboard), phase, remove; drift and history shown');
}

// ---------- feedback and actions ----------
async function feedback(page, srv, tag) {
  await page.locator('#fbask-person').fill('Sam Roe');
  await page.locator('#fbask-org').fill('Umbrella');
  await page.locator('#fbask-note').fill('what would make my resume stronger?');
  await send(page, 'fbask-form', 'Log the feedback ask', `${tag}: feedback ask`);
  await waitText(page, '#fbask-form .form-ok', /Logged feedback ask #\d+ to Sam Roe/, `${tag}: the feedback ask's confirmation`);
  const id = (await api(srv, '/api/list?kind=feedback')).find((a) => a.person === 'Sam Roe').id;
  await page.locator('#fbadd-ask').selectOption(String(id));
  await page.locator('#fbadd-text').fill('Your resume lists duties, not results; lead with numbers.');
  await send(page, 'fbadd-form', 'Keep the feedback', `${tag}: record feedback`);
  const shown = await api(srv, `/api/show?id=${id}`);
  check(shown.feedback.length === 1 && /duties/.test(shown.feedback[0].text), `${tag}: /api/show has no feedback: ${JSON.stringify(shown.feedback)}`);
  // keel refuses feedback on an ask that was not for feedback, in its own words, on the page.
  await page.evaluate(() => { const o = document.createElement('option'); o.value = '1'; o.textContent = '#1'; document.querySelector('#fbadd-ask').append(o); });
  await page.locator('#fbadd-ask').selectOption('1');
  await page.locator('#fbadd-text').fill('x');
  await page.locator('#fbadd-form').getByRole('button', { name: 'Keep the feedback' }).click();
  // Wait for the refusal itself: the form's own text (its button) already says 'feedback'.
  await page.waitForFunction(() => [...document.querySelectorAll('#fbadd-form .field-error, #fbadd-form .form-error')]
    .some((e) => /feedback/.test(e.textContent)), null, { timeout: 10000 });
  const refusal = (await page.locator('#fbadd-form .field-error, #fbadd-form .form-error').allTextContents()).join(' ');
  check(/feedback/.test(refusal) && !/^\s*$/.test(refusal), `${tag}: no refusal shown for feedback on a non-feedback ask: "${refusal}"`);
  await page.locator('#fbadd-text').fill('');

  await page.locator('#action-text').fill('Rewrite every bullet as a result with a number');
  await page.locator('#action-theme').selectOption('materials');
  await send(page, 'action-form', 'Record the action', `${tag}: action`);
  const actions = await api(srv, '/api/actions');
  check(actions.some((a) => a.theme === 'materials' && /Rewrite/.test(a.text)), `${tag}: /api/actions has no action`);
  await waitText(page, '#actions-body', /Rewrite every bullet/, `${tag}: the action with its before/after`);
  await waitText(page, '#actions-body', /Before/, `${tag}: the before/after bars`);
  await shotOf(page, '#ask-for-feedback', `forms-feedback-${tag}`);
  log(`feedback: ask #${id}, its feedback, keel's refusal shown ("${refusal.trim().slice(0, 80)}"), an action`);
}

// ---------- materials ----------
async function materials(page, srv, tag) {
  const doc = Buffer.from('%PDF-1.4 pretend resume, version one\n');
  await page.locator('#material-name').fill('resume');
  await page.locator('#material-version').fill('v1');
  await page.locator('#material-on').fill('2023-01-01');
  await page.locator('#material-file').setInputFiles({ name: 'resume-v1.pdf', mimeType: 'application/pdf', buffer: doc });
  await send(page, 'material-form', 'Add the version', `${tag}: material with a file`);
  await page.locator('#material-name').fill('resume');
  await page.locator('#material-version').fill('v2');
  await page.locator('#material-note').fill('results first');
  await page.locator('#material-form input[value="paste"]').check();
  await page.locator('#material-content').fill('Ann Example\nData analyst: cut reporting time by 90%\n');
  await send(page, 'material-form', 'Add the version', `${tag}: material with pasted text`);
  const rows = await api(srv, '/api/materials');
  const v1 = rows.find((r) => r.material === 'resume@v1'), v2 = rows.find((r) => r.material === 'resume@v2');
  check(v1 && v1.sha256 === sha256(doc), `${tag}: resume@v1's hash is not the file's: ${v1 && v1.sha256}`);
  check(v2 && v2.sha256 === sha256('Ann Example\nData analyst: cut reporting time by 90%\n'), `${tag}: resume@v2's hash is not the text's`);
  check(!(await page.locator('#material-guard-box').isHidden()), `${tag}: the overhaul guard is not shown after adding v2`);
  await waitText(page, '#material-guard', /resume@v1/, `${tag}: the overhaul guard names the version it follows`);
  await page.locator('#compare-a').selectOption('resume@v1');
  await page.locator('#compare-b').selectOption('resume@v2');
  await page.locator('#compare-form').getByRole('button', { name: 'Compare' }).click();
  await waitText(page, '#compare-result', /Not enough evidence yet/, `${tag}: the comparison`);
  await shotOf(page, '#materials', `forms-materials-${tag}`);
  log('materials: a file hashed in the browser, pasted text hashed by keel (both checked), guard, compare');
}

// The asks table reloads when a filter changes; a click that lands while its rows are replaced
// presses a button that is no longer there (mouse down on the old row, up on the new one), so the
// filter waits until every row shown is of the kind chosen.
async function filterKind(page, kind, what) {
  await page.locator('#f-kind').selectOption(kind);
  try {
    await page.waitForFunction((k) => {
      const cells = [...document.querySelectorAll('#asks-body td[data-label="Kind"]')];
      return k === '' ? cells.length > 0 : cells.length > 0 && cells.every((c) => c.textContent.startsWith(k));
    }, kind, { timeout: 10000 });
  } catch (e) {
    fail(`${what}: the table did not show only ${kind || 'every'} ask${kind ? 's' : ''} after filtering`);
  }
}

// ---------- a scheduled follow-up, and the timeline ----------
async function followUpAndTimeline(page, srv, tag) {
  const id = (await api(srv, '/api/list?kind=feedback')).find((a) => a.person === 'Sam Roe').id;
  await page.getByRole('tab', { name: 'Add a follow-up' }).click();
  await page.locator('#follow-ask').selectOption(String(id));
  await page.locator('#follow-on').fill('2026-12-03');
  await page.locator('#follow-note').fill('ask whether the new version reads better');
  const n = await refreshes(page);
  await page.getByRole('button', { name: 'Add the follow-up' }).click();
  await waitRefresh(page, n, `${tag}: scheduling a follow-up`);
  await waitText(page, '#notice', /scheduled for 2026-12-03/, `${tag}: the scheduled follow-up's notice`);
  const agenda = await api(srv, '/api/agenda');
  check(agenda.items.some((i) => i.id === id && i.action === 'scheduled' && i.due === '2026-12-03'), `${tag}: /api/agenda has no scheduled item`);
  await waitText(page, '#agenda-list', /Coming up/, `${tag}: "Coming up" in the agenda`);
  await waitText(page, '#agenda-list', /you scheduled this follow-up/, `${tag}: the scheduled item in the agenda`);
  await shotOf(page, '#agenda', `forms-agenda-${tag}`);

  await filterKind(page, 'feedback', `${tag}: the history`);
  const history = page.getByRole('button', { name: new RegExp(`History of ask ${id},`) });
  await history.click();
  await page.waitForSelector('#timeline-dialog[open]');
  const items = await page.locator('#timeline-list li').allTextContents();
  check(/Asked Sam Roe at Umbrella/.test(items[0] || ''), `${tag}: the timeline does not start with the ask: ${JSON.stringify(items)}`);
  check(items.some((t) => /Feedback received/.test(t)) && /Follow-up scheduled/.test(items.at(-1) || ''),
    `${tag}: the timeline lacks feedback or the scheduled follow-up last: ${JSON.stringify(items)}`);
  await checkA11y(page, `${tag}, the timeline`, '#timeline-dialog');
  await page.locator('#timeline-dialog').screenshot({ path: path.join(args.out, `forms-timeline-${tag}.png`) });
  await page.keyboard.press('Escape');
  check(await page.evaluate(() => !document.querySelector('#timeline-dialog').open), `${tag}: Escape does not close the timeline`);
  await page.locator('#f-kind').selectOption('');
  log(`follow-up scheduled for 2026-12-03 shows under Coming up; the timeline of #${id} lists ${items.length} events in date order`);
}

// ---------- the edit dialog: the materials an ask was sent with ----------
async function editMaterials(page, srv, tag) {
  const id = (await api(srv, '/api/list?kind=feedback')).find((a) => a.person === 'Sam Roe').id;
  const field = page.locator('#edit-materials');
  const openEdit = async () => {
    await filterKind(page, 'feedback', `${tag}: editing the materials`);
    await page.getByRole('button', { name: `Edit ask ${id}, Umbrella` }).click();
    await page.waitForSelector('#edit-dialog[open]');
  };
  const save = async (what) => {
    const n = await refreshes(page);
    await page.locator('#edit-save').click();
    await waitRefresh(page, n, what);
    check(!(await page.evaluate(() => document.querySelector('#edit-dialog').open)), `${what}: the dialog is still open (${await text(page, '#edit-error')})`);
  };
  const used = async (version) => ((await api(srv, '/api/materials')).find((r) => r.material === version) || { stats: { asks: 0 } }).stats.asks;

  // Not a version: refused beside the field, nothing sent; in the ask form, which shares the control,
  // and in the edit dialog.
  let posts = 0;
  const count = (r) => { if (r.method() === 'POST') posts++; };
  page.on('request', count);
  await page.getByRole('tab', { name: 'Log an ask' }).click();
  await page.locator('#ask-org').fill('Umbrella');
  await page.locator('#ask-materials').fill('resume@v2 resume');
  await page.locator('#ask-form').getByRole('button', { name: 'Log the ask' }).click();
  await fieldError(page, '#ask-materials', /“resume” is not a version: .* like resume@v2/, `${tag}: the ask form, a material without a version`);
  await page.locator('#ask-org').fill('');
  await page.locator('#ask-materials').fill('');
  await openEdit();
  check((await field.inputValue()) === '', `${tag}: the edit dialog shows materials for an ask sent with none: "${await field.inputValue()}"`);
  await field.fill('resume');
  await page.locator('#edit-save').click();
  await fieldError(page, '#edit-materials', /“resume” is not a version: .* like resume@v2/, `${tag}: a material without a version`);
  check(posts === 0, `${tag}: a refused material still sent a request`);
  page.off('request', count);
  await field.fill('resume@v2, cover letter@v1');
  await save(`${tag}: setting an ask's materials`);
  await waitText(page, '#notice', new RegExp(`Saved the changes to #${id}\\. Materials sent: resume@v2, cover letter@v1\\.`), `${tag}: the notice of new materials`);
  let shown = await api(srv, `/api/show?id=${id}`);
  check([...shown.materials].sort().join('|') === 'cover letter@v1|resume@v2', `${tag}: /api/show lists ${JSON.stringify(shown.materials)}`);
  check(await used('resume@v2') === 1, `${tag}: resume@v2 does not count the edited ask`);

  // After a reload the dialog shows them, as keel holds them.
  await page.reload({ waitUntil: 'load' });
  await page.waitForSelector('body[data-ready="1"]', { timeout: 15000 });
  await openEdit();
  const again = (await field.inputValue()).split(', ').sort().join('|');
  check(again === 'cover letter@v1|resume@v2', `${tag}: after a reload the dialog shows "${await field.inputValue()}"`);
  await checkA11y(page, `${tag}, the edit dialog`, '#edit-dialog');
  await field.scrollIntoViewIfNeeded(); // on a phone the dialog scrolls
  await page.locator('#edit-dialog').screenshot({ path: path.join(args.out, `forms-edit-materials-${tag}.png`) });

  // Cleared: keel clears them, and the page says which versions the ask no longer lists.
  await field.fill('');
  await save(`${tag}: clearing an ask's materials`);
  await waitText(page, '#notice', new RegExp(`#${id}\\. It no longer lists the materials it was sent with \\((resume@v2, cover letter@v1|cover letter@v1, resume@v2)\\)\\.`),
    `${tag}: the notice of cleared materials`);
  shown = await api(srv, `/api/show?id=${id}`);
  check(shown.materials.length === 0, `${tag}: clearing left ${JSON.stringify(shown.materials)}`);
  // Said where the eyes are too: under the ask's row, in view, with the focus back on its Edit button.
  await waitText(page, '#asks-body tr.row-note', /no longer lists the materials it was sent with/, `${tag}: the note under the edited row`);
  const seen = await page.evaluate(() => {
    const r = document.querySelector('#asks-body tr.row-note').getBoundingClientRect();
    return r.top >= 0 && r.bottom <= window.innerHeight;
  });
  check(seen, `${tag}: the note under the edited row is not in view`);
  check(await page.evaluate((n) => document.activeElement && document.activeElement.dataset.edit === String(n), id), `${tag}: after the edit the focus is not on the row's Edit button`);
  await checkA11y(page, `${tag}, the note under the edited row`, '#asks-body tr.row-note');
  await page.locator('#asks-body tr.row-note').screenshot({ path: path.join(args.out, `forms-edit-cleared-${tag}.png`) });
  check(await used('resume@v2') === 0, `${tag}: resume@v2 still counts the cleared ask`);
  await page.locator('#f-kind').selectOption('');
  log(`edit dialog: #${id}'s materials set to resume@v2 and cover letter@v1, shown after a reload, then cleared (checked through /api/show and /api/materials)`);
}

async function drive(ctx, width, scheme) {
  const tag = `${scheme}-${width}`;
  const srv = await startServer(path.join(tmp, `forms-${tag}.db`));
  const { page, w } = await openPage(ctx, srv, width, scheme);
  w.expect(/400 .*\/api\/(import|feedback\/add)|status of 400/);
  const took = [];
  for (const step of [importer, strategy, feedback, materials, followUpAndTimeline, editMaterials]) {
    const t0 = Date.now();
    await step(page, srv, tag);
    took.push(`${step.name} ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  }
  w.unexpect();
  const wide = await page.evaluate(() => document.documentElement.scrollWidth);
  check(wide <= width + 1, `${tag}: the page is ${wide} px wide`);
  let t0 = Date.now();
  await checkA11y(page, tag);
  took.push(`axe ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  t0 = Date.now();
  await page.screenshot({ path: path.join(args.out, `forms-page-${tag}.png`), fullPage: true, timeout: 60000 });
  took.push(`full-page screenshot ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  log(`time: ${took.join(', ')}`);
  check(w.problems.length === 0, `problems in the browser:\n    ${w.problems.join('\n    ')}`);
  await page.close();
  return srv;
}

// A JSON backup restores into an empty ledger through the same form: preview, then restore. (A
// small ledger: until the transport applies MaxBodyFor, every body is held to 64 KiB.)
async function restore(ctx, width, scheme) {
  const tag = `${scheme}-${width}`;
  const small = path.join(tmp, `small-${tag}.db`);
  keelCli(small, 'ask', 'Acme', '--kind', 'interview', '--to', 'Ann', '--on', '2026-11-10');
  keelCli(small, 'ask', 'Globex', '--kind', 'application', '--on', '2026-11-12');
  keelCli(small, 'no', '2', '--reason', 'we went with an internal candidate');
  keelCli(small, 'strategy', 'focus', '--role', 'data analyst');
  keelCli(small, 'follow-up', '1', '--on', '2026-12-03', '--note', 'ask about the team');
  const backup = path.join(tmp, `backup-${tag}.json`);
  fs.writeFileSync(backup, keelCli(small, 'export', '--format', 'json'));
  const want = 2;
  const srv = await startServer(path.join(tmp, `restored-${tag}.db`));
  const { page, w } = await openPage(ctx, srv, width, scheme);
  await page.locator('#import-file').setInputFiles(backup);
  await page.waitForSelector('#import-csv-options', { state: 'hidden' }).catch(() => check(false, 'a JSON backup still shows the CSV options'));
  await page.locator('#import-form').getByRole('button', { name: 'Preview', exact: true }).click();
  await waitText(page, '#import-preview', new RegExp(`would restore ${want} asks`), 'the backup preview');
  await send(page, 'import-form', `Restore ${want} asks`, 'restoring a backup');
  check((await api(srv, '/api/list')).length === want, 'the restored ledger has another number of asks');
  const s = await api(srv, '/api/strategy');
  check(s.focus.some((f) => f.text === 'data analyst'), 'the restored ledger lost the strategy');
  check((await api(srv, '/api/agenda')).items.some((i) => i.action === 'scheduled'), 'the restored ledger lost the scheduled follow-up');
  check(w.problems.length === 0, `problems in the browser:\n    ${w.problems.join('\n    ')}`);
  log(`a JSON backup of ${want} asks restored through the import form, strategy and plans included`);
  await page.close();
  await stopServer(srv);
}

// "I accepted an offer": close the search through the form (a kind confirmation first, keel's
// refusal beside the date), see /api/status closed and the congratulation, the agenda with nothing
// to chase, then reopen it.
async function closing(ctx, width, scheme) {
  const tag = `${scheme}-${width}`;
  const db = path.join(tmp, `closing-${tag}.db`);
  keelCli(db, 'ask', 'Acme', '--kind', 'interview', '--to', 'Ann', '--on', '2026-11-02');
  keelCli(db, 'ask', 'Acme', '--kind', 'offer', '--role', 'data analyst', '--on', '2026-11-10');
  keelCli(db, 'yes', '2', '--on', '2026-11-18');
  keelCli(db, 'ask', 'Globex', '--kind', 'application', '--on', '2026-11-12');
  const srv = await startServer(db);
  const { page, w } = await openPage(ctx, srv, width, scheme);
  w.expect(/400 .*\/api\/close|status of 400/);
  await waitText(page, '#agenda-list', /Follow up: Globex/, 'the follow-up keel suggests while the search is open');
  const options = await page.locator('#close-offer option').allTextContents();
  check(options.length === 2 && /#2 Acme — data analyst, offer, yes on 2026-11-18/.test(options[1]),
    `only the yes is offered as the accepted offer: ${JSON.stringify(options)}`);
  await page.locator('#close-form').getByRole('button', { name: 'Close my search…', exact: true }).click();
  await fieldError(page, '#close-offer', /Choose the offer you accepted/, 'closing without an offer');
  await page.locator('#close-offer').selectOption('2');
  await page.locator('#close-on').fill('2026-11-15');
  await page.locator('#close-form').getByRole('button', { name: 'Close my search…', exact: true }).click();
  await waitText(page, '#close-confirm-text', /Close your search with the offer from Acme \(#2, data analyst\), accepted on .* No ask is changed or removed/, 'the confirmation');
  await page.locator('#close-form').getByRole('button', { name: 'Yes, close my search', exact: true }).click();
  await fieldError(page, '#close-on', /before the offer's yes \(2026-11-18\)/, "keel's refusal of a date before the yes");
  check((await api(srv, '/api/status')).closed === null, 'a refused closing closed the search');
  await page.locator('#close-on').fill('2026-11-20');
  await page.locator('#close-form').getByRole('button', { name: 'Close my search…', exact: true }).click();
  await checkA11y(page, `${tag}, closing: the confirmation`, '#closing');
  await shotOf(page, '#closing', `forms-closing-confirm-${tag}`);
  await send(page, 'close-form', 'Yes, close my search', 'closing the search');
  const closed = (await api(srv, '/api/status')).closed;
  check(closed && closed.ask === 2 && closed.closed_on === '2026-11-20', `/api/status is not closed on #2: ${JSON.stringify(closed)}`);
  await waitText(page, '#reopen-form .form-ok', /Congratulations on your new job/, 'the congratulation');
  check(/You accepted the offer from Acme on 2026-11-20 — congratulations/.test(await text(page, '#reopen-text')), 'the closed section does not say which offer');
  check(await page.locator('#close-form').isHidden(), 'the closing form still shows on a closed search');
  // Nothing left to chase: the agenda suggests no follow-up while the search is closed.
  const agenda = await api(srv, '/api/agenda');
  check(agenda.closed && agenda.closed.ask === 2 && agenda.items.length === 0, `/api/agenda on a closed search: ${JSON.stringify(agenda)}`);
  await waitText(page, '#agenda-list', /^Your search is closed: nothing is left to chase, so keel suggests no follow-ups\.$/, 'the agenda of a closed search');
  await checkA11y(page, `${tag}, closing: closed`, '#closing');
  await shotOf(page, '#closing', `forms-closing-closed-${tag}`);
  await send(page, 'reopen-form', 'Reopen my search', 'reopening the search');
  check((await api(srv, '/api/status')).closed === null, '/api/status is still closed after reopening');
  await waitText(page, '#close-form .form-ok', /Your search is open again/, 'the reopening');
  await waitText(page, '#agenda-list', /Follow up: Globex/, 'the follow-up back in the agenda of the reopened search');
  check(await page.locator('#reopen-form').isHidden(), 'the reopen form still shows on an open search');
  await shotOf(page, '#closing', `forms-closing-open-${tag}`);
  w.unexpect();
  check(w.problems.length === 0, `problems in the browser:\n    ${w.problems.join('\n    ')}`);
  log('closed the search on #2 through the form (after keel refused a date before the yes), then reopened it');
  await page.close();
  await stopServer(srv);
}

// Every form at each look (1280 and 375 px, light and dark), each in a fresh context of the one
// browser: the seeker's whole round (drive), then closing the search and restoring a backup. Two
// looks run side by side (each with its own servers): on two cores that took the test from 90 s
// to 67 s, and four at once were no faster.
await run([async (ctx) => {
  await eachLook(ctx, async (look, width, scheme) => {
    await stopServer(await drive(look, width, scheme));
    let t0 = Date.now();
    await closing(look, width, scheme);
    const closed = (Date.now() - t0) / 1000;
    t0 = Date.now();
    await restore(look, width, scheme);
    log(`time: closing ${closed.toFixed(1)} s, restore ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  }, 2);
  fs.writeFileSync(path.join(args.out, 'forms-done.txt'), 'ok\n');
}]);
