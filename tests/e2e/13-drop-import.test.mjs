// Scenario 13: articles dropped on the window. A saved news page wrapped in site chrome comes in
// as its article alone, with its metadata under the title; a file of a kind Claimcoder does not
// import is named with the reason; a claim coded on the page is saved.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { withScenario, cli, cliJson, waitUntil } from './lib/harness.mjs';
import * as ui from './lib/app.mjs';

const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>Crane delayed again | Harbour Daily</title>
<meta name="author" content="Ada Quill">
<meta property="og:site_name" content="Harbour Daily">
<meta property="article:published_time" content="2026-11-30T08:00:00Z">
<link rel="canonical" href="https://harbour.example/news/crane-delayed">
</head><body>
<div class="cookie-banner">We use cookies. <button>Accept all</button></div>
<nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a> <a href="/weather">Weather</a></nav>
<main><article>
<h1>Crane delayed again</h1>
<p class="byline">By Ada Quill</p>
<p>The harbour master said the new crane would not be ready before the summer, the third delay this year.</p>
<p>A union spokesperson said the night shifts would be cut in half while the old crane is repaired.</p>
<p>Officials did not confirm when the dredging of the outer basin would begin, nor what it would cost.</p>
<p>The port authority will publish a revised schedule at its next board meeting in January.</p>
</article>
<aside><h2>Related</h2><ul><li><a href="/a">Ferry fares rise</a></li><li><a href="/b">New pier opens</a></li></ul></aside>
</main>
<footer><p>© 2026 Harbour Daily. All rights reserved.</p><a href="/privacy">Privacy</a></footer>
</body></html>`;

test('a page dropped on the window comes in as its article, with its metadata; a foreign file is named', { timeout: 180_000 }, async () => {
  let project;
  let answer;
  const env = (sc) => {
    project = path.join(sc.dir, 'dropped.claimcoder');
    cli(project, ['init']);
    answer = path.join(sc.dir, 'dialog-answer.txt');
    fs.writeFileSync(answer, '', 'utf8');
    return { CLAIMCODER_PROJECT: project, CLAIMCODER_CODER: 'Erin Tester', CLAIMCODER_TEST_DIALOG_ANSWER: answer };
  };
  await withScenario('13-drop-import', { env }, async (sc) => {
    const s = await sc.launch();
    await ui.waitFor(s, ui.tid('import-files'), { timeoutMs: 15_000, message: 'the app, ready' });
    const files = [
      { name: 'crane.html', b64: Buffer.from(PAGE, 'utf8').toString('base64') },
      { name: 'scan.pdf', b64: Buffer.from('%PDF-1.7\n%binary', 'utf8').toString('base64') },
    ];
    // A drop as the window receives one: a DataTransfer holding the files.
    await s.execute(
      `const dt = new DataTransfer();
       for (const f of arguments[0]) {
         dt.items.add(new File([Uint8Array.from(atob(f.b64), (c) => c.charCodeAt(0))], f.name));
       }
       const at = document.querySelector('.app');
       at.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
       at.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));`,
      [files],
    );
    await ui.waitFor(s, ui.tid('file-report-dialog'), { timeoutMs: 20_000, message: 'the report of the dropped files' });
    const outcomes = await s.execute(
      `return Array.from(document.querySelectorAll('[data-testid="file-outcome"]')).map((o) => [o.getAttribute('data-outcome'), o.textContent])`,
    );
    assert.deepEqual(outcomes.map((o) => o[0]), ['imported', 'skipped'], JSON.stringify(outcomes));
    assert.match(outcomes[1][1], /scan\.pdf/);
    await sc.screenshot('report');
    await ui.click(s, `${ui.tid('file-report-dialog')} button.primary`);
    await ui.waitGone(s, ui.tid('file-report-dialog'));

    // The article alone, with its metadata.
    const text = await waitUntil(async () => {
      const t = await s.execute(`return document.querySelector('[data-testid="reader"]').textContent`);
      return t.includes('third delay this year') ? t : null;
    }, { message: 'the article in the reader' });
    for (const chrome of ['cookies', 'Accept all', 'Sport', 'Ferry fares', 'All rights reserved', 'Privacy']) {
      assert.ok(!text.includes(chrome), `site chrome left out: ${chrome}`);
    }
    assert.ok(text.includes('revised schedule at its next board meeting'), 'the whole article');
    const header = await s.execute(`return document.querySelector('.doc-header').textContent`);
    assert.match(header, /Harbour Daily/);
    assert.match(header, /Ada Quill/);
    const [doc] = cliJson(project, ['docs']);
    assert.equal(doc.title, 'Crane delayed again');
    assert.equal(doc.source.url, 'https://harbour.example/news/crane-delayed');

    await ui.selectPhrase(s, 'the night shifts would be cut in half');
    const id = await ui.codeSelectionWithKey(s, '2');
    await ui.editorDone(s);
    await ui.assertNoError(s, 'after coding the dropped page');
    const claims = cliJson(project, ['claims']);
    assert.deepEqual(claims.map((c) => [c.id, c.quote]), [[id, 'the night shifts would be cut in half']]);
    await sc.screenshot('coded');

    // "Import…": the chosen files one by one, every file's fate said (here one new, one whose
    // text is already in the project).
    // A text saved with its site's chrome at the end: shown before import, then left out.
    const MINUTES = 'Board minutes\n\nThe board approved the revised schedule for the crane and the dredging.\n\nPrevious Article\nLeave a Comment\n';
    const fresh = path.join(sc.dir, 'minutes.txt');
    fs.writeFileSync(fresh, MINUTES, 'utf8');
    const again = path.join(sc.dir, 'minutes-copy.txt');
    fs.writeFileSync(again, MINUTES, 'utf8');
    fs.writeFileSync(answer, `${fresh}\n${again}\n`, 'utf8');
    await ui.click(s, ui.tid('import-files'));
    const chromeDialog = await ui.waitFor(s, ui.tid('chrome-dialog'), { timeoutMs: 20_000, message: 'the site chrome shown before import' });
    assert.match(await chromeDialog.text(), /Leave a Comment/);
    await sc.screenshot('chrome');
    await ui.click(s, ui.tid('chrome-import'));
    await ui.waitFor(s, ui.tid('file-report-dialog'), { timeoutMs: 20_000, message: 'the report of the chosen files' });
    const chosen = await s.execute(
      `return Array.from(document.querySelectorAll('[data-testid="file-outcome"]')).map((o) => o.getAttribute('data-outcome'))`,
    );
    assert.deepEqual(chosen, ['imported', 'duplicate']);
    const docs = cliJson(project, ['docs']);
    assert.equal(docs.length, 2);
    const minutes = docs.find((d) => d.title === 'Board minutes');
    const shown = cliJson(project, ['doc', 'show', minutes.id]);
    assert.ok(!shown.text.includes('Leave a Comment'), `the chrome was left out: ${JSON.stringify(shown.text)}`);
    assert.ok(shown.text.includes('revised schedule for the crane'), 'the article kept');
    await sc.close();
  });
});
