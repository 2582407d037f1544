// The end the ledger was for: "I accepted an offer" closes the search (`keel close --offer ID
// --on DATE`, POST /api/close), after a plain confirmation of what closing does; while it is closed
// the section congratulates and offers to reopen it (`keel close --undo`), for an offer that fell
// through. The offers to choose from are the asks answered yes that keel accepts as an offer: an
// offer, or the interview or application whose yes was the offer.
import { post } from './api.js';
import { $, h, fmtDate } from './dom.js';
import { state } from './state.js';
import { val, dateValue, submit, done, clearErrors, fieldError } from './formkit.js';

const OFFER_KINDS = ['offer', 'interview', 'application'];
const offers = new Map();  // id -> the ask, for the confirmation's words

function offerLabel(a) {
  const what = [a.role, a.kind].filter(Boolean).join(', ');
  return `#${a.id} ${a.org}${what ? ` — ${what}` : ''}, yes on ${a.replied_on || a.asked_on}`;
}

// Shows the closing form while the search is open and the congratulation while it is closed.
export function renderClosing() {
  const closed = state.data.status && state.data.status.closed;
  $('close-form').hidden = Boolean(closed);
  $('reopen-form').hidden = !closed;
  if (closed) {
    $('reopen-text').textContent = closed.message;
    return;
  }
  // Offers first, then the most recent yes.
  const rank = (a) => (a.kind === 'offer' ? 0 : 1);
  const asks = ((state.data.exported && state.data.exported.asks) || [])
    .filter((a) => a.outcome === 'yes' && OFFER_KINDS.includes(a.kind))
    .sort((x, y) => rank(x) - rank(y) || (y.replied_on || y.asked_on).localeCompare(x.replied_on || x.asked_on) || y.id - x.id);
  offers.clear();
  for (const a of asks) offers.set(a.id, a);
  const sel = $('close-offer');
  const keep = sel.value;
  sel.replaceChildren(h('option', { value: '' }, asks.length ? 'Choose the offer…' : 'No yes yet: record the offer’s yes under “Record a reply” first'),
    ...asks.map((a) => h('option', { value: String(a.id) }, offerLabel(a))));
  if (keep && asks.some((a) => String(a.id) === keep)) sel.value = keep;
}

function hideConfirm() {
  $('close-confirm').hidden = true;
  $('close-start').hidden = false;
}

export function setupClosing(refresh) {
  const f = $('close-form');
  // Step one: check the choice, then say plainly what closing does and ask to confirm.
  const confirmStep = () => submit(f, async () => {
    const id = Number(val(f, 'offer'));
    if (!id) throw fieldError('offer', 'Choose the offer you accepted (an ask answered yes).');
    const on = dateValue(f, 'on', 'today');
    const a = offers.get(id);
    const offer = a ? `the offer from ${a.org} (#${id}${a.role ? `, ${a.role}` : ''})` : `the offer of #${id}`;
    $('close-confirm-text').textContent =
      `Close your search with ${offer}, accepted ${on ? `on ${fmtDate(on)}` : 'today'}? ` +
      'The overview will congratulate you, with nothing left to chase. No ask is changed or removed, and you can reopen the search here if the offer falls through.';
    $('close-confirm').hidden = false;
    $('close-start').hidden = true;
    $('close-yes').focus();
  });
  $('close-start').addEventListener('click', confirmStep);
  $('close-cancel').addEventListener('click', () => {
    hideConfirm();
    $('close-start').focus();
  });
  for (const name of ['offer', 'on']) f.elements[name].addEventListener('change', hideConfirm);

  f.addEventListener('submit', (e) => {
    e.preventDefault();
    if ($('close-confirm').hidden) { confirmStep(); return; }
    submit(f, async () => {
      const body = { offer: Number(val(f, 'offer')) };
      const on = dateValue(f, 'on', 'today');
      if (on) body.on = on;
      let r;
      try {
        r = await post('/api/close', body);
      } catch (err) {
        hideConfirm();
        throw err;
      }
      f.reset();
      hideConfirm();
      await refresh();
      const reopen = $('reopen-form');
      clearErrors(reopen);
      done(reopen, 'Congratulations on your new job! Every ask you recorded is kept.', r);
      $('reopen-h').focus();
    });
  });

  $('reopen-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const rf = e.currentTarget;
    submit(rf, async () => {
      const r = await post('/api/close', { undo: true });
      await refresh();
      clearErrors(f);
      done(f, `Your search is open again; the offer from ${r.reopened ? r.reopened.org : 'that organization'} is no longer marked accepted, and every ask is as you left it.`, r);
      f.elements.offer.focus();
    });
  });
}
