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
  args, tmp, check, log, keel, keelCli, startServer, stopServer, waitText, checkA11y, run, eachLook, watch, withLook,
} from './harness.mjs';

const PASSWORD = 'wintergreen-mud-lamp';
const shot = (page, name) => page.screenshot({ path: path.join(args.out, `${name}.png`), fullPage: true, timeout: 60000 });

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
      await waitText(page, '#sessions-body', /this browser/, `${tag}: her session listed`);
      await checkA11y(page, `${tag}: the account section`, '#account');
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
        await waitText(c.page, '#notice', /You are reading ana@example\.com's search, as they allowed\. Nothing here can be changed/, `${tag}: the read-only line`);
        await waitText(c.page, '#main', /Globex/, `${tag}: the client's asks on her dashboard`);
        check(await c.page.locator('#record').isHidden(), `${tag}: the forms are hidden on a client's dashboard`);
        check(await c.page.locator('#load-error').isHidden(), `${tag}: the client's dashboard could not load: ${await c.page.locator('#load-error').textContent()}`);
        await waitText(c.page, '#glance-h', /Where their search stands/, `${tag}: the headings speak of the client`);
        await waitText(c.page, '#notice', /where they say “you”, read “your client”/, `${tag}: the sentences are the client's`);
        // Notes: a comment she will see beside her ask to Globex (#2), and a private note.
        await waitText(c.page, '#coaching-h', /Your notes on ana@example\.com/, `${tag}: the notes section names the client`);
        await c.page.locator('#coach-text').fill('Globex went quiet after the chat: a short, friendly follow-up is fair.');
        await c.page.locator('#coach-kind').selectOption('comments');
        await c.page.locator('#coach-about').selectOption('ask:2');
        await c.page.locator('#coach-form').getByRole('button', { name: 'Save' }).click();
        await waitText(c.page, '#coach-form .form-ok', /Comment saved: your client sees it/, `${tag}: the comment saved`);
        await c.page.locator('#coach-text').fill('Seems discouraged; ask about pace gently.');
        await c.page.locator('#coach-kind').selectOption('notes');
        await c.page.locator('#coach-form').getByRole('button', { name: 'Save' }).click();
        await waitText(c.page, '#coach-form .form-ok', /Private note saved/, `${tag}: the private note saved`);
        await waitText(c.page, '#coaching-list', /Your private note.*discouraged[\s\S]*Your comment \(they see it\).*Globex went quiet/, `${tag}: both notes, newest first`);
        await waitText(c.page, '#asks-body', /Your comment \(they see it\).*Globex went quiet/, `${tag}: the comment beside ask #2`);
        await checkA11y(c.page, `${tag}: the coach's notes`, '#coaching');
        await shot(c.page, `practice-client-dashboard-${tag}`);
        await c.page.goto(`${srv.url}/practice`, { waitUntil: 'load' });
        await c.page.waitForSelector('body[data-ready="1"]', { timeout: 15000 });
        log("coach: the client's dashboard, read-only; a comment beside her ask and a private note");

        // Ana's dashboard: the comment beside her ask to Globex, never the private note.
        await page.goto(`${srv.url}/`, { waitUntil: 'load' });
        await page.waitForSelector('body[data-ready="1"]', { timeout: 15000 });
        await waitText(page, '#asks-body', /Your coach sam@practice\.example.*Globex went quiet/, `${tag}: the seeker sees the comment beside her ask`);
        await waitText(page, '#coaching', /From your coach[\s\S]*About ask #2 \(Globex/, `${tag}: the seeker's comments section`);
        check(!(await page.locator('body').innerText()).includes('discouraged'), `${tag}: the private note reached the seeker`);
        await checkA11y(page, `${tag}: the seeker's comments`, '#coaching');
        await shot(page, `practice-seeker-dashboard-${tag}`);
        await page.goto(`${srv.url}/practice`, { waitUntil: 'load' });
        await page.waitForSelector('body[data-ready="1"]', { timeout: 15000 });
        log("seeker: her coach's comment beside the ask it is about; the private note nowhere");

        // Ana sees who looked; she stops sharing; the coach's next load has no client.
        await page.reload({ waitUntil: 'load' });
        await waitText(page, '#audit-list', /sam@practice\.example looked at your search and saw your summary on their client list on Nov 26, 2026/, `${tag}: the audit`);
        await shot(page, `practice-seeker-${tag}`);
        await page.getByRole('button', { name: 'Stop sharing with sam@practice.example' }).click();
        await waitText(page, '#grants-empty', /Nobody but you/, `${tag}: after stopping`);
        await c.page.reload({ waitUntil: 'load' });
        await c.page.waitForSelector('body[data-ready="1"]', { timeout: 15000 });
        await waitText(c.page, '#roster-empty', /No client has shared/, `${tag}: the coach lost access`);
        c.w.expect(/^404 .*\/api\/searches\//);
        c.w.expect(/Failed to load resource: .*404/);
        await c.page.goto(`${srv.url}/?client=seeker-1`, { waitUntil: 'load' });
        await waitText(c.page, '#load-error', /This search is not shared with you/, `${tag}: the client's dashboard after the revocation`);
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

// One look: everyone's account section (sessions, a changed password ending the other session),
// an admin's counts, and a seeker deleting her account in two steps.
async function accounts(ctx) {
  await withLook(ctx, 1280, 'light', async (look) => {
    const db = path.join(tmp, 'practice-accounts.db');
    addUser(db, 'ana@example.com', 'seeker');
    addUser(db, 'sam@practice.example', 'coach');
    addUser(db, 'root@practice.example', 'admin');
    const srv = await startServer(db, ['--accounts'], { KEEL_NOW: '2026-11-26T10:00:00Z' });
    try {
      // Ana on her laptop and on her phone.
      const phone = await look.browser().newContext({ viewport: { width: 375, height: 812 } });
      const p = await open(phone, srv, 375, 'light', 'phone');
      await signIn(p.page, 'ana@example.com', PASSWORD);
      await waitText(p.page, '#who', /Signed in as ana@example\.com/, 'the phone signed in');
      const { page, w } = await open(look, srv, 1280, 'light', 'laptop');
      // The two refused passwords below are answered 400, which the browser logs.
      w.expect(/^400 .*\/api\/password$/);
      w.expect(/Failed to load resource: .*400/);
      await signIn(page, 'ana@example.com', PASSWORD);
      await waitText(page, '#sessions-body', /this browser[\s\S]*Sign it out|Sign it out[\s\S]*this browser/, 'two sessions, this one marked');
      await page.locator('#password-current').fill('not her password at all');
      await page.locator('#password-new').fill('copper-kettle-on-the-stove');
      await page.locator('#password-form').getByRole('button', { name: 'Change password' }).click();
      await waitText(page, '#password-form .form-error', /./, 'a wrong current password refused');
      await page.locator('#password-current').fill(PASSWORD);
      await page.locator('#password-new').fill('password1234');
      await page.locator('#password-form').getByRole('button', { name: 'Change password' }).click();
      await waitText(page, '#password-form .form-error', /built on one of the most used passwords/, 'a common password refused');
      await page.locator('#password-current').fill(PASSWORD);
      await page.locator('#password-new').fill('copper-kettle-on-the-stove');
      await page.locator('#password-form').getByRole('button', { name: 'Change password' }).click();
      await waitText(page, '#password-form .form-ok', /Password changed\. Your other session was signed out\./, 'the password changed');
      await waitText(page, '#sessions-body', /this browser/, 'one session left');
      check(await page.locator('#sessions-body tr').count() === 1, 'the phone\'s session is still listed');
      p.w.expect(/^401 .*\/api\//);
      await p.page.reload({ waitUntil: 'load' });
      await waitText(p.page, '#signin-h', /Sign in/, 'the phone was signed out');
      // The daily digest, opted into with one box, and out again.
      check(!(await page.locator('#digest-on').isChecked()), 'the digest is off until asked for');
      await page.getByLabel(/Email me each morning when a follow-up or a not-yet is due/).check();
      await waitText(page, '#digest-status', /On: the first digest comes the next morning something is due\./, 'the digest on');
      check((await page.evaluate(async () => (await fetch('/api/digest')).json())).on === true, 'the server has the digest on');
      await shot(page, 'practice-account-1280-light');
      await page.getByLabel(/Email me each morning/).uncheck();
      await waitText(page, '#digest-status', /Off: no more digests\./, 'the digest off');
      log('seeker: two sessions; a changed password signs the other out; the digest on and off');

      // The admin sees counts, never content.
      const admin = await look.browser().newContext({ viewport: { width: 1280, height: 900 } });
      const a = await open(admin, srv, 1280, 'light', 'admin');
      await signIn(a.page, 'root@practice.example', PASSWORD);
      await waitText(a.page, '#counts-list', /Seekers\s*1\s*Coaches\s*1\s*Admins\s*1/, 'the admin\'s counts');
      check(await a.page.locator('#roster').isHidden() && await a.page.locator('#sharing').isHidden(), 'the admin sees no roster, no sharing');
      await checkA11y(a.page, 'the admin\'s page', '#main');
      await admin.close();
      log('admin: the practice\'s counts only');

      // Ana leaves: the first press asks again, the second deletes; she is signed out.
      await page.locator('#delete-password').fill('copper-kettle-on-the-stove');
      await page.getByRole('button', { name: 'Delete my account and search' }).click();
      await page.getByRole('button', { name: 'Yes, delete everything for good' }).click();
      await waitText(page, '#who', /Your account and your search were deleted/, 'the account deleted');
      check(await page.locator('#signin').isVisible(), 'the sign-in form after leaving');
      check(!execFileSync(keel, ['--db', db, 'user', 'list'], { encoding: 'utf8' }).includes('ana@example.com'), 'ana is gone from the practice');
      check(!w.problems.length && !p.w.problems.length, `${[...w.problems, ...p.w.problems].join('; ')}`);
      await phone.close();
      log('seeker: deleted her account in two steps');
    } finally {
      await stopServer(srv);
    }
  });
}

// The 24-hour promise on the page: Ana asks; the coach's queue shows it with its due time, the
// coach asks for more (the clock pauses), Ana replies, the coach answers; both see the answer and
// the report. At 1280 px light and 375 px dark.
async function questions(ctx) {
  for (const [width, scheme] of [[1280, 'light'], [375, 'dark']]) {
    await withLook(ctx, width, scheme, async (look) => {
      const tag = `questions-${scheme}-${width}`;
      const db = path.join(tmp, `${tag}.db`);
      addUser(db, 'ana@example.com', 'seeker');
      addUser(db, 'sam@practice.example', 'coach');
      const srv = await startServer(db, ['--accounts'], { KEEL_NOW: '2026-12-01T09:00:00Z' });
      try {
        const { page, w } = await open(look, srv, width, scheme, `${tag} seeker`);
        w.expect(/^409 .*\/api\/questions$/);
        w.expect(/Failed to load resource: .*409/);
        await signIn(page, 'ana@example.com', PASSWORD);
        await waitText(page, '#questions-h', /Ask your coach/, `${tag}: the seeker's questions`);
        await page.locator('#question-text').fill('Should I follow up with Globex after two weeks of silence?');
        await page.locator('#question-form').getByRole('button', { name: 'Ask your coach' }).click();
        await waitText(page, '#question-form .form-error', /no coach can see your search/, `${tag}: no coach, nothing promised`);
        await page.locator('#grant-coach').fill('sam@practice.example');
        await page.locator('#grant-form').getByRole('button', { name: 'Share' }).click();
        await waitText(page, '#grant-form .form-ok', /can now see your search/, `${tag}: shared`);
        await page.locator('#question-form').getByRole('button', { name: 'Ask your coach' }).click();
        await waitText(page, '#question-form .form-ok', /Sent\. An answer is promised by Dec 2, 2026 09:00 UTC\./, `${tag}: asked`);
        await waitText(page, '#questions-list', /An answer is promised by Dec 2, 2026 09:00 UTC \(in 24 h\)/, `${tag}: the promise`);

        const coachLook = await look.browser().newContext({ viewport: { width, height: width < 600 ? 812 : 900 }, colorScheme: scheme });
        try {
          const c = await open(coachLook, srv, width, scheme, `${tag} coach`);
          await signIn(c.page, 'sam@practice.example', PASSWORD);
          await waitText(c.page, '#questions-list', /ana@example\.com[\s\S]*Should I follow up with Globex[\s\S]*Due by Dec 2, 2026 09:00 UTC \(in 24 h\)/, `${tag}: the coach's queue`);
          await c.page.locator('#questions-list textarea').fill('Was it a referral or a cold application?');
          await c.page.getByRole('button', { name: 'Ask for more information' }).click();
          await waitText(c.page, '#questions-list', /Waiting for ana@example\.com to reply; the clock is paused/, `${tag}: paused`);

          await page.reload({ waitUntil: 'load' });
          await page.waitForSelector('body[data-ready="1"]');
          await waitText(page, '#questions-list', /Your coach asked for more information: reply below/, `${tag}: the seeker is asked for more`);
          await page.locator('#questions-list textarea').fill('A referral from a former colleague.');
          await page.getByRole('button', { name: 'Reply' }).click();
          await waitText(page, '#questions-list', /You replied: A referral from a former colleague/, `${tag}: replied`);

          await c.page.reload({ waitUntil: 'load' });
          await c.page.waitForSelector('body[data-ready="1"]');
          await c.page.locator('#questions-list textarea').fill('Yes: a short, friendly note to your colleague this week.');
          await c.page.getByRole('button', { name: 'Answer' }).click();
          await waitText(c.page, '#questions-list', /Answered by sam@practice\.example on Dec 1, 2026 09:00 UTC, 0 min after it was asked\./, `${tag}: answered`);
          await waitText(c.page, '#questions-report', /1 of 1 answered; 100% within 24 hours/, `${tag}: the coach's report`);
          await checkA11y(c.page, `${tag}: the coach's queue`, '#questions');
          await shot(c.page, `practice-${tag}-coach`);
          check(!c.w.problems.length, `${tag}: ${c.w.problems.join('; ')}`);
        } finally {
          await coachLook.close();
        }
        await page.reload({ waitUntil: 'load' });
        await page.waitForSelector('body[data-ready="1"]');
        await waitText(page, '#questions-list', /sam@practice\.example answered: Yes: a short, friendly note/, `${tag}: the seeker sees the answer`);
        await checkA11y(page, `${tag}: the seeker's questions`, '#questions');
        await shot(page, `practice-${tag}-seeker`);
        check(!w.problems.length, `${tag}: ${w.problems.join('; ')}`);
        log('a question asked, paused for more information, replied to and answered');
      } finally {
        await stopServer(srv);
      }
    });
  }
}

// A seeker starts the free course and reads day 1's lesson; three days later two lessons wait from
// earlier days, and "Catch up" takes her from where she is. At 1280 light and 375 dark.
async function programs(ctx) {
  for (const [width, scheme] of [[1280, 'light'], [375, 'dark']]) {
    await withLook(ctx, width, scheme, async (look) => {
      const tag = `programs-${scheme}-${width}`;
      const db = path.join(tmp, `${tag}.db`);
      addUser(db, 'ana@example.com', 'seeker');
      let srv = await startServer(db, ['--accounts'], { KEEL_NOW: '2026-12-01T08:00:00Z' });
      try {
        let { page, w } = await open(look, srv, width, scheme, `${tag} day 1`);
        await signIn(page, 'ana@example.com', PASSWORD);
        await page.getByRole('button', { name: 'Start “A resume that gets read, in one week”' }).click();
        await waitText(page, '#enrolments', /A resume that gets read, in one week[\s\S]*0 of 7 done/, `${tag}: enrolled`);
        await waitText(page, '#enrolments details[open]', /Day 1: What a resume is for[\s\S]*A resume has one job: to get you a conversation/, `${tag}: day 1's lesson, open`);
        await waitText(page, '#enrolments', /Day 2: One target \(on Dec 2, 2026\)/, `${tag}: day 2 not yet`);
        await page.getByRole('button', { name: 'Mark day 1, What a resume is for, done' }).click();
        await waitText(page, '#enrolments', /1 of 7 done/, `${tag}: day 1 done`);
        await checkA11y(page, `${tag}: the programs`, '#programs');
        check(!w.problems.length, `${tag}: ${w.problems.join('; ')}`);
        await page.close();
        await stopServer(srv);

        srv = await startServer(db, ['--accounts'], { KEEL_NOW: '2026-12-04T08:00:00Z' });
        ({ page, w } = await open(look, srv, width, scheme, `${tag} day 4`));
        await signIn(page, 'ana@example.com', PASSWORD);
        await waitText(page, '#enrolments', /1 of 7 done\. 2 lessons are waiting from earlier days\./, `${tag}: behind`);
        await waitText(page, '#enrolments details[open]', /Day 4: The top third/, `${tag}: today's lesson open`);
        await page.getByRole('button', { name: 'Catch up from today' }).click();
        await waitText(page, '#enrolments', /Day 3: What you achieved, not what you were responsible for \(on Dec 5, 2026\)/, `${tag}: caught up: day 2 today`);
        check(await page.getByRole('button', { name: 'Catch up from today' }).count() === 0, `${tag}: nothing behind now`);
        await shot(page, `practice-${tag}`);
        check(!w.problems.length, `${tag}: ${w.problems.join('; ')}`);
        log('a seeker reads her lesson, marks it done, and catches up after three days away');
      } finally {
        await stopServer(srv);
      }
    });
  }
}

await run([scenario, accounts, questions, programs]);
