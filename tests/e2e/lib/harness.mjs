// Starts and stops what one end-to-end scenario needs: its own Xvfb display, its own
// tauri-driver (which starts WebKitWebDriver, which starts the app), its own temp dir and
// environment. Everything it starts runs in process groups that it ends at the end, so nothing
// outlives a test run.
//
// Pitfalls of this stack that are handled here:
// - tauri-driver does not wait for WebKitWebDriver: we wait for both ports to accept connections
//   before creating a session.
// - A new-session request for an app that dies at start never returns: it is timed out and the
//   error carries the tail of the log (the app's stderr is in it).
// - The app is a grandchild of tauri-driver: tauri-driver runs in its own process group
//   (spawned detached) and the whole group is ended, or the app would live on.
// - WebKitWebDriver's screenshot can hang under Xvfb: screenshots are taken with xwd + convert.

import { spawn, execFile, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Session } from './webdriver.mjs';

export const ROOT = path.resolve(fileURLToPath(new URL('../../..', import.meta.url)));
export const APP = path.join(ROOT, 'target', 'debug', 'claimcoder-app');
export const CLI = path.join(ROOT, 'target', 'debug', 'claimcoder');
export const ARTIFACTS = path.join(ROOT, '.e2e-artifacts');
export const APP_ID = 'org.claimcoder.app';

const NEW_SESSION_TIMEOUT_MS = Number(process.env.E2E_NEW_SESSION_TIMEOUT_MS ?? 60_000);
const PORT_TIMEOUT_MS = 15_000;
const STOP_GRACE_MS = 3_000;

// ---------------------------------------------------------------------------------------------
// Process groups: every group started here is ended at exit, whatever happens.

const liveGroups = new Set();

function killGroup(pgid, signal) {
  try {
    process.kill(-pgid, signal);
    return true;
  } catch {
    return false; // ESRCH: no process left in the group
  }
}

function groupAlive(pgid) {
  return killGroup(pgid, 0);
}

process.on('exit', () => {
  for (const pgid of liveGroups) killGroup(pgid, 'SIGKILL');
});
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.once(sig, () => {
    for (const pgid of liveGroups) killGroup(pgid, 'SIGKILL');
    process.exit(128 + (os.constants.signals[sig] ?? 1));
  });
}

/** Ends a process group: SIGTERM, then SIGKILL after a grace period; waits until it is empty. */
async function endGroup(pgid, graceMs = STOP_GRACE_MS) {
  if (!groupAlive(pgid)) {
    liveGroups.delete(pgid);
    return;
  }
  killGroup(pgid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (groupAlive(pgid) && Date.now() < deadline) await sleep(50);
  if (groupAlive(pgid)) {
    killGroup(pgid, 'SIGKILL');
    const hard = Date.now() + 2_000;
    while (groupAlive(pgid) && Date.now() < hard) await sleep(50);
  }
  liveGroups.delete(pgid);
}

/**
 * Spawns `cmd` in a process group of its own, ended at exit whatever happens (for a helper a
 * scenario needs beside the app: a database, a server). Returns the child; end it with
 * `stopGroup(child)`.
 */
export function spawnGroup(cmd, args, opts = {}) {
  const child = spawn(cmd, args, { ...opts, detached: true });
  if (child.pid) liveGroups.add(child.pid);
  return child;
}

export async function stopGroup(child) {
  if (child?.pid) await endGroup(child.pid);
}

// ---------------------------------------------------------------------------------------------
// Small utilities

export function sleep(ms) {
  return new Promise((r) => setTimeout(r, ms));
}

/** Polls `fn` until it returns a truthy value; returns that value or throws `message`. */
export async function waitUntil(fn, { timeoutMs = 10_000, intervalMs = 100, message = 'condition' } = {}) {
  const deadline = Date.now() + timeoutMs;
  let last;
  let lastError;
  for (;;) {
    try {
      last = await fn();
      if (last) return last;
      lastError = undefined;
    } catch (e) {
      lastError = e;
    }
    if (Date.now() >= deadline) break;
    await sleep(intervalMs);
  }
  const detail = lastError ? ` (last error: ${lastError.message})` : last !== undefined ? ` (last value: ${JSON.stringify(last)})` : '';
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${message}${detail}`);
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

function canConnect(port) {
  return new Promise((resolve) => {
    const sock = net.connect({ port, host: '127.0.0.1' });
    sock.once('connect', () => {
      sock.destroy();
      resolve(true);
    });
    sock.once('error', () => resolve(false));
    sock.setTimeout(1_000, () => {
      sock.destroy();
      resolve(false);
    });
  });
}

function tail(file, maxChars = 4_000) {
  try {
    const text = fs.readFileSync(file, 'utf8');
    return text.length > maxChars ? '…' + text.slice(-maxChars) : text;
  } catch {
    return '(no log)';
  }
}

/** The processes of process group `pgid` (Linux /proc): [{ pid, comm }]. */
export function groupProcesses(pgid) {
  const out = [];
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${name}/stat`, 'utf8');
      // pid (comm) state ppid pgrp ...; comm may contain spaces and parentheses
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[2]) !== pgid) continue;
      out.push({ pid: Number(name), comm: stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')) });
    } catch {
      // the process ended while we looked
    }
  }
  return out;
}

/** Pids whose process group is `pgid` and whose executable is `exe`. */
function pidsOf(pgid, exe) {
  // /proc/PID/exe is the resolved path: resolve ours too (the target folder may be a link).
  const want = fs.realpathSync(exe);
  return groupProcesses(pgid)
    .filter(({ pid }) => {
      try {
        return fs.readlinkSync(`/proc/${pid}/exe`).replace(/ \(deleted\)$/, '') === want;
      } catch {
        return false; // ended meanwhile
      }
    })
    .map(({ pid }) => pid);
}

/** Adds `extra` to an error's message, keeping its stack frames (the runner prints the stack). */
export function amend(e, extra) {
  if (!(e instanceof Error)) e = new Error(String(e));
  const frames = (e.stack ?? '').split('\n').filter((l) => /^\s+at /.test(l)).join('\n');
  e.message += extra;
  e.stack = `${e.name}: ${e.message}\n${frames}`;
  return e;
}

export function sha256(file) {
  return execFileSync('sha256sum', [file], { encoding: 'utf8' }).split(' ')[0];
}

// ---------------------------------------------------------------------------------------------
// The CLI, to check what is on disk independently of the UI.

export function cli(project, args, { timeoutMs = 30_000, env } = {}) {
  try {
    return execFileSync(CLI, ['--project', project, ...args], {
      encoding: 'utf8',
      timeout: timeoutMs,
      env: env ? { ...process.env, ...env } : process.env,
      maxBuffer: 256 * 1024 * 1024,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  } catch (e) {
    throw new Error(`claimcoder --project ${project} ${args.join(' ')} failed: ${e.message}\nstderr: ${e.stderr ?? ''}`);
  }
}

export function cliJson(project, args, opts) {
  const out = cli(project, [...args, '--json'], opts);
  try {
    return JSON.parse(out);
  } catch {
    throw new Error(`claimcoder ${args.join(' ')} --json printed something that is not JSON: ${out.slice(0, 500)}`);
  }
}

/**
 * Writes `text` to `fileName` in the scenario's temp dir and imports it into a new project
 * `projectName` there, through the CLI (for a scenario's `env`). Returns the project's path and
 * its documents (`docs --json`).
 */
export function importedProject(sc, projectName, fileName, text) {
  const project = path.join(sc.dir, projectName);
  const file = path.join(sc.dir, fileName);
  fs.writeFileSync(file, text, 'utf8');
  cli(project, ['import', file]);
  return { project, docs: cliJson(project, ['docs']) };
}

// ---------------------------------------------------------------------------------------------
// A scenario: a display, a tauri-driver, an environment; sessions (= runs of the app) in it.

export class Scenario {
  /**
   * @param {string} name  used for artifact file names
   * @param {object} opts
   * @param {Record<string,string> | ((sc: Scenario) => Record<string,string>)} [opts.env]  extra
   *   environment for the app (e.g. CLAIMCODER_PROJECT); a function gets the scenario (its temp
   *   dir `sc.dir` exists) and may prepare files there before anything starts
   * @param {string} [opts.app]  the application binary (default: target/debug/claimcoder-app)
   * @param {string[]} [opts.args]  its arguments
   */
  static async start(name, { env = {}, app = APP, args = [] } = {}) {
    const sc = new Scenario(name, app, args);
    try {
      if (typeof env === 'function') env = await env(sc);
      await sc.#startXvfb();
      await sc.#startDriver(env);
    } catch (e) {
      await sc.stop();
      throw e;
    }
    return sc;
  }

  constructor(name, app, args = []) {
    this.name = name;
    this.app = app;
    this.args = args;
    this.dir = fs.mkdtempSync(path.join(os.tmpdir(), `claimcoder-e2e-${name}-`));
    this.dataHome = path.join(this.dir, 'data');
    this.configHome = path.join(this.dir, 'config');
    for (const d of [this.dataHome, this.configHome, path.join(this.dir, 'cache'), path.join(this.dir, 'run')]) {
      fs.mkdirSync(d, { recursive: true, mode: 0o700 });
    }
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    // A run's artifacts replace the previous run's (no stale failure screenshots).
    for (const f of fs.readdirSync(ARTIFACTS)) {
      if (f.startsWith(`${name}-`) && f.endsWith('.png')) fs.rmSync(path.join(ARTIFACTS, f), { force: true });
    }
    this.log = path.join(ARTIFACTS, `${name}.log`);
    fs.writeFileSync(this.log, '');
    this.session = null;
    this.xvfb = null;
    this.driver = null;
    this.launches = 0;
  }

  /** Where the app keeps its default project with this scenario's XDG dirs. */
  get defaultProject() {
    return path.join(this.dataHome, APP_ID, 'default.claimcoder');
  }

  get settingsFile() {
    return path.join(this.configHome, APP_ID, 'settings.json');
  }

  note(line) {
    fs.appendFileSync(this.log, `[e2e ${new Date().toISOString()}] ${line}\n`);
  }

  logTail(maxChars) {
    return tail(this.log, maxChars);
  }

  async #startXvfb() {
    const fd = fs.openSync(this.log, 'a');
    // -displayfd: Xvfb picks a free display number and writes it to fd 3 once it is ready.
    const child = spawn('Xvfb', ['-displayfd', '3', '-screen', '0', '1280x800x24', '-nolisten', 'tcp', '-noreset'], {
      detached: true,
      stdio: ['ignore', fd, fd, 'pipe'],
    });
    fs.closeSync(fd);
    liveGroups.add(child.pid);
    this.xvfb = child;
    this.display = await new Promise((resolve, reject) => {
      let buf = '';
      const timer = setTimeout(() => reject(new Error(`Xvfb did not report a display within 10 s; log:\n${tail(this.log)}`)), 10_000);
      child.once('error', (e) => {
        clearTimeout(timer);
        reject(new Error(`cannot start Xvfb: ${e.message}`));
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`Xvfb exited (${code}) before reporting a display; log:\n${tail(this.log)}`));
      });
      child.stdio[3].on('data', (d) => {
        buf += d;
        if (buf.includes('\n')) {
          clearTimeout(timer);
          resolve(`:${buf.trim()}`);
        }
      });
    });
    child.stdio[3].destroy();
    child.removeAllListeners('exit');
    this.note(`Xvfb ${this.display} (pid ${child.pid})`);
  }

  async #startDriver(extraEnv) {
    this.port = await freePort();
    this.nativePort = await freePort();
    while (this.nativePort === this.port) this.nativePort = await freePort();
    this.env = {
      ...process.env,
      DISPLAY: this.display,
      XDG_DATA_HOME: this.dataHome,
      XDG_CONFIG_HOME: this.configHome,
      XDG_CACHE_HOME: path.join(this.dir, 'cache'),
      XDG_RUNTIME_DIR: path.join(this.dir, 'run'),
      WEBKIT_DISABLE_DMABUF_RENDERER: '1',
      NO_AT_BRIDGE: '1', // no accessibility bus here; asking for one can stall GTK start
      GDK_BACKEND: 'x11',
      ...extraEnv,
    };
    delete this.env.WAYLAND_DISPLAY;
    for (const [k, v] of Object.entries(extraEnv)) this.note(`env ${k}=${v}`);
    const fd = fs.openSync(this.log, 'a');
    const child = spawn('tauri-driver', ['--port', String(this.port), '--native-port', String(this.nativePort)], {
      detached: true, // its own process group: WebKitWebDriver and the app are in it too
      stdio: ['ignore', fd, fd],
      env: this.env,
      cwd: this.dir,
    });
    fs.closeSync(fd);
    this.driver = child;
    let exited = null;
    child.once('error', (e) => (exited = `cannot start tauri-driver: ${e.message}`));
    child.once('exit', (code, sig) => (exited = `tauri-driver exited (${code ?? sig})`));
    if (child.pid) liveGroups.add(child.pid);
    this.note(`tauri-driver port ${this.port} native-port ${this.nativePort} (pid ${child.pid})`);
    // tauri-driver does not wait for WebKitWebDriver: wait for both ports.
    for (const [what, port] of [
      ['tauri-driver', this.port],
      ['WebKitWebDriver', this.nativePort],
    ]) {
      const deadline = Date.now() + PORT_TIMEOUT_MS;
      while (!(await canConnect(port))) {
        if (exited) throw new Error(`${exited} before ${what} listened on ${port}; log:\n${tail(this.log)}`);
        if (Date.now() > deadline) {
          throw new Error(`${what} did not accept connections on port ${port} within ${PORT_TIMEOUT_MS} ms; log:\n${tail(this.log)}`);
        }
        await sleep(100);
      }
    }
    this.baseUrl = `http://127.0.0.1:${this.port}`;
  }

  /** Starts the app (a new WebDriver session) and waits for its page to load. */
  async launch({ timeoutMs = NEW_SESSION_TIMEOUT_MS } = {}) {
    if (this.session) throw new Error('the app is already running in this scenario');
    this.launches += 1;
    this.note(`launch #${this.launches}: ${this.app}`);
    const started = Date.now();
    try {
      this.session = await Session.create(
        this.baseUrl,
        { alwaysMatch: { 'tauri:options': { application: this.app, args: this.args } } },
        { timeoutMs },
      );
    } catch (e) {
      throw amend(e, `\n--- log of scenario ${this.name} (tauri-driver, WebKitWebDriver and app stderr) ---\n${tail(this.log)}`);
    }
    this.note(`session ${this.session.id} after ${Date.now() - started} ms`);
    await waitUntil(
      () => this.session.execute('return document.readyState === "complete"'),
      { timeoutMs: 20_000, message: 'the app page to load' },
    );
    return this.session;
  }

  /** Pids of the app in this scenario (the app runs in tauri-driver's process group). */
  appPids() {
    return this.driver?.pid ? pidsOf(this.driver.pid, this.app) : [];
  }

  /** Closes the app (deletes the session) and waits for its process to end. */
  async close({ timeoutMs = 15_000 } = {}) {
    if (!this.session) return;
    const s = this.session;
    this.session = null;
    await s.delete();
    const deadline = Date.now() + timeoutMs;
    while (this.appPids().length && Date.now() < deadline) await sleep(100);
    const left = this.appPids();
    if (left.length) {
      this.note(`app still running ${timeoutMs} ms after the session was deleted (pids ${left.join(',')}); ending it`);
      for (const pid of left) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {}
      }
      throw new Error(`the app did not exit within ${timeoutMs} ms after its WebDriver session was deleted`);
    }
    this.note('app closed');
  }

  /**
   * Kills the app with SIGKILL mid-session, as a crash would end it (no chance to save or
   * close anything), and forgets its session; `launch()` starts it again. Returns its pids.
   */
  async killApp() {
    const pids = this.appPids();
    if (!pids.length) throw new Error('killApp: the app is not running');
    for (const pid of pids) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {}
    }
    await waitUntil(() => this.appPids().length === 0, { timeoutMs: 10_000, message: 'the killed app to be gone' });
    const s = this.session;
    this.session = null;
    // The driver still holds the dead app's session: end it so that a new one can start.
    await s?.delete({ timeoutMs: 5_000 }).catch((e) => this.note(`delete the killed app's session: ${e.message}`));
    this.note(`app killed with SIGKILL (pids ${pids.join(',')})`);
    return pids;
  }

  /** "Restart the app": close it and start it again with the same environment. */
  async restart() {
    await this.close();
    return this.launch();
  }

  /** A PNG of the whole display, taken outside WebDriver (xwd + convert). */
  async screenshot(label) {
    const file = path.join(ARTIFACTS, `${this.name}-${label}.png`);
    await new Promise((resolve, reject) => {
      execFile(
        'bash',
        ['-o', 'pipefail', '-c', 'xwd -root -silent -display "$1" | convert xwd:- "png:$2"', 'screenshot', this.display, file],
        { timeout: 20_000 },
        (err, _out, stderr) => (err ? reject(new Error(`screenshot ${file} failed: ${err.message} ${stderr}`)) : resolve()),
      );
    });
    this.note(`screenshot ${file}`);
    return file;
  }

  /** Ends everything this scenario started. Safe to call more than once. */
  async stop() {
    if (this.session) {
      const s = this.session;
      this.session = null;
      await s.delete({ timeoutMs: 5_000 }).catch((e) => this.note(`delete session at stop: ${e.message}`));
    }
    if (this.driver?.pid) await endGroup(this.driver.pid);
    if (this.xvfb?.pid) await endGroup(this.xvfb.pid);
    this.driver = null;
    this.xvfb = null;
    if (!process.env.E2E_KEEP_TMP) fs.rmSync(this.dir, { recursive: true, force: true });
    else this.note(`kept ${this.dir}`);
  }
}

/**
 * Runs one scenario: starts it, runs `fn(scenario)`, and on failure takes a screenshot and
 * adds the log tail to the error; always stops everything at the end.
 */
export async function withScenario(name, opts, fn) {
  const sc = await Scenario.start(name, opts);
  try {
    return await fn(sc);
  } catch (e) {
    let shot = '';
    try {
      shot = await sc.screenshot('failure');
    } catch (se) {
      shot = `(no screenshot: ${se.message})`;
    }
    throw amend(e, `\n[scenario ${name}] screenshot: ${shot}\n[scenario ${name}] log: ${sc.log}\n${sc.logTail(3_000)}`);
  } finally {
    await sc.stop();
  }
}
