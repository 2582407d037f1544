#!/usr/bin/env node
// Browser test of keel's dashboard: `keel serve` + headless Chromium (playwright-core, /usr/bin/chromium).
//
//   node tests/web/dashboard.test.mjs --keel build/default/keel --out /tmp/shots --data tests/data
//
// Options: --chromium PATH (default /usr/bin/chromium or $CHROMIUM), --keep (keep the temp dir).
// Exit code 0 when every check passes; otherwise 1 and a message that says which check failed and why.
// The harness (server, browser, axe, waiting) is tests/web/harness.mjs.
import path from 'node:path';
import {
  args, csv, tmp, check, fail, log, keelCli, startServer, stopServer, watch, text, waitText, refreshes,
  waitRefresh, canvasInfo, checkA11y, run,
} from './harness.mjs';

// ---------- the scenarios ----------
async function emptyDatabase(ctx) {
  console.log('1. an empty database: log an ask and a no through the forms');
  const srv = await startServer(path.join(tmp, 'k.db'));
  log(`server at ${srv.url}`);
  const page = await ctx.newPage();
  await page.setViewportSize({ width: 1280, height: 900 });
  const w = watch(page, 'empty database');
  await page.goto(srv.url + '/', { waitUntil: 'load' });
  await page.waitForSelector('body[data-ready="1"]', { timeout: 15000 });

  const token = await page.getAttribute('meta[name="keel-token"]', 'content');
  check(token && token !== '__KEEL_TOKEN__', `the page's keel-token meta was not filled in by the server (it reads ${JSON.stringify(token)})`);
  check((await text(page, '#count-asks')) === '0', `an empty database shows ${await text(page, '#count-asks')} asks, expected 0`);
  check((await page.locator('h1').count()) === 1, 'the page should have exactly one h1');
  // An empty ledger shows no forecast (it would be the population's prior, not this search), no
  // charts of nothing, and says what to do first.
  check(!(await page.locator('#forecast').isVisible()), 'an empty database shows a forecast card');
  for (const id of ['#time', '#silence', '#funnel', '#patterns', '#asks', '#counts']) {
    check(!(await page.locator(id).isVisible()), `an empty database shows ${id}, a section of nothing`);
  }
  check(await page.locator('#first-steps').isVisible(), 'an empty database does not say what to do first');
  await waitText(page, '#first-steps', /Log one ask below/, 'the first steps of an empty ledger');
  check(await page.locator('#undo').isDisabled(), 'Undo is enabled on an empty database, with nothing to undo');
  await waitText(page, '#undo', /^Nothing to undo$/, 'the Undo button on an empty database');

  // Keyboard: the first Tab lands on the skip link.
  await page.keyboard.press('Tab');
  check(await page.evaluate(() => document.activeElement && document.activeElement.classList.contains('skip')),
    'the first Tab should focus the "Skip to the forms" link');

  // Log an ask through the form, found by its labels.
  let n = await refreshes(page);
  await page.getByLabel('Organization', { exact: true }).first().fill('Acme Labs');
  await page.getByLabel('Person (optional)').fill('Jane Doe');
  await page.getByLabel('What you asked for').selectOption('chat');
  await page.getByLabel('How', { exact: true }).selectOption('linkedin');
  await page.getByLabel('Role (optional)').fill('Data analyst');
  await page.locator('#ask-on').fill('2026-11-20');
  await page.getByRole('button', { name: 'Log the ask' }).click();
  await waitRefresh(page, n, 'logging an ask');
  await waitText(page, '#count-asks', /^1$/, 'the ask count after logging one ask');
  await waitText(page, '#count-pending', /^1$/, 'the waiting count after logging one ask');
  await waitText(page, '#asks-body', /Acme Labs/, 'the asks table after logging an ask');
  log('ask logged: counts and table updated');

  // A user error is shown next to the form, in words. (A name like an existing one is a conflict:
  // 409, with field new_org.)
  w.expect(/status of 409|409 .*\/api\/ask/);
  await page.getByLabel('Organization', { exact: true }).first().fill('Acme Labs Inc');
  await page.getByLabel('What you asked for').selectOption('chat');
  await page.getByRole('button', { name: 'Log the ask' }).click();
  await waitText(page, '#ask-error', /\S/, 'the error message of a rejected ask');
  log(`a rejected ask shows: "${await text(page, '#ask-error')}"`);
  check((await text(page, '#count-asks')) === '1', 'a rejected ask must not change the count');
  w.unexpect();
  await page.getByLabel('Organization', { exact: true }).first().fill('');

  // Record a no with a reason.
  const streakBefore = await text(page, '#streak-big');
  await page.getByRole('tab', { name: 'Record a reply' }).click();
  const reply = page.locator('#reply-ask');
  const opt = await reply.locator('option', { hasText: 'Acme Labs' }).first().getAttribute('value');
  check(opt, 'the reply form lists no option for the ask to Acme Labs');
  await page.getByLabel('Which ask').first().selectOption(opt);
  await page.getByLabel('Their answer').selectOption('no');
  await page.getByLabel('What they said, in their words (optional)').fill('we went with an internal candidate');
  n = await refreshes(page);
  await page.getByRole('button', { name: 'Record the reply' }).click();
  await waitRefresh(page, n, 'recording a no');
  await waitText(page, '#count-no', /^1$/, 'the no count after recording a no');
  await waitText(page, '#count-pending', /^0$/, 'the waiting count after recording a no');
  await waitText(page, '#streak-big', /^1 ask and no yes yet: 1 no$/, 'the run after one no');
  check(streakBefore !== (await text(page, '#streak-big')), 'the streak did not change after a no');
  // A run of 1 is ordinary, and says so without a percentage.
  await waitText(page, '#streak-text', /^A run this short is ordinary\.$/, 'the streak explanation');
  check(await page.locator('#reframe').isVisible(), 'the reframe is not shown after a no');
  await waitText(page, '#reframe-theme', /circumstantial/, 'the reframe theme line after "we went with an internal candidate"');
  const lines = await page.locator('#reframe-lines li').count();
  check(lines >= 2, `the reframe shows ${lines} lines, expected the lines keel gives`);
  await waitText(page, '#asks-body', /internal candidate/, 'the reason in the asks table');
  log(`no recorded: streak "${await text(page, '#streak-big')}", reframe "${await text(page, '#reframe-theme')}"`);
  await page.screenshot({ path: path.join(args.out, 'after-no-1280.png'), fullPage: true, timeout: 60000 });
  await checkA11y(page, 'after a no');

  // A follow-up (never a new ask).
  await page.getByRole('tab', { name: 'Add a follow-up' }).click();
  await page.locator('#follow-ask').selectOption(opt);
  await page.getByLabel('What you sent (optional)').fill('thanks, and a question about next year');
  n = await refreshes(page);
  await page.getByRole('button', { name: 'Add the follow-up' }).click();
  await waitRefresh(page, n, 'adding a follow-up');
  check((await text(page, '#count-asks')) === '1', 'a follow-up changed the ask count');
  await waitText(page, '#notice', /Follow-up added/, 'the notice after a follow-up');

  // Edit the role, then undo it.
  await page.getByRole('button', { name: `Edit ask ${opt}, Acme Labs` }).click();
  await page.waitForSelector('#edit-dialog[open]');
  await page.locator('#edit-role').fill('Senior data analyst');
  await page.locator('#edit-note').fill('met at the meetup');
  n = await refreshes(page);
  await page.getByRole('button', { name: 'Save changes' }).click();
  await waitRefresh(page, n, 'editing an ask');
  await waitText(page, '#asks-body', /Senior data analyst/, 'the edited role in the table');
  await waitText(page, '#undo', /^Undo: edit ask #1$/, 'the Undo button after an edit (it says what it will undo)');
  n = await refreshes(page);
  await page.getByRole('button', { name: /^Undo: edit ask #1/ }).click();
  await waitRefresh(page, n, 'undo');
  await waitText(page, '#asks-body', /Data analyst/, 'the role after undo');
  check(!/Senior data analyst/.test(await text(page, '#asks-body')), 'undo did not revert the edit');
  log('follow-up, edit and undo work');

  check(w.problems.length === 0, `problems in the browser:\n    ${w.problems.join('\n    ')}`);
  await page.close();
  const st = await stopServer(srv);
  check(!st.timeout, 'keel serve did not exit within 5 s of SIGTERM');
  log(`server stopped (${st.code !== null ? `exit code ${st.code}` : `signal ${st.signal}`})`);
}

async function realLog(ctx) {
  console.log('2. a real log (Merged.csv): charts, funnel, patterns, screenshots');
  const db = path.join(tmp, 'b.db');
  keelCli(db, 'import', csv);
  const srv = await startServer(db);
  log(`server at ${srv.url}`);
  const page = await ctx.newPage();
  await page.setViewportSize({ width: 1280, height: 900 });
  const w = watch(page, 'real log');
  await page.goto(srv.url + '/', { waitUntil: 'load' });
  await page.waitForSelector('body[data-ready="1"]', { timeout: 15000 });

  const asks = await text(page, '#count-asks');
  check(Number(asks) > 100, `the real log shows ${asks} asks; expected the imported ~177`);
  await waitText(page, '#rate-big', /^1 yes in \d+$/, 'the headline');
  await waitText(page, '#rate-text', /1 in \d+ to 1 in \d+/, 'the headline range');
  log(`headline: "${await text(page, '#rate-big')}" — ${await text(page, '#rate-text')}`);
  // The run since the last yes: 72 asks, of which 50 are unanswered — never "72 nos in a row".
  await waitText(page, '#streak-big', /^72 asks since your last yes: 22 nos, 50 unanswered$/, 'the run since the last yes');
  await waitText(page, '#streak-text', /^A run this long happens to 3% of searchers/, 'the run explained');
  check(!/in a row/.test(await text(page, '#glance')), 'the headline still says "in a row"');
  log(`run: "${await text(page, '#streak-big')}" — ${await text(page, '#streak-text')}`);

  for (const id of ['chart-weekly', 'chart-running', 'chart-survival']) {
    const c = await canvasInfo(page, id);
    check(c, `#${id} has no canvas: the chart was not drawn`);
    check(c.width > 0 && c.height > 0, `#${id}'s canvas is ${c.width}x${c.height}`);
    check(c.drawn > 500, `#${id}'s canvas is (almost) empty: ${c.drawn} drawn pixels`);
    log(`#${id}: ${c.width}x${c.height}, ${c.drawn} drawn pixels`);
  }
  const steps = await page.locator('#funnel-list li').count();
  check(steps === 5, `the funnel has ${steps} steps, expected 5 (chat → referral → application → interview → offer)`);
  await waitText(page, '#funnel-list li[data-kind="application"]', /\d+ asks/, 'the application step of the funnel');
  await waitText(page, '#funnel-list li[data-kind="application"]', /%/, 'the application rate in the funnel');
  check(await page.locator('#patterns h3', { hasText: 'Patterns about you' }).count() === 1, 'the patterns section has no "Patterns about you" heading');
  check(await page.locator('#actions-h').count() === 1, 'the actions heading is missing');
  const rows = await page.locator('#asks-body tr').count();
  check(rows > 0, 'the asks table is empty');
  const ics = await page.getAttribute('#ics-link', 'href');
  check(/\/api\/agenda\.ics/.test(ics), `the calendar link points to ${ics}`);
  const icsResp = await page.request.get(new URL(ics, srv.url).href);
  check(icsResp.ok() && /BEGIN:VCALENDAR/.test(await icsResp.text()), `GET ${ics} did not return an iCalendar file (HTTP ${icsResp.status()})`);

  // Filters: applications that got a yes.
  await page.getByLabel('Outcome', { exact: true }).selectOption('yes');
  await page.waitForFunction(() => [...document.querySelectorAll('#asks-body .badge')].every((b) => b.textContent === 'yes') &&
    document.querySelectorAll('#asks-body tr').length > 0, null, { timeout: 10000 }).catch(() => fail('the outcome filter did not narrow the table to yeses'));
  await page.getByLabel('Outcome', { exact: true }).selectOption('');
  await page.waitForFunction((r) => document.querySelectorAll('#asks-body tr').length === r, rows, { timeout: 10000 });

  await page.screenshot({ path: path.join(args.out, 'dashboard-1280.png'), fullPage: true, timeout: 60000 });
  await checkA11y(page, 'real log, 1280 px');
  await page.setViewportSize({ width: 375, height: 812 });
  await page.waitForTimeout(400); // charts resize after a short debounce
  let c = await canvasInfo(page, 'chart-weekly');
  check(c && c.width <= 375 && c.drawn > 200, `the weekly chart did not follow the window to 375 px (${JSON.stringify(c)})`);
  // as a phone would load it
  await page.reload({ waitUntil: 'load' });
  await page.waitForSelector('body[data-ready="1"]', { timeout: 15000 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth);
  check(overflow <= 376, `at 375 px the page is ${overflow} px wide: something overflows sideways`);
  c = await canvasInfo(page, 'chart-weekly');
  check(c && c.drawn > 200, 'the weekly chart is empty at phone width');
  await page.screenshot({ path: path.join(args.out, 'dashboard-375.png'), fullPage: true, timeout: 60000 });
  await checkA11y(page, 'real log, 375 px');
  log(`screenshots in ${args.out}`);

  check(w.problems.length === 0, `problems in the browser:\n    ${w.problems.join('\n    ')}`);
  await page.close();
  const st = await stopServer(srv);
  check(!st.timeout, 'keel serve did not exit within 5 s of SIGTERM');
}

await run([emptyDatabase, realLog]);
