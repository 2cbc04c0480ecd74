// Scenario 9: the app is killed with SIGKILL in the middle of a coding session, three times,
// each time while a claim is being coded. After each kill every claim the app had shown as
// saved (coded, or deleted) is in the project file as shown, the one in flight is there whole
// or not at all, and the restarted app shows them all.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withScenario, cliJson, importedProject, sleep } from './lib/harness.mjs';
import * as ui from './lib/app.mjs';

const NAMES = [
  'Amsel', 'Birke', 'Cedar', 'Dahlia', 'Eibe', 'Fichte', 'Ginkgo', 'Hasel', 'Iris', 'Jasmin',
  'Kiefer', 'Linde', 'Mahonie', 'Nessel', 'Olive', 'Pappel', 'Quitte', 'Rowan', 'Salbei',
  'Tulpe', 'Ulme', 'Veilchen', 'Weide', 'Zeder',
];
// One line per name, each opening with a phrase found nowhere else, with text the offsets
// must survive (emoji, a combining accent, Arabic) after it.
const TEXT = NAMES.map((n, i) => `${n} officials reported cargo ${i + 1} 👍🏽 on time, said Zoë and Cafe\u0301; قال المتحدث.`).join('\n');
const ROUNDS = 3;
const STATUS_OF_KEY = { 1: 'attributed', 2: 'disputed', 3: 'unverified' };

test('the app killed mid-session keeps every claim it showed as saved', { timeout: 300_000 }, async () => {
  let project;
  const env = (sc) => {
    ({ project } = importedProject(sc, 'killed.claimcoder', 'harbour.txt', TEXT));
    return { CLAIMCODER_PROJECT: project };
  };
  await withScenario('11-killed-app', { env }, async (sc) => {
    const saved = new Map(); // id -> status, as the app showed it saved
    let s = await sc.launch();
    await ui.enterCoderNameIfAsked(s, 'Kim Killed');
    const phrases = ui.pickPhrases(await ui.waitForReaderText(s), NAMES.length);
    let next = 0;
    let checked = 0;
    for (let round = 0; round < ROUNDS; round++) {
      if (round > 0) {
        s = await sc.launch();
        await ui.enterCoderNameIfAsked(s, 'Kim Killed');
        await ui.waitForReaderText(s);
      }
      // Code three claims, each shown as saved once the editor holds its id from the core.
      for (const key of ['1', '2', '3']) {
        await ui.selectPhrase(s, phrases[next++]);
        const id = await ui.codeSelectionWithKey(s, key);
        await ui.editorDone(s);
        await ui.waitForClaims(s, (items) => items.some((c) => c.id === id && c.status === STATUS_OF_KEY[key]), `claim ${id} shown`);
        saved.set(id, STATUS_OF_KEY[key]);
      }
      // Delete the oldest saved claim: saved once the claims pane no longer shows it.
      const [oldest] = saved.keys();
      await ui.click(s, `${ui.tid('claim-item')}[data-claim-id="${oldest}"]`);
      await ui.waitFor(s, ui.tid('claim-editor'));
      await ui.click(s, ui.tid('claim-delete'));
      await ui.waitForClaims(s, (items) => !items.some((c) => c.id === oldest), `claim ${oldest} gone`);
      saved.delete(oldest);
      await ui.assertNoError(s, `round ${round}, before the kill`);

      // A claim in flight: coded, then the app is killed a random moment later.
      const inFlight = phrases[next++];
      await ui.selectPhrase(s, inFlight);
      await s.pressKey('3');
      await sleep(Math.floor(Math.random() * 200));
      await sc.killApp();

      // On disk, through the CLI (which opens and checks the project).
      const claims = cliJson(project, ['claims']);
      for (const [id, status] of saved) {
        const c = claims.find((x) => x.id === id);
        assert.ok(c, `round ${round}: claim ${id}, shown as saved, is in the project file`);
        assert.equal(c.status, status, `round ${round}: claim ${id} keeps the status shown`);
        checked += 1;
      }
      const extra = claims.filter((c) => !saved.has(c.id));
      assert.ok(extra.length <= 1, `round ${round}: unacknowledged claims: ${JSON.stringify(extra)}`);
      for (const c of extra) {
        assert.deepEqual([c.quote, c.status], [inFlight, 'unverified'], `round ${round}: the claim in flight, whole`);
        saved.set(c.id, c.status);
      }
      sc.note(`round ${round}: ${saved.size} claims after the kill; the one in flight ${extra.length ? 'landed' : 'did not'}`);
    }
    // The restarted app shows every claim.
    s = await sc.launch();
    await ui.waitForReaderText(s);
    await ui.waitForClaims(
      s,
      (items) => items.length === saved.size && [...saved].every(([id, st]) => items.some((c) => c.id === id && c.status === st)),
      'every saved claim, with its status, after the last kill',
    );
    await ui.assertNoError(s, 'after the last restart');
    await sc.close();
    console.log(`e2e: the app was killed ${ROUNDS} times; ${checked} saved claims checked on disk`);
  });
});
