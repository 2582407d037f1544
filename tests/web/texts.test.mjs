#!/usr/bin/env node
// Browser test: the page's words name no CLI command or flag, and a pattern's suggested action
// fills the action form. On a real log (Merged.csv) with a pattern about the seeker (two
// interview rounds turned down for the same reason), a no recorded through the reply form shows
// its reframe; then the whole page's visible text is searched for `keel COMMAND` (each command
// `keel --help` lists) and `--flag`. "Decide this action" on the pattern puts the action keel
// proposes into "Decide an action" (nothing is written until the person records it).
//
//   node tests/web/texts.test.mjs --keel build/default/keel --out /tmp/shots --data tests/data
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {
  args, csv, tmp, keel, check, log, keelCli, startServer, stopServer, openPage, waitText, refreshes, waitRefresh, checkA11y, run,
} from './harness.mjs';

const usage = execFileSync(keel, ['--help']).toString();
const commands = [...usage.split('Subcommands:')[1].matchAll(/^ {2}([a-z][a-z-]*) /gm)].map((m) => m[1]);
const cliWords = new RegExp(`\\bkeel (${commands.join('|')})\\b|--[a-z]`);

// The texts of the page's sources, comments left out: every string literal and the text parts
// of every template literal in web/js/*.js, and the text and labelling attributes of
// web/index.html. A message shown only in some state (an error, a closed search, a server that
// stopped) is checked here even when the browser never shows it.
function jsTexts(src) {
  const out = [];
  let i = 0;
  let prev = '';  // the last significant character: a '/' after it starts a regex or divides
  const quoted = (q) => {  // src[i] is the opening quote; returns the text, i past the closing one
    let text = '';
    for (i += 1; i < src.length && src[i] !== q; i += 1) {
      if (src[i] === '\\') i += 1;
      text += src[i];
    }
    i += 1;
    return text;
  };
  const scan = (untilBrace) => {  // code, up to the '}' that closes a template's ${
    let depth = 0;
    while (i < src.length) {
      const c = src[i];
      if (c === '/' && src[i + 1] === '/') { i = src.indexOf('\n', i); if (i < 0) i = src.length; continue; }
      if (c === '/' && src[i + 1] === '*') { i = src.indexOf('*/', i + 2) + 2; continue; }
      if (c === "'" || c === '"') { out.push(quoted(c)); prev = 'a'; continue; }
      if (c === '`') {
        let text = '';
        for (i += 1; i < src.length && src[i] !== '`'; i += 1) {
          if (src[i] === '\\') { text += src[i + 1]; i += 1; continue; }
          if (src[i] === '$' && src[i + 1] === '{') {
            out.push(text); text = ''; i += 2; scan(true); i -= 1; continue;
          }
          text += src[i];
        }
        out.push(text); i += 1; prev = 'a'; continue;
      }
      if (c === '/' && (prev === '' || '(,=:[!&|?{};'.includes(prev))) {  // a regex literal
        let inClass = false;
        for (i += 1; i < src.length && (inClass || src[i] !== '/'); i += 1) {
          if (src[i] === '\\') i += 1;
          else if (src[i] === '[') inClass = true;
          else if (src[i] === ']') inClass = false;
        }
        i += 1; prev = 'a'; continue;
      }
      if (c === '{') depth += 1;
      if (c === '}') { if (untilBrace && depth === 0) { i += 1; return; } depth -= 1; }
      if (!/\s/.test(c)) prev = /[\w$)\]]/.test(c) ? 'a' : c;
      i += 1;
    }
  };
  scan(false);
  // A flag or CSS custom property on its own ('--new-org', '--muted') is a key, never a message.
  return out.filter((t) => !/^--[a-z-]+$/.test(t));
}

function htmlTexts(src) {
  // Without JavaScript the page has no forms: <noscript> points to the command line, rightly.
  const body = src.replace(/<!--[\s\S]*?-->|<(script|style|noscript)\b[\s\S]*?<\/\1>/g, ' ');
  const attrs = [...body.matchAll(/\b(?:placeholder|title|aria-label|alt)="([^"]*)"/g)].map((m) => m[1]);
  return [...body.replace(/<[^>]*>/g, '\n').split('\n'), ...attrs];
}

function sources() {
  const web = new URL('../../web/', import.meta.url).pathname;
  const bad = [];
  const texts = [];
  for (const f of fs.readdirSync(path.join(web, 'js')).filter((n) => n.endsWith('.js'))) {
    for (const t of jsTexts(fs.readFileSync(path.join(web, 'js', f), 'utf8'))) texts.push([`js/${f}`, t]);
  }
  for (const t of htmlTexts(fs.readFileSync(path.join(web, 'index.html'), 'utf8'))) texts.push(['index.html', t]);
  for (const [where, t] of texts) if (cliWords.test(t)) bad.push(`${where}: ${t.trim().slice(0, 200)}`);
  // The scanner must see the page's own words, or it would pass by reading nothing.
  check(texts.some(([, t]) => t.includes('Nothing due today')), 'the scan of web/js read no message');
  check(texts.some(([, t]) => t.includes('Add today') && t.includes('calendar')), 'the scan of index.html read no text');
  check(cliWords.test('reopen it with keel close --undo') && cliWords.test('give --on DATE'), 'the pattern misses a command');
  check(!bad.length, `the page's sources show CLI commands or flags:\n    ${bad.join('\n    ')}`);
  log(`no text in web/js or index.html names a CLI command or flag (${texts.length} texts)`);
}

async function scenario(ctx) {
  sources();
  check(commands.length > 20, `keel --help lists its commands: ${commands}`);
  const db = path.join(tmp, 'texts.db');
  keelCli(db, 'import', csv);
  keelCli(db, 'ask', 'Acme', '--kind', 'interview', '--on', '2026-11-02');
  keelCli(db, 'ask', 'Globex', '--kind', 'interview', '--on', '2026-11-03');
  const last = JSON.parse(keelCli(db, '--json', 'list')).length;
  keelCli(db, 'no', String(last - 1), '--on', '2026-11-10', '--reason', 'your interview answers were vague and unprepared');
  const srv = await startServer(db);
  const { page, w } = await openPage(ctx, srv, 1280);

  // A no with a reason about the seeker, through the reply form: its reframe shows.
  await page.getByRole('tab', { name: 'Record a reply' }).click();
  const id = await page.locator('#reply-ask option', { hasText: 'Globex' }).first().getAttribute('value');
  await page.locator('#reply-ask').selectOption(id);
  await page.locator('#reply-outcome').selectOption('no');
  await page.locator('#reply-reason').fill('you did not seem prepared for the technical interview questions');
  const n = await refreshes(page);
  await page.getByRole('button', { name: 'Record the reply' }).click();
  await waitRefresh(page, n, 'recording a no');
  await waitText(page, '#reframe', /one source is not a pattern/, 'the theme line of the reframe');

  // Nowhere on the page a CLI command or flag: the reframe, the pattern, the report sentences.
  const bad = await page.evaluate((src) => {
    const re = new RegExp(src);
    const out = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let t = walker.nextNode(); t; t = walker.nextNode()) {
      const el = t.parentElement;
      if (!el || el.closest('script, style, [hidden]') || !el.getClientRects().length) continue;
      if (re.test(t.textContent)) out.push(t.textContent.trim().slice(0, 200));
    }
    return out;
  }, cliWords.source);
  check(!bad.length, `the page names CLI commands or flags:\n    ${bad.join('\n    ')}`);
  log(`no visible text names a CLI command or flag (${commands.length} commands checked)`);

  // The pattern's suggested action goes into the action form, ready to edit and record.
  await waitText(page, '#patterns-body', /interview performance/, 'the pattern about interviews');
  const button = page.locator('#patterns-body').getByRole('button', { name: 'Decide this action' }).first();
  await button.click();
  check(await page.inputValue('#action-text') === 'mock interviews weekly', `the action form's text: ${await page.inputValue('#action-text')}`);
  check(await page.inputValue('#action-theme') === 'interview-performance', `the action form's theme: ${await page.inputValue('#action-theme')}`);
  check(await page.evaluate(() => document.activeElement && document.activeElement.id === 'action-text'), 'the action text does not have the focus');
  check(JSON.parse(keelCli(db, '--json', 'actions')).length === 0, 'choosing the suggestion recorded an action');
  await checkA11y(page, 'patterns with a suggested action');
  await page.locator('#patterns').screenshot({ path: path.join(args.out, 'texts-patterns.png') });
  log('"Decide this action" fills the action form with the suggestion and writes nothing');

  // An import refused for a cell text keel does not know: the fix, a rule, is said in the page's
  // words beside the rules' box, which opens (it is folded away by default).
  w.expect(/400 .*\/api\/import/);
  w.expect(/status of 400/);
  await page.locator('#import-file').setInputFiles({ name: 'odd.csv', mimeType: 'text/csv', buffer: Buffer.from('Company,Date,Status\nInitech,2026-11-01,Maybe later\n') });
  await page.locator('#import-form').getByRole('button', { name: 'Preview', exact: true }).click();
  await waitText(page, '#import-value-fielderror', /say what it means with a rule 'outcome:Maybe later=no'.*skip bad rows/, 'the refusal beside the rules');
  check(await page.locator('#import-value-fielderror').isVisible(), 'the refusal beside the rules is folded away');
  const said = await page.locator('#import-form').innerText();
  check(!cliWords.test(said), `the import form names a CLI command or flag: ${JSON.stringify(said)}`);
  await page.locator('#import-form').screenshot({ path: path.join(args.out, 'texts-import-refusal.png') });
  log('an unknown cell text is refused beside the rules, in the page\'s words, with the rules unfolded');
  w.unexpect();
  check(w.problems.length === 0, `problems in the browser:\n    ${w.problems.join('\n    ')}`);
  await page.close();
  await stopServer(srv);
}

await run([scenario]);
