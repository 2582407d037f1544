#!/usr/bin/env node
// Browser test of interviews: schedule a round for an ask through the form (keel's refusal of a
// time the clocks skip shown beside Date first), see the rounds ahead with time, round,
// interviewers and prep, in the agenda box, on the board's card and in the ask's timeline, then
// change a round and remove it. Each result is checked through the API; keel runs with
// TZ=America/New_York, so the times the page shows are that zone's wall time and the API's
// starts_at is UTC. Driven at 1280 px light and 375 px dark; the section is checked with axe-core
// and photographed at 1280 and 375 px, light and dark.
//
//   node tests/web/interviews.test.mjs --keel build/default/keel --out /tmp/shots --data tests/data
//
// The harness (server, browser, axe, waiting) is tests/web/harness.mjs.
import fs from 'node:fs';
import path from 'node:path';

process.env.TZ = 'America/New_York';  // before the harness starts keel: every keel inherits it
const {
  args, tmp, check, log, keelCli, startServer, stopServer, openPage, text, waitText, refreshes, waitRefresh, checkA11y, run,
} = await import('./harness.mjs');

async function api(srv, route) {
  const r = await fetch(srv.url + route);
  check(r.ok, `GET ${route}: ${r.status}`);
  return r.json();
}
const shotOf = (page, sel, name) => page.locator(sel).screenshot({ path: path.join(args.out, `${name}.png`) });

async function drive(ctx, width, scheme) {
  const tag = `${width}px-${scheme}`;
  const db = path.join(tmp, `interviews-${tag}.db`);
  keelCli(db, 'ask', 'Acme', '--kind', 'application', '--role', 'Data Engineer', '--on', '2026-11-10');
  keelCli(db, 'yes', '1', '--on', '2026-11-20');
  keelCli(db, 'ask', 'Acme', '--kind', 'interview', '--role', 'Data Engineer', '--to', 'Ann Lee', '--on', '2026-11-21');
  keelCli(db, 'interview', '1', '--at', '2026-12-03 09:30', '--with', 'Ann Lee', '--prep', 'the take-home, questions about on-call');
  const srv = await startServer(db);
  const { page, w } = await openPage(ctx, srv, width, scheme);
  w.expect(/400 .*\/api\/interview|status of 400/);
  await page.locator('#interviews').scrollIntoViewIfNeeded();
  await waitText(page, '#interviews-body', /Acme/, `${tag}: the round scheduled on the CLI`);
  const first = await page.locator('#interviews-body tr').allTextContents();
  check(first.length === 1 && /09:30 EST/.test(first[0]) && /Ann Lee/.test(first[0]) && /the take-home/.test(first[0]),
    `${tag}: the interviews table: ${JSON.stringify(first)}`);

  // keel refuses 02:30 on the night the clocks skip it; the page shows it beside "Date".
  await page.locator('#interview-ask').selectOption('2');
  await page.locator('#interview-date').fill('2026-03-08');
  await page.locator('#interview-time').fill('02:30');
  await page.locator('#interview-with').fill('Bo Chen, Cy Diaz');
  await page.locator('#interview-prep').fill('System design: a rate limiter.\nAsk about the team.');
  await page.locator('#interview-form').getByRole('button', { name: 'Schedule the interview', exact: true }).click();
  await waitText(page, '#interview-date-fielderror', /does not exist on the local clock/, `${tag}: keel's refusal of the skipped hour`);
  check((await page.getAttribute('#interview-date', 'aria-invalid')) === 'true', `${tag}: Date is not marked aria-invalid`);
  check((await api(srv, '/api/interviews?all=1')).length === 1, `${tag}: a refused round was saved`);
  await checkA11y(page, `${tag}: the refusal`);
  await shotOf(page, '#interview-form', `interviews-refusal-${tag}`);

  await page.locator('#interview-date').fill('2026-12-09');
  await page.locator('#interview-time').fill('14:00');
  await page.locator('#interview-minutes').fill('90');
  const n = await refreshes(page);
  await page.locator('#interview-form').getByRole('button', { name: 'Schedule the interview', exact: true }).click();
  await waitRefresh(page, n, `${tag}: scheduling the round`);
  await waitText(page, '#interview-form .form-ok', /Scheduled round 2 at Acme on .*14:00 EST/, `${tag}: the scheduled message`);
  const rounds = await api(srv, '/api/interviews');
  check(rounds.length === 2 && rounds[1].round === 2 && rounds[1].starts_at === '2026-12-09T19:00:00Z' &&
    rounds[1].minutes === 90 && rounds[1].with.join('|') === 'Bo Chen|Cy Diaz' &&
    rounds[1].prep === 'System design: a rate limiter.\nAsk about the team.', `${tag}: /api/interviews: ${JSON.stringify(rounds)}`);

  // Soonest first in the table; in the agenda box; on the board's card.
  const rows = await page.locator('#interviews-body tr').allTextContents();
  check(rows.length === 2 && /09:30/.test(rows[0]) && /14:00 EST/.test(rows[1]) && /90 min/.test(rows[1]) && /Bo Chen, Cy Diaz/.test(rows[1]),
    `${tag}: the interviews table: ${JSON.stringify(rows)}`);
  const agenda = await page.locator('#agenda-list li.interview').allTextContents();
  check(agenda.length === 3 && /round 1 at Acme, Data Engineer/.test(agenda[1]) && /with Ann Lee/.test(agenda[1]) && /14:00 EST: round 2/.test(agenda[2]),
    `${tag}: the agenda's interviews: ${JSON.stringify(agenda)}`);
  const card = await text(page, '#board .role-card');
  check(/Interview round 1 on .*09:30/.test(card), `${tag}: the board's card: ${JSON.stringify(card)}`);
  await checkA11y(page, `${tag}: interviews`);
  await shotOf(page, '#interviews', `interviews-${tag}`);

  // Change round 2: another time, one interviewer; then remove it.
  await page.locator('#interviews-body').getByRole('button', { name: 'Change round 2 at Acme' }).click();
  await waitText(page, '#interview-edit-h', /Change round 2 at Acme/, `${tag}: the edit form`);
  check(await page.evaluate(() => document.activeElement && document.activeElement.id === 'interview-edit-h'), `${tag}: focus is not on the edit form`);
  check(await page.locator('#interview-edit-time').inputValue() === '14:00', `${tag}: the edit form's time`);
  await page.locator('#interview-edit-time').fill('10:15');
  await page.locator('#interview-edit-with').fill('Bo Chen');
  await checkA11y(page, `${tag}: the edit form`);
  await shotOf(page, '#interview-edit-form', `interviews-edit-${tag}`);
  const m = await refreshes(page);
  await page.locator('#interview-edit-form').getByRole('button', { name: 'Save the changes', exact: true }).click();
  await waitRefresh(page, m, `${tag}: saving the change`);
  await waitText(page, '#interview-edit-form .form-ok', /Changed: round 2 at Acme on .*10:15 EST/, `${tag}: the changed message`);
  const changed = (await api(srv, '/api/interviews'))[1];
  check(changed.starts_at === '2026-12-09T15:15:00Z' && changed.with.join('|') === 'Bo Chen' && changed.minutes === 90,
    `${tag}: the changed round: ${JSON.stringify(changed)}`);

  // The ask's timeline lists its round.
  await page.evaluate(async () => { const m = await import('/js/timeline.js'); await m.openTimeline(2); });
  await waitText(page, '#timeline-list', /Interview round 2 at 10:15 EST \(scheduled\)/, `${tag}: the round in the ask's timeline`);
  await page.locator('#timeline-dialog').getByRole('button', { name: 'Close', exact: true }).click();

  const k = await refreshes(page);
  await page.locator('#interview-remove').click();
  await waitRefresh(page, k, `${tag}: removing the round`);
  check((await api(srv, '/api/interviews?all=1')).length === 1, `${tag}: the round was not removed`);

  w.unexpect();
  check(w.problems.length === 0, `problems in the browser:\n    ${w.problems.join('\n    ')}`);
  log(`${tag}: scheduled a round through the form (after keel refused the skipped hour), listed, changed and removed it`);
  await page.close();
  // Round 2 again, for the other look.
  keelCli(db, 'interview', '2', '--at', '2026-12-09 14:00', '--with', 'Bo Chen', '--with', 'Cy Diaz', '--prep', 'System design: a rate limiter with a very long note that has to wrap on a phone screen');
  return srv;
}

// The same section in the other colour scheme, as it stands after the drive.
async function look(ctx, srv, width, scheme) {
  const tag = `${width}px-${scheme}`;
  const { page, w } = await openPage(ctx, srv, width, scheme);
  await page.locator('#interviews').scrollIntoViewIfNeeded();
  await waitText(page, '#interviews-body', /Cy Diaz/, `${tag}: the interviews`);
  await checkA11y(page, `${tag}: interviews`);
  await shotOf(page, '#interviews', `interviews-${tag}`);
  await shotOf(page, '#agenda', `interviews-agenda-${tag}`);
  check(w.problems.length === 0, `problems in the browser:\n    ${w.problems.join('\n    ')}`);
  await page.close();
}

await run([async (ctx) => {
  const a = await drive(ctx, 1280, 'light');
  await look(ctx, a, 1280, 'dark');
  await stopServer(a);
  const b = await drive(ctx, 375, 'dark');
  await look(ctx, b, 375, 'light');
  await stopServer(b);
  fs.writeFileSync(path.join(args.out, 'interviews-done.txt'), 'ok\n');
}]);
