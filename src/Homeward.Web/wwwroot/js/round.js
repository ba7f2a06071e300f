// A carer's round on the phone. What the carer does (check in, check out, could not visit) goes into an outbox kept
// on the phone, keyed by the carer, and is sent to Homeward in the order it was done whenever there is a connection:
// at once, when the phone comes back online, and every 30 seconds. Each action has its own id, so a resend after a
// lost answer is never applied twice. The service worker keeps today's round for when there is no signal.
const round = document.querySelector('.hw-round');
const sync = document.querySelector('[data-testid="sync"]');
const shareBox = document.querySelector('[data-testid="share-location"]');

if ('serviceWorker' in navigator) {
  const firstVisit = !navigator.serviceWorker.controller;
  navigator.serviceWorker.register('/round-worker.js', { scope: '/my-day' })
    // The page that installed the worker was not fetched through it: keep today's round now, for the first spell offline.
    .then(() => (firstVisit && round && round.dataset.today === 'true' && navigator.onLine
      ? caches.open('homeward-round-v1').then((cache) => cache.add('/my-day')) : null))
    .catch(() => { /* the round works online without it */ });
}

if (round) {
  const worker = round.dataset.worker;
  const outboxKey = `homeward.outbox.${worker}`;
  const shareKey = `homeward.share-location.${worker}`;
  const read = () => JSON.parse(localStorage.getItem(outboxKey) || '[]');
  const write = (list) => localStorage.setItem(outboxKey, JSON.stringify(list));
  const time = (iso) => new Date(iso).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', timeZone: 'Europe/London' });
  const card = (visitId) => round.querySelector(`[data-visit="${visitId}"]`);
  const reasons = {
    CouldNotGetIn: 'no access', PersonDeclined: 'refused', PersonNotIn: 'not in', PersonInHospital: 'in hospital', Other: 'other',
  };

  const show = (visitId, status, text, colour) => {
    const c = card(visitId);
    if (!c) return;
    c.dataset.status = status;
    const tag = c.querySelector('[data-testid="visit-status"]');
    tag.textContent = text;
    tag.className = `nhsuk-tag nhsuk-tag--${colour}`;
  };

  // What the card shows once an action is done on the phone, sent or not.
  const applyLocally = (action) => {
    const c = card(action.visitId);
    if (!c) return;
    if (action.kind === 'CheckIn') show(action.visitId, 'InProgress', `Checked in ${time(action.at)}`, 'blue');
    if (action.kind === 'CheckOut') {
      const from = c.dataset.arrived || action.at;
      show(action.visitId, 'Done', `Done ${time(from)}–${time(action.at)}`, 'green');
    }
    if (action.kind === 'CouldNotVisit') show(action.visitId, 'Missed', `Could not visit: ${reasons[action.reason] || 'other'}`, 'red');
    if (action.kind === 'CheckIn') c.dataset.arrived = action.at;
  };

  const markPending = () => {
    const waiting = new Set(read().map((a) => a.visitId));
    round.querySelectorAll('[data-visit]').forEach((c) => {
      c.querySelector('[data-testid="pending"]').hidden = !waiting.has(c.dataset.visit);
    });
  };

  const say = (text, warning) => {
    sync.hidden = !text;
    sync.className = warning ? 'hw-round-sync nhsuk-warning-callout' : 'hw-round-sync nhsuk-inset-text';
    sync.innerHTML = '';
    const p = document.createElement('p');
    p.textContent = text;
    sync.appendChild(p);
  };

  let sending = false;
  const flush = async () => {
    const list = read();
    markPending();
    if (list.length === 0 || sending) return;
    if (!navigator.onLine) {
      say(`You are offline. ${list.length} ${list.length === 1 ? 'record is' : 'records are'} kept on this phone and will be sent when you are back online.`, true);
      return;
    }
    sending = true;
    try {
      const response = await fetch('/api/rotas/mine/actions', {
        method: 'POST', credentials: 'same-origin', headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify({ actions: list }),
      });
      if (response.status === 401) {
        say(`Sign in again to send the ${list.length} ${list.length === 1 ? 'record' : 'records'} kept on this phone.`, true);
        return;
      }
      if (response.status === 400) {
        // Homeward refused something the phone should have caught: keep everything, and say so for the office to look at.
        const problem = await response.json().catch(() => ({}));
        const said = Object.entries(problem.errors || {}).map(([field, messages]) => `${field}: ${messages.join(' ')}`).join(' ');
        say(`Homeward could not take the records kept on this phone: ${said || 'the request was refused'}. They stay on this phone; tell your coordinator.`, true);
        return;
      }
      if (!response.ok) {
        say(`Homeward could not take the records just now (${response.status}). They are kept on this phone and will be sent again.`, true);
        return;
      }
      const results = await response.json();
      const done = new Set(results.map((r) => r.id));
      write(read().filter((a) => !done.has(a.id)));
      const conflicts = results.filter((r) => r.outcome === 'Conflict');
      results.filter((r) => r.outcome === 'Applied' && r.status === 'Done' && r.arrivedAt && r.leftAt)
        .forEach((r) => show(r.visitId, 'Done', `Done ${time(r.arrivedAt)}–${time(r.leftAt)}`, 'green'));
      say(conflicts.length === 0
        ? `Sent: ${results.length} ${results.length === 1 ? 'record' : 'records'}.`
        : `Sent, but ${conflicts.length} did not fit the visit and went to the hub: ${conflicts.map((c) => c.message).join(' ')}`, conflicts.length > 0);
    } catch {
      say(`No connection. ${list.length} ${list.length === 1 ? 'record is' : 'records are'} kept on this phone and will be sent when you are back online.`, true);
    } finally {
      sending = false;
      markPending();
    }
  };

  const where = () => new Promise((resolve) => {
    if (!shareBox || !document.getElementById('share-location').checked || !('geolocation' in navigator)) return resolve(null);
    navigator.geolocation.getCurrentPosition(
      (p) => resolve({ latitude: p.coords.latitude, longitude: p.coords.longitude }),
      () => resolve(null),
      { enableHighAccuracy: true, timeout: 10000, maximumAge: 60000 },
    );
  });

  round.addEventListener('submit', async (event) => {
    const form = event.target.closest('form[data-action]');
    if (!form) return;
    event.preventDefault();
    const data = new FormData(form);
    const kind = form.dataset.action;
    if (kind === 'CouldNotVisit' && !data.get('reason')) {
      say('Choose why the visit could not be made.', true);
      form.querySelector('input[name="reason"]').focus();
      return;
    }
    // Each task and medicine prompt of the visit, checked here as Homeward would: a record kept offline cannot be refused later.
    const tasks = kind !== 'CheckOut' ? [] : [...form.querySelectorAll('[data-task]')].map((el) => {
      const reason = (el.querySelector('input[type="text"]').value || '').trim() || null;
      const outcome = el.dataset.kind === 'Task'
        ? (el.querySelector('input[type="checkbox"]').checked ? 'Done' : 'NotDone')
        : (el.querySelector('input[type="radio"]:checked') || {}).value || null;
      return { kind: el.dataset.kind, text: el.dataset.text, outcome, reason, element: el };
    });
    const unanswered = tasks.find((t) => (t.outcome === 'NotDone' && !t.reason) || !t.outcome);
    if (unanswered) {
      say(unanswered.kind === 'Task' ? `Say why this was not done: ${unanswered.text}.` : `Say whether the medicine was taken: ${unanswered.text}.`, true);
      unanswered.element.querySelector(unanswered.kind === 'Task' ? 'input[type="text"]' : 'input[type="radio"]').focus();
      return;
    }
    const at = new Date().toISOString();
    const place = kind === 'CouldNotVisit' ? null : await where();
    const action = {
      id: crypto.randomUUID ? crypto.randomUUID() : data.get('actionId'), visitId: data.get('visitId'), kind, at,
      reason: data.get('reason') || null, notes: (data.get('notes') || '').trim() || null, ...(place || {}),
      tasks: tasks.map(({ element, ...task }) => task),
      softSigns: kind === 'CheckOut' ? data.getAll('softSigns') : [],
    };
    write([...read(), action]);
    applyLocally(action);
    form.reset();
    await flush();
  });

  // Confirming the round needs Homeward there: with no signal, say so rather than show the browser's offline page.
  document.querySelectorAll('.hw-round__confirm').forEach((form) => form.addEventListener('submit', (event) => {
    if (!navigator.onLine) {
      event.preventDefault();
      say('You are offline: confirm your round when you are back online.', true);
    }
  }));

  if (shareBox) {
    shareBox.hidden = !('geolocation' in navigator);
    const box = document.getElementById('share-location');
    box.checked = localStorage.getItem(shareKey) === 'yes';
    box.addEventListener('change', () => localStorage.setItem(shareKey, box.checked ? 'yes' : 'no'));
  }

  // A round served from the phone's copy (offline) shows what the carer did since it was kept.
  read().forEach(applyLocally);
  window.addEventListener('online', flush);
  window.addEventListener('offline', flush);
  setInterval(flush, 30000);
  flush();
}
