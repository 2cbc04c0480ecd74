// Scenario 14: a team project. A real PostgreSQL and the team server; a lead, a coder and a
// reviewer on the command line (each a project and a config folder of their own, as on their
// own machines) and a coder in the real app, all linked to one team project. The lead's
// article reaches everyone; claims coded in the app reach the others and theirs reach the
// app; the reviewer's decision reaches all; with the server gone the app keeps coding, says
// it is offline, and sends what waited once the server is back. Then, without the app, a
// command-line sync SIGKILLed at random moments: in the end the team has each claim once. And
// a sync over HTTPS through a TLS-terminating proxy with a certificate of the team's own.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, execFileSync, spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import tls from 'node:tls';
import { promisify } from 'node:util';
import { ARTIFACTS, CLI, withScenario, cli, cliJson, sleep, waitUntil } from './lib/harness.mjs';
import { TeamServer } from './lib/teamServer.mjs';
import * as ui from './lib/app.mjs';

const TEXT = [
  'Bridge opening delayed',
  '',
  'The minister said the bridge will open in May, despite the engineers’ report.',
  'Критики ответили, что это невозможно 🌉 before the autumn.',
  'A spokesperson confirmed that costs rose by a third.',
].join('\n');

const execFileAsync = promisify(execFile);

/** A teammate on the command line: their project and their own config folder. */
function teammate(dir, name) {
  const home = path.join(dir, `machine-${name}`);
  fs.mkdirSync(home, { recursive: true });
  const env = { XDG_CONFIG_HOME: path.join(home, 'config'), XDG_DATA_HOME: path.join(home, 'data'), CLAIMCODER_CODER: name };
  const project = path.join(home, `${name}.claimcoder`);
  return {
    project,
    env,
    run: (args) => cli(project, args, { env }),
    json: (args) => cliJson(project, args, { env }),
  };
}

function span(text, phrase) {
  const at = [...text.slice(0, text.indexOf(phrase))].length;
  return [String(at), String(at + [...phrase].length)];
}

async function teamStatus(s) {
  const el = await ui.waitFor(s, ui.tid('team-status'));
  // The button shows a word or two; its label is the whole summary.
  return { text: await el.attribute('aria-label'), phase: await el.attribute('data-phase') };
}

async function waitForTeam(s, pred, message) {
  let last;
  try {
    return await waitUntil(async () => {
      last = await teamStatus(s);
      return pred(last) ? last : null;
    }, { timeoutMs: 40_000, intervalMs: 250, message });
  } catch (e) {
    e.message += `\nteam status shown: ${JSON.stringify(last)}`;
    throw e;
  }
}

test('team: the app and command-line teammates sync through one team project', { timeout: 300_000 }, async () => {
  let team;
  let lead;
  let ben;
  let rita;
  let anaProject;
  const tokens = {};
  let doc;
  const env = async (sc) => {
    team = await TeamServer.start(sc.log);
    const project = team.admin('create-project', 'Bridge desk');
    for (const [name, role] of [['lee', 'lead'], ['ana', 'coder'], ['ben', 'coder'], ['rita', 'reviewer']]) {
      tokens[name] = team.admin('invite', project, name, '--role', role);
    }
    team.projectUrl = `${team.url}/${project}`;
    lead = teammate(sc.dir, 'lee');
    ben = teammate(sc.dir, 'ben');
    rita = teammate(sc.dir, 'rita');
    const article = path.join(sc.dir, 'bridge.txt');
    fs.writeFileSync(article, TEXT, 'utf8');
    lead.run(['import', article]);
    lead.run(['team', 'link', team.projectUrl, '--token', tokens.lee]);
    const shared = lead.json(['team', 'sync']);
    assert.equal(shared.pushed.accepted, 1, `the lead shares the article: ${JSON.stringify(shared)}`);
    ben.run(['init']);
    ben.run(['team', 'link', team.projectUrl, '--token', tokens.ben]);
    ben.run(['team', 'sync']);
    doc = ben.json(['docs'])[0].id;
    ben.run(['claim', 'add', doc, ...span(TEXT, 'это невозможно'), '--status', 'disputed']);
    const sent = ben.json(['team', 'sync']);
    assert.equal(sent.pushed.accepted, 1, JSON.stringify(sent));
    anaProject = path.join(sc.dir, 'ana.claimcoder');
    cli(anaProject, ['init']);
    return { CLAIMCODER_PROJECT: anaProject, CLAIMCODER_CODER: 'ana' };
  };
  try {
    await withScenario('14-team-sync', { env }, async (sc) => {
      const s = await sc.launch();
      assert.match((await teamStatus(s)).text, /not linked/);

      // Ana links the app to the team project: the article and Ben's claim arrive.
      await ui.click(s, ui.tid('team-status'));
      await ui.waitFor(s, ui.tid('team-dialog'));
      await (await ui.waitFor(s, ui.tid('team-url'))).sendKeys(team.projectUrl);
      await (await ui.waitFor(s, ui.tid('team-token'))).sendKeys(tokens.ana);
      await ui.click(s, ui.tid('team-link'));
      await ui.waitGone(s, ui.tid('team-dialog'));
      await waitForTeam(s, (t) => t.phase === 'idle' && /synced/.test(t.text), 'the first sync done');
      await ui.openDocument(s, 'Bridge opening delayed');
      await ui.waitForReaderText(s);
      await ui.waitForClaims(s, (items) => items.length === 1 && items[0].status === 'disputed', "Ben's claim in the app");

      // Ana codes a claim: it goes to the team on its own.
      await ui.selectPhrase(s, 'the bridge will open in May');
      const anas = await ui.codeSelectionWithKey(s, '1');
      await ui.editorDone(s);
      await waitUntil(() => {
        const r = ben.json(['team', 'sync']);
        return ben.json(['claims']).some((c) => c.id === anas) ? r : null;
      }, { timeoutMs: 40_000, intervalMs: 1_000, message: "Ana's claim reaching Ben" });

      // The reviewer accepts Ana's claim on the unit both coded... Ana's alone: a unit of one.
      rita.run(['init']);
      rita.run(['team', 'link', team.projectUrl, '--token', tokens.rita]);
      rita.run(['team', 'sync']);
      const units = rita.json(['review', 'units', doc, '--coders', 'ana,ben']);
      const list = Array.isArray(units) ? units : units.units;
      const unit = list.find((u) => JSON.stringify(u).includes(anas));
      assert.ok(unit, `a unit holds Ana's claim: ${JSON.stringify(list).slice(0, 800)}`);
      rita.run(['review', 'decide', unit.id, '--accept', 'ana', '--reason', 'the minister is quoted directly']);
      const decided = rita.json(['team', 'sync']);
      assert.equal(decided.pushed.accepted, 2, `the gold claim and the decision: ${JSON.stringify(decided)}`);

      // The decision reaches the app (its gold claim in the list) and the lead.
      await ui.click(s, ui.tid('team-status'));
      await ui.click(s, ui.tid('team-sync-now'));
      await ui.waitForClaims(s, (items) => items.length === 3, 'the gold claim in the app');
      lead.run(['team', 'sync']);
      const leadDecisions = lead.json(['review', 'decisions']);
      assert.equal(leadDecisions.length, 1);
      assert.equal(leadDecisions[0].decided_by, 'rita');
      await sc.screenshot('synced');

      // The server goes away: the app keeps coding and says it is offline.
      await team.stopServer();
      await ui.selectPhrase(s, 'costs rose by a third');
      const offline = await ui.codeSelectionWithKey(s, '3');
      await ui.editorDone(s);
      await ui.click(s, ui.tid('team-status'));
      await ui.click(s, ui.tid('team-sync-now'));
      await waitForTeam(s, (t) => t.phase === 'offline' && /1 to send/.test(t.text), 'offline, one claim waiting');
      await sc.screenshot('offline');
      await ui.assertNoError(s, 'coding while the team server is away');
      assert.ok(cliJson(anaProject, ['claims']).some((c) => c.id === offline), 'the claim is saved here');

      // Back: what waited is sent.
      await team.startServer();
      await ui.click(s, ui.tid('team-status'));
      await ui.click(s, ui.tid('team-sync-now'));
      await waitForTeam(s, (t) => t.phase === 'idle' && !/to send/.test(t.text), 'synced again, nothing waiting');
      ben.run(['team', 'sync']);
      assert.ok(ben.json(['claims']).some((c) => c.id === offline), 'the claim coded offline reached Ben');
      const status = ben.json(['team', 'status']);
      assert.equal(status.pending, 0);
    });
  } finally {
    await team?.stop();
  }
});

test('team: a command-line sync killed at random moments loses and doubles nothing', { timeout: 300_000 }, async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'claimcoder-e2e-14-kill-'));
  const log = path.join(ARTIFACTS, '14-team-sync-kill.log');
  fs.writeFileSync(log, '');
  const team = await TeamServer.start(log);
  try {
    const project = team.admin('create-project', 'Kill desk');
    const url = `${team.url}/${project}`;
    const lead = teammate(dir, 'lee');
    const article = path.join(dir, 'bridge.txt');
    fs.writeFileSync(article, TEXT, 'utf8');
    lead.run(['import', article]);
    lead.run(['team', 'link', url, '--token', team.admin('invite', project, 'lee', '--role', 'lead')]);
    lead.run(['team', 'sync']);

    // Ben has 3,000 claims to send (merged from a set: one transaction), and a sync that is
    // killed again and again at a random moment.
    const ben = teammate(dir, 'ben');
    ben.run(['init']);
    ben.run(['team', 'link', url, '--token', team.admin('invite', project, 'ben', '--role', 'coder')]);
    ben.run(['team', 'sync']);
    const doc = ben.json(['docs'])[0];
    const text = ben.json(['doc', 'show', doc.id]).text;
    const chars = [...text];
    const claims = Array.from({ length: 3000 }, (_, i) => {
      const start = (i * 7) % (chars.length - 20);
      const end = start + 4 + (i % 9);
      const at = '2026-12-02T00:00:00.000Z';
      return { id: crypto.randomUUID(), document: doc.id, start, end, quote: chars.slice(start, end).join(''), status: 'unverified', speaker: null, cue: null, note: `claim ${i}`, created: at, modified: at };
    });
    const set = path.join(dir, 'ben.json');
    fs.writeFileSync(set, JSON.stringify({
      format: 'claimcoder/annotation-set', version: 1, coder: { name: 'ben' },
      documents: [{ id: doc.id, title: doc.title, text, sha256: crypto.createHash('sha256').update(text).digest('hex'), source: { url: null, publisher: null, author: null, published: null } }],
      speakers: [], claims,
    }));
    ben.run(['import-set', set]);
    let killed = 0;
    for (let round = 0; round < 8; round++) {
      const child = spawn(CLI, ['--project', ben.project, 'team', 'sync'], { env: { ...process.env, ...ben.env }, stdio: 'ignore' });
      const exited = new Promise((resolve) => child.once('exit', resolve));
      await sleep(50 + Math.floor(Math.random() * 400));
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGKILL');
        killed++;
      }
      await exited;
    }
    assert.ok(killed >= 2, `the sync was killed mid-way at least twice (${killed})`);
    const done = ben.json(['team', 'sync']);
    assert.ok(done.verified, JSON.stringify(done));
    assert.equal(done.status.pending, 0);
    // Everything once on the server: Ana, new, pulls exactly Ben's 3,000 claims.
    const ana = teammate(dir, 'ana');
    ana.run(['init']);
    ana.run(['team', 'link', url, '--token', team.admin('invite', project, 'ana', '--role', 'coder')]);
    const first = ana.json(['team', 'sync']);
    assert.equal(first.pulled.claims, 3000, JSON.stringify(first.pulled));
    const ids = new Set(ana.json(['claims']).map((c) => c.id));
    assert.equal(ids.size, 3000);
    for (const c of claims) assert.ok(ids.has(c.id), `claim ${c.id} reached the team`);
  } finally {
    await team.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("team: over HTTPS with the team's own certificate; an untrusted one is refused, saying why", { timeout: 120_000 }, async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'claimcoder-e2e-14-tls-'));
  const log = path.join(ARTIFACTS, '14-team-sync-tls.log');
  fs.writeFileSync(log, '');
  const team = await TeamServer.start(log);
  let proxy;
  try {
    const key = path.join(dir, 'key.pem');
    const cert = path.join(dir, 'cert.pem');
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '2',
      '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost'], { stdio: 'ignore' });
    // A TLS-terminating proxy in front of the server, as a team would run one.
    proxy = tls.createServer({ key: fs.readFileSync(key), cert: fs.readFileSync(cert) }, (socket) => {
      const upstream = net.connect(team.port, '127.0.0.1');
      socket.pipe(upstream).pipe(socket);
      socket.on('error', () => upstream.destroy());
      upstream.on('error', () => socket.destroy());
    });
    await new Promise((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    const project = team.admin('create-project', 'TLS desk');
    const url = `https://127.0.0.1:${proxy.address().port}/${project}`;
    const token = team.admin('invite', project, 'lee', '--role', 'lead');
    const lead = teammate(dir, 'lee');
    const article = path.join(dir, 'bridge.txt');
    fs.writeFileSync(article, TEXT, 'utf8');
    lead.run(['import', article]);

    // The proxy runs in this process: the CLI is run without blocking it.
    const run = async (args, env) => {
      const { stdout } = await execFileAsync(CLI, ['--project', lead.project, ...args], { env: { ...process.env, ...lead.env, ...env }, timeout: 60_000 });
      return stdout;
    };
    // A certificate this machine does not trust: refused, with what to do about it.
    await assert.rejects(run(['team', 'link', url, '--token', token], {}), (e) => {
      assert.match(e.stderr, /certificate is not trusted here[\s\S]*CLAIMCODER_TEAM_CA/, e.stderr);
      return true;
    });
    // The team's certificate trusted: linked and synced over HTTPS.
    const trusted = { CLAIMCODER_TEAM_CA: cert };
    await run(['team', 'link', url, '--token', token], trusted);
    const r = JSON.parse(await run(['team', 'sync', '--json'], trusted));
    assert.equal(r.pushed.accepted, 1, JSON.stringify(r));
    assert.ok(r.verified);
    assert.equal(JSON.parse(await run(['team', 'status', '--json'], trusted)).url, url);
  } finally {
    proxy?.close();
    await team.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
