// Scenario 9: backups in the real app. "Backups…" lists the project's backups with what each
// holds, makes one on demand, and puts one back after a confirmation; what the CLI writes
// meanwhile shows in the running app; a project damaged on disk is not written to: the app
// says so, opens it read-only under a banner when asked, and its newest good backup brings the
// claims back.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { withScenario, cli, cliJson, sha256, waitUntil } from './lib/harness.mjs';
import * as ui from './lib/app.mjs';

const TEXT = [
  'Harbour board minutes',
  '',
  'The harbour master said the new crane would be ready by spring.',
  'A union spokesperson disputed the figures given at the meeting.',
  'Officials did not confirm when the dredging would begin.',
].join('\n');

async function backupRows(s) {
  return s.execute(
    `return Array.from(document.querySelectorAll('[data-testid="backup"]')).map((r) => ({
       created: r.getAttribute('data-created'), text: r.textContent }))`,
  );
}

async function code(s, phrase, key) {
  await ui.selectPhrase(s, phrase);
  const id = await ui.codeSelectionWithKey(s, key);
  await ui.editorDone(s);
  return id;
}

test('backups: listed, made on demand, restored; a damaged project offers its newest backup', { timeout: 240_000 }, async (t) => {
  let project;
  const env = (sc) => {
    project = path.join(sc.dir, 'minutes.claimcoder');
    const file = path.join(sc.dir, 'minutes.txt');
    fs.writeFileSync(file, TEXT, 'utf8');
    cli(project, ['import', file]);
    return { CLAIMCODER_PROJECT: project, CLAIMCODER_CODER: 'Erin Tester' };
  };
  await withScenario('9-backups', { env }, async (sc) => {
    let s = await sc.launch();
    await ui.waitForReaderText(s);
    const first = await code(s, 'the new crane would be ready by spring', '1');

    // The dialog: the backup made on opening (before the claim), then one made now.
    await ui.click(s, ui.tid('open-backups'));
    await ui.waitFor(s, ui.tid('backup'), { message: 'the backup made when the project was opened' });
    const before = await backupRows(s);
    await ui.click(s, ui.tid('backup-now'));
    const after = await waitUntil(async () => {
      const rows = await backupRows(s);
      return rows.length === before.length + 1 ? rows : null;
    }, { message: 'a new row after "Back up now"' });
    assert.match(after[0].text, /1 document, 1 claim(?!s)/, `the newest backup holds the claim: ${after[0].text}`);
    await sc.screenshot('dialog');
    await ui.click(s, '[data-testid="backups-dialog"] .modal-actions button:not(.primary)');
    await ui.waitGone(s, ui.tid('backups-dialog'));

    // More work, then the backup with one claim put back.
    const second = await code(s, 'disputed the figures given at the meeting', '2');
    await ui.waitForClaims(s, (items) => items.length === 2, 'two claims before restoring');
    await ui.click(s, ui.tid('open-backups'));
    await ui.waitFor(s, ui.tid('backup'));
    const newest = `[data-testid="backup"][data-created="${after[0].created}"]`;
    await ui.click(s, `${newest} [data-testid="restore-backup"]`);
    await ui.click(s, `${newest} [data-testid="confirm-restore"]`);
    await ui.waitGone(s, ui.tid('backups-dialog'), { message: 'the dialog closes once restored' });
    const restored = await ui.waitForClaims(s, (items) => items.length === 1, 'the one claim of the backup');
    assert.equal(restored[0].id, first);
    assert.ok(!restored.some((c) => c.id === second), 'the later claim is not in the backup');
    await ui.assertNoError(s, 'after restoring');
    const kept = await ui.waitFor(s, ui.tid('toast'));
    assert.match(await kept.text(), /kept as a backup/);

    // Another program writes to the project while the app has it open: the app shows it.
    const other = path.join(sc.dir, 'from-the-cli.txt');
    fs.writeFileSync(other, 'Imported by the command line\n\nWhile the app was open.\n', 'utf8');
    cli(project, ['import', other]);
    await waitUntil(async () => (await s.execute(
      `return Array.from(document.querySelectorAll('[data-testid="doc-item"]')).some((d) => d.textContent.includes('Imported by the command line'))`,
    )), { timeoutMs: 10_000, message: 'the document imported by the CLI to appear in the running app' });
    await sc.close();
    const inFile = cliJson(project, ['claims']);
    assert.deepEqual(inFile.map((c) => c.id), [first], 'the project file holds what the backup held');
    assert.equal(cliJson(project, ['docs']).length, 2, 'the backup’s document and the one the CLI imported');

    // Damage the project file on disk: garbage over its second page.
    const bytes = fs.readFileSync(project);
    assert.ok(bytes.length > 8192, 'the project spans several pages');
    bytes.fill(0xa5, 4096 + 16, 8192 - 16);
    fs.writeFileSync(project, bytes);
    const damaged = sha256(project);

    s = await sc.launch();
    const problem = await ui.waitFor(s, ui.tid('project-problem'), { timeoutMs: 15_000, message: 'the panel for a damaged project' });
    const said = await problem.text();
    t.diagnostic(`shown: ${said}`);
    assert.match(said, /damaged/i);
    assert.match(said, /has not changed the file/);
    assert.equal(sha256(project), damaged, 'the damaged file is not written to');
    await sc.screenshot('damaged');

    // Read-only first: what can be read is shown, under a banner, and nothing is written.
    await ui.click(s, ui.tid('open-read-only'));
    const banner = await ui.waitFor(s, ui.tid('read-only-banner'), { message: 'the read-only banner' });
    assert.match(await banner.text(), /failed its check/);
    await sc.screenshot('read-only');
    assert.equal(sha256(project), damaged, 'opening read-only writes nothing');

    // Then the newest backup, from the Backups dialog.
    await ui.click(s, ui.tid('open-backups'));
    await ui.click(s, `${ui.tid('backup')} ${ui.tid('restore-backup')}`);
    await ui.click(s, `${ui.tid('backup')} ${ui.tid('confirm-restore')}`);
    await ui.waitGone(s, ui.tid('backups-dialog'));
    await ui.waitGone(s, `${ui.tid('read-only-banner')}:not([hidden])`, { message: 'the banner goes once the backup is in place' });
    await ui.waitForReaderText(s);
    const back = await ui.waitForClaims(s, (items) => items.length >= 1, 'the claims of the newest backup');
    assert.ok(back.some((c) => c.id === first), 'the claim is back');
    await ui.assertNoError(s, 'after restoring over the damaged file');
    await sc.screenshot('restored');
    await sc.close();

    // The damaged bytes were kept beside the backups, not thrown away.
    const backupRoot = path.join(sc.dataHome, 'org.claimcoder.app', 'backups');
    const [folder] = fs.readdirSync(backupRoot);
    const copies = fs.readdirSync(path.join(backupRoot, folder)).filter((f) => f.endsWith('-damaged.claimcoder'));
    assert.equal(copies.length, 1, `a copy of the damaged file: ${copies.join(', ')}`);
    assert.equal(sha256(path.join(backupRoot, folder, copies[0])), damaged);
  });
});
