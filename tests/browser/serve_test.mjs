// communique serve in a real browser (headless Chromium over the DevTools
// protocol, cdp.mjs). Run by tests/e2e/serve_browser.sh:
//
//   node serve_test.mjs --chromium PATH --profile DIR --base http://127.0.0.1:PORT
//        --token TOKEN --event ID --actor NAME --expect IDS --hostile REPORT
//        [--png FILE]   a 1200 px picture of the event's page (docs/serve.png)
//
// Proves: the page opened with the token loads (the token moves into a
// cookie and out of the address), shows the timeline, filters it by actor
// through the form (the address carries the filter), opens an event with
// its report's text and the evidence marked, adds a note and a tag through
// the forms, and after a reload shows them, in the event and its history;
// a page opened without the token is read only and its write is refused;
// report text full of markup stays text; through all of it no console
// warning or error, no exception, no dialog, and no request leaves the
// server's origin.
// Prints "ok - ..." per check and "N passed, N failed"; exits 1 on a failure.
import { writeFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

import { launch } from './cdp.mjs';

const opts = {};
for (let i = 2; i < process.argv.length; i += 2) opts[process.argv[i].replace(/^--/, '')] = process.argv[i + 1];
for (const k of ['chromium', 'profile', 'base', 'token', 'event', 'actor', 'hostile']) {
  if (!opts[k]) {
    console.error(`usage: missing --${k}`);
    process.exit(2);
  }
}
const base = opts.base;

let passed = 0;
let failed = 0;
function check(ok, what, detail = '') {
  if (ok) {
    passed++;
    console.log(`ok - ${what}`);
  } else {
    failed++;
    console.log(`not ok - ${what}${detail ? `: ${detail}` : ''}`);
  }
}

async function evaluate(page, expression) {
  const r = await page.send('Runtime.evaluate', { expression, returnByValue: true, awaitPromise: true });
  if (r.exceptionDetails) {
    throw new Error(`${expression.slice(0, 80)}: ${r.exceptionDetails.exception?.description ?? r.exceptionDetails.text}`);
  }
  return r.result.value;
}

// Waits until the expression is true in the page (or fails the check).
async function until(page, expression, what, ms = 5000) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await evaluate(page, `(() => { try { return !!(${expression}); } catch (e) { return false; } })()`)) return true;
    await sleep(50);
  }
  check(false, what, `timed out waiting for ${expression}`);
  return false;
}

async function openPage(browser) {
  const page = await browser.newPage();
  const log = { requests: [], messages: [], dialogs: [] };
  page.on('Network.requestWillBeSent', (p) => log.requests.push(p.request.url));
  page.on('Runtime.consoleAPICalled', (p) => {
    if (['error', 'warning', 'assert'].includes(p.type)) {
      log.messages.push(`console.${p.type}: ${p.args.map((a) => a.value ?? a.description).join(' ')}`);
    }
  });
  page.on('Runtime.exceptionThrown', (p) => log.messages.push(`exception: ${p.exceptionDetails.text} ${
    p.exceptionDetails.exception?.description ?? ''}`));
  page.on('Log.entryAdded', (p) => {
    if (['error', 'warning'].includes(p.entry.level)) log.messages.push(`${p.entry.level}: ${p.entry.text} ${p.entry.url ?? ''}`);
  });
  page.on('Page.javascriptDialogOpening', (p) => {
    log.dialogs.push(`${p.type}: ${p.message}`);
    page.send('Page.handleJavaScriptDialog', { accept: false }).catch(() => {});
  });
  await Promise.all(['Page.enable', 'Runtime.enable', 'Log.enable', 'Network.enable'].map((m) => page.send(m)));
  await page.send('Emulation.setDeviceMetricsOverride', { width: 1200, height: 900, deviceScaleFactor: 1, mobile: false });
  page.log = log;
  return page;
}

// A full load each time (a change of the fragment alone would not reload).
async function navigate(page, url) {
  if (url.includes('#')) {
    const blank = page.waitFor('Page.loadEventFired');
    await page.send('Page.navigate', { url: 'about:blank' });
    await blank;
  }
  const loaded = page.waitFor('Page.loadEventFired');
  const nav = await page.send('Page.navigate', { url });
  if (nav.errorText) throw new Error(`cannot load ${url}: ${nav.errorText}`);
  await loaded;
}

function checkQuiet(page, name) {
  const away = page.log.requests.filter((u) => !u.startsWith(base + '/'));
  check(away.length === 0, `${name}: no request leaves ${base}`, away.join(', '));
  check(page.log.messages.length === 0, `${name}: no console warning, error or exception`, page.log.messages.join(' | '));
  check(page.log.dialogs.length === 0, `${name}: no dialog`, page.log.dialogs.join(' | '));
}

const setValue = (sel, v) => `(() => { const e = document.querySelector(${JSON.stringify(sel)});
  e.value = ${JSON.stringify(v)}; e.dispatchEvent(new Event('input', {bubbles: true})); return true; })()`;
const submit = (sel) => `(() => { document.querySelector(${JSON.stringify(sel)}).requestSubmit(); return true; })()`;
const ids = `[...document.querySelectorAll('#timeline article.event')].map((a) => a.dataset.id)`;

const browser = await launch({ executable: opts.chromium, userDataDir: opts.profile, timeoutMs: 120000 });
try {
  // ---- with the token --------------------------------------------------------------
  const page = await openPage(browser);
  await navigate(page, `${base}/?token=${opts.token}`);
  await until(page, `document.querySelectorAll('#timeline article.event').length > 0`, 'the timeline shows');
  check(!(await evaluate(page, 'location.href')).includes('token'), 'the token left the address bar');
  check(await evaluate(page, `document.getElementById('mode').textContent === 'can correct'`), 'the page may correct');
  const all = await evaluate(page, ids);
  check(all.length > 0, 'the timeline lists events', `${all.length}`);

  // Filter through the form: the address carries the filter.
  await evaluate(page, setValue('#filters input[name=actor]', opts.actor));
  await evaluate(page, submit('#filters'));
  await until(page, `location.hash.includes('actor=')`, 'the filter goes into the address');
  await sleep(100);
  await until(page, `document.getElementById('f-count').textContent !== ''`, 'the filtered timeline shows');
  const filtered = await evaluate(page, ids);
  const expected = JSON.parse(opts.expect || '[]');
  check(filtered.length > 0 && filtered.length < all.length, `filtering by ${opts.actor} narrows the timeline`,
    `${filtered.length} of ${all.length}`);
  if (expected.length) check(JSON.stringify(filtered) === JSON.stringify(expected), 'the filter shows what the API says', `${filtered} vs ${expected}`);
  const hash = await evaluate(page, 'location.hash');
  // The bookmark: the same address in a fresh load shows the same events.
  await navigate(page, `${base}/${hash}`);
  await until(page, `document.querySelectorAll('#timeline article.event').length > 0`, 'the bookmarked view loads');
  check(JSON.stringify(await evaluate(page, ids)) === JSON.stringify(filtered), 'a bookmarked view shows the same events');

  // Open the event.
  await navigate(page, `${base}/#/event/${opts.event}`);
  await until(page, `document.getElementById('history')`, 'the event page shows');
  check(await evaluate(page, `document.querySelectorAll('section.report').length > 0`), 'the event shows its report');
  check(await evaluate(page, `!!document.querySelector('section.report mark#evidence')`), 'the evidence is marked in the report text');

  // Curate: a note and a tag through the forms.
  const note = `Checked against the wire <b>copy</b> ${Date.now()}`;
  await evaluate(page, setValue('#f-note input[name=text]', note));
  await evaluate(page, submit('#f-note'));
  await until(page, `document.getElementById('status').textContent.startsWith('note: saved')`, 'the note is saved');
  await until(page, `document.getElementById('f-tag')`, 'the page shows again');
  await evaluate(page, setValue('#f-tag input[name=tag]', 'checked-in-browser'));
  await evaluate(page, submit('#f-tag'));
  await until(page, `document.getElementById('status').textContent.startsWith('tag: saved')`, 'the tag is saved');

  // Reload: the change is the archive's, not the page's.
  await navigate(page, `${base}/#/event/${opts.event}`);
  await until(page, `document.getElementById('history')`, 'the event page shows after a reload');
  const notes = await evaluate(page, `[...document.querySelectorAll('.notes li')].map((l) => l.firstChild.textContent.trim())`);
  check(notes.includes(note), 'after a reload the note shows, as text', JSON.stringify(notes));
  check(await evaluate(page, `!document.querySelector('.notes b')`), 'the note\'s markup stayed text');
  check(await evaluate(page, `[...document.querySelectorAll('.tag')].some((t) => t.textContent === 'checked-in-browser')`),
    'after a reload the tag shows');
  check(await evaluate(page, `[...document.querySelectorAll('#history li')].filter((l) => /note|tag/.test(l.textContent)).length >= 2`),
    'the history lists the note and the tag');

  if (opts.png) {
    await page.send('Emulation.setDeviceMetricsOverride', { width: 1200, height: 1400, deviceScaleFactor: 1, mobile: false });
    await sleep(100);
    const { data } = await page.send('Page.captureScreenshot', {
      format: 'png', clip: { x: 0, y: 0, width: 1200, height: 1400, scale: 1 }, captureBeyondViewport: true,
    });
    writeFileSync(opts.png, Buffer.from(data, 'base64'));
    await page.send('Emulation.setDeviceMetricsOverride', { width: 1200, height: 900, deviceScaleFactor: 1, mobile: false });
  }

  // Add an event the extraction missed, from its report's page.
  const rid = (await evaluate(page, `document.querySelector('section.report').dataset.id`)).slice(1);
  await navigate(page, `${base}/#/report/${rid}`);
  await until(page, `document.getElementById('f-add')`, 'the report page offers to add an event');
  await evaluate(page, `(() => { document.querySelector('#f-add select[name=type]').value = 'meeting'; return true; })()`);
  await evaluate(page, setValue('#f-add input[name=participant]', `${opts.actor}, China`));
  await evaluate(page, setValue('#f-add input[name=summary]', 'Added in the browser'));
  await evaluate(page, submit('#f-add'));
  await until(page, `document.getElementById('status').textContent.startsWith('added e')`, 'the event is added');
  await until(page, `document.querySelector('h1') && document.querySelector('h1').textContent === 'Added in the browser'`,
    'the added event\'s page shows');
  check(await evaluate(page, `[...document.querySelectorAll('section.report')].some((s) => s.dataset.id === 'r${rid}')`),
    'the added event is told by its report');

  // The other pages draw without error.
  await navigate(page, `${base}/#/relations?actor=${encodeURIComponent(opts.actor)}`);
  await until(page, `document.querySelector('#relations-chart rect')`, 'the relations chart draws bars');
  await navigate(page, `${base}/#/reports`);
  await until(page, `document.querySelectorAll('#reports li').length > 0`, 'the reports list shows');
  await navigate(page, `${base}/#/review`);
  await until(page, `document.getElementById('review').childNodes.length > 0`, 'the review queue shows');
  await navigate(page, `${base}/#/report/${opts.hostile}`);
  await until(page, `document.querySelector('.report-text')`, 'the hostile report shows');
  check(await evaluate(page, `document.scripts.length === 1 && !document.querySelector('main img, main iframe, main [onerror], main [onload]')`),
    'report markup stays text: no element made from it');
  await sleep(200);
  checkQuiet(page, 'with the token');

  // ---- without the token: the cookie cleared ---------------------------------------------
  const page2 = await openPage(browser);
  await page2.send('Network.clearBrowserCookies');
  await navigate(page2, `${base}/#/event/${opts.event}`);
  await until(page2, `document.getElementById('curation')`, 'the event page shows without the token');
  check(await evaluate(page2, `document.getElementById('mode').textContent === 'read only' && !document.getElementById('f-note')`),
    'without the token the page is read only');
  const refused = await evaluate(page2, `fetch('/api/events/${opts.event}/note', {method: 'POST',
    headers: {'Content-Type': 'application/json'}, body: JSON.stringify({text: 'intruder'})}).then((r) => r.status)`);
  check(refused === 401, 'a write without the token is refused (401)', `${refused}`);
  page2.log.messages = page2.log.messages.filter((m) => !m.includes('401'));   // the refusal we caused
  checkQuiet(page2, 'without the token');
} catch (e) {
  check(false, 'the test ran to its end', e.stack || String(e));
} finally {
  await browser.close();
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
