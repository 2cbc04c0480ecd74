// The harness's own failure paths: when the app cannot start, a test must fail fast and say why
// (instead of hanging on a new-session request that never returns).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Scenario } from './lib/harness.mjs';

test('harness: a session for a missing app binary fails at once with a clear error', { timeout: 60_000 }, async () => {
  const sc = await Scenario.start('0-harness-missing-binary', { app: '/nonexistent/claimcoder-app' });
  try {
    const t0 = Date.now();
    await assert.rejects(sc.launch({ timeoutMs: 20_000 }), (e) => {
      assert.match(e.message, /new session/);
      assert.match(e.message, /nonexistent\/claimcoder-app/);
      return true;
    });
    assert.ok(Date.now() - t0 < 15_000, 'the failure should come before the new-session timeout');
  } finally {
    await sc.stop();
  }
  assert.equal(sc.appPids().length, 0);
});

test('harness: an app that dies at start times out and its stderr is reported; nothing is left running', { timeout: 60_000 }, async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'claimcoder-e2e-dies-'));
  const app = path.join(dir, 'dies-at-start');
  fs.writeFileSync(app, '#!/bin/sh\necho "dies-at-start: cannot open display" >&2\nexit 3\n', { mode: 0o755 });
  const sc = await Scenario.start('0-harness-dies-at-start', { app });
  const groups = [sc.driver.pid, sc.xvfb.pid];
  try {
    await assert.rejects(sc.launch({ timeoutMs: 5_000 }), (e) => {
      assert.match(e.message, /timed out after 5000 ms/);
      assert.match(e.message, /dies-at-start: cannot open display/);
      return true;
    });
  } finally {
    await sc.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  for (const pgid of groups) {
    assert.throws(() => process.kill(-pgid, 0), /ESRCH/, `process group ${pgid} should be gone`);
  }
});
