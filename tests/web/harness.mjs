// The browser-test harness shared by tests/web/*.test.mjs: arguments, `keel serve` on a fresh
// database, headless Chromium (playwright-core, /usr/bin/chromium), watching a page for console
// errors and failed requests, waiting for text, axe-core, and one `run` that launches the browser,
// runs the scenarios and cleans up.
//
//   import { run, startServer, ... } from './harness.mjs';
//   await run([scenario1, scenario2]);   // each: async (ctx) => { ... }
//
// The page must work at 1280 and 375 px, light and dark (LOOKS); `withLook(ctx, width, scheme, fn)`
// gives a scenario a fresh context of the one browser at that size and scheme, closed after it, and
// `eachLook(ctx, fn, atOnce)` runs fn at every look.
//
// Options every test takes: --keel PATH --out DIR --data DIR [--chromium PATH] [--keep].
import { AsyncLocalStorage } from 'node:async_hooks';
import { spawn, execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const root = path.resolve(here, '../..');
export const TODAY = '2026-11-26';
const testName = path.basename(process.argv[1] || 'web test', '.test.mjs');

// ---------- arguments ----------
export const args = { chromium: process.env.CHROMIUM || '/usr/bin/chromium' };
for (let i = 2; i < process.argv.length; i++) {
  const a = process.argv[i];
  if (a === '--keep') args[a.slice(2)] = true;
  else if (a.startsWith('--') && i + 1 < process.argv.length) args[a.slice(2)] = process.argv[++i];
  else usage(`unexpected argument '${a}'`);
}
function usage(msg) {
  console.error(`${testName} test: ${msg}\nusage: node ${path.relative(process.cwd(), process.argv[1] || '')} --keel PATH --out DIR --data DIR [--chromium PATH] [--keep]`);
  process.exit(2);
}
if (!args.keel) usage('--keel PATH is required');
if (!args.out) usage('--out DIR is required');
if (!args.data) usage('--data DIR is required');
export const keel = path.resolve(args.keel);
if (!fs.existsSync(keel)) usage(`no keel binary at ${keel}; build it first`);
export const csv = path.join(args.data, 'real/job-application-statistics/Merged.csv');
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
export class Failure extends Error {}
export const fail = (msg) => { throw new Failure(msg); };
export const check = (cond, msg) => { if (!cond) fail(msg); };
// A line of progress; inside `withLook` it names the look, as looks may run side by side.
const lookName = new AsyncLocalStorage();
export const log = (msg) => console.log(`  ${lookName.getStore() ? `[${lookName.getStore()}] ` : ''}${msg}`);

export const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'keel-web-'));
const servers = [];

// Runs the CLI on a database (as of TODAY); returns stdout, or fails with keel's stderr.
export function keelCli(db, ...argv) {
  try {
    return execFileSync(keel, ['--db', db, '--today', TODAY, ...argv], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, KEEL_TODAY: TODAY } }).toString();
  } catch (e) {
    return fail(`keel ${argv.join(' ')} failed: ${String(e.stderr || e.message).trim()}`);
  }
}

// `extra`: more arguments for keel serve (['--accounts']); `moreEnv`: its environment beyond ours.
export function startServer(db, extra = [], moreEnv = {}) {
  const env = { ...process.env, KEEL_TODAY: TODAY, ...moreEnv };
  delete env.KEEL_DB;
  const argv = ['--db', db, '--today', TODAY, 'serve', '--port', '0', '--bind', '127.0.0.1', ...extra];
  const child = spawn(keel, argv, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const srv = { child, stderr: '', exited: null };
  servers.push(srv);
  child.stderr.on('data', (d) => { srv.stderr += d; });
  return new Promise((resolve, reject) => {
    let out = '';
    // 60 s: an ASan keel on a 2-core machine that also runs browsers once took more than 15 s.
    const timer = setTimeout(() => reject(new Failure(`keel serve printed no "keel is running at" line within 60 s; stdout: ${JSON.stringify(out)}, stderr: ${JSON.stringify(srv.stderr)}`)), 60000);
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
    child.on('error', (e) => { clearTimeout(timer); reject(new Failure(`cannot start ${keel}: ${e.message}`)); });
  });
}

export async function stopServer(srv) {
  if (srv.exited) return srv.exited;
  const done = new Promise((resolve) => srv.child.once('exit', (code, signal) => resolve({ code, signal })));
  srv.child.kill('SIGTERM');
  const r = await Promise.race([done, new Promise((resolve) => setTimeout(() => resolve(null), 5000))]);
  if (!r) { srv.child.kill('SIGKILL'); return { timeout: true }; }
  srv.exited = r;
  return r;
}

// Watch a page for console errors, uncaught exceptions and failed requests.
export function watch(page, label) {
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

// Every width and colour scheme the page is checked at: desktop and phone, light and dark.
export const LOOKS = [[1280, 'light'], [1280, 'dark'], [375, 'light'], [375, 'dark']];
const heightFor = (width) => (width < 600 ? 812 : 900);

// Runs `fn(lookCtx)` in a fresh context (its own cache, storage and colour scheme) of the browser
// behind `ctx`, `width` px wide in `scheme`, and closes it afterwards. Starting a context costs
// milliseconds; starting a browser costs seconds, so every look shares the one browser.
export async function withLook(ctx, width, scheme, fn) {
  const look = await ctx.browser().newContext({ viewport: { width, height: heightFor(width) }, colorScheme: scheme });
  look.setDefaultTimeout(15000);
  try {
    return await lookName.run(`${width} px ${scheme}`, () => fn(look));
  } catch (e) {
    if (e instanceof Failure) e.message = `at ${width} px ${scheme}: ${e.message}`;
    throw e;
  } finally {
    await look.close().catch(() => {});
  }
}

// Runs `fn(lookCtx, width, scheme)` at every look (LOOKS), `atOnce` looks side by side (each in
// its own context, with its own server); fails with the first failure once all have ended.
export async function eachLook(ctx, fn, atOnce = 1) {
  for (let i = 0; i < LOOKS.length; i += atOnce) {
    const results = await Promise.allSettled(LOOKS.slice(i, i + atOnce).map(([width, scheme]) => withLook(ctx, width, scheme, async (look) => {
      const started = Date.now();
      await fn(look, width, scheme);
      log(`done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    })));
    const failed = results.find((r) => r.status === 'rejected');
    if (failed) throw failed.reason;
  }
}

// A page of the server at `width` px in a colour scheme, loaded and ready, with its console and
// failed requests watched.
export async function openPage(ctx, srv, width, scheme = 'light') {
  const page = await ctx.newPage();
  await page.setViewportSize({ width, height: heightFor(width) });
  await page.emulateMedia({ colorScheme: scheme });
  const w = watch(page, `${width} px ${scheme}`);
  await page.goto(srv.url + '/', { waitUntil: 'load' });
  await page.waitForSelector('body[data-ready="1"]', { timeout: 15000 });
  return { page, w };
}

export const text = async (page, sel) => ((await page.locator(sel).textContent()) || '').trim();
export async function waitText(page, sel, re, what) {
  try {
    await page.waitForFunction(([s, src, flags]) => {
      const el = document.querySelector(s);
      return el && new RegExp(src, flags).test(el.textContent);
    }, [sel, re.source, re.flags], { timeout: 10000 });
  } catch (e) {
    fail(`${what}: expected ${sel} to match ${re}, it reads ${JSON.stringify(await text(page, sel).catch(() => '?'))}`);
  }
}
export async function refreshes(page) { return Number(await page.evaluate(() => document.body.dataset.refreshes || 0)); }
export async function waitRefresh(page, before, what) {
  try {
    await page.waitForFunction((n) => Number(document.body.dataset.refreshes || 0) > n, before, { timeout: 10000 });
  } catch (e) {
    const errs = await page.locator('.error').allTextContents();
    fail(`${what}: the page did not refresh after the write; messages on the page: ${JSON.stringify(errs.filter(Boolean))}`);
  }
}

// How many pixels of a chart's canvas are drawn (non-transparent), and its size.
export async function canvasInfo(page, id) {
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

// Accessibility: axe-core's rules (WCAG 2 A/AA); any serious or critical violation fails. `within`
// (a CSS selector) checks only that part, e.g. an open dialog or the section a form just changed
// (the whole page takes seconds, and was checked already).
let axeSource = null;
export async function checkA11y(page, label, within = null) {
  if (axeSource === null) {
    try { axeSource = fs.readFileSync(createRequire(path.join(root, 'web/package.json')).resolve('axe-core/axe.min.js'), 'utf8'); }
    catch (e) { fail('axe-core is not installed in web/node_modules; run scripts/web'); }
  }
  await page.evaluate(axeSource); // runs through the debugger protocol, so the page's CSP does not block it
  const found = await page.evaluate(async (sel) => {
    const r = await window.axe.run(sel || document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }, resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }));
  }, within);
  const bad = found.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  for (const v of found.filter((x) => !bad.includes(x))) log(`a11y note (${label}, ${v.impact}): ${v.id}: ${v.help} at ${v.nodes.join(', ')}`);
  check(!bad.length, `accessibility problems (${label}):\n    ${bad.map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.join(', ')}`).join('\n    ')}`);
}


// Launches Chromium once, runs each scenario in turn with a browser context (`withLook` makes
// more from it), and exits: 0 when every check passed, 1 with the failed check's message (and the
// servers' stderr) otherwise. Prints the time it took.
export async function run(scenarios) {
  let browser;
  let code = 0;
  const started = Date.now();
  try {
    browser = await chromium.launch({
      executablePath: args.chromium, headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
        '--disable-component-update', '--disable-sync'],
    });
    const ctx = await browser.newContext();
    ctx.setDefaultTimeout(15000);
    for (const s of scenarios) await s(ctx);
    console.log(`${testName} test: all checks passed (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  } catch (e) {
    code = 1;
    console.error(`${testName} test FAILED: ${e instanceof Failure ? e.message : (e.stack || e)}`);
    for (const s of servers) if (s.stderr.trim()) console.error(`  server stderr: ${s.stderr.trim().slice(-2000)}`);
  } finally {
    if (browser) await browser.close().catch(() => {});
    for (const s of servers) await stopServer(s);
    if (!args.keep) fs.rmSync(tmp, { recursive: true, force: true });
    else console.log(`kept ${tmp}`);
  }
  process.exit(code);
}
