// A coach and a seeker on a practice's server (keel serve --accounts), on the dashboard:
// - a coach reading a client (?client=SEARCH) keeps private notes and, with a grant of scope
//   `comment`, leaves comments the client sees; about the whole search, one ask or one pattern;
// - a signed-in seeker sees their coach's comments, each beside the ask or pattern it is about
//   (table.js and views.js ask `commentsAbout`), and the others at the top of the page.
// On the single-seeker dashboard (plain keel serve) none of this exists and nothing is fetched.
import { get, getOwn, postNote, client, practice } from './api.js';
import { $, h, fmtDate, themeName } from './dom.js';
import { state } from './state.js';

// What the page shows: the coach's notes and comments (client) or the seeker's comments.
const coaching = { notes: [], grant: null, loaded: false };

export function commentsAbout(about) {
  return coaching.notes.filter((n) => n.about === about);
}

// The line under an ask's row or in a pattern's card: who said it, when, and whether the seeker
// sees it (for the coach, a private note says so).
export function noteLine(n) {
  const who = client ? (n.private ? 'Your private note' : 'Your comment (they see it)') : `Your coach ${n.coach}`;
  return h('p', { class: `coach-note${n.private ? ' private' : ''}` },
    h('strong', {}, `${who}, ${fmtDate(n.created_at.slice(0, 10))}: `), n.text);
}

function aboutLabel(about) {
  if (!about) return client ? 'the search as a whole' : 'your search';
  if (about.startsWith('ask:')) {
    const id = Number(about.slice(4));
    const ask = (state.rows || []).find((a) => a.id === id);
    return ask ? `ask #${id} (${ask.org}, ${fmtDate(ask.asked_on)})` : `ask #${id}`;
  }
  if (about.startsWith('pattern:')) return `the pattern “${themeName(about.slice(8))}”`;
  return about;
}

export async function loadCoaching() {
  if (!client && !practice) return;
  try {
    if (client) {
      const [notes, grants] = await Promise.all([get('/api/notes'), getOwn('/api/grants')]);
      coaching.notes = notes.notes;
      coaching.grant = grants.grants.find((g) => g.search === client && g.state === 'active') || null;
    } else {
      coaching.notes = (await get('/api/comments')).comments;
    }
    coaching.loaded = true;
  } catch (e) {
    coaching.loaded = false;
    $('coaching-error').textContent = `Notes and comments could not load: ${e.message}`;
  }
}

// The choices of "About": the search, each ask on the page, each pattern.
function fillAbout() {
  const select = $('coach-about');
  const keep = select.value;
  const options = [h('option', { value: '' }, 'The search as a whole')];
  for (const a of (state.rows || []).slice(0, 200)) {
    options.push(h('option', { value: `ask:${a.id}` }, `Ask #${a.id}: ${a.org} (${fmtDate(a.asked_on)})`));
  }
  const P = state.data.patterns || {};
  const themes = new Set([...(P.patterns || []), ...(P.single_source || [])].map((p) => p.theme));
  for (const t of themes) options.push(h('option', { value: `pattern:${t}` }, `Pattern: ${themeName(t)}`));
  select.replaceChildren(...options);
  if ([...select.options].some((o) => o.value === keep)) select.value = keep;
}

export function renderCoaching() {
  const section = $('coaching');
  if (!client && !practice) return;
  // The seeker's section shows only when a coach has said something; the coach's always.
  section.hidden = !client && coaching.notes.length === 0;
  if (client) {
    const who = coaching.grant ? coaching.grant.seeker : client;
    if (coaching.grant) {
      $('notice').textContent = `You are reading ${who}'s search, as they allowed. Nothing here can be changed. `
        + 'The sentences on this page were written for your client: where they say “you”, read “your client”.';
    }
    $('coaching-h').textContent = `Your notes on ${who}`;
    $('coaching-intro').textContent = coaching.grant && coaching.grant.scope === 'comment'
      ? `A private note is yours alone. A comment is shown to ${who}, beside the ask or pattern it is about.`
      : `A private note is yours alone. ${who} allowed reading only, so you cannot leave them comments.`;
    $('coach-kind').querySelector('option[value="comments"]').disabled = !(coaching.grant && coaching.grant.scope === 'comment');
    fillAbout();
  } else {
    $('coaching-h').textContent = 'From your coach';
    $('coaching-intro').textContent = 'Comments your coach left on your search. Those about one ask or pattern are also shown beside it.';
  }
  const list = $('coaching-list');
  list.replaceChildren(...coaching.notes.slice().reverse().map((n) => h('li', {},
    noteLine(n), h('p', { class: 'hint' }, `About ${aboutLabel(n.about)}`))));
  $('coaching-empty').hidden = coaching.notes.length > 0;
}

export function setupCoaching(refresh) {
  if (!client) return;
  const form = $('coach-form');
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const error = form.querySelector('.form-error');
    const ok = form.querySelector('.form-ok');
    error.textContent = '';
    ok.textContent = '';
    const kind = $('coach-kind').value;
    try {
      await postNote(kind, { text: $('coach-text').value, about: $('coach-about').value });
      $('coach-text').value = '';
      ok.textContent = kind === 'comments' ? 'Comment saved: your client sees it.' : 'Private note saved.';
      await refresh();
    } catch (err) {
      error.textContent = err.message;
    }
  });
}
