// keel's dashboard: loads the vocabulary (/api/meta), sets up the forms, then reads every report
// of the JSON API (the same bytes as the CLI's --json) and draws the page. Plain ES modules, no
// build step; charts by uPlot, loaded before this module as window.uPlot.
import { get, client, practice } from './api.js';
import { loadCoaching, renderCoaching, setupCoaching } from './coaching.js';
import { $, h } from './dom.js';
import { loadMeta } from './meta.js';
import { state } from './state.js';
import { renderWeekly, renderSurvival, setupResize, setupWindow } from './charts.js';
import { setupForms, setupTabs, renderUndo } from './forms.js';
import { loadList, renderRows, setupFilters } from './table.js';
import { setupFeedback, renderFeedbackPickers } from './feedback.js';
import { setupStrategy, renderStrategy } from './strategy.js';
import { setupMaterials, renderMaterials } from './materials.js';
import { setupImport } from './importer.js';
import { setupClosing, renderClosing } from './closing.js';
import { renderBoard } from './board.js';
import { setupContacts, renderContacts, renderGoal } from './contacts.js';
import { setupPostings, renderPostings, renderAgendaDeadlines } from './postings.js';
import { setupInterviews, renderInterviews, renderAgendaInterviews } from './interviews.js';
import { renderGlance, renderStreak, renderForecast, renderAgenda, renderAskPickers, renderFunnel, renderPatterns, renderActions } from './views.js';

const SOURCES = {
  status: ['/api/status'], total: ['/api/stats'], kinds: ['/api/stats', { by: 'kind' }], streak: ['/api/streak'],
  forecast: ['/api/forecast'], silence: ['/api/silence'], agenda: ['/api/agenda'],
  patterns: ['/api/patterns', { window: 180 }], actions: ['/api/actions'], exported: ['/api/export'],
  undo: ['/api/undo'], pipeline: ['/api/pipeline'], contacts: ['/api/contacts'],
  strategy: ['/api/strategy'], drift: ['/api/drift'], strategyHistory: ['/api/strategy/history'], materials: ['/api/materials'],
  postings: ['/api/postings'], interviews: ['/api/interviews'],
};

// Reads everything and redraws; each part that fails to load or draw is named, the rest still shows.
export async function refresh() {
  const names = Object.keys(SOURCES);
  const results = await Promise.allSettled(names.map((n) => get(...SOURCES[n])));
  const failed = [];
  results.forEach((r, i) => {
    if (r.status === 'fulfilled') state.data[names[i]] = r.value;
    else { state.data[names[i]] = null; failed.push(`${names[i]}: ${r.reason.message}`); }
  });
  const banner = $('load-error');
  banner.hidden = failed.length === 0;
  banner.textContent = failed.length ? `Some parts could not load (${failed.join('; ')}).` : '';
  // A coach whose client stopped sharing (or whose grant ended) sees nothing of the search: say so
  // once, rather than name every part that could not load.
  if (client && results.every((r) => r.status === 'rejected' && r.reason.status === 404)) {
    notShared();
    document.body.dataset.refreshes = String(Number(document.body.dataset.refreshes || 0) + 1);
    return;
  }
  const d = state.data;
  const render = [
    [renderGlance, d.status && d.total], [renderStreak, d.streak], [renderForecast, d.forecast],
    [renderAgenda, d.agenda], [renderAskPickers, d.exported], [renderWeekly, d.exported && d.status],
    [renderSurvival, d.silence], [renderFunnel, d.kinds], [renderPatterns, d.patterns], [renderActions, d.actions],
    [() => renderUndo(d.undo), true], [() => renderBoard(refresh), d.pipeline],
    [renderContacts, d.contacts], [renderGoal, d.status],
    [renderFeedbackPickers, d.exported], [renderClosing, d.status && d.exported], [() => renderStrategy(refresh), d.strategy], [renderMaterials, d.materials],
    [renderPostings, d.postings], [renderAgendaDeadlines, d.agenda],
    [renderInterviews, d.interviews], [renderAgendaInterviews, d.agenda],
  ];
  for (const [fn, ok] of render) {
    if (!ok) continue;
    try { fn(); } catch (e) { console.warn(`keel: could not draw ${fn.name}:`, e); }
  }
  await Promise.all([loadList(), loadCoaching()]);
  try { renderCoaching(); renderRows(); if (d.patterns) renderPatterns(); } catch (e) { console.warn('keel: could not draw the notes:', e); }
  document.body.dataset.refreshes = String(Number(document.body.dataset.refreshes || 0) + 1);
}

function notShared() {
  const b = $('load-error');
  b.hidden = false;
  b.replaceChildren('This search is not shared with you: your client stopped sharing it, or the time they allowed has ended. ',
    h('a', { href: '/practice' }, 'Back to your clients'));
  $('main').hidden = true;
}

async function start() {
  // A coach reading a client's search: no forms, and a line that says whose search it is.
  if (client) {
    document.body.classList.add('read-only');
    const b = $('notice');
    b.textContent = `You are reading your client's search (${client}), as they allowed. Nothing here can be changed. `
      + 'The sentences on this page were written for your client: where they say “you”, read “your client”.';
    for (const el of document.querySelectorAll('[data-client]')) el.textContent = el.dataset.client;
  }
  $('coach-form').hidden = !client;
  // On a practice's server, the way back to the practice page: the coach's clients, or the
  // seeker's sharing and account.
  if (client || practice) {
    $('practice-link').hidden = false;
    $('practice-link').textContent = client ? 'Your clients' : 'Sharing and account';
  }
  if (!window.uPlot) {
    const b = $('load-error');
    b.hidden = false;
    b.textContent = 'The chart library did not load; charts are off. Everything else works.';
  }
  try {
    await loadMeta();
  } catch (e) {
    if (client && e.status === 404) {
      notShared();
      document.body.dataset.ready = '1';
      return;
    }
    const b = $('load-error');
    b.hidden = false;
    b.textContent = `keel's vocabulary could not load (${e.message}); reload the page.`;
    return;
  }
  setupTabs();
  setupForms(refresh);
  setupFeedback(refresh);
  setupStrategy(refresh);
  setupMaterials(refresh);
  setupImport(refresh);
  setupClosing(refresh);
  setupContacts(refresh);
  setupPostings(refresh);
  setupInterviews(refresh);
  setupCoaching(refresh);
  setupFilters();
  setupResize();
  setupWindow(() => { if (state.data.exported && state.data.status) renderWeekly(); });
  // The charts read their colours from the CSS: redraw them when the colour scheme changes.
  window.matchMedia('(prefers-color-scheme: dark)').addEventListener('change', () => {
    if (state.data.exported && state.data.status) renderWeekly();
    if (state.data.silence) renderSurvival();
  });
  await refresh();
  document.body.dataset.ready = '1';
}

// Modules run after the document is parsed, like `defer`.
start();
