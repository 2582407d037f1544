#!/usr/bin/env node
// Browser test of issue 15's contacts and weekly goal: the goal in the headline (a bad number is
// refused beside its label and nothing is sent; set; the line says "this week: N of 3 asks";
// removed), an ask logged with "Introduced or referred by", the people table and a person's
// timeline (whom they introduced), and "via" changed in the edit dialog. Each result is checked
// through the API. Driven at 1280 and 375 px, light and dark (harness LOOKS), each look in a
// fresh context with its own server, checked with axe-core and photographed.
//
//   node tests/web/contacts.test.mjs --keel build/default/keel --out /tmp/shots --data tests/data
import path from 'node:path';
import {
  args, tmp, check, log, keelCli, startServer, stopServer, openPage, text, waitText, refreshes, waitRefresh, checkA11y, run,
  eachLook,
} from './harness.mjs';

async function api(srv, route) {
  const r = await fetch(srv.url + route);
  check(r.ok, `GET ${route}: ${r.status}`);
  return r.json();
}
const shotOf = (page, sel, name) => page.locator(sel).screenshot({ path: path.join(args.out, `${name}.png`) });

async function goal(page, srv, tag) {
  await waitText(page, '#goal-line', /No weekly goal yet/, `${tag}: the goal before one is set`);
  // A number that is no goal is refused beside its label; nothing is sent.
  await page.locator('#goal-asks').fill('0');
  await page.locator('#goal-set').click();
  await waitText(page, '#goal-asks-fielderror', /from 1 to 500/, `${tag}: the refusal of 0 asks a week`);
  check((await api(srv, '/api/status')).goal === null, `${tag}: a refused goal was stored`);
  const n = await refreshes(page);
  await page.locator('#goal-asks').fill('3');
  await page.locator('#goal-set').click();
  await waitRefresh(page, n, `${tag}: setting the goal`);
  const g = (await api(srv, '/api/status')).goal;
  check(g && g.asks_per_week === 3 && g.asks_this_week === 2, `${tag}: the goal through the API: ${JSON.stringify(g)}`);
  await waitText(page, '#goal-line', /^This week: 2 of 3 asks$/, `${tag}: the goal's line`);
  await waitText(page, '#goal-sub', /effort, which you control/, `${tag}: the goal says it measures effort`);
  await waitText(page, '#goal-form .form-ok', /Goal set: 3 asks a week/, `${tag}: the goal form's success line`);
  check(!(await page.locator('#goal-clear').isHidden()), `${tag}: no Remove goal button once a goal is set`);
  log('goal: 0 refused beside its label, 3 set, "This week: 2 of 3 asks" in the headline');
}

async function contacts(page, srv, tag) {
  // Log an ask introduced by Bob; the via field offers the known names.
  await page.locator('#ask-org').fill('Initech');
  await page.locator('#ask-person').fill('Dan Wu');
  await page.locator('#ask-via').fill('Bob Stone');
  await page.locator('#ask-kind').selectOption('referral');
  const n = await refreshes(page);
  await page.locator('#ask-form').getByRole('button', { name: 'Log the ask', exact: true }).click();
  await waitRefresh(page, n, `${tag}: logging an ask with its introducer`);
  const asks = await api(srv, '/api/list');
  const logged = asks[asks.length - 1];
  check(logged.person === 'Dan Wu' && logged.via === 'Bob Stone', `${tag}: the ask through the API: ${JSON.stringify(logged)}`);
  check((await page.locator('#contact-names option').count()) >= 3, `${tag}: the names list for the person and via fields`);
  await waitText(page, '#goal-line', /^This week: 3 of 3 asks · goal met 1 week running$/, `${tag}: the goal met by the new ask`);

  // The people table and Bob's timeline.
  await waitText(page, '#contacts-body', /Carol Diaz/, `${tag}: the people table`);
  const rows = await page.locator('#contacts-body tr').count();
  check(rows === 3, `${tag}: 3 people in the table, found ${rows}`);
  await page.locator('#contacts-body').getByRole('button', { name: 'Bob Stone', exact: true }).click();
  await waitText(page, '#contact-h', /^Bob Stone \(Acme\)$/, `${tag}: the timeline's heading`);
  await waitText(page, '#contact-links', /Introduced you to Carol Diaz, Dan Wu/, `${tag}: whom Bob introduced`);
  await waitText(page, '#contact-timeline', /introduced you to Dan Wu at Initech/, `${tag}: the introduction in Bob's timeline`);
  check(await page.evaluate(() => document.activeElement && document.activeElement.id === 'contact-h'), `${tag}: the timeline did not take the focus`);
  await shotOf(page, '#contacts', `contacts-${tag}`);
  await checkA11y(page, `${tag}: people and a timeline`, '#contacts');
  await page.locator('#contact-close').click();
  check(await page.locator('#contact-view').isHidden(), `${tag}: the timeline did not close`);

  // Carol's counts are plain facts: one no, one silent.
  const carol = (await api(srv, '/api/contacts')).find((c) => c.name === 'Carol Diaz');
  check(carol && carol.counts.no === 1 && carol.counts.silent === 1, `${tag}: Carol's counts: ${JSON.stringify(carol)}`);
  const cells = await page.locator('#contacts-body tr', { hasText: 'Carol Diaz' }).locator('td').allTextContents();
  check(cells.join('|').startsWith('Globex|2|0|1|0|1|0|'), `${tag}: Carol's row reads ${JSON.stringify(cells)}`);

  // The edit dialog changes who introduced Dan; an empty field clears it.
  await page.getByRole('button', { name: `Edit ask ${logged.id}, Initech` }).click();
  await page.waitForSelector('#edit-dialog[open]');
  check((await page.inputValue('#edit-via')) === 'Bob Stone', `${tag}: the edit dialog's via field`);
  await page.locator('#edit-via').fill('');
  const m = await refreshes(page);
  await page.locator('#edit-save').click();
  await waitRefresh(page, m, `${tag}: clearing via in the edit dialog`);
  const edited = (await api(srv, '/api/list')).find((a) => a.id === logged.id);
  check(edited.via === '', `${tag}: via was not cleared: ${JSON.stringify(edited)}`);
  log('contacts: an ask with its introducer, the people table, a timeline, via cleared in the edit dialog');
}

async function removeGoal(page, srv, tag) {
  const n = await refreshes(page);
  await page.locator('#goal-clear').click();
  await waitRefresh(page, n, `${tag}: removing the goal`);
  check((await api(srv, '/api/status')).goal === null, `${tag}: the goal is still set`);
  await waitText(page, '#goal-line', /No weekly goal yet/, `${tag}: the line after removing the goal`);
  await waitText(page, '#goal-form .form-ok', /Goal removed/, `${tag}: the goal form's line after removing it`);
}

async function scenario(ctx) {
  await eachLook(ctx, async (look, width, scheme) => {
    const tag = `${scheme}-${width}`;
    const db = path.join(tmp, `contacts-${tag}.db`);
    keelCli(db, 'ask', 'Acme', '--kind', 'chat', '--to', 'Bob Stone', '--on', '2026-10-01');
    keelCli(db, 'yes', '1', '--on', '2026-10-03');
    keelCli(db, 'ask', 'Globex', '--kind', 'referral', '--to', 'Carol Diaz', '--via', 'Bob Stone', '--on', '2026-10-05');
    keelCli(db, 'ask', 'Globex', '--kind', 'application', '--to', 'Carol Diaz', '--via', 'Bob Stone', '--on', '2026-10-08');
    keelCli(db, 'no', '3', '--on', '2026-10-20', '--reason', 'we went with an internal candidate');
    keelCli(db, 'ask', 'Hooli', '--kind', 'application', '--on', '2026-11-23');
    keelCli(db, 'ask', 'Umbrella', '--kind', 'chat', '--on', '2026-11-24');
    const srv = await startServer(db);
    try {
      const { page, w } = await openPage(look, srv, width, scheme);
      await goal(page, srv, tag);
      await shotOf(page, '#glance', `contacts-goal-${tag}`);
      await checkA11y(page, `${tag}: the headline with the goal`, '#glance');
      await contacts(page, srv, tag);
      await removeGoal(page, srv, tag);
      check(!w.problems.length, `${tag}: ${w.problems.join('; ')}`);
    } finally {
      await stopServer(srv);
    }
  }, 2);
}

await run([scenario]);
