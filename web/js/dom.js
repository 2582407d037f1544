// Element helpers and plain formatting. Text always goes in as text (textContent or text nodes),
// never as HTML: a reason or an organization's name can hold anything.

export const $ = (id) => document.getElementById(id);

// h('p', {class: 'x', onclick: fn}, 'text', child, ...)
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === 'class') el.className = v;
    else if (k === 'text') el.textContent = v;
    else if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

// Text with `code` spans (keel's suggestions quote CLI commands in backticks).
export function richText(s) {
  const parts = String(s || '').split('`');
  return parts.map((p, i) => (i % 2 ? h('code', {}, p) : p));
}

export const DAY = 86400;
export const pct = (x, digits = 0) => (x === null || x === undefined || !isFinite(x) ? '—' : `${(x * 100).toFixed(digits)}%`);
export const plural = (n, one, many) => `${n} ${n === 1 ? one : (many || one + 's')}`;
export const capitalize = (s) => (s ? s[0].toUpperCase() + s.slice(1) : s);
export const themeName = (t) => (t ? t.replace(/-/g, ' ') : '');
export const oneIn = (rate) => (rate > 0 ? Math.max(1, Math.round(1 / rate)) : null);
export function fmtDate(iso) {
  if (!iso) return '';
  const [y, m, d] = iso.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d)).toLocaleDateString(undefined, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
}
export const isoToSec = (iso) => { const [y, m, d] = iso.split('-').map(Number); return Date.UTC(y, m - 1, d) / 1000; };
export const mondayOf = (sec) => sec - (((new Date(sec * 1000).getUTCDay() + 6) % 7) * DAY);

const Z95 = 1.959963984540054;
export function wilson(k, n, z = Z95) {
  if (n <= 0) return [null, null];
  const p = k / n, z2 = z * z, den = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / den;
  const half = (z * Math.sqrt(p * (1 - p) / n + z2 / (4 * n * n))) / den;
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}

// The polite status line under the header: what just happened, and any notices keel sent.
export function notify(text, notices) {
  const n = $('notice');
  const extra = (notices || []).filter(Boolean);
  n.replaceChildren(text, ...extra.map((x) => h('span', { class: 'notice-extra' }, `Note: ${x}.`)));
  clearTimeout(notify.t);
  notify.t = setTimeout(() => { n.replaceChildren(); }, extra.length ? 20000 : 8000);
}

export const isPhone = () => window.matchMedia('(max-width: 640px)').matches;
