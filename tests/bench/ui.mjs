// The app's benchmark: the release app in a real window (Xvfb), driven through the same
// WebDriver stack as the end-to-end tests, on the projects `examples/ui_bench_data.rs` writes.
// Times are read from the page's own performance marks (ui/src/perf.ts), so WebDriver's
// round trips are not in them; memory from /proc.
//
// Usage: node tests/bench/ui.mjs DATA_DIR OUT.json [--runs N] [--only NAME,NAME] [--app BINARY]
// (BENCH_PHASES=1 also prints where an open and a claim spent their time.)
// (scripts/bench.sh ui builds the release app, writes the data and runs this.)

import fs from 'node:fs';
import path from 'node:path';
import { groupProcesses, withScenario, ROOT, sleep, waitUntil } from '../e2e/lib/harness.mjs';
import { Session } from '../e2e/lib/webdriver.mjs';
import { floorPage } from './floorPage.mjs';
import * as ui from '../e2e/lib/app.mjs';

const [dataDir, outFile, ...rest] = process.argv.slice(2);
if (!dataDir || !outFile) {
  console.error('usage: node tests/bench/ui.mjs DATA_DIR OUT.json [--runs N] [--only NAME,…]');
  process.exit(2);
}
const opt = (name, dflt) => {
  const i = rest.indexOf(name);
  return i >= 0 ? rest[i + 1] : dflt;
};
const RUNS = Number(opt('--runs', '3'));
const APP = path.resolve(opt('--app', path.join(ROOT, 'target', 'release', 'claimcoder-app')));
const ONLY = opt('--only', '')?.split(',').filter(Boolean) ?? [];
const wanted = (name) => ONLY.length === 0 || ONLY.includes(name);
/** Claims coded in each document: enough that the p95 is not simply the slowest (the first
 * claim in a document is often it), at well under a second a claim. */
const CLAIMS = Math.max(10, RUNS * 10);

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2) : null;
};
const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] : null;
};
const round = (x) => (x === null ? null : Math.round(x * 10) / 10);

/** Milliseconds between two of the page's marks (each name keeps its latest mark), or null. */
function between(s, from, to) {
  return s.execute(
    `const a = performance.getEntriesByName(arguments[0]).at(-1);
     const b = performance.getEntriesByName(arguments[1]).at(-1);
     return a && b && b.startTime >= a.startTime ? b.startTime - a.startTime : null;`,
    [from, to],
    { step: `measure ${from} → ${to}` },
  );
}

function clearMarks(s) {
  return s.execute('performance.clearMarks();', [], { step: 'clear the marks' });
}

/** Clicks the documents-list entry titled `title` from the page and waits for the document
 * to be shown with its highlights; returns the page's open time. */
async function openByTitle(s, title) {
  await clearMarks(s);
  const ok = await s.execute(
    `for (const b of document.querySelectorAll('[data-testid="doc-item"]')) {
       if (b.getAttribute('title') === arguments[0]) { b.click(); return true; }
     }
     return false;`,
    [title],
    { step: `click ${title}` },
  );
  if (!ok) throw new Error(`no documents-list entry titled ${title}`);
  await waitUntil(() => between(s, 'open:start', 'open:painted'), { timeoutMs: 60_000, intervalMs: 50, message: `${title} to be painted` });
  const phases = {};
  for (const m of ['open:fetched', 'open:rendered', 'open:laid-out']) phases[m.slice(5)] = round(await between(s, 'open:start', m));
  if (process.env.BENCH_PHASES) console.log(title, JSON.stringify(phases));
  return between(s, 'open:start', 'open:painted');
}

/** Selects `words` words of the `k`-th paragraph with text that is on screen in the reader. */
function selectOnScreen(s, k, words = 4) {
  return s.execute(
    `const [k, words] = arguments;
     const pane = document.querySelector('[data-testid="reader"]').closest('.reader-pane') ?? document.scrollingElement;
     const box = pane.getBoundingClientRect();
     const shown = [...document.querySelectorAll('[data-testid="reader"] p')].filter((p) => {
       const r = p.getBoundingClientRect();
       return p.firstChild && r.top >= box.top && r.top < box.bottom - 40;
     });
     const p = shown[k % Math.max(1, shown.length)];
     if (!p) return 'no paragraph on screen';
     const text = p.firstChild.data;
     const re = /\\S+/g;
     const ms = [...text.matchAll(re)];
     const first = ms[(7 * k + 3) % Math.max(1, ms.length - words)];
     const last = ms[ms.indexOf(first) + words - 1] ?? first;
     const range = document.createRange();
     range.setStart(p.firstChild, first.index);
     range.setEnd(p.firstChild, last.index + last[0].length);
     const sel = window.getSelection();
     sel.removeAllRanges();
     sel.addRange(range);
     document.dispatchEvent(new Event('selectionchange'));
     return null;`,
    [k, words],
    { step: 'select words on screen' },
  );
}

/** Selects words on screen (`selectOnScreen`), presses "2" as a coder does, and answers the
 * page's time from the key to the new highlight painted. */
async function codeOnScreen(s, k) {
  await clearMarks(s);
  const err = await selectOnScreen(s, k);
  if (err) throw new Error(err);
  await sleep(150); // the toolbar follows the selection
  await s.pressKey('2');
  await waitUntil(() => between(s, 'code:key', 'code:painted'), { timeoutMs: 30_000, intervalMs: 30, message: 'the new claim to be painted' });
  return between(s, 'code:key', 'code:painted');
}

/** Scrolls `css` (a scrolling element) by `step` px a frame for `frames` frames; the frame
 * intervals (ms) as requestAnimationFrame saw them. */
async function scrollFrames(s, css, { step = 120, frames = 90 } = {}) {
  await s.execute(
    `const [css, step, frames] = arguments;
     // A list of selectors: the first that is in the page (a build from before has another layout).
     const el = css.split(',').map((c) => document.querySelector(c.trim())).find((e) => e);
     window.__scroll = null;
     if (!el) { window.__scroll = { error: 'no ' + css }; return; }
     el.scrollTop = 0;
     const times = [];
     let n = 0;
     const tick = (t) => {
       times.push(t);
       if (n++ >= frames || el.scrollTop + el.clientHeight >= el.scrollHeight) {
         window.__scroll = { times, height: el.scrollHeight };
         return;
       }
       el.scrollTop += step;
       requestAnimationFrame(tick);
     };
     requestAnimationFrame(tick);`,
    [css, step, frames],
    { step: `scroll ${css}` },
  );
  const r = await waitUntil(() => s.execute('return window.__scroll'), { timeoutMs: 60_000, message: `scrolling ${css} to end` });
  if (r.error) throw new Error(r.error);
  const gaps = r.times.slice(2).map((t, i) => t - r.times[i + 1]);
  return { median: round(median(gaps)), p95: round(pct(gaps, 95)), frames: gaps.length };
}

/** Resident memory of the app and the WebKit processes it started (kB, summed): RSS and PSS. */
function memory(sc) {
  let rss = 0;
  let pss = 0;
  const procs = [];
  for (const { pid, comm } of groupProcesses(sc.driver.pid)) {
    if (/tauri-driver|WebKitWebDriver/.test(comm)) continue;
    try {
      const r = Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
      const p = Number(/Pss:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'))?.[1] ?? 0);
      rss += r;
      pss += p;
      procs.push({ comm, rss_mb: Math.round(r / 1024) });
    } catch {
      // ended meanwhile
    }
  }
  return { rss_mb: Math.round(rss / 1024), pss_mb: Math.round(pss / 1024), procs };
}

function copyProject(sc, name) {
  const to = path.join(sc.dir, `${name}.claimcoder`);
  fs.copyFileSync(path.join(dataDir, `${name}.claimcoder`), to);
  return to;
}

const results = {};

/** Open, code, scroll and memory on one generated article. */
async function articleCase(name) {
  await withScenario(`bench-${name}`, {
    app: APP,
    env: (sc) => ({ CLAIMCODER_PROJECT: copyProject(sc, name), CLAIMCODER_CODER: 'Bench' }),
  }, async (sc) => {
    const s = await sc.launch();
    await ui.waitFor(s, ui.tid('doc-item'), { timeoutMs: 30_000 });
    const title = `Bench ${name}`;
    const opens = [];
    for (let i = 0; i < RUNS; i++) {
      await openByTitle(s, 'Start');
      opens.push(await openByTitle(s, title));
    }
    // A book comes into the page a part at a time: measure the rest once it is all there.
    // (A build from before that rendered everything at once has no data-complete: then the
    // count of paragraphs not changing for a second does.)
    let lastCount = -1;
    await waitUntil(async () => {
      const r = await s.execute(`const el = document.querySelector('[data-testid="reader"]');
        return { done: el.hasAttribute('data-complete'), n: el.querySelectorAll('p').length };`);
      const stable = r.n === lastCount;
      lastCount = r.n;
      return r.done || stable;
    }, { timeoutMs: 60_000, intervalMs: 1_000, message: 'the whole text in the page' });
    await sleep(500);
    const mem = memory(sc);
    const codes = [];
    const settles = [];
    for (let k = 0; k < CLAIMS; k++) {
      codes.push(await codeOnScreen(s, k));
      // Then the editor, the list and the count, a frame later (a build from before the
      // highlight came first painted them all at once: there, this is the same moment).
      let settled = null;
      for (let wait = 0; wait < 60 && settled === null; wait++) {
        settled = await between(s, 'code:key', 'code:settled');
        if (settled === null) await sleep(30);
      }
      settles.push(settled ?? codes.at(-1));
      if (process.env.BENCH_PHASES) {
        const ph = {};
        for (const m of ['code:saved', 'code:shown', 'code:settled']) ph[m.slice(5)] = round(await between(s, 'code:key', m));
        console.log('code', JSON.stringify(ph), round(codes.at(-1)));
      }
      await s.pressKey('\uE00C'); // Escape: close the editor, back to the reader
      await sleep(100);
    }
    const reader = await scrollFrames(s, '.reader-pane');
    const list = await scrollFrames(s, '.claim-list-scroll', { step: 60 });
    await sc.screenshot('opened');
    results[name] = {
      open_ms: { median: round(median(opens)), runs: opens.map(round) },
      code_ms: { median: round(median(codes)), p95: round(pct(codes, 95)), runs: codes.map(round) },
      code_settled_ms: { median: round(median(settles)), p95: round(pct(settles, 95)) },
      scroll_reader: reader,
      scroll_claims: list,
      memory: mem,
    };
    console.log(name, JSON.stringify(results[name]));
  });
}

/** WebKitGTK's own browser, as it is installed with the engine the app runs on. */
const MINIBROWSER = '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';

/** The floor the app's figures stand on: the same 1 MB text in WebKitGTK's MiniBrowser, with
 * the same WebDriver stack and environment. Memory with a blank page and with the text; key
 * press to one highlight painted; scrolling. */
async function floorCase() {
  if (!fs.existsSync(MINIBROWSER)) {
    throw new Error(`no ${MINIBROWSER}: the floor needs WebKitGTK's MiniBrowser (Debian's libwebkit2gtk-4.1-0 installs it)`);
  }
  const text = fs.readFileSync(path.join(dataDir, 'book.txt'), 'utf8');
  await withScenario('bench-floor', { app: MINIBROWSER }, async (sc) => {
    const page = path.join(sc.dir, 'floor.html');
    fs.writeFileSync(page, floorPage(text));
    const s = await Session.create(`http://127.0.0.1:${sc.nativePort}`, {
      alwaysMatch: { 'webkitgtk:browserOptions': { binary: MINIBROWSER, args: ['--automation'] } },
    });
    try {
      await sleep(2_000);
      const blank = memory(sc);
      await s.cmd('POST', '/url', { url: `file://${page}` }, { step: 'open the floor page' });
      await waitUntil(() => s.execute(`return !!document.querySelector('[data-complete]')`), { timeoutMs: 60_000, message: 'the text in the page' });
      await sleep(500);
      const mem = memory(sc);
      const codes = [];
      for (let k = 0; k < CLAIMS; k++) {
        codes.push(await codeOnScreen(s, k));
      }
      const reader = await scrollFrames(s, '.reader-pane');
      await sc.screenshot('floor');
      results.floor = {
        what: 'book.txt alone in WebKitGTK MiniBrowser: one <p> a line; a key press clears the selection and adds one highlight over it',
        code_ms: { median: round(median(codes)), p95: round(pct(codes, 95)), runs: codes.map(round) },
        scroll_reader: reader,
        memory_blank: blank,
        memory: mem,
      };
      console.log('floor', JSON.stringify(results.floor));
    } finally {
      await s.delete({ timeoutMs: 5_000 }).catch(() => {});
    }
  });
}

/** Start-up with the 1 MB / 10,000-claim book as the last document open. */
async function startupCase() {
  await withScenario('bench-startup', {
    app: APP,
    env: (sc) => ({ CLAIMCODER_PROJECT: copyProject(sc, 'book-10000'), CLAIMCODER_CODER: 'Bench' }),
  }, async (sc) => {
    let s = await sc.launch();
    await ui.waitFor(s, ui.tid('doc-item'), { timeoutMs: 30_000 });
    await openByTitle(s, 'Bench book-10000');
    const starts = [];
    for (let i = 0; i < RUNS; i++) {
      s = await sc.restart();
      const r = await waitUntil(
        () =>
          s.execute(`const m = performance.getEntriesByName('app:interactive').at(-1);
                     const o = performance.getEntriesByName('open:painted').at(-1);
                     return m && o ? { interactive: m.startTime, painted: o.startTime } : null;`),
        { timeoutMs: 60_000, intervalMs: 50, message: 'the app to start and show the book' },
      );
      starts.push(r);
    }
    results.startup = {
      interactive_ms: { median: round(median(starts.map((r) => r.interactive))), runs: starts.map((r) => round(r.interactive)) },
      last_document_painted_ms: { median: round(median(starts.map((r) => r.painted))) },
      note: 'from the page navigation start (the web process is up); the window and web process start before it',
    };
    console.log('startup', JSON.stringify(results.startup));
  });
}

/** 10,000 documents: start-up, scrolling the list, search. */
async function manyDocsCase() {
  await withScenario('bench-many-docs', {
    app: APP,
    env: (sc) => ({ CLAIMCODER_PROJECT: copyProject(sc, 'many-docs'), CLAIMCODER_CODER: 'Bench' }),
  }, async (sc) => {
    const s = await sc.launch();
    const interactive = await waitUntil(
      () => s.execute(`return performance.getEntriesByName('app:interactive').at(-1)?.startTime ?? null`),
      { timeoutMs: 60_000, intervalMs: 50, message: 'the app to start' },
    );
    const count = await s.execute(`return document.querySelectorAll('[data-testid="doc-item"]').length`);
    const scroll = await scrollFrames(s, '.doc-list-scroll, .documents-pane', { step: 120 });
    const searches = [];
    for (const q of ['harbour', 'правительство', '港口将于', 'Article 0999']) {
      await clearMarks(s);
      await s.execute(
        `const i = document.querySelector('[data-testid="search-input"]');
         i.value = arguments[0];
         i.form.requestSubmit();`,
        [q],
      );
      await waitUntil(() => between(s, 'search:start', 'search:shown'), { timeoutMs: 30_000, intervalMs: 30, message: `results for ${q}` });
      searches.push({ q, ms: round(await between(s, 'search:start', 'search:shown')) });
    }
    const mem = memory(sc);
    await sc.screenshot('many-docs');
    results['many-docs'] = { interactive_ms: round(interactive), rendered_items: count, scroll_list: scroll, search: searches, memory: mem };
    console.log('many-docs', JSON.stringify(results['many-docs']));
  });
}

for (const name of ['small', 'dense', 'book-100', 'book-1000', 'book-10000']) {
  if (wanted(name)) await articleCase(name);
}
if (wanted('floor')) await floorCase();
if (wanted('startup')) await startupCase();
if (wanted('many-docs')) await manyDocsCase();
fs.writeFileSync(outFile, JSON.stringify(results, null, 2));
console.log(`written ${outFile}`);
