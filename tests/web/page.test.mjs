#!/usr/bin/env node
// Browser test of what the dashboard must never get wrong (issue 10, "the page"): a date that is not
// a whole day is an error and nothing is sent; the honest streak leads; a yes is congratulated;
// the reframe is where the eyes are; clearing an edit field clears it; the kind does not stick;
// Undo says what it will undo; errors sit beside their field and notices show; charts have unique
// month ticks, legends without hovering and a 26-week window; dark mode passes the same axe
// checks; a 3,000-character name does not widen the page. Each part at 1280 and 375 px, light and
// dark (harness LOOKS), each look in a fresh context of one browser.
//
//   node tests/web/page.test.mjs --keel build/default/keel --out /tmp/shots --data tests/data
//
// The harness (server, browser, axe, waiting) is tests/web/harness.mjs.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import {
  args, csv, tmp, check, fail, log, keelCli, startServer, stopServer, openPage, text, waitText, refreshes,
  waitRefresh, checkA11y, run, eachLook,
} from './harness.mjs';

const shot = (page, name, full = false) => page.screenshot({ path: path.join(args.out, `${name}.png`), fullPage: full, timeout: 60000 });


// Counts the writes the page sends, to prove a refused field sends none.
function countPosts(page) {
  const c = { n: 0 };
  page.on('request', (r) => { if (r.method() === 'POST') c.n++; });
  return c;
}

// Types into a date input as a person would (segment by segment), not through fill().
async function typeDate(page, sel, keys) {
  await page.locator(sel).focus();
  await page.keyboard.type(keys);
}

async function inView(page, sel) {
  return page.evaluate((s) => {
    const r = document.querySelector(s).getBoundingClientRect();
    return r.height > 0 && r.top >= -1 && r.top < window.innerHeight * 0.6;
  }, sel);
}

async function expectFieldError(page, input, re, what) {
  const err = `${input}-fielderror`;
  await waitText(page, err, re, what);
  check(await page.locator(err).isVisible(), `${what}: the error beside the label is not visible`);
  check((await page.getAttribute(input, 'aria-invalid')) === 'true', `${what}: ${input} is not marked aria-invalid`);
}

// ---------- 1. a new user's first asks and answers ----------
// At every look (harness LOOKS), two side by side, each with its own server.
async function firstUse(ctx) {
  await eachLook(ctx, firstUseAt, 2);
}
async function firstUseAt(ctx, width, scheme) {
  const label = `${width} px ${scheme}`;
  console.log(`1. first use at ${label}: dates, the kind, a yes, notices, field errors, edit, undo`);
  const srv = await startServer(path.join(tmp, `first-${width}-${scheme}.db`));
  const { page, w } = await openPage(ctx, srv, width, scheme);
  const posts = countPosts(page);
  await shot(page, `empty-${scheme}-${width}`);
  await checkA11y(page, `${label}, empty ledger`);

  // A half-typed date is an error beside its label, and nothing is sent.
  await page.locator('#ask-org').fill('Acme Corp');
  await page.locator('#ask-kind').selectOption('interview');
  await typeDate(page, '#ask-on', '02');
  check(await page.evaluate(() => document.querySelector('#ask-on').validity.badInput), 'typing "02" into the date did not leave it half-typed (badInput)');
  let before = posts.n;
  await page.getByRole('button', { name: 'Log the ask' }).click();
  await expectFieldError(page, '#ask-on', /not a complete, real date/, 'a half-typed ask date');
  check(posts.n === before, 'a half-typed date still sent the ask');
  check((await text(page, '#count-asks')) === '0', 'a half-typed date logged an ask');
  // 02/30/2026 is not a day either.
  await page.locator('#ask-on').fill('');
  await typeDate(page, '#ask-on', '02302026');
  const bad = await page.evaluate(() => [document.querySelector('#ask-on').value, document.querySelector('#ask-on').validity.badInput]);
  check(bad[0] === '' && bad[1], `02/30/2026 should read as a bad date, it reads ${JSON.stringify(bad)}`);
  await page.getByRole('button', { name: 'Log the ask' }).click();
  await expectFieldError(page, '#ask-on', /not a complete, real date/, '02/30/2026 as an ask date');
  await page.locator('#ask-form').screenshot({ path: path.join(args.out, `date-error-${scheme}-${width}.png`) });
  check(posts.n === before, '02/30/2026 still sent the ask');
  log('a half-typed or impossible ask date is refused beside its label; nothing sent');

  // A whole date works; the error goes; the kind resets (it does not stick to "interview").
  await page.locator('#ask-on').fill('2026-11-20');
  await page.locator('#ask-person').fill('Ann Lee');
  await page.locator('#ask-role').fill('Analyst');
  await page.locator('#ask-note').fill('met at the fair');
  // keel's notices (docs/api.md) are shown after a write: one is added to this response.
  await page.route('**/api/ask', async (route) => {
    const resp = await route.fetch();
    const body = await resp.json();
    await route.fulfill({ response: resp, json: { ...body, notices: ['new organization \u2018Acme Corp\u2019'] } });
  }, { times: 1 });
  let n = await refreshes(page);
  await page.getByRole('button', { name: 'Log the ask' }).click();
  await waitRefresh(page, n, 'logging an ask');
  check((await page.locator('#ask-on-fielderror').count()) === 0, 'the date error stayed after a good date');
  await waitText(page, '#notice', /Note: new organization/, 'the notice keel sent with the write');
  const kind = await page.locator('#ask-kind').inputValue();
  check(kind === 'application', `the kind stuck to the last choice: it reads "${kind}" after logging an interview`);
  await waitText(page, '#undo', /^Undo: ask Acme Corp \(interview\)$/, 'the Undo button after logging an ask');
  check(!(await page.locator('#undo').isDisabled()), 'Undo is disabled with a change to undo');
  log('notice shown; kind reset to application; undo reads "Undo: ask Acme Corp (interview)"');

  // An error the server ties to a field shows beside that field's label (the API contract).
  w.expect(/400 .*\/api\/ask|status of 400/);
  await page.route('**/api/ask', (route) => route.fulfill({ status: 400, json: { error: 'a role is at most 200 characters; shorten it', code: 'invalid', field: 'role' } }), { times: 1 });
  await page.locator('#ask-org').fill('Beta Inc');
  await page.locator('#ask-role').fill('x');
  await page.getByRole('button', { name: 'Log the ask' }).click();
  await expectFieldError(page, '#ask-role', /at most 200 characters/, 'an error about the role');
  await waitText(page, '#ask-error', /Role/, 'the form line naming the field');
  w.unexpect();
  await page.locator('#ask-org').fill('');
  await page.locator('#ask-role').fill('');
  log('an error with field "role" sits beside the Role label');

  // Reply dates: a half-typed reply date and "ask again on" date are refused too.
  await page.getByRole('tab', { name: 'Record a reply' }).click();
  const id = await page.locator('#reply-ask option', { hasText: 'Acme Corp' }).first().getAttribute('value');
  await page.locator('#reply-ask').selectOption(id);
  await page.locator('#reply-outcome').selectOption('not-yet');
  await typeDate(page, '#reply-until', '1');
  before = posts.n;
  await page.getByRole('button', { name: 'Record the reply' }).click();
  await expectFieldError(page, '#reply-until', /not a complete, real date/, 'a half-typed "ask again on" date');
  await page.locator('#reply-until').fill('');
  await typeDate(page, '#reply-on', '11');
  await page.getByRole('button', { name: 'Record the reply' }).click();
  await expectFieldError(page, '#reply-on', /not a complete, real date/, 'a half-typed reply date');
  check(posts.n === before, 'a half-typed reply date still sent the reply');
  await page.locator('#reply-on').fill('');

  // A yes is congratulated, with no theme line ("a form reply") and where the eyes are.
  await page.locator('#reply-outcome').selectOption('yes');
  await page.locator('#reply-reason').fill('we would like to invite you to the next round');
  n = await refreshes(page);
  await page.getByRole('button', { name: 'Record the reply' }).click();
  await waitRefresh(page, n, 'recording a yes');
  await waitText(page, '#reframe-h', /Well done/, 'the heading of the response to a yes');
  await waitText(page, '#reframe-lines', /^Congratulations/, 'the response to a yes');
  const reframe = await text(page, '#reframe');
  check(!/form reply|generic|not about you|in proportion/i.test(reframe), `a yes is answered as a rejection: ${JSON.stringify(reframe)}`);
  check(await page.locator('#reframe-theme').isHidden(), 'a yes shows a theme line');
  await waitText(page, '#notice', /Congratulations/, 'the notice after a yes');
  check(await inView(page, '#reframe'), 'the response to a yes is not in view');
  check(await page.evaluate(() => document.activeElement && document.activeElement.id === 'reframe'), 'the response to a yes does not have the focus');
  await waitText(page, '#streak-big', /^Your latest answer was a yes$/, 'the streak after a yes');
  await shot(page, `after-yes-${scheme}-${width}`);
  await checkA11y(page, `${label}, after a yes`);
  log(`yes: "${await text(page, '#reframe-h')}", in view and focused`);

  // Follow-up date.
  await page.getByRole('tab', { name: 'Add a follow-up' }).click();
  await page.locator('#follow-ask').selectOption(id);
  await typeDate(page, '#follow-on', '3');
  before = posts.n;
  await page.getByRole('button', { name: 'Add the follow-up' }).click();
  await expectFieldError(page, '#follow-on', /not a complete, real date/, 'a half-typed follow-up date');
  check(posts.n === before, 'a half-typed follow-up date still sent it');
  await page.locator('#follow-on').fill('');

  // Edit: clearing person, role and note clears them; a cleared or half-typed date is refused.
  await page.getByRole('button', { name: `Edit ask ${id}, Acme Corp` }).click();
  await page.waitForSelector('#edit-dialog[open]');
  await page.locator('#edit-on').fill('');
  before = posts.n;
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expectFieldError(page, '#edit-on', /always has the day/, 'clearing the ask date');
  await page.locator('#edit-dialog').screenshot({ path: path.join(args.out, `edit-error-${scheme}-${width}.png`) });
  await page.locator('#edit-on').fill('2026-11-20');
  await page.locator('#edit-replied').fill('');
  await typeDate(page, '#edit-replied', '11');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expectFieldError(page, '#edit-replied', /not a complete, real date/, 'a half-typed reply date in the edit dialog');
  check(posts.n === before, 'a refused edit still sent a request');
  await page.locator('#edit-replied').fill('2026-11-26');
  await page.locator('#edit-person').fill('');
  await page.locator('#edit-role').fill('');
  await page.locator('#edit-note').fill('');
  n = await refreshes(page);
  await page.getByRole('button', { name: 'Save changes' }).click();
  await waitRefresh(page, n, 'clearing fields in the edit dialog');
  const shown = await page.request.get(`${srv.url}/api/show?id=${id}`).then((r) => r.json());
  check(shown.person === '' && shown.role === '' && shown.note === '', `clearing person, role and note did not clear them: ${JSON.stringify({ person: shown.person, role: shown.role, note: shown.note })}`);
  await waitText(page, '#undo', new RegExp(`^Undo: edit ask #${id}$`), 'the Undo button after an edit');
  log('edit: cleared fields are cleared; a cleared or half-typed date is refused beside its label');

  check(w.problems.length === 0, `problems in the browser:\n    ${w.problems.join('\n    ')}`);
  await page.close();
  await stopServer(srv);
}

// ---------- 2. a real log: the reframe in view, sections, charts, dark, phone ----------
async function realLog(ctx) {
  console.log('2. a real log: the reframe is seen, section order, charts, dark mode, 375 px');
  const db = path.join(tmp, 'real.db');
  keelCli(db, 'import', csv);
  const srv = await startServer(db);
  // One look at a time: each records a no and takes it back on the one server.
  await eachLook(ctx, async (look, width, scheme) => {
    const label = `${width} px ${scheme}`;
    const { page, w } = await openPage(look, srv, width, scheme);
    const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    const lum = bg.match(/\d+/g).slice(0, 3).map(Number).reduce((a, b) => a + b, 0) / 3;
    check(scheme === 'dark' ? lum < 60 : lum > 200, `${label}: the page background is ${bg}`);

    // "Is it about me?" comes before the table of asks.
    const [py, ay] = await page.evaluate(() => ['patterns', 'asks'].map((id) => document.getElementById(id).getBoundingClientRect().top));
    check(py < ay, `${label}: "Is it about me?" is below the asks table`);

    // Charts: unique tick labels, legends without hovering, the last 26 weeks by default.
    for (const id of ['chart-weekly', 'chart-running']) {
      const ticks = (await page.getAttribute(`#${id}`, 'data-ticks') || '').split('|').filter(Boolean);
      check(ticks.length >= 2, `${label}: #${id} has ${ticks.length} tick labels`);
      check(new Set(ticks).size === ticks.length, `${label}: #${id} repeats a tick label: ${ticks.join(', ')}`);
    }
    await waitText(page, '#weekly-legend', /Asks in the week of .*: \d+/, `${label}: the weekly legend`);
    await waitText(page, '#running-legend', /Yes-rate so far: \d+\.\d% \(\d+ of \d+\)/, `${label}: the running legend`);
    await waitText(page, '#survival-legend', /No reply yet by day \d+: \d+%/, `${label}: the survival legend`);
    const weeks = Number(await page.getAttribute('#chart-weekly', 'data-weeks'));
    check(weeks <= 26, `${label}: the weekly chart shows ${weeks} weeks by default, expected the last 26`);

    if (width === 1280 && scheme === 'light') {
      await page.getByRole('button', { name: 'All history' }).click();
      await page.waitForFunction(() => Number(document.querySelector('#chart-weekly').dataset.weeks) > 26, null, { timeout: 5000 })
        .catch(() => fail('"All history" did not widen the weekly chart'));
      const all = (await page.getAttribute('#chart-weekly', 'data-ticks')).split('|');
      check(new Set(all).size === all.length, `all history repeats a tick label: ${all.join(', ')}`);
      log(`all history: ${await page.getAttribute('#chart-weekly', 'data-weeks')} weeks, ticks ${all.join(' ')}`);
      await page.getByRole('button', { name: 'Last 26 weeks' }).click();
    }
    await page.locator('#time').screenshot({ path: path.join(args.out, `charts-${scheme}-${width}.png`) });
    await shot(page, `dashboard-${scheme}-${width}`);
    await shot(page, `dashboard-${scheme}-${width}-full`, true);
    await checkA11y(page, label);

    // Record a no: the response is in view and focused, at this width.
    await page.getByRole('tab', { name: 'Record a reply' }).click();
    const opt = await page.locator('#reply-ask option').nth(1).getAttribute('value');
    await page.locator('#reply-ask').selectOption(opt);
    await page.locator('#reply-outcome').selectOption('no');
    await page.locator('#reply-reason').fill('the position has been filled');
    const n = await refreshes(page);
    await page.getByRole('button', { name: 'Record the reply' }).click();
    await waitRefresh(page, n, `${label}: recording a no`);
    await waitText(page, '#reframe-h', /in proportion/, `${label}: the reframe after a no`);
    check(await inView(page, '#reframe'), `${label}: the reframe after a no is not in view`);
    check(await page.evaluate(() => document.activeElement && document.activeElement.id === 'reframe'), `${label}: the reframe does not have the focus`);
    await shot(page, `after-no-${scheme}-${width}`);
    await checkA11y(page, `${label}, after a no`);
    // take it back, so each pass starts from the same log
    const m = await refreshes(page);
    await page.locator('#undo').click();
    await waitRefresh(page, m, `${label}: undo`);
    check(w.problems.length === 0, `problems in the browser:\n    ${w.problems.join('\n    ')}`);
    log(`${label}: sections, charts, reframe in view, axe clean`);
    await page.close();
  }, 1);
  await stopServer(srv);
}

// ---------- 3. long text wraps ----------
async function longText(ctx) {
  console.log('3. a 3,000-character organization name and note');
  const db = path.join(tmp, 'long.db');
  keelCli(db, 'import', csv);
  keelCli(db, 'ask', 'Longname', '--kind', 'application', '--note', 'n'.repeat(3000));
  // keel caps names at 200 characters; an older ledger may hold longer ones, so write one directly.
  // one unbroken word, the worst case for wrapping, and one with spaces
  const long = 'Verylongorganizationname'.repeat(125);
  execFileSync('sqlite3', [db, `UPDATE organizations SET name = '${long}' WHERE name = 'Longname'`]);
  const srv = await startServer(db);
  await eachLook(ctx, async (look, width, scheme) => {
    const { page, w } = await openPage(look, srv, width, scheme);
    await waitText(page, '#asks-body', /Verylongorganization/, 'the long name in the table');
    const sizes = await page.evaluate(() => ({ page: document.documentElement.scrollWidth, table: document.querySelector('#asks-table').scrollWidth,
      wrap: document.querySelector('.table-wrap').clientWidth, undo: document.querySelector('#undo').getBoundingClientRect().width }));
    check(sizes.page <= width + 1, `${width} px: a 3,000-character name makes the page ${sizes.page} px wide`);
    check(sizes.table <= sizes.wrap + 1, `${width} px: a 3,000-character name makes the table ${sizes.table} px wide in ${sizes.wrap}`);
    check(sizes.undo <= width, `${width} px: the Undo button is ${sizes.undo} px wide`);
    // the long name wraps, not the short cells beside it ("appl / icati / on")
    const kindLines = await page.evaluate(() => {
      const td = [...document.querySelectorAll('#asks-body tr')].find((tr) => /Verylongorganization/.test(tr.textContent)).querySelector('td[data-label="Kind"] div');
      return Math.round(td.getBoundingClientRect().height / parseFloat(getComputedStyle(td).lineHeight));
    });
    check(kindLines <= 2, `${width} px: beside a long name the Kind cell wraps into ${kindLines} lines`);
    await page.locator('#asks-body tr', { hasText: 'Verylongorganization' }).first().screenshot({ path: path.join(args.out, `long-text-row-${scheme}-${width}.png`) });
    await checkA11y(page, `${width} px ${scheme}, long text`);
    await shot(page, `long-text-${scheme}-${width}`);
    check(w.problems.length === 0, `problems in the browser:\n    ${w.problems.join('\n    ')}`);
    log(`${width} px: page ${sizes.page} px, table ${sizes.table} px`);
    await page.close();
  }, 2);
  await stopServer(srv);
}

await run([firstUse, realLog, longText]);
