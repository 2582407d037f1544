// keel's practice page (keel serve --accounts): signing in, then for a seeker who can see their
// search (grants, given and revoked here), their coach's comments and who looked; for a coach the
// roster of clients, most in need first. The session's token (from the sign-in answer) is kept in
// sessionStorage, where the dashboard's api.js finds it for its writes.
import { get, post, ApiError } from './api.js';
import { $, h, fmtDate } from './dom.js';

const TOKEN_KEY = 'keel-csrf';
const FLAG_LABEL = {
  'question-due': 'Question due', 'streak-unusual': 'Unusual run', 'about-you-pattern': 'A pattern about them',
  idle: 'Idle', 'pace-falling': 'Pace falling', 'not-yet-due': 'A not-yet is due',
};

function show(id, on) { $(id).hidden = !on; }

function formError(form, message) { form.querySelector('.form-error').textContent = message || ''; }

async function signIn(e) {
  e.preventDefault();
  const form = e.currentTarget;
  formError(form, '');
  try {
    const me = await post('/api/login', { email: $('signin-email').value, password: $('signin-password').value });
    sessionStorage.setItem(TOKEN_KEY, me.csrf);
    $('signin-password').value = '';
    await load();
  } catch (err) {
    formError(form, err.message);
  }
}

async function signOut() {
  try { await post('/api/logout', {}); } catch (err) { /* the session may have ended already */ }
  sessionStorage.removeItem(TOKEN_KEY);
  await load();
}

function renderGrants(grants) {
  const body = $('grants-body');
  body.replaceChildren();
  const shown = grants.filter((g) => g.state === 'active');
  for (const g of shown) {
    const revoke = h('button', { type: 'button', class: 'btn-quiet small', 'aria-label': `Stop sharing with ${g.coach}` }, 'Stop sharing');
    revoke.addEventListener('click', async () => {
      revoke.disabled = true;
      try { await post(`/api/grants/${g.id}/revoke`, {}); await load(); } catch (err) { $('load-error').hidden = false; $('load-error').textContent = err.message; }
    });
    body.append(h('tr', {},
      h('td', {}, g.coach),
      h('td', {}, h('span', { class: 'phone-only' }, 'Can: '), g.scope === 'comment' ? 'read and comment' : 'read'),
      h('td', {}, h('span', { class: 'phone-only' }, 'Until: '), g.expires_on ? fmtDate(g.expires_on) : 'you stop it'),
      h('td', {}, revoke)));
  }
  show('grants-empty', shown.length === 0);
}

async function share(e) {
  e.preventDefault();
  const form = e.currentTarget;
  formError(form, '');
  form.querySelector('.form-ok').textContent = '';
  try {
    const g = await post('/api/grants', { coach_email: $('grant-coach').value, scope: $('grant-scope').value, expires_on: $('grant-until').value });
    form.reset();
    await load();
    form.querySelector('.form-ok').textContent = `${g.coach} can now see your search.`;
  } catch (err) {
    formError(form, err.message);
  }
}

function renderSeeker(grants, comments, reads) {
  renderGrants(grants);
  const list = $('comments-list');
  list.replaceChildren(...comments.map((c) => h('li', {},
    h('p', {}, c.text),
    h('p', { class: 'hint' }, `${c.coach}, ${fmtDate(c.created_at.slice(0, 10))}${c.about ? ` · about ${c.about.replace('ask:', 'ask #').replace('pattern:', 'the pattern ')}` : ''}`))));
  show('comments-empty', comments.length === 0);
  // One line per coach and day: a dashboard read is a dozen requests.
  const days = new Map();
  for (const r of reads) {
    const key = `${r.coach} ${r.at.slice(0, 10)}`;
    if (!days.has(key)) days.set(key, { coach: r.coach, day: r.at.slice(0, 10), roster: false, search: false });
    days.get(key)[r.what === 'roster' ? 'roster' : 'search'] = true;
  }
  const audit = $('audit-list');
  audit.replaceChildren(...[...days.values()].slice(0, 20).map((d) => h('li', {},
    `${d.coach} ${[d.search && 'looked at your search', d.roster && 'saw your summary on their client list'].filter(Boolean).join(' and ')} on ${fmtDate(d.day)}`)));
  show('audit-empty', reads.length === 0);
}

function renderRoster(clients) {
  const body = $('roster-body');
  body.replaceChildren(...clients.map((c) => h('tr', {},
    h('td', {}, h('a', { href: `/?client=${encodeURIComponent(c.search_id)}` }, c.seeker),
      h('span', { class: 'block hint' }, c.scope === 'comment' ? 'read and comment' : 'read')),
    h('td', {}, c.flags.length
      ? h('ul', { class: 'flag-list' }, c.flags.map((f) => h('li', {}, h('strong', {}, FLAG_LABEL[f.flag] || f.flag), ': ', f.sentence)))
      : h('span', { class: 'muted' }, 'nothing unusual')),
    h('td', { class: 'nowrap' }, h('span', { class: 'phone-only' }, 'Last ask: '), c.last_ask_on ? fmtDate(c.last_ask_on) : 'no ask yet'))));
  show('roster-empty', clients.length === 0);
}

async function load() {
  $('load-error').hidden = true;
  let me = null;
  try { me = await get('/api/me'); } catch (err) {
    if (!(err instanceof ApiError) || err.status !== 401) { $('load-error').hidden = false; $('load-error').textContent = err.message; }
  }
  for (const id of ['signin', 'sharing', 'comments', 'audit', 'roster']) show(id, false);
  $('sign-out').hidden = !me;
  $('who').textContent = me ? `Signed in as ${me.email}` : '';
  if (!me) {
    show('signin', true);
  } else if (me.role === 'seeker') {
    const [grants, comments, reads] = await Promise.all([get('/api/grants'), get('/api/comments'), get('/api/audit')]);
    renderSeeker(grants.grants, comments.comments, reads.reads);
    for (const id of ['sharing', 'comments', 'audit']) show(id, true);
  } else if (me.role === 'coach') {
    renderRoster((await get('/api/coach/clients')).clients);
    show('roster', true);
  }
  document.body.dataset.ready = '1';
  document.body.dataset.loads = String(Number(document.body.dataset.loads || 0) + 1);
}

$('signin-form').addEventListener('submit', signIn);
$('grant-form').addEventListener('submit', share);
$('sign-out').addEventListener('click', signOut);
load();
