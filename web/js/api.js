// The JSON API of `keel serve`: reads with GET, writes with POST carrying the page's token (on a
// practice's server, keel serve --accounts, the session's token from the sign-in answer, kept in
// sessionStorage by practice.js).
// An error response is {"error", "code", "field"} (docs/api.md); it becomes an ApiError whose
// `field` names the request field it is about, so the form can show it beside that field.

const pageToken = (document.querySelector('meta[name="keel-token"]') || {}).content || '';
const token = () => pageToken || sessionStorage.getItem('keel-csrf') || '';
const pageParams = new URLSearchParams(location.search);
// `?client=SEARCH`: a coach reading a client's search (keel serve --accounts, by the client's
// grant). Every read goes to /api/searches/SEARCH/...; the page is read-only.
export const client = /^[a-z0-9][a-z0-9._-]{0,63}$/.test(pageParams.get('client') || '') ? pageParams.get('client') : '';
// A practice's server (keel serve --accounts) sends the page without a process token: the
// session's comes from sessionStorage.
export const practice = !pageToken;
const route = (path) => (client && path.startsWith('/api/') ? `/api/searches/${client}/${path.slice(5)}` : path);

// CLI flags an older server may still name in an error, and the control that does the same here.
const FLAG_LABEL = {
  '--new-org': 'tick “A different organization” under More details',
  '--new-person': 'tick “A different person” under More details',
  '--despite': 'fill in “Going ahead despite a deal-breaker?” under More details',
};

export class ApiError extends Error {
  constructor(message, { status = 0, code = '', field = '' } = {}) {
    super(message);
    this.status = status;
    this.code = code;
    this.field = field;
  }
}

// `?today=` and `?silence_days=` in the page's address are passed on to every call.
export function apiUrl(path, params) {
  const q = new URLSearchParams();
  for (const k of ['today', 'silence_days']) if (pageParams.get(k)) q.set(k, pageParams.get(k));
  for (const [k, v] of Object.entries(params || {})) if (v !== '' && v !== null && v !== undefined) q.set(k, v);
  const s = q.toString();
  return s ? `${route(path)}?${s}` : route(path);
}

async function readJson(r) {
  const text = await r.text();
  let body = null;
  try { body = text ? JSON.parse(text) : {}; } catch (e) { /* not JSON */ }
  // A practice's server: no session (or it ended) sends the dashboard to the sign-in page.
  if (r.status === 401 && body && body.code === 'unauthenticated' && location.pathname === '/') {
    location.assign('/practice');
  }
  if (!r.ok) {
    const msg = body && body.error ? body.error : `keel answered ${r.status} ${r.statusText}`.trim();
    throw new ApiError(friendlyError(msg), { status: r.status, code: (body && body.code) || '', field: (body && body.field) || '' });
  }
  if (body === null) throw new ApiError('keel sent an answer that is not JSON');
  return body;
}

const unreachable = () => new ApiError('cannot reach keel: the server behind this page has stopped or is busy. Start it again where you started it, then reload this page.', { code: 'unreachable' });

export async function get(path, params) {
  let r;
  try { r = await fetch(apiUrl(path, params), { headers: { Accept: 'application/json' }, cache: 'no-store' }); }
  catch (e) { throw unreachable(); }
  return readJson(r);
}

// A read of the signed-in account's own route, never routed to a client's search (/api/grants).
export async function getOwn(path) {
  let r;
  try { r = await fetch(path, { headers: { Accept: 'application/json' }, cache: 'no-store' }); }
  catch (e) { throw unreachable(); }
  return readJson(r);
}

async function postTo(url, body) {
  let r;
  try {
    r = await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Keel-Token': token(), Accept: 'application/json' },
      body: JSON.stringify(body || {}),
    });
  } catch (e) { throw unreachable(); }
  return readJson(r);
}

export async function post(path, body) {
  if (client) throw new ApiError("this is your client's search, which you can read but not change", { code: 'forbidden' });
  return postTo(apiUrl(path), body);
}

// The one write a coach makes on a client's page: a private note or a comment (`kind`).
export async function postNote(kind, body) {
  if (!client || !['notes', 'comments'].includes(kind)) throw new ApiError('notes are written on a client\'s page');
  return postTo(`/api/searches/${client}/${kind}`, body);
}

export function friendlyError(msg) {
  let s = String(msg || 'something went wrong');
  for (const [flag, label] of Object.entries(FLAG_LABEL)) s = s.replace(new RegExp(`add ${flag}\\b|${flag}\\b`, 'g'), label);
  return s;
}
