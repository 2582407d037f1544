#!/usr/bin/env node
// Browser test of a practice's page (keel serve --accounts, issue 12): a seeker signs in (a wrong
// password is refused beside the form), shares their search with their coach; the coach signs in
// and sees the roster, the idle client first with the sentence that explains it, and opens her
// dashboard read-only; the coach's reads appear in the seeker's "Who looked"; the seeker stops sharing and the coach's roster is
// empty on the next load. The dashboard sends a signed-out visitor to the sign-in page. Driven at
// 1280 and 375 px, light and dark (harness LOOKS), checked with axe-core and photographed.
//
//   node tests/web/practice.test.mjs --keel build/default/keel --out /tmp/shots --data tests/data
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import {
  args, tmp, check, log, keel, keelCli, startServer, stopServer, waitText, checkA11y, run, eachLook, watch,
} from './harness.mjs';

const PASSWORD = 'wintergreen-mud-lamp';
const shot = (page, name) => page.screenshot({ path: path.join(args.out, `${name}.png`), fullPage: true });

function addUser(db, email, role) {
  execFileSync(keel, ['--db', db, 'user', 'add', email, '--role', role, '--password-stdin'], { input: `${PASSWORD}\n`, stdio: ['pipe', 'pipe', 'pipe'] });
}

// Signed out, /api/me answers 401 (and a wrong password at sign-in 401): expected, and the
// browser logs each as a failed resource.
const SIGNED_OUT = [/^401 .*\/api\/(me|login)$/, /Failed to load resource: .*401/];

async function open(look, srv, width, scheme, label) {
  const page = await look.newPage();
  await page.setViewportSize({ width, height: width < 600 ? 812 : 900 });
  await page.emulateMedia({ colorScheme: scheme });
  const w = watch(page, label);
  for (const re of SIGNED_OUT) w.expect(re);
  await page.goto(`${srv.url}/practice`, { waitUntil: 'load' });
  await page.waitForSelector('body[data-ready="1"]', { timeout: 15000 });
  return { page, w };
}

async function signIn(page, email, password) {
  const loads = Number(await page.evaluate(() => document.body.dataset.loads || 0));
  await page.locator('#signin-email').fill(email);
  await page.locator('#signin-password').fill(password);
  await page.locator('#signin-form').getByRole('button', { name: 'Sign in' }).click();
  return loads;
}

async function scenario(ctx) {
  await eachLook(ctx, async (look, width, scheme) => {
    const tag = `${scheme}-${width}`;
    const db = path.join(tmp, `practice-${tag}.db`);
    addUser(db, 'ana@example.com', 'seeker');
    addUser(db, 'sam@practice.example', 'coach');
    // Ana's last ask was five weeks ago: the coach's roster should say she has gone quiet.
    keelCli(db, '--search', 'seeker-1', 'ask', 'Acme', '--kind', 'application', '--on', '2026-10-10');
    keelCli(db, '--search', 'seeker-1', 'ask', 'Globex', '--kind', 'chat', '--on', '2026-10-20');
    const srv = await startServer(db, ['--accounts'], { KEEL_NOW: '2026-11-26T10:00:00Z' });
    try {
      // Signed out, the dashboard sends the visitor to the sign-in page.
      const seekerLook = await look.browser().newContext({ viewport: { width, height: 900 }, colorScheme: scheme });
      const dash = await seekerLook.newPage();
      const dw = watch(dash, `${tag} dashboard`);
      dw.expect(/^401 .*\/api\//);
      dw.expect(/Failed to load resource: .*401/);
      await dash.goto(`${srv.url}/`, { waitUntil: 'load' });
      await dash.waitForURL(/\/practice$/, { timeout: 15000 });
      await dash.close();
      await seekerLook.close();

      const { page, w } = await open(look, srv, width, scheme, `${tag} seeker`);
      await checkA11y(page, `${tag}: the sign-in form`, '#signin');
      await signIn(page, 'ana@example.com', 'not her password at all');
      await waitText(page, '#signin-form .form-error', /the email or the password is not right/, `${tag}: a wrong password`);
      await signIn(page, 'ana@example.com', PASSWORD);
      await waitText(page, '#who', /Signed in as ana@example\.com/, `${tag}: the seeker signed in`);
      await waitText(page, '#grants-empty', /Nobody but you/, `${tag}: nobody sees the search yet`);
      await page.locator('#grant-coach').fill('sam@practice.example');
      await page.locator('#grant-scope').selectOption('comment');
      await page.locator('#grant-form').getByRole('button', { name: 'Share' }).click();
      await waitText(page, '#grant-form .form-ok', /sam@practice\.example can now see your search/, `${tag}: sharing`);
      await waitText(page, '#grants-body', /sam@practice\.example.*read and comment/, `${tag}: the grant in the table`);
      await checkA11y(page, `${tag}: the sharing section`, '#sharing');
      // Her dashboard, signed in: it reads her own search, and its writes carry the session's token.
      await page.getByRole('link', { name: 'Open your dashboard' }).click();
      await page.waitForSelector('body[data-ready="1"]', { timeout: 15000 });
      await page.waitForFunction(() => Number(document.body.dataset.refreshes || 0) > 0);
      check(await page.locator('#load-error').isHidden(), `${tag}: the dashboard could not load: ${await page.locator('#load-error').textContent()}`);
      await page.locator('#ask-org').fill('Initech');
      await page.locator('#ask-kind').selectOption('chat');
      await page.locator('#ask-on').fill('2026-10-18');  // before her last: she stays idle
      const before = Number(await page.evaluate(() => document.body.dataset.refreshes || 0));
      await page.locator('#ask-form').getByRole('button', { name: 'Log the ask', exact: true }).click();
      await page.waitForFunction((n) => Number(document.body.dataset.refreshes || 0) > n, before);
      check(keelCli(db, '--search', 'seeker-1', 'list').includes('Initech'), `${tag}: the dashboard's ask did not reach her search`);
      await page.goto(`${srv.url}/practice`, { waitUntil: 'load' });
      await page.waitForSelector('body[data-ready="1"]', { timeout: 15000 });
      log('seeker: a wrong password refused, then shared with the coach (read and comment)');

      // The coach, in a context of their own (their own cookie).
      const coachLook = await look.browser().newContext({ viewport: { width, height: width < 600 ? 812 : 900 }, colorScheme: scheme });
      try {
        const c = await open(coachLook, srv, width, scheme, `${tag} coach`);
        await signIn(c.page, 'sam@practice.example', PASSWORD);
        await waitText(c.page, '#roster-body', /ana@example\.com/, `${tag}: the client on the roster`);
        await waitText(c.page, '#roster-body', /Idle: no ask in the last 14 days \(the last on 2026-10-20\)/, `${tag}: why she needs attention`);
        await checkA11y(c.page, `${tag}: the roster`, '#roster');
        await shot(c.page, `practice-roster-${tag}`);
        log('coach: the roster names the client and why (idle since 2026-10-20)');

        // The coach opens the client's dashboard: her asks, read-only (no forms), and it says so.
        await c.page.getByRole('link', { name: 'ana@example.com' }).click();
        await c.page.waitForSelector('body[data-ready="1"]', { timeout: 15000 });
        await waitText(c.page, '#notice', /reading your client's search \(seeker-1\)/, `${tag}: the read-only line`);
        await waitText(c.page, '#main', /Globex/, `${tag}: the client's asks on her dashboard`);
        check(await c.page.locator('#record').isHidden(), `${tag}: the forms are hidden on a client's dashboard`);
        check(await c.page.locator('#load-error').isHidden(), `${tag}: the client's dashboard could not load: ${await c.page.locator('#load-error').textContent()}`);
        await shot(c.page, `practice-client-dashboard-${tag}`);
        await c.page.goto(`${srv.url}/practice`, { waitUntil: 'load' });
        await c.page.waitForSelector('body[data-ready="1"]', { timeout: 15000 });
        log("coach: the client's dashboard, read-only");

        // Ana sees who looked; she stops sharing; the coach's next load has no client.
        await page.reload({ waitUntil: 'load' });
        await waitText(page, '#audit-list', /sam@practice\.example looked at your search and saw your summary on their client list on Nov 26, 2026/, `${tag}: the audit`);
        await shot(page, `practice-seeker-${tag}`);
        await page.getByRole('button', { name: 'Stop sharing with sam@practice.example' }).click();
        await waitText(page, '#grants-empty', /Nobody but you/, `${tag}: after stopping`);
        await c.page.reload({ waitUntil: 'load' });
        await waitText(c.page, '#roster-empty', /No client has shared/, `${tag}: the coach lost access`);
        check(!c.w.problems.length, `${tag}: ${c.w.problems.join('; ')}`);
      } finally {
        await coachLook.close();
      }
      check(!w.problems.length, `${tag}: ${w.problems.join('; ')}`);
      log("seeker: saw the coach's read, stopped sharing; the coach has no client now");
    } finally {
      await stopServer(srv);
    }
  }, 2);
}

await run([scenario]);
