// A team server for a scenario: a throw-away PostgreSQL cluster (initdb in a temporary folder,
// postgres on a free loopback port, as the `postgres` user when we are root, since PostgreSQL
// refuses root) and the built claimcoder-server on it. Both run in process groups the harness
// ends at exit; `stop()` ends them and removes the folder.

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { ROOT, freePort, spawnGroup, stopGroup, waitUntil } from './harness.mjs';

export const SERVER = path.join(ROOT, 'target', 'debug', 'claimcoder-server');

function pgBin() {
  const base = '/usr/lib/postgresql';
  const versions = fs.existsSync(base)
    ? fs.readdirSync(base).filter((v) => fs.existsSync(path.join(base, v, 'bin', 'initdb'))).sort((a, b) => Number(a) - Number(b))
    : [];
  if (versions.length === 0) throw new Error('PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb): run scripts/setup.sh');
  return path.join(base, versions.at(-1), 'bin');
}

const asRoot = process.getuid?.() === 0;

function pgCommand(bin, program, args) {
  const exe = path.join(bin, program);
  return asRoot ? ['runuser', ['-u', 'postgres', '--', exe, ...args]] : [exe, args];
}

export class TeamServer {
  /** Starts PostgreSQL and the server; `log` collects both outputs. */
  static async start(log) {
    const t = new TeamServer(log);
    try {
      await t.#startPostgres();
      await t.startServer();
    } catch (e) {
      await t.stop();
      throw e;
    }
    return t;
  }

  constructor(log) {
    this.log = log;
    this.dir = fs.mkdtempSync('/tmp/claimcoder-e2e-pg-');
    if (asRoot) execFileSync('chown', ['-R', 'postgres:postgres', this.dir]);
    this.pg = null;
    this.server = null;
  }

  get database() {
    return `postgres://postgres@127.0.0.1:${this.pgPort}/postgres`;
  }

  async #startPostgres() {
    const bin = pgBin();
    const data = path.join(this.dir, 'data');
    const [cmd, args] = pgCommand(bin, 'initdb', ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync']);
    execFileSync(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    this.pgPort = await freePort();
    const fd = fs.openSync(this.log, 'a');
    const [pcmd, pargs] = pgCommand(bin, 'postgres', ['-D', data, '-p', String(this.pgPort), '-k', this.dir, '-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off']);
    this.pg = spawnGroup(pcmd, pargs, { stdio: ['ignore', fd, fd] });
    fs.closeSync(fd);
    await waitUntil(() => canConnect(this.pgPort), { timeoutMs: 30_000, message: 'PostgreSQL taking connections' });
  }

  /** Starts (or starts again) the server; `this.url` is its address. */
  async startServer() {
    this.port ??= await freePort();
    const fd = fs.openSync(this.log, 'a');
    this.server = spawnGroup(SERVER, ['--database', this.database, '--listen', `127.0.0.1:${this.port}`], { stdio: ['ignore', fd, fd] });
    fs.closeSync(fd);
    this.url = `http://127.0.0.1:${this.port}`;
    await waitUntil(async () => {
      try {
        return (await fetch(`${this.url}/health`)).ok;
      } catch {
        return false;
      }
    }, { timeoutMs: 30_000, message: 'the team server answering /health' });
  }

  /** Stops the server (as when it goes away); PostgreSQL stays. */
  async stopServer() {
    await stopGroup(this.server);
    this.server = null;
  }

  admin(...args) {
    return execFileSync(SERVER, ['admin', '--database', this.database, ...args], { encoding: 'utf8' }).trim();
  }

  async stop() {
    await stopGroup(this.server);
    await stopGroup(this.pg);
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

function canConnect(port) {
  return new Promise((resolve) => {
    const s = net.connect(port, '127.0.0.1');
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
}
