#!/usr/bin/env node
// Browser test of postings and search: save a posting with its pasted description (keel's refusal
// of a backwards salary range shown beside its field first), see the postings soonest deadline
// first with their pay and "saved" state, their deadlines in the agenda and their cards in the board's Saved
// column, and search the ledger (a hostile query included) with
// the matched words marked. Each result is checked through the API. Driven at 1280 px light and
// 375 px dark; the section is checked with axe-core and photographed at 1280 and 375 px, light
// and dark.
//
//   node tests/web/postings.test.mjs --keel build/default/keel --out /tmp/shots --data tests/data
//
// The harness (server, browser, axe, waiting) is tests/web/harness.mjs.
import fs from 'node:fs';
import path from 'node:path';
import {
  args, tmp, check, log, keelCli, startServer, stopServer, openPage, text, waitText, refreshes, waitRefresh, checkA11y, run,
} from './harness.mjs';

async function api(srv, route) {
  const r = await fetch(srv.url + route);
  check(r.ok, `GET ${route}: ${r.status}`);
  return r.json();
}
const shotOf = (page, sel, name) => page.locator(sel).screenshot({ path: path.join(args.out, `${name}.png`) });

const DESCRIPTION = 'Platform Engineer, Zürich (hybrid)\nYou will run Kubernetes and Terraform.\nOn-call one week in six.';

async function drive(ctx, width, scheme) {
  const tag = `${width}px-${scheme}`;
  const db = path.join(tmp, `postings-${tag}.db`);
  keelCli(db, 'ask', 'Acme', '--kind', 'application', '--role', 'Data Engineer', '--on', '2026-11-02', '--note', 'Referred by Zoë; they run Kubernetes');
  keelCli(db, 'no', '1', '--on', '2026-11-20', '--reason', 'We went with someone with more visa sponsorship history');
  keelCli(db, 'posting', 'add', 'Globex', '--role', 'Analyst', '--deadline', '2026-12-20', '--salary-range', '70000-80000');
  const srv = await startServer(db);
  const { page, w } = await openPage(ctx, srv, width, scheme);
  w.expect(/400 .*\/api\/posting\/add|status of 400/);
  await page.locator('#postings').scrollIntoViewIfNeeded();
  await waitText(page, '#postings-body', /Globex/, `${tag}: the posting saved on the CLI`);

  // keel refuses a backwards range; the page shows it beside "Yearly pay offered".
  await page.locator('#posting-org').fill('Initech');
  await page.locator('#posting-role').fill('Platform Engineer');
  await page.locator('#posting-url').fill('https://initech.example/jobs/7');
  await page.locator('#posting-deadline').fill('2026-12-03');
  await page.locator('#posting-salary').fill('120000-90000');
  await page.locator('#posting-location').fill('Zürich');
  await page.locator('#posting-description').fill(DESCRIPTION);
  await page.locator('#posting-form').getByRole('button', { name: 'Save the posting', exact: true }).click();
  await waitText(page, '#posting-salary-fielderror', /runs backwards; give the lower number first, like 90000-120000/, `${tag}: keel's refusal of the range`);
  check((await page.getAttribute('#posting-salary', 'aria-invalid')) === 'true', `${tag}: the range is not marked aria-invalid`);
  check((await api(srv, '/api/postings')).length === 1, `${tag}: a refused posting was saved`);
  await checkA11y(page, `${tag}: the refusal`);
  await shotOf(page, '#posting-form', `postings-refusal-${tag}`);

  await page.locator('#posting-salary').fill('90000-120000');
  const n = await refreshes(page);
  await page.locator('#posting-form').getByRole('button', { name: 'Save the posting', exact: true }).click();
  await waitRefresh(page, n, `${tag}: saving the posting`);
  await waitText(page, '#posting-form .form-ok', /Saved posting #2: Platform Engineer at Initech, apply by/, `${tag}: the saved message`);
  await waitText(page, '#posting-form .form-ok', /new organization 'Initech'/, `${tag}: keel's notice`);
  const postings = await api(srv, '/api/postings');
  check(postings.length === 2 && postings[0].org === 'Initech' && postings[0].deadline === '2026-12-03' &&
    postings[0].salary_min === 90000 && postings[0].salary_max === 120000 && postings[0].location === 'Zürich' &&
    postings[0].url === 'https://initech.example/jobs/7', `${tag}: /api/postings, soonest first: ${JSON.stringify(postings)}`);
  const whole = await api(srv, '/api/posting?id=2');
  check(whole.description === DESCRIPTION, `${tag}: the description is not kept as pasted: ${JSON.stringify(whole.description)}`);

  // The table: soonest deadline first, its days left, pay, and "saved" until an ask is logged.
  const rows = await page.locator('#postings-body tr').allTextContents();
  check(rows.length === 2 && /Initech/.test(rows[0]) && /in 7 days/.test(rows[0]) && /90,000–120,000/.test(rows[0]) &&
    /none yet \(saved\)/.test(rows[0]) && /Globex/.test(rows[1]), `${tag}: the postings table: ${JSON.stringify(rows)}`);
  check(await page.locator('#postings-body a[href="https://initech.example/jobs/7"]').count() === 1, `${tag}: the role does not link to its posting`);
  // The agenda lists both deadlines (the roles have no ask), soonest first.
  const agenda = await page.locator('#agenda-list li.deadline').allTextContents();
  check(agenda.length === 3 && /Apply by .*\(in 7 days\): Platform Engineer at Initech \(posting #2\)/.test(agenda[1]) &&
    /\(in 24 days\): Analyst at Globex/.test(agenda[2]), `${tag}: the agenda's deadlines: ${JSON.stringify(agenda)}`);
  // The board: each posting with no ask yet is a card in the Saved column, the Acme role (with asks)
  // where its asks put it, once (issue 15).
  const saved = await page.locator('#board [data-stage="saved"] .role-org').allTextContents();
  check(saved.length === 2 && saved.includes('Initech') && saved.includes('Globex'), `${tag}: the board's saved column: ${JSON.stringify(saved)}`);
  await waitText(page, '#col-saved-h', /^Saved \(2\)$/, `${tag}: the saved column's heading`);
  const pipeline = await api(srv, '/api/pipeline');
  check(pipeline.roles.length === 3 && pipeline.roles.filter((r) => r.stage === 'saved').map((r) => r.since).join() === '2026-11-26,2026-11-26',
    `${tag}: /api/pipeline's saved roles: ${JSON.stringify(pipeline.roles)}`);

  // Search: words in a description, a note and a reason; the matches marked; hostile text is text.
  await page.locator('#search-text').fill('kuber');
  await page.locator('#search-form').getByRole('button', { name: 'Search', exact: true }).click();
  await waitText(page, '#search-results', /1 ask and 1 posting mention “kuber”/, `${tag}: searching kuber`);
  const marks = await page.locator('#search-results mark').allTextContents();
  check(marks.length === 2 && marks.every((m) => /^kubernetes$/i.test(m)), `${tag}: the matched words are not marked: ${JSON.stringify(marks)}`);
  const api1 = await api(srv, '/api/list?search=kuber');
  check(api1.asks.length === 1 && api1.asks[0].matched[0].field === 'note' && api1.postings[0].matched[0].field === 'description',
    `${tag}: /api/list?search=kuber: ${JSON.stringify(api1)}`);
  await checkA11y(page, `${tag}: search results`);
  await shotOf(page, '#postings', `postings-${tag}`);
  await page.locator('#search-text').fill('visa "AND" NEAR( *');
  await page.locator('#search-form').getByRole('button', { name: 'Search', exact: true }).click();
  await waitText(page, '#search-results', /Nothing in your asks or postings mentions “visa "AND" NEAR\( \*”/, `${tag}: a hostile search`);
  await page.locator('#search-text').fill('zurich');
  await page.locator('#search-form').getByRole('button', { name: 'Search', exact: true }).click();
  await waitText(page, '#search-results', /0 asks and 1 posting mention “zurich”/, `${tag}: diacritics ignored`);

  w.unexpect();
  check(w.problems.length === 0, `problems in the browser:\n    ${w.problems.join('\n    ')}`);
  log(`${tag}: saved a posting through the form (after keel refused a backwards range), listed soonest first, searched with marks`);
  await page.close();
  return srv;
}

// The same section in the other colour scheme, as it stands after the drive.
async function look(ctx, srv, width, scheme) {
  const tag = `${width}px-${scheme}`;
  const { page, w } = await openPage(ctx, srv, width, scheme);
  await page.locator('#postings').scrollIntoViewIfNeeded();
  await waitText(page, '#postings-body', /Initech/, `${tag}: the postings`);
  await page.locator('#search-text').fill('on-call');
  await page.locator('#search-form').getByRole('button', { name: 'Search', exact: true }).click();
  await waitText(page, '#search-results', /mention “on-call”/, `${tag}: searching on-call`);
  await checkA11y(page, `${tag}: postings`);
  await shotOf(page, '#postings', `postings-${tag}`);
  await shotOf(page, '#agenda', `postings-agenda-${tag}`);
  await page.locator('#board').scrollIntoViewIfNeeded();
  await shotOf(page, '#board', `postings-board-${tag}`);
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
  fs.writeFileSync(path.join(args.out, 'postings-done.txt'), 'ok\n');
}]);
