#!/usr/bin/env node
// Browser test of keel's dashboard: `keel serve` + headless Chromium (playwright-core, /usr/bin/chromium).
//
//   node tests/web/dashboard.test.mjs --keel build/default/keel --out /tmp/shots --data tests/data
//
// Options: --chromium PATH (default /usr/bin/chromium or $CHROMIUM), --standin (use tests/web/standin-server.mjs
// instead of `keel serve`, for working on the page without the C++ server), --keep (keep the temp dir).
// Exit code 0 when every check passes; otherwise 1 and a message that says which check failed and why.
import { spawn, execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const TODAY = '2026-11-26';

// ---------- arguments ----------
const args = { chromium: process.env.CHROMIUM || '/usr/bin/chromium' };
for (let i = 2; i < process.argv.length; i++) {
  const a = process.argv[i];
  if (a === '--standin' || a === '--keep') args[a.slice(2)] = true;
  else if (a.startsWith('--') && i + 1 < process.argv.length) args[a.slice(2)] = process.argv[++i];
  else usage(`unexpected argument '${a}'`);
}
function usage(msg) {
  console.error(`dashboard test: ${msg}\nusage: node tests/web/dashboard.test.mjs --keel PATH --out DIR --data DIR [--chromium PATH] [--standin] [--keep]`);
  process.exit(2);
}
if (!args.keel) usage('--keel PATH is required');
if (!args.out) usage('--out DIR is required');
if (!args.data) usage('--data DIR is required');
const keel = path.resolve(args.keel);
if (!fs.existsSync(keel)) usage(`no keel binary at ${keel}; build it first`);
const csv = path.join(args.data, 'real/job-application-statistics/Merged.csv');
if (!fs.existsSync(csv)) usage(`no ${csv}; is --data the tests/data folder?`);
if (!fs.existsSync(args.chromium)) usage(`no Chromium at ${args.chromium} (apt-get install chromium, or --chromium PATH)`);
fs.mkdirSync(args.out, { recursive: true });

let chromium;
try {
  ({ chromium } = createRequire(path.join(root, 'web/package.json'))('playwright-core'));
} catch (e) {
  usage('playwright-core is not installed in web/node_modules; run scripts/web');
}

// ---------- helpers ----------
class Failure extends Error {}
const fail = (msg) => { throw new Failure(msg); };
const check = (cond, msg) => { if (!cond) fail(msg); };
const log = (msg) => console.log(`  ${msg}`);

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'keel-web-'));
const servers = [];

function startServer(db) {
  const env = { ...process.env, KEEL_TODAY: TODAY };
  delete env.KEEL_DB;
  const [cmd, argv] = args.standin
    ? [process.execPath, [path.join(here, 'standin-server.mjs'), '--keel', keel, '--db', db, '--today', TODAY, '--port', '0']]
    : [keel, ['--db', db, '--today', TODAY, 'serve', '--port', '0', '--bind', '127.0.0.1']];
  const child = spawn(cmd, argv, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const srv = { child, stderr: '', exited: null };
  servers.push(srv);
  child.stderr.on('data', (d) => { srv.stderr += d; });
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Failure(`keel serve printed no "keel is running at" line within 15 s; stdout: ${JSON.stringify(out)}, stderr: ${JSON.stringify(srv.stderr)}`)), 15000);
    child.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/^keel is running at (http:\/\/127\.0\.0\.1:(\d+))\/?\s*$/m);
      if (m && Number(m[2]) > 0) { clearTimeout(timer); srv.url = m[1]; resolve(srv); }
    });
    child.on('exit', (code, signal) => {
      srv.exited = { code, signal };
      clearTimeout(timer);
      reject(new Failure(`keel serve exited (code ${code}, signal ${signal}) before it was listening; stderr: ${srv.stderr.trim()}`));
    });
    child.on('error', (e) => { clearTimeout(timer); reject(new Failure(`cannot start ${cmd}: ${e.message}`)); });
  });
}

async function stopServer(srv) {
  if (srv.exited) return srv.exited;
  const done = new Promise((resolve) => srv.child.once('exit', (code, signal) => resolve({ code, signal })));
  srv.child.kill('SIGTERM');
  const r = await Promise.race([done, new Promise((resolve) => setTimeout(() => resolve(null), 5000))]);
  if (!r) { srv.child.kill('SIGKILL'); return { timeout: true }; }
  srv.exited = r;
  return r;
}

// Watch a page for console errors, uncaught exceptions and failed requests.
function watch(page, label) {
  const problems = [];
  const expected = [];
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    const text = m.text();
    if (expected.some((re) => re.test(text))) return;
    problems.push(`${label}: console error: ${text}`);
  });
  page.on('pageerror', (e) => problems.push(`${label}: uncaught exception: ${e.message}`));
  page.on('requestfailed', (r) => problems.push(`${label}: request failed: ${r.method()} ${r.url()} (${r.failure() && r.failure().errorText})`));
  page.on('response', (r) => {
    if (r.status() < 400) return;
    if (expected.some((re) => re.test(`${r.status()} ${r.url()}`))) return;
    problems.push(`${label}: HTTP ${r.status()} for ${r.request().method()} ${r.url()}`);
  });
  page.on('request', (r) => {
    const u = new URL(r.url());
    if (u.protocol !== 'data:' && u.hostname !== '127.0.0.1') problems.push(`${label}: request to another host: ${r.url()}`);
  });
  return { problems, expect: (re) => expected.push(re), unexpect: () => { expected.length = 0; } };
}

const text = async (page, sel) => ((await page.locator(sel).textContent()) || '').trim();
async function waitText(page, sel, re, what) {
  try {
    await page.waitForFunction(([s, src, flags]) => {
      const el = document.querySelector(s);
      return el && new RegExp(src, flags).test(el.textContent);
    }, [sel, re.source, re.flags], { timeout: 10000 });
  } catch (e) {
    fail(`${what}: expected ${sel} to match ${re}, it reads ${JSON.stringify(await text(page, sel).catch(() => '?'))}`);
  }
}
async function refreshes(page) { return Number(await page.evaluate(() => document.body.dataset.refreshes || 0)); }
async function waitRefresh(page, before, what) {
  try {
    await page.waitForFunction((n) => Number(document.body.dataset.refreshes || 0) > n, before, { timeout: 10000 });
  } catch (e) {
    const errs = await page.locator('.error').allTextContents();
    fail(`${what}: the page did not refresh after the write; messages on the page: ${JSON.stringify(errs.filter(Boolean))}`);
  }
}

// How many pixels of a chart's canvas are drawn (non-transparent), and its size.
async function canvasInfo(page, id) {
  return page.evaluate((cid) => {
    const c = document.querySelector(`#${cid} canvas`);
    if (!c) return null;
    const ctx = c.getContext('2d');
    const { data } = ctx.getImageData(0, 0, c.width, c.height);
    let drawn = 0;
    for (let i = 3; i < data.length; i += 4) if (data[i] > 0) drawn++;
    return { width: c.width, height: c.height, drawn };
  }, id);
}

// Accessibility: axe-core's rules (WCAG 2 A/AA); any serious or critical violation fails.
let axeSource = null;
async function checkA11y(page, label) {
  if (axeSource === null) {
    try { axeSource = fs.readFileSync(createRequire(path.join(root, 'web/package.json')).resolve('axe-core/axe.min.js'), 'utf8'); }
    catch (e) { fail('axe-core is not installed in web/node_modules; run scripts/web'); }
  }
  await page.evaluate(axeSource); // runs through the debugger protocol, so the page's CSP does not block it
  const found = await page.evaluate(async () => {
    const r = await window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }, resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }));
  });
  const bad = found.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  for (const v of found.filter((x) => !bad.includes(x))) log(`a11y note (${label}, ${v.impact}): ${v.id}: ${v.help} at ${v.nodes.join(', ')}`);
  check(!bad.length, `accessibility problems (${label}):\n    ${bad.map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.join(', ')}`).join('\n    ')}`);
}

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
  // An empty ledger shows no forecast (it would be the population's prior, not this search).
  check((await text(page, '#forecast-big')) === '—', `an empty database shows a forecast: ${await text(page, '#forecast-big')}`);
  check(/once an ask has an answer/.test(await text(page, '#forecast-text')), `the empty forecast reads: ${await text(page, '#forecast-text')}`);

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
  await waitText(page, '#streak-big', /^1 ask, no yes yet$/, 'the run after one no');
  check(streakBefore !== (await text(page, '#streak-big')), 'the streak did not change after a no');
  // A run of 1 is ordinary, and says so without a percentage.
  await waitText(page, '#streak-text', /^1 ask and no yes yet \(1 no\): a run this short is ordinary\.$/, 'the streak explanation');
  check(await page.locator('#reframe').isVisible(), 'the reframe is not shown after a no');
  await waitText(page, '#reframe-theme', /circumstantial/, 'the reframe theme line after "we went with an internal candidate"');
  const lines = await page.locator('#reframe-lines li').count();
  check(lines >= 2, `the reframe shows ${lines} lines, expected the lines keel gives`);
  await waitText(page, '#asks-body', /internal candidate/, 'the reason in the asks table');
  log(`no recorded: streak "${await text(page, '#streak-big')}", reframe "${await text(page, '#reframe-theme')}"`);
  await page.screenshot({ path: path.join(args.out, 'after-no-1280.png'), fullPage: true });
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
  n = await refreshes(page);
  await page.getByRole('button', { name: 'Undo last change' }).click();
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
  try {
    execFileSync(keel, ['--db', db, '--today', TODAY, 'import', csv], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, KEEL_TODAY: TODAY } });
  } catch (e) {
    fail(`keel import ${csv} failed: ${String(e.stderr || e.message).trim()}`);
  }
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
  await waitText(page, '#streak-big', /^72 asks$/, 'the run since the last yes');
  await waitText(page, '#streak-text', /^72 asks since your last yes \(22 nos, 50 unanswered\) — a run this long happens to 3% of searchers/, 'the run explained');
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

  await page.screenshot({ path: path.join(args.out, 'dashboard-1280.png'), fullPage: true });
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
  await page.screenshot({ path: path.join(args.out, 'dashboard-375.png'), fullPage: true });
  await checkA11y(page, 'real log, 375 px');
  log(`screenshots in ${args.out}`);

  check(w.problems.length === 0, `problems in the browser:\n    ${w.problems.join('\n    ')}`);
  await page.close();
  const st = await stopServer(srv);
  check(!st.timeout, 'keel serve did not exit within 5 s of SIGTERM');
}

// ---------- main ----------
let ctx;
let code = 0;
try {
  ctx = await chromium.launchPersistentContext(path.join(tmp, 'profile'), {
    executablePath: args.chromium, headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
  ctx.setDefaultTimeout(15000);
  await emptyDatabase(ctx);
  await realLog(ctx);
  console.log('dashboard test: all checks passed');
} catch (e) {
  code = 1;
  console.error(`dashboard test FAILED: ${e instanceof Failure ? e.message : (e.stack || e)}`);
  for (const s of servers) if (s.stderr.trim()) console.error(`  server stderr: ${s.stderr.trim().slice(-2000)}`);
} finally {
  if (ctx) await ctx.close().catch(() => {});
  for (const s of servers) await stopServer(s);
  if (!args.keep) fs.rmSync(tmp, { recursive: true, force: true });
  else console.log(`kept ${tmp}`);
}
process.exit(code);
