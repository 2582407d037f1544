#!/usr/bin/env node
// A stand-in for `keel serve`, for developing the dashboard without the C++ server:
// serves web/ files and answers /api/* by running the keel CLI with --json.
// Usage: node tests/web/standin-server.mjs --keel PATH --db FILE [--today DATE] [--port N]
// Prints "keel is running at http://127.0.0.1:PORT" once listening, like `keel serve`.
import http from 'node:http';
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import crypto from 'node:crypto';

const here = path.dirname(fileURLToPath(import.meta.url));
const web = path.resolve(here, '../../web');
const opt = {};
for (let i = 2; i < process.argv.length; i += 2) opt[process.argv[i].replace(/^--/, '')] = process.argv[i + 1];
const keel = opt.keel;
const token = crypto.randomBytes(16).toString('hex');

const files = {
  '/': ['index.html', 'text/html; charset=utf-8'],
  '/app.js': ['app.js', 'text/javascript; charset=utf-8'],
  '/style.css': ['style.css', 'text/css; charset=utf-8'],
  '/uplot.js': ['node_modules/uplot/dist/uPlot.iife.min.js', 'text/javascript; charset=utf-8'],
  '/uplot.css': ['node_modules/uplot/dist/uPlot.min.css', 'text/css; charset=utf-8'],
};

// One CLI process at a time: concurrent keel processes on a fresh database can find it locked.
let queue = Promise.resolve();
function run(args, query) {
  const next = queue.then(() => run1(args, query));
  queue = next.catch(() => {});
  return next;
}
function run1(args, query) {
  const g = ['--db', opt.db];
  if (!args.includes('--ics')) g.push('--json');
  const today = query.get('today') || opt.today;
  if (today) g.push('--today', today);
  if (query.get('silence_days')) g.push('--silence-days', query.get('silence_days'));
  return new Promise((resolve) => {
    execFile(keel, [...g, ...args], { maxBuffer: 64 << 20 }, (err, stdout, stderr) => {
      const line = (stderr || '').split('\n').find((l) => l.startsWith('error:')) || (stderr || '').trim();
      if (err) console.error(`standin: keel ${args.join(' ')}: ${line}`);
      resolve({ ok: !err, stdout, error: line.replace(/^error:\s*/, '') });
    });
  });
}

const opts = (body, map) => {
  const a = [];
  for (const [k, flag] of Object.entries(map)) {
    const v = body[k];
    if (v === undefined || v === null || v === '') continue;
    if (v === true) a.push(flag);
    else if (v === false) continue;
    else if (Array.isArray(v)) v.forEach((x) => a.push(flag, String(x)));
    else a.push(flag, String(v));
  }
  return a;
};
const facets = { industry: '--industry', location: '--location', seniority: '--seniority', remote: '--remote', salary: '--salary' };

function getArgs(name, q) {
  switch (name) {
    case 'stats': return q.get('by') ? ['stats', '--by', q.get('by')] : ['stats'];
    case 'patterns': return q.get('window') ? ['patterns', '--window', q.get('window')] : ['patterns'];
    case 'show': return ['show', q.get('id') || ''];
    case 'export': return ['export', '--format', 'json'];
    case 'list': {
      const a = ['list'];
      if (q.get('open') === '1') a.push('--open');
      for (const k of ['kind', 'channel', 'outcome', 'org']) if (q.get(k)) a.push('--' + k, q.get(k));
      return a;
    }
    case 'status': case 'streak': case 'forecast': case 'silence': case 'agenda': case 'actions':
    case 'drift': case 'strategy': case 'materials': return [name];
    default: return null;
  }
}

function postArgs(name, b) {
  switch (name) {
    case 'ask': return ['ask', String(b.org ?? ''), ...opts(b, { person: '--to', kind: '--kind', channel: '--channel', role: '--role', on: '--on', note: '--note', materials: '--material', despite: '--despite', new_org: '--new-org', new_person: '--new-person', ...facets })];
    case 'answer': {
      const o = b.outcome;
      if (!['yes', 'no', 'not-yet', 'silent', 'reopen'].includes(o)) return null;
      return [o, String(b.id ?? ''), ...opts(b, { on: '--on', until: '--until', reason: '--reason', theme: '--theme' })];
    }
    case 'follow-up': return ['follow-up', String(b.id ?? ''), ...opts(b, { on: '--on', note: '--note' })];
    case 'edit': return ['edit', String(b.id ?? ''), ...opts(b, { org: '--org', person: '--to', kind: '--kind', channel: '--channel', role: '--role', on: '--on', replied_on: '--replied-on', reason: '--reason', note: '--note', theme: '--theme', materials: '--material', ...facets })];
    case 'delete': return ['delete', String(b.id ?? ''), '--yes'];
    case 'undo': return ['undo'];
    default: return null;
  }
}

const send = (res, code, type, body) => { res.writeHead(code, { 'Content-Type': type, 'Cache-Control': 'no-store' }); res.end(body); };
const json = (res, code, obj) => send(res, code, 'application/json', typeof obj === 'string' ? obj : JSON.stringify(obj));

const server = http.createServer(async (req, res) => {
  const url = new URL(req.url, 'http://x');
  try {
    if (req.method === 'GET' && files[url.pathname]) {
      const [f, type] = files[url.pathname];
      let body = await readFile(path.join(web, f));
      if (f === 'index.html') body = body.toString().replaceAll('__KEEL_TOKEN__', token);
      return send(res, 200, type, body);
    }
    const m = url.pathname.match(/^\/api\/([a-z.-]+)$/);
    if (!m) return json(res, 404, { error: 'not found' });
    if (req.method === 'GET') {
      if (m[1] === 'agenda.ics') {
        const r = await run(['agenda', '--ics'], url.searchParams);
        return r.ok ? send(res, 200, 'text/calendar; charset=utf-8', r.stdout) : json(res, 400, { error: r.error });
      }
      const a = getArgs(m[1], url.searchParams);
      if (!a) return json(res, 404, { error: 'not found' });
      const r = await run(a, url.searchParams);
      return r.ok ? json(res, 200, r.stdout) : json(res, 400, { error: r.error });
    }
    if (req.method === 'POST') {
      if (req.headers['x-keel-token'] !== token) return json(res, 403, { error: 'missing or wrong X-Keel-Token; reload the page' });
      let data = '';
      for await (const c of req) data += c;
      let b;
      try { b = JSON.parse(data || '{}'); } catch { return json(res, 400, { error: 'the body is not JSON' }); }
      const a = postArgs(m[1], b);
      if (!a) return json(res, 404, { error: 'not found' });
      const r = await run(a, url.searchParams);
      return r.ok ? json(res, 200, r.stdout || '{}') : json(res, 400, { error: r.error });
    }
    json(res, 405, { error: 'method not allowed' });
  } catch (e) {
    json(res, 500, { error: String(e.message || e) });
  }
});
server.listen(Number(opt.port || 0), '127.0.0.1', () => {
  console.log(`keel is running at http://127.0.0.1:${server.address().port}`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
