// The HTML export in a real browser (headless Chromium, driven over the
// DevTools protocol by cdp.mjs). Run by tests/e2e/export_browser.sh:
//
//   node timeline_test.mjs --chromium PATH --profile DIR
//        --page FILE.html --events FILE.jsonl   the same archive's HTML and JSON Lines
//        --hostile FILE.html                    an export of report text full of markup
//        --shot FILE.html --png OUT.png         the page to photograph at 1200 px
//        [--long FILE.html]                     the timeline page with one event moved
//                                               decades back (its chart counts by year)
//
// Proves, for each page: it loads from file:// with no console message of
// level warning or error, no exception, no dialog, and no request but the
// page itself (so the inline script and style pass the page's
// Content-Security-Policy, and nothing is fetched); on the timeline page,
// that typing into #f-actor and #f-topic, choosing in #f-type, typing words
// into #f-text, clicking an actor chip and pressing Clear show exactly the
// events the JSON export says match (the others get the `hidden`
// attribute), that headings with no event left are hidden, and #f-count
// says how many show; that the chart the script draws (svg.live) shows,
// for the events in view, per month the events by CAMEO quad class and
// their mean intensity exactly as the JSON export computes them, redrawn
// after every filter, with the filters in its caption, and that it prints;
// on the hostile page, that the report's markup is
// text: one <script> (the page's own), no <img>, no inline handler, only
// http(s) links, and the text reads back as written.
// Prints "ok - ..." per check and "N passed, N failed" at the end; exits 1
// on any failure.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';

import { launch } from './cdp.mjs';

const opts = {};
for (let i = 2; i < process.argv.length; i += 2) {
  opts[process.argv[i].replace(/^--/, '')] = process.argv[i + 1];
}
for (const k of ['chromium', 'page', 'events', 'hostile', 'shot', 'png']) {
  if (!opts[k]) {
    console.error(`usage: missing --${k}`);
    process.exit(2);
  }
}

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

// The page script's own normalisation: lower case, accents removed.
const norm = (s) => (s || '').toLowerCase().normalize('NFKD').replace(/[\u0300-\u036f]/g, '');

const events = readFileSync(opts.events, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
const expect = {
  actor: (q) => events.filter((e) => e.actors.some((a) => norm(a.name).includes(norm(q)) ||
    (a.code && norm(a.code).includes(norm(q))))).map((e) => e.id),
  type: (t) => events.filter((e) => e.type === t).map((e) => e.id),
  topic: (q) => events.filter((e) => e.topics.some((t) => norm(t).includes(norm(q)))).map((e) => e.id),
};
const both = (a, b) => a.filter((x) => b.includes(x));

// The chart's series from the JSON export: per month (day- and
// month-precision events), the events by quad class (CAMEO root, as
// export --format dyads) and their mean intensity to two decimals.
const quadOf = (cameo) => {
  const root = /^[0-2][0-9]/.test(cameo || '') ? Number(cameo.slice(0, 2)) : 0;
  if (root < 1 || root > 20) return 'other';
  return root <= 5 ? 'verbal_cooperation' : root <= 8 ? 'material_cooperation'
    : root <= 13 ? 'verbal_conflict' : 'material_conflict';
};
const canonQuads = (q) => Object.keys(q).sort().map((k) => `${k}=${q[k]}`).join(' ');
function expectChart(ids) {
  const by = {};
  events.filter((e) => ids.includes(e.id) && ['day', 'month'].includes(e.date_precision)).forEach((e) => {
    const p = e.date.slice(0, 7);
    const b = (by[p] ??= { period: p, n: 0, quads: {}, sum: 0, scored: 0 });
    b.n++;
    const q = quadOf(e.cameo);
    b.quads[q] = (b.quads[q] || 0) + 1;
    if (typeof e.intensity === 'number') {
      b.sum += e.intensity;
      b.scored++;
    }
  });
  return Object.values(by).sort((a, b) => a.period.localeCompare(b.period))
    .map((b) => `${b.period}: ${b.n} [${canonQuads(b.quads)}] mean ${b.scored ? (b.sum / b.scored).toFixed(2) : '-'}`);
}
const CHART = `(() => {
  const svg = document.querySelector('#chart svg.live');
  const stat = document.querySelector('#chart svg.static');
  return { live: !!svg, shown: !!svg && getComputedStyle(svg).display !== 'none',
    staticShown: !!stat && getComputedStyle(stat).display !== 'none',
    bars: svg ? [...svg.querySelectorAll('a.period')].map((a) => {
      const q = {};
      let sum = 0;
      a.querySelectorAll('rect.bar').forEach((r) => { q[r.dataset.quad] = Number(r.dataset.n); sum += Number(r.dataset.n); });
      const mean = a.querySelector('rect.mean');
      return { period: a.dataset.period, n: Number(a.dataset.n), sum, q, mean: mean ? mean.dataset.mean : '-' };
    }) : [],
    caption: document.querySelector('#chart figcaption').textContent };
})()`;
const same = (a, b) => JSON.stringify([...a].sort()) === JSON.stringify([...b].sort());

// One page, watched from before it loads.
async function openPage(browser, file, width = 1200, height = 900) {
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
    if (['error', 'warning'].includes(p.entry.level)) log.messages.push(`${p.entry.level}: ${p.entry.text}`);
  });
  page.on('Page.javascriptDialogOpening', (p) => {
    log.dialogs.push(`${p.type}: ${p.message}`);
    page.send('Page.handleJavaScriptDialog', { accept: false }).catch(() => {});
  });
  await Promise.all(['Page.enable', 'Runtime.enable', 'Log.enable', 'Network.enable'].map((m) => page.send(m)));
  await page.send('Emulation.setDeviceMetricsOverride', { width, height, deviceScaleFactor: 1, mobile: false });
  const url = pathToFileURL(resolve(file)).href;
  const loaded = page.waitFor('Page.loadEventFired');
  const nav = await page.send('Page.navigate', { url });
  if (nav.errorText) throw new Error(`cannot load ${url}: ${nav.errorText}`);
  await loaded;
  await sleep(200); // late console messages and requests
  page.url = url;
  page.log = log;
  return page;
}

async function evaluate(page, expression) {
  const r = await page.send('Runtime.evaluate', { expression, returnByValue: true, awaitPromise: true });
  if (r.exceptionDetails) {
    throw new Error(`${expression.slice(0, 80)}: ${r.exceptionDetails.exception?.description ?? r.exceptionDetails.text}`);
  }
  return r.result.value;
}

function checkQuiet(page, name) {
  const others = page.log.requests.filter((u) => u !== page.url);
  check(page.log.requests.includes(page.url) && others.length === 0,
    `${name}: no request but the page itself`, others.join(', ') || 'the page itself was not seen');
  check(page.log.messages.length === 0, `${name}: no console warning, error or exception`,
    page.log.messages.join(' | '));
  check(page.log.dialogs.length === 0, `${name}: no dialog`, page.log.dialogs.join(' | '));
}

// What the page shows now: visible and hidden article ids, whether every
// heading is hidden exactly when no event under it shows, and the count.
const STATE = `(() => {
  const arts = [...document.querySelectorAll('article.event')];
  const shown = arts.filter((a) => !a.hidden && getComputedStyle(a).display !== 'none').map((a) => a.id);
  const marked = arts.filter((a) => a.hasAttribute('hidden')).map((a) => a.id);
  const bad = [];
  const kids = [...document.getElementById('timeline').children];
  kids.forEach((h, i) => {
    if (h.tagName !== 'H2' && h.tagName !== 'H3') return;
    let any = false;
    for (let j = i + 1; j < kids.length; j++) {
      const k = kids[j];
      if (k.tagName === 'H2' || (h.tagName === 'H3' && k.tagName === 'H3')) break;
      if (k.tagName === 'ARTICLE' && !k.hidden) any = true;
    }
    if (h.hidden === any) bad.push(h.textContent);
  });
  return { shown, marked, all: arts.length, badHeadings: bad,
    count: document.getElementById('f-count').textContent };
})()`;

async function typeInto(page, id, text) {
  await evaluate(page, `(() => { const e = document.getElementById(${JSON.stringify(id)}); e.focus(); e.select(); })()`);
  // insertText is what an input method does: it fires 'input' like typing.
  for (const ch of text) await page.send('Input.insertText', { text: ch });
}

async function clickAt(page, selector) {
  // Two frames after scrolling, so that the compositor hit-tests where
  // the element now is.
  const box = await evaluate(page, `(async () => {
    const e = document.querySelector(${JSON.stringify(selector)});
    e.scrollIntoView({ block: 'center' });
    for (let i = 0; i < 2; i++) await new Promise((r) => requestAnimationFrame(r));
    const r = e.getBoundingClientRect();
    return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
  })()`);
  await page.send('Input.dispatchMouseEvent', { type: 'mouseMoved', x: box.x, y: box.y });
  for (const type of ['mousePressed', 'mouseReleased']) {
    await page.send('Input.dispatchMouseEvent', { type, x: box.x, y: box.y, button: 'left', clickCount: 1 });
  }
}

async function expectShown(page, what, want) {
  await sleep(50); // the reset handler runs on a timer
  const s = await evaluate(page, STATE);
  check(same(s.shown, want), `${what}: shows exactly the matching events`,
    `shown ${s.shown.join(',')}; expected ${want.join(',')}`);
  check(same(s.marked, events.map((e) => e.id).filter((id) => !want.includes(id))),
    `${what}: the others carry the hidden attribute`, `hidden ${s.marked.join(',')}`);
  check(s.badHeadings.length === 0, `${what}: headings hidden exactly when empty`, s.badHeadings.join(', '));
  const count = want.length === s.all ? `${s.all} event${s.all === 1 ? '' : 's'}` : `Showing ${want.length} of ${s.all} events`;
  check(s.count === count, `${what}: the count says "${count}"`, `it says "${s.count}"`);
  return expectChart(want);
}

// The script's chart shows exactly `want` (expectChart's lines); returns them.
async function expectChartOf(page, what, want, caption = '') {
  const c = await evaluate(page, CHART);
  check(c.live && c.shown && !c.staticShown, `${what}: the script's chart shows, the exporter's is hidden`,
    JSON.stringify({ live: c.live, shown: c.shown, staticShown: c.staticShown }));
  const got = c.bars.map((b) => `${b.period}: ${b.n} [${canonQuads(b.q)}] mean ${b.mean}`);
  check(JSON.stringify(got) === JSON.stringify(want), `${what}: the chart's bars count the events in view`,
    `got ${got.join(' | ')}; expected ${want.join(' | ')}`);
  check(c.bars.every((b) => b.sum === b.n), `${what}: each bar's quad classes add up to its events`);
  if (caption) check(c.caption.includes(caption), `${what}: the chart's caption says "${caption}"`, c.caption);
  return got;
}

async function timelinePage(browser) {
  const page = await openPage(browser, opts.page);
  checkQuiet(page, 'timeline');
  const all = events.map((e) => e.id);
  check(await evaluate(page, `document.documentElement.classList.contains('js')`),
    'timeline: the inline script ran (allowed by the Content-Security-Policy)');
  check(await evaluate(page, `getComputedStyle(document.body).display === 'flex'`),
    'timeline: the inline style applies (allowed by the Content-Security-Policy)');
  const ids = await evaluate(page, `[...document.querySelectorAll('article.event')].map((a) => a.id)`);
  check(same(ids, all), 'timeline: one article per event of the JSON export', `${ids.length} articles, ${all.length} events`);
  await expectShown(page, 'no filter', all);
  const whole = await expectChartOf(page, 'no filter', expectChart(all), `all ${all.length} events`);
  check(whole.length > 1, 'no filter: the chart has more than one month', whole.join(' | '));

  const types = await evaluate(page, `[...document.querySelectorAll('#f-type option')].map((o) => o.value)`);
  check(same(types, ['', ...new Set(events.map((e) => e.type))]), '#f-type offers every type of the timeline once',
    types.join(','));

  // The actor that most events share, so the filter keeps some and hides some.
  const counts = {};
  events.forEach((e) => new Set(e.actors.map((a) => a.name)).forEach((n) => { counts[n] = (counts[n] || 0) + 1; }));
  const actor = Object.keys(counts).sort((a, b) => counts[b] - counts[a] || a.localeCompare(b))[0];
  const surname = actor.split(' ').pop().toUpperCase();
  await typeInto(page, 'f-actor', surname);
  await expectShown(page, `actor "${surname}" typed`, expect.actor(surname));
  const ofActor = await expectChartOf(page, `actor "${surname}" typed`, expectChart(expect.actor(surname)),
    `actor \u201c${surname}\u201d`);
  check(JSON.stringify(ofActor) !== JSON.stringify(whole), `actor "${surname}" typed: the chart changed`);

  const type = events.find((e) => expect.actor(surname).includes(e.id)).type;
  await evaluate(page, `(() => { const s = document.getElementById('f-type');
    s.value = ${JSON.stringify(type)}; s.dispatchEvent(new Event('change', { bubbles: true })); })()`);
  await expectShown(page, `actor "${surname}" and type ${type}`, both(expect.actor(surname), expect.type(type)));
  await expectChartOf(page, `actor "${surname}" and type ${type}`,
    expectChart(both(expect.actor(surname), expect.type(type))), 'type ');
  // Printed, the page keeps the chart of the events in view.
  await page.send('Emulation.setEmulatedMedia', { media: 'print' });
  await expectChartOf(page, 'printed', expectChart(both(expect.actor(surname), expect.type(type))));
  check(await evaluate(page, `document.getElementById('chart').getBoundingClientRect().top <
    document.getElementById('timeline').getBoundingClientRect().top`), 'printed: the chart comes before the events');
  await page.send('Emulation.setEmulatedMedia', { media: '' });

  await clickAt(page, '#filters button[type=reset]');
  await expectShown(page, 'Clear', all);
  await expectChartOf(page, 'Clear', whole, `all ${all.length} events`);
  check(await evaluate(page, `document.getElementById('f-actor').value === '' && document.getElementById('f-type').value === ''`),
    'Clear empties the filters');

  const topic = events.flatMap((e) => e.topics).sort()[0];
  if (topic) {
    await typeInto(page, 'f-topic', topic.slice(0, 6));
    await expectShown(page, `topic "${topic.slice(0, 6)}" typed`, expect.topic(topic.slice(0, 6)));
    await clickAt(page, '#filters button[type=reset]');
  }

  // A country code matches too.
  const code = events.flatMap((e) => e.actors).find((a) => a.code)?.code;
  if (code) {
    await typeInto(page, 'f-actor', code);
    await expectShown(page, `actor code "${code}" typed`, expect.actor(code));
    await clickAt(page, '#filters button[type=reset]');
  }

  // Free text: every word, anywhere in the event's text.
  const words = events[events.length - 1].summary.split(' ').slice(-2).join(' ');
  await typeInto(page, 'f-text', words);
  const want = await evaluate(page, `[...document.querySelectorAll('article.event')].filter((a) => {
    const t = a.textContent.toLowerCase();
    return ${JSON.stringify(words.toLowerCase().split(/\s+/))}.every((w) => t.includes(w));
  }).map((a) => a.id)`);
  check(want.length > 0 && want.length < all.length, `text "${words}" matches some events, not all`, `${want.length}`);
  await expectShown(page, `text "${words}" typed`, want);
  await expectChartOf(page, `text "${words}" typed`, expectChart(want));
  await clickAt(page, '#filters button[type=reset]');

  // Clicking an actor chip filters by that actor.
  const chip = await evaluate(page, `document.querySelector('article.event .chip.actor .name').textContent`);
  await clickAt(page, 'article.event .chip.actor');
  check(await evaluate(page, `document.getElementById('f-actor').value`) === chip, `clicking the chip "${chip}" fills #f-actor`);
  await expectShown(page, `chip "${chip}" clicked`, expect.actor(chip));
  await clickAt(page, '#filters button[type=reset]');
  await expectShown(page, 'Clear again', all);
  checkQuiet(page, 'timeline after filtering');
}

// The same page with one event decades earlier: beyond 600 months the
// script's chart counts by year. The expected series is computed here from
// the articles' own data attributes, grouped by year.
async function longPage(browser) {
  const page = await openPage(browser, opts.long);
  checkQuiet(page, 'long span');
  const rows = await evaluate(page, `[...document.querySelectorAll('article.event')].map((a) => ({
    id: a.id, month: a.getAttribute('data-month'), quad: a.getAttribute('data-quad') || 'other',
    g: a.getAttribute('data-intensity') }))`);
  const byYear = (ids) => {
    const by = {};
    rows.filter((r) => ids.includes(r.id) && r.month).forEach((r) => {
      const p = r.month.slice(0, 4);
      const b = (by[p] ??= { period: p, n: 0, quads: {}, sum: 0, scored: 0 });
      b.n++;
      b.quads[r.quad] = (b.quads[r.quad] || 0) + 1;
      if (r.g !== null) {
        b.sum += Number(r.g);
        b.scored++;
      }
    });
    return Object.values(by).sort((a, b) => a.period.localeCompare(b.period))
      .map((b) => `${b.period}: ${b.n} [${canonQuads(b.quads)}] mean ${b.scored ? (b.sum / b.scored).toFixed(2) : '-'}`);
  };
  const all = rows.map((r) => r.id);
  const years = Math.max(...rows.filter((r) => r.month).map((r) => Number(r.month.slice(0, 4)))) -
    Math.min(...rows.filter((r) => r.month).map((r) => Number(r.month.slice(0, 4))));
  check(years >= 50, 'long span: the page spans more than 50 years', `${years}`);
  const whole = await expectChartOf(page, 'long span', byYear(all), 'Events per year');
  const first = events[0].actors[0]?.name.split(' ').pop();
  if (first) {
    await typeInto(page, 'f-actor', first);
    await sleep(50);
    const s = await evaluate(page, STATE);
    const got = await expectChartOf(page, `long span, actor "${first}" typed`, byYear(s.shown), 'Events in view per year');
    check(JSON.stringify(got) !== JSON.stringify(whole), `long span, actor "${first}" typed: the chart changed`);
  }
  checkQuiet(page, 'long span after filtering');
}

async function hostilePage(browser) {
  const page = await openPage(browser, opts.hostile);
  checkQuiet(page, 'hostile');
  const dom = await evaluate(page, `({
    scripts: document.querySelectorAll('script').length,
    imgs: document.querySelectorAll('img, iframe, object, embed').length,
    handlers: [...document.querySelectorAll('*')].flatMap((e) => [...e.attributes]).filter((a) => /^on/i.test(a.name)).length,
    links: [...document.querySelectorAll('a[href]')].map((a) => a.getAttribute('href')),
    evidence: [...document.querySelectorAll('blockquote.evidence')].map((b) => b.textContent),
    title: document.title,
  })`);
  check(dom.scripts === 1, 'hostile: one script element, the page\'s own', `${dom.scripts}`);
  check(dom.imgs === 0, 'hostile: no image, frame or object from the report', `${dom.imgs}`);
  check(dom.handlers === 0, 'hostile: no inline event handler', `${dom.handlers}`);
  const bad = dom.links.filter((h) => !/^(https?:\/\/|#)/.test(h));
  check(bad.length === 0, 'hostile: links are http(s) or in-page only', bad.join(', '));
  check(dom.evidence.some((t) => t.includes(`saying "<script>alert('x')</script>" & <b>bold</b>`)),
    'hostile: the markup in the report reads back as text');
  check(dom.title.includes('<script>'), 'hostile: the title reads back as text', dom.title);
  // Markup typed into a filter reaches the chart's caption as text.
  const typed = '<img src=x onerror=alert(1)>';
  await typeInto(page, 'f-actor', typed);
  await sleep(50);
  const after = await evaluate(page, `({ imgs: document.querySelectorAll('img').length,
    caption: document.querySelector('#chart figcaption').textContent })`);
  check(after.imgs === 0 && after.caption.includes(typed), 'hostile: a filter typed as markup is text in the chart\'s caption',
    after.caption);
  checkQuiet(page, 'hostile after filtering');
}

async function screenshot(browser) {
  const page = await openPage(browser, opts.shot, 1200, 1500);
  checkQuiet(page, 'screenshot page');
  const { data } = await page.send('Page.captureScreenshot', {
    format: 'png', clip: { x: 0, y: 0, width: 1200, height: 1500, scale: 1 }, captureBeyondViewport: true,
  });
  const png = Buffer.from(data, 'base64');
  const sig = png.subarray(0, 8).toString('hex') === '89504e470d0a1a0a';
  check(sig && png.readUInt32BE(16) === 1200, 'screenshot: a PNG 1200 px wide', `${png.length} bytes`);
  writeFileSync(opts.png, png);
}

const profile = opts.profile || mkdtempSync(join(tmpdir(), 'communique-chromium-'));
let browser;
try {
  browser = await launch({ executable: opts.chromium, userDataDir: profile, timeoutMs: 90000 });
  await browser.send('Browser.getVersion').then((v) => console.log(`# ${v.product}`));
  await timelinePage(browser);
  if (opts.long) await longPage(browser);
  await hostilePage(browser);
  await screenshot(browser);
} catch (err) {
  check(false, 'the browser session', err.stack || String(err));
} finally {
  if (browser) await browser.close();
  if (!opts.profile) rmSync(profile, { recursive: true, force: true });
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
