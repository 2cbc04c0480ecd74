// Scenario 10: articles crafted to attack. Scripts, event handlers, javascript: and data: links,
// remote images, CSS and iframes, SVG with script, markup that copies the app's own controls,
// bidi overrides, and a 10 MB text on one line. In the real app: nothing executes (a canary
// command that any script would call never fires), nothing is fetched (a local listener named in
// every remote reference hears nothing), the text is shown as text, and a claim with a hostile
// note round-trips unchanged.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { withScenario, cli, cliJson, waitUntil } from './lib/harness.mjs';
import * as ui from './lib/app.mjs';

const CALL = "window.__TAURI_INTERNALS__.invoke('canary')";

function attacks(origin) {
  return [
    `<script>${CALL}</script>`,
    `<script src="${origin}/script.js"></script>`,
    `<img src="${origin}/img.png" onerror="${CALL}">`,
    `<img src=x onerror=${CALL}>`,
    `<iframe src="${origin}/frame.html"></iframe>`,
    `<iframe srcdoc="<script>parent.${CALL}</script>"></iframe>`,
    `<svg onload="${CALL}"><script>${CALL}</script></svg>`,
    `<style>@import url(${origin}/import.css); body { background: url(${origin}/bg.png) }</style>`,
    `<link rel="stylesheet" href="${origin}/style.css">`,
    `<a href="javascript:${CALL}">Read more</a> <a href="data:text/html,<script>${CALL}</script>">data</a>`,
    `<object data="${origin}/object.swf"></object><video src="${origin}/v.mp4" autoplay></video>`,
    `<meta http-equiv="refresh" content="0; url=${origin}/refresh">`,
    `<button data-testid="open-backups" onclick="${CALL}">Backups…</button> <input data-testid="coder-name" value="Mallory">`,
  ];
}

const BIDI = 'Officials said \u202Eevil\u202C and \u2066isolated\u2069 words were \u200Bhidden\u200D here.';
const CLAIM = 'The minister said the port would reopen on Monday';

function markdownAttack(origin) {
  return [
    `# Breaking <script>${CALL}</script> news`,
    '',
    // (An <img> whose unquoted attribute holds a quote is not a tag in CommonMark but text, shown
    // as written: it is left to the plain-text attack.)
    ...attacks(origin).filter((a) => !a.startsWith('<img src=x')).flatMap((a) => [a, '']),
    `[Read more](javascript:${CALL}) and ![remote](${origin}/md.png) and [data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)`,
    '',
    `${CLAIM}, a spokesperson said.`,
    '',
  ].join('\n');
}

function htmlAttack(origin) {
  return `<!doctype html><html><head><title>Hostile page</title>
<script>${CALL}</script><script src="${origin}/head.js"></script>
<link rel="stylesheet" href="${origin}/head.css"><meta http-equiv="refresh" content="0; url=${origin}/refresh">
<style>body { background: url(${origin}/body.png) }</style></head>
<body onload="${CALL}"><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Hostile page</h1>
<p>${CLAIM}, the page said, <img src="${origin}/inline.png" onerror="${CALL}"> and more.</p>
<p>Readers were told to <a href="javascript:${CALL}">click here</a> for <a href="data:text/html,<script>${CALL}</script>">details</a>.</p>
${attacks(origin).join('\n')}
<p>The harbour master said the port would stay open through the winter season.</p>
<svg><script>${CALL}</script></svg><template><p>${CALL}</p></template><noscript>${CALL}</noscript>
</article><footer>© Example News</footer></body></html>`;
}

function textAttack(origin) {
  return ['Plain attack', '', ...attacks(origin), BIDI, `${CLAIM}, the plain text said.`, ''].join('\n');
}

/** A listener that records every request made to it. */
async function listener() {
  const heard = [];
  const server = http.createServer((req, res) => {
    heard.push(`${req.method} ${req.url}`);
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end('');
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${server.address().port}`;
  return { heard, origin, close: () => new Promise((resolve) => server.close(resolve)) };
}

async function readerFacts(s) {
  return s.execute(`
    const reader = document.querySelector('[data-testid="reader"]');
    return {
      text: reader.textContent,
      tags: Array.from(new Set(Array.from(reader.querySelectorAll('*')).map((e) => e.tagName))),
      backupsButtons: document.querySelectorAll('[data-testid="open-backups"]').length,
      coderFields: document.querySelectorAll('[data-testid="coder-name"]').length,
      frames: document.querySelectorAll('iframe, object, embed, video, img, script:not([src*="assets"])').length,
    };`);
}

test('hostile articles: nothing runs, nothing is fetched, the text stays text', { timeout: 300_000 }, async (t) => {
  const net = await listener();
  let canary;
  let project;
  const env = (sc) => {
    canary = path.join(sc.dir, 'canary.log');
    project = path.join(sc.dir, 'hostile.claimcoder');
    const files = {
      'attack.md': markdownAttack(net.origin),
      'attack.txt': textAttack(net.origin),
      'attack.html': htmlAttack(net.origin),
      // 10,000,000 bytes on one line.
      'one-line.txt': `${'word '.repeat(1_999_999)}last.`,
    };
    for (const [name, body] of Object.entries(files)) {
      fs.writeFileSync(path.join(sc.dir, name), body, 'utf8');
    }
    cli(project, ['import', ...Object.keys(files).map((f) => path.join(sc.dir, f))], { timeoutMs: 120_000 });
    return { CLAIMCODER_PROJECT: project, CLAIMCODER_CODER: 'Erin Tester', CLAIMCODER_CANARY: canary };
  };
  try {
    // The listener hears a request when one is made (so its silence below means something).
    await fetch(`${net.origin}/sanity`);
    assert.deepEqual(net.heard, ['GET /sanity']);
    net.heard.length = 0;

    await withScenario('10-hostile-content', { env }, async (sc) => {
      const s = await sc.launch();
      const docs = cliJson(project, ['docs']);
      assert.equal(docs.length, 4, 'the four articles are in');

      // The Markdown attack: its words are there, no markup became text or element.
      await ui.openDocument(s, docs.find((d) => d.title.startsWith('Breaking')).title);
      let facts = await readerFacts(s);
      assert.ok(facts.text.includes(CLAIM), 'the article text is shown');
      assert.deepEqual(facts.tags, ['P'], `the reader holds only its paragraphs: ${facts.tags}`);
      for (const body of ['canary', 'invoke(', 'background', 'TAURI']) {
        assert.ok(!facts.text.includes(body), `no script or style body became text (${body}): ${facts.text.slice(0, 200)}`);
      }
      const title = docs.find((d) => d.title.startsWith('Breaking')).title;
      assert.equal(title.replace(/\s+/g, ' '), 'Breaking news', 'the title keeps its words and loses its script');
      await sc.screenshot('markdown');

      // The saved web page: its article, as text; nothing of its code became text or ran.
      await ui.openDocument(s, 'Hostile page');
      facts = await readerFacts(s);
      assert.ok(facts.text.includes(CLAIM), 'the article of the page is shown');
      assert.ok(facts.text.includes('stay open through the winter'), 'all of it');
      for (const body of ['canary', 'invoke(', 'background', 'TAURI', 'Example News']) {
        assert.ok(!facts.text.includes(body), `nothing but the article became text (${body}): ${facts.text.slice(0, 300)}`);
      }
      assert.deepEqual(facts.tags, ['P']);
      await sc.screenshot('html');

      // The plain-text attack: the markup is shown as the characters it is, and is inert.
      await ui.openDocument(s, 'Plain attack');
      facts = await readerFacts(s);
      for (const a of attacks(net.origin)) assert.ok(facts.text.includes(a), `shown as text: ${a.slice(0, 60)}`);
      assert.ok(facts.text.includes(BIDI), 'bidi controls kept as they are');
      assert.deepEqual(facts.tags, ['P']);
      assert.equal(facts.backupsButtons, 1, 'the only Backups button is the app’s own');
      assert.equal(facts.coderFields, 0, 'no coder field appeared from the text');
      assert.equal(facts.frames, 0, 'no image, frame, object or document script anywhere');
      await sc.screenshot('plain');

      // A claim on the text, with a note full of markup, SQL and bidi: unchanged on disk.
      const note = `<img src=x onerror="${CALL}"> '); DROP TABLE claims;-- \u202Eevil\u202C «naïve» € (BMP: WebDriver types no astral characters)`;
      await ui.selectPhrase(s, CLAIM);
      const id = await ui.codeSelectionWithKey(s, '2');
      await ui.typeNote(s, note);
      await ui.editorDone(s);
      await ui.assertNoError(s, 'after coding the hostile article');
      const saved = await waitUntil(() => {
        const c = cliJson(project, ['claims']).find((x) => x.id === id);
        return c?.note === note ? c : null;
      }, { message: 'the note saved as typed' });
      assert.equal(saved.quote, CLAIM);

      // 10 MB on one line opens, and the app still answers afterwards.
      const big = docs.find((d) => d.title.startsWith('word word'));
      const opened = Date.now();
      await ui.openDocument(s, big.title);
      await waitUntil(async () => (await s.execute(
        `return document.querySelector('[data-testid="reader"]').textContent.length`,
      )) >= 10_000_000, { timeoutMs: 120_000, message: 'the 10 MB line in the reader' });
      t.diagnostic(`10 MB line shown after ${Date.now() - opened} ms`);
      await ui.openDocument(s, 'Plain attack');
      await ui.waitForClaims(s, (items) => items.some((c) => c.id === id), 'the claim, after the big text');
      await sc.screenshot('after-big');

      assert.deepEqual(net.heard, [], `no request reached the listener: ${net.heard.join(', ')}`);
      assert.equal(fs.existsSync(canary), false, 'no document content called the canary');

      // The canary does record a call made by the app's own code (so its silence means something).
      await s.execute(`return ${CALL}`);
      await waitUntil(() => fs.existsSync(canary), { message: 'the canary to note a call from the app itself' });
      await sc.close();
    });
  } finally {
    await net.close();
  }
});
