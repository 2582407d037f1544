// keel's practice page (keel serve --accounts): signing in, then for a seeker who can see their
// search (grants, given and revoked here), their coach's comments and who looked; for a coach the
// roster of clients, most in need first; for an admin the practice's counts. Everyone sees where
// they are signed in (and signs other sessions out) and changes their password; a seeker can
// delete their account and search. The session's token (from the sign-in answer) is kept in
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

// "3 h 20 min", "45 min".
function duration(minutes) {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return h ? (m ? `${h} h ${m} min` : `${h} h`) : `${m} min`;
}

function minutesBetween(a, b) { return Math.round((Date.parse(b) - Date.parse(a)) / 60000); }

const EVENT_SAID = { answer: 'answered', 'need-info': 'asked for more information', reply: 'replied' };

function questionStatus(q, asCoach) {
  if (q.answered_at) {
    const took = duration(Math.max(0, minutesBetween(q.asked_at, q.answered_at)));
    return h('p', { class: q.breached ? 'q-status breached' : 'q-status' },
      `Answered by ${q.answered_by} on ${when(q.answered_at)}, ${took} after it was asked`,
      q.breached ? ' — later than the 24-hour promise.' : '.');
  }
  if (q.paused) {
    return h('p', { class: 'q-status' }, asCoach ? `Waiting for ${q.seeker} to reply; the clock is paused.`
      : 'Your coach asked for more information: reply below. The 24-hour clock is paused until you do.');
  }
  if (q.minutes_left < 0) {
    return h('p', { class: 'q-status breached' }, `Past its 24-hour promise by ${duration(-q.minutes_left)}.`);
  }
  return h('p', { class: q.minutes_left < 240 ? 'q-status soon' : 'q-status' },
    `${asCoach ? 'Due' : 'An answer is promised'} by ${when(q.due_at)} (in ${duration(q.minutes_left)}).`);
}

// A text box and its buttons for adding to question `q`: each button posts the text to its route.
function questionForm(q, buttons) {
  const id = `q${q.id}-text`;
  const area = h('textarea', { id, rows: '2', maxlength: '4000', required: '' });
  const error = h('p', { class: 'form-error error', role: 'alert' });
  const form = h('form', { class: 'practice-form q-form', novalidate: '' },
    h('div', { class: 'field wide' }, h('label', { for: id }, buttons.length > 1 ? 'Your answer, or what you need to know' : 'Your reply'), area),
    ...buttons.map(([label, route, primary]) => {
      const b = h('button', { type: 'button', class: primary ? 'btn' : 'btn-quiet' }, label);
      b.addEventListener('click', async () => {
        error.textContent = '';
        b.disabled = true;
        try { await post(`/api/questions/${q.id}/${route}`, { text: area.value }); await load(); } catch (err) { error.textContent = err.message; b.disabled = false; }
      });
      return b;
    }), error);
  form.addEventListener('submit', (e) => e.preventDefault());
  return form;
}

function renderQuestions(role, questions, report) {
  const asCoach = role === 'coach';
  $('questions-h').textContent = asCoach ? "Your clients' questions" : 'Ask your coach';
  $('questions-intro').textContent = asCoach
    ? 'Every question gets an answer within 24 hours. The least time left comes first; asking for more information pauses the clock until your client replies.'
    : 'Your coach answers within 24 hours. The clock pauses if they ask you for more information, until you reply.';
  $('question-form').hidden = asCoach;
  const share = report.within_promise_share === null ? null : Math.round(report.within_promise_share * 100);
  $('questions-report').textContent = report.n === 0 ? '' : [
    `${report.answered} of ${report.n} answered`,
    share === null ? null : `${share}% within 24 hours (of those answered or already past due)`,
    report.median_hours === null ? null : `half are answered within ${duration(Math.round(report.median_hours * 60))} (questions still open count as waiting)`,
  ].filter(Boolean).join('; ') + '.';
  $('questions-list').replaceChildren(...questions.map((q) => h('li', { class: `question${q.breached ? ' breached' : ''}` },
    asCoach ? h('p', { class: 'hint' }, `${q.seeker}, ${when(q.asked_at)}`) : h('p', { class: 'hint' }, `Asked ${when(q.asked_at)}`),
    h('p', { class: 'q-text' }, q.text),
    questionStatus(q, asCoach),
    q.events.length ? h('ul', { class: 'q-events' }, q.events.map((e) => h('li', {},
      h('strong', {}, `${e.by === q.seeker ? (asCoach ? q.seeker : 'You') : e.by} ${EVENT_SAID[e.kind] || e.kind}: `), e.text))) : null,
    asCoach ? (q.answered_at ? null : questionForm(q, [['Answer', 'answers', true], ['Ask for more information', 'need-info', false]]))
      : (q.paused ? questionForm(q, [['Reply', 'replies', true]]) : null))));
  $('questions-empty').textContent = questions.length ? '' : (asCoach ? 'No questions from your clients yet.' : 'You have not asked anything yet.');
}

async function askQuestion(e) {
  e.preventDefault();
  const form = e.currentTarget;
  formError(form, '');
  form.querySelector('.form-ok').textContent = '';
  try {
    const q = await post('/api/questions', { text: $('question-text').value });
    form.reset();
    await load();
    form.querySelector('.form-ok').textContent = `Sent. An answer is promised by ${when(q.due_at)}.`;
  } catch (err) {
    formError(form, err.message);
  }
}

// The seeker's programs: each running enrolment with its lessons that are due (the newest open),
// the later ones by title and day; "Done" per lesson; "Catch up" when behind. The free course is
// offered to one not enrolled in it.
function renderPrograms(programs, enrolments) {
  const error = $('programs-error');
  error.textContent = '';
  const act = async (fn) => { error.textContent = ''; try { await fn(); await load(); } catch (err) { error.textContent = err.message; } };
  $('enrolments').replaceChildren(...enrolments.map((e) => {
    const due = e.steps.filter((st) => st.due);
    const latest = due.length ? due[due.length - 1].day : null;
    const done = e.steps.filter((st) => st.done).length;
    const parts = [h('h3', { class: 'practice-sub' }, e.title),
      h('p', { class: 'hint' }, `${done} of ${e.steps.length} done. ${e.behind ? `${e.behind === 1 ? 'One lesson is' : `${e.behind} lessons are`} waiting from earlier days.` : ''}`)];
    if (e.behind) {
      const b = h('button', { type: 'button', class: 'btn-quiet small' }, 'Catch up from today');
      b.addEventListener('click', () => act(() => post(`/api/enrolments/${e.id}/catch-up`, {})));
      parts.push(b);
    }
    parts.push(h('ol', { class: 'lesson-list' }, e.steps.map((st) => {
      if (!st.due) return h('li', { class: 'muted' }, `Day ${st.day}: ${st.title} (on ${fmtDate(st.due_on)})`);
      const body = h('div', { class: 'lesson' });
      body.innerHTML = st.html;  // keel's own rendering of the Markdown (cmark, safe mode)
      const doneButton = st.done ? h('span', { class: 'badge' }, 'Done')
        : h('button', { type: 'button', class: 'btn-quiet small', 'aria-label': `Mark day ${st.day}, ${st.title}, done` }, 'Mark done');
      if (!st.done) doneButton.addEventListener('click', () => act(() => post(`/api/enrolments/${e.id}/done`, { day: st.day })));
      return h('li', {}, h('details', st.day === latest && !st.done ? { open: '' } : {},
        h('summary', {}, `Day ${st.day}: ${st.title}`, ' ', doneButton), body));
    })));
    return h('article', { class: 'enrolment' }, ...parts);
  }));
  const offer = $('programs-offer');
  const free = programs.find((p) => p.free);
  if (free && !enrolments.some((e) => e.program === free.name)) {
    const b = h('button', { type: 'button', class: 'btn' }, `Start “${free.title}”`);
    b.addEventListener('click', () => act(() => post('/api/enrolments', { program: free.name })));
    offer.replaceChildren(h('span', {}, `${free.summary} `), b);
  } else {
    offer.replaceChildren();
  }
}

const COUNT_LABEL = {
  seekers: 'Seekers', coaches: 'Coaches', admins: 'Admins', active_grants: 'Searches shared with a coach',
  sessions: 'Signed-in sessions', notes: "Coaches' notes and comments", coach_reads: "Coaches' recorded reads",
};

function renderCounts(counts) {
  $('counts-list').replaceChildren(...Object.entries(COUNT_LABEL).flatMap(([k, label]) => [h('dt', {}, label), h('dd', {}, String(counts[k] ?? 0))]));
}

// "Firefox on Linux"-level detail is enough to recognise a session; the raw string is the title.
function browserOf(agent) {
  if (!agent) return 'an unknown browser';
  const name = /Edg\//.test(agent) ? 'Edge' : /Firefox\//.test(agent) ? 'Firefox' : /Chrome\//.test(agent) ? 'Chrome' : /Safari\//.test(agent) ? 'Safari' : 'a browser';
  const os = /Android/.test(agent) ? 'Android' : /iPhone|iPad/.test(agent) ? 'iOS' : /Windows/.test(agent) ? 'Windows' : /Mac OS/.test(agent) ? 'macOS' : /Linux/.test(agent) ? 'Linux' : '';
  return os ? `${name} on ${os}` : name;
}

function when(iso) { return `${fmtDate(iso.slice(0, 10))} ${iso.slice(11, 16)} UTC`; }

function renderSessions(sessions) {
  $('sessions-body').replaceChildren(...sessions.map((s) => {
    let action = h('span', { class: 'muted' }, 'this browser');
    if (!s.current) {
      action = h('button', { type: 'button', class: 'btn-quiet small', 'aria-label': `Sign out the session from ${when(s.created_at)}` }, 'Sign it out');
      action.addEventListener('click', async () => {
        action.disabled = true;
        try { await post(`/api/sessions/${s.id}/revoke`, {}); await load(); } catch (err) { $('load-error').hidden = false; $('load-error').textContent = err.message; }
      });
    }
    return h('tr', {},
      h('td', {}, when(s.created_at)),
      h('td', {}, h('span', { class: 'phone-only' }, 'Last seen: '), when(s.last_seen_at)),
      h('td', { title: s.user_agent || null }, h('span', { class: 'phone-only' }, 'From: '), `${browserOf(s.user_agent)}${s.address ? `, ${s.address}` : ''}`),
      h('td', {}, action));
  }));
}

async function changePassword(e) {
  e.preventDefault();
  const form = e.currentTarget;
  formError(form, '');
  form.querySelector('.form-ok').textContent = '';
  try {
    const r = await post('/api/password', { current: $('password-current').value, new: $('password-new').value });
    form.reset();
    await load();
    form.querySelector('.form-ok').textContent = r.other_sessions_ended
      ? `Password changed. ${r.other_sessions_ended === 1 ? 'Your other session was' : `Your ${r.other_sessions_ended} other sessions were`} signed out.`
      : 'Password changed.';
  } catch (err) {
    formError(form, err.message);
  }
}

async function deleteAccount(e) {
  e.preventDefault();
  const form = e.currentTarget;
  formError(form, '');
  // Two steps, as the dashboard deletes an ask: the first press asks again, on the button itself.
  const button = form.querySelector('button[type="submit"]');
  if (button.dataset.confirm !== '1') {
    button.dataset.confirm = '1';
    button.textContent = 'Yes, delete everything for good';
    return;
  }
  try {
    await post('/api/account/delete', { password: $('delete-password').value });
    sessionStorage.removeItem(TOKEN_KEY);
    form.reset();
    await load();
    $('signin-form').querySelector('.form-error').textContent = '';
    $('who').textContent = 'Your account and your search were deleted.';
  } catch (err) {
    formError(form, err.message);
  }
}

const DIGEST_LABEL = {
  reminders: 'Email me each morning when a follow-up or a not-yet is due (and on Mondays, my week in numbers)',
  'roster-digest': 'Email me each morning the clients whose flags are up (nothing on a quiet day)',
};

function renderDigest(digest) {
  $('digest').hidden = !digest.list;
  if (!digest.list) return;
  $('digest-label').textContent = DIGEST_LABEL[digest.list] || 'Email me a daily digest';
  $('digest-on').checked = digest.on;
}

async function toggleDigest(e) {
  const box = e.currentTarget;
  box.disabled = true;
  $('digest-status').textContent = '';
  try {
    const r = await post('/api/digest', { on: box.checked });
    renderDigest(r);
    const first = r.list === 'reminders' ? 'the next morning something is due' : 'the next morning a client needs a look';
    $('digest-status').textContent = r.on ? `On: the first digest comes ${first}.` : 'Off: no more digests.';
  } catch (err) {
    box.checked = !box.checked;
    $('digest-status').textContent = err.message;
  } finally {
    box.disabled = false;
  }
}

async function load() {
  $('load-error').hidden = true;
  let me = null;
  try { me = await get('/api/me'); } catch (err) {
    if (!(err instanceof ApiError) || err.status !== 401) { $('load-error').hidden = false; $('load-error').textContent = err.message; }
  }
  for (const id of ['signin', 'sharing', 'questions', 'programs', 'comments', 'audit', 'roster', 'counts', 'account', 'leave']) show(id, false);
  $('sign-out').hidden = !me;
  $('who').textContent = me ? `Signed in as ${me.email}` : '';
  // Everyone's sessions, read beside what their role shows.
  const sessions = me ? get('/api/sessions') : null;
  if (!me) {
    show('signin', true);
  } else if (me.role === 'seeker') {
    const [grants, comments, reads, questions, report, programs, enrolments] = await Promise.all([get('/api/grants'), get('/api/comments'), get('/api/audit'),
      get('/api/questions'), get('/api/questions/report'), get('/api/programs'), get('/api/enrolments')]);
    renderSeeker(grants.grants, comments.comments, reads.reads);
    renderQuestions('seeker', questions.questions, report);
    renderPrograms(programs.programs, enrolments.enrolments);
    for (const id of ['sharing', 'questions', 'programs', 'comments', 'audit', 'leave']) show(id, true);
  } else if (me.role === 'coach') {
    const [clients, questions, report] = await Promise.all([get('/api/coach/clients'), get('/api/questions'), get('/api/questions/report')]);
    renderRoster(clients.clients);
    renderQuestions('coach', questions.questions, report);
    show('roster', true);
    show('questions', true);
  } else if (me.role === 'admin') {
    renderCounts(await get('/api/admin/counts'));
    show('counts', true);
  }
  if (sessions) {
    renderSessions((await sessions).sessions);
    renderDigest(me.role === 'admin' ? { list: null } : await get('/api/digest'));
    show('account', true);
  }
  document.body.dataset.ready = '1';
  document.body.dataset.loads = String(Number(document.body.dataset.loads || 0) + 1);
}

$('signin-form').addEventListener('submit', signIn);
$('grant-form').addEventListener('submit', share);
$('question-form').addEventListener('submit', askQuestion);
$('sign-out').addEventListener('click', signOut);
$('password-form').addEventListener('submit', changePassword);
$('delete-form').addEventListener('submit', deleteAccount);
$('digest-on').addEventListener('change', toggleDigest);
load();
