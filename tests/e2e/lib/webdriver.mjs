// A small W3C WebDriver client over Node's fetch, enough for tauri-driver + WebKitWebDriver.
//
// Why our own: fewer moving parts, and control over the pitfalls of this stack:
// - Keep-alive only. tauri-driver 2.1 forwards a client's `Connection: close` to WebKitWebDriver
//   and then fails the next command, so we never send that header (undici keeps connections
//   alive by default).
// - Every request has a timeout and its error names the step that failed, so a hang shows up as
//   "timed out after N ms in <step>" instead of a stuck test.

export const ELEMENT_KEY = 'element-6066-11e4-a52e-4f735466cecf';

/** W3C key codes for the keys the tests press. */
export const Key = Object.freeze({
  Backspace: '\uE003',
  Tab: '\uE004',
  Enter: '\uE007',
  Shift: '\uE008',
  Control: '\uE009',
  Alt: '\uE00A',
  Escape: '\uE00C',
  Delete: '\uE017',
  ArrowLeft: '\uE012',
  ArrowUp: '\uE013',
  ArrowRight: '\uE014',
  ArrowDown: '\uE015',
});

export class WebDriverError extends Error {
  constructor(message, { step, status, error, data } = {}) {
    super(message);
    this.name = 'WebDriverError';
    this.step = step;
    this.status = status;
    this.error = error; // W3C error code, e.g. "no such element"
    this.data = data;
  }
}

const DEFAULT_TIMEOUT_MS = 30_000;

/**
 * One HTTP request to the WebDriver server. Returns the `value` of the answer or throws a
 * WebDriverError saying which step failed and why.
 */
export async function wdRequest(baseUrl, method, path, body, { step, timeoutMs = DEFAULT_TIMEOUT_MS } = {}) {
  const what = step ?? `${method} ${path}`;
  const init = {
    method,
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
    signal: AbortSignal.timeout(timeoutMs),
  };
  if (body !== undefined) init.body = JSON.stringify(body);
  let res;
  let text;
  try {
    res = await fetch(baseUrl + path, init);
    text = await res.text();
  } catch (e) {
    if (e?.name === 'TimeoutError' || e?.name === 'AbortError') {
      throw new WebDriverError(`WebDriver step "${what}" timed out after ${timeoutMs} ms (${method} ${path})`, { step: what });
    }
    const cause = e?.cause?.code ?? e?.cause?.message ?? e?.message;
    throw new WebDriverError(`WebDriver step "${what}" failed to reach ${baseUrl} (${method} ${path}): ${cause}`, { step: what });
  }
  let json;
  try {
    json = text ? JSON.parse(text) : {};
  } catch {
    throw new WebDriverError(
      `WebDriver step "${what}" got a non-JSON answer (HTTP ${res.status}): ${text.slice(0, 500)}`,
      { step: what, status: res.status },
    );
  }
  const value = json?.value;
  if (!res.ok || (value && typeof value === 'object' && typeof value.error === 'string')) {
    const err = value?.error ?? `HTTP ${res.status}`;
    const msg = value?.message ?? text.slice(0, 500);
    throw new WebDriverError(`WebDriver step "${what}" failed: ${err}: ${msg}`, {
      step: what,
      status: res.status,
      error: err,
      data: value,
    });
  }
  return value;
}

export class Element {
  constructor(session, id, description = '') {
    this.session = session;
    this.id = id;
    this.description = description;
  }
  toJSON() {
    return { [ELEMENT_KEY]: this.id };
  }
  #cmd(method, suffix, body, step) {
    return this.session.cmd(method, `/element/${this.id}${suffix}`, body, {
      step: `${step} ${this.description}`.trim(),
    });
  }
  click() {
    return this.#cmd('POST', '/click', {}, 'click');
  }
  clear() {
    return this.#cmd('POST', '/clear', {}, 'clear');
  }
  /** Types `text`. WebKitWebDriver silently drops characters outside the BMP (emoji), so
   * such text is refused here rather than typed wrong. */
  sendKeys(text) {
    if (/[\u{10000}-\u{10FFFF}]/u.test(text)) {
      throw new WebDriverError(`cannot type ${JSON.stringify(text)}: WebKitWebDriver drops characters outside the BMP`, {
        step: `send keys to ${this.description}`,
      });
    }
    return this.#cmd('POST', '/value', { text }, `send keys ${JSON.stringify(text)} to`);
  }
  attribute(name) {
    return this.#cmd('GET', `/attribute/${encodeURIComponent(name)}`, undefined, `read attribute ${name} of`);
  }
  property(name) {
    return this.#cmd('GET', `/property/${encodeURIComponent(name)}`, undefined, `read property ${name} of`);
  }
  text() {
    return this.#cmd('GET', '/text', undefined, 'read text of');
  }
  displayed() {
    return this.#cmd('GET', '/displayed', undefined, 'check displayed');
  }
  find(css) {
    return this.session._findFrom(`/element/${this.id}`, css, `${this.description} ${css}`);
  }
  findAll(css) {
    return this.session._findAllFrom(`/element/${this.id}`, css, `${this.description} ${css}`);
  }
}

export class Session {
  constructor(baseUrl, id, capabilities) {
    this.baseUrl = baseUrl;
    this.id = id;
    this.capabilities = capabilities;
    this.deleted = false;
  }

  /**
   * Creates a session. A new-session request for an app that dies at start never returns, so
   * it has its own (longer) timeout.
   */
  static async create(baseUrl, capabilities, { timeoutMs = 60_000 } = {}) {
    const value = await wdRequest(baseUrl, 'POST', '/session', { capabilities }, {
      step: 'new session (start the app)',
      timeoutMs,
    });
    if (!value?.sessionId) {
      throw new WebDriverError(`new session answered without a sessionId: ${JSON.stringify(value)}`, { step: 'new session' });
    }
    return new Session(baseUrl, value.sessionId, value.capabilities);
  }

  cmd(method, path, body, { step, timeoutMs } = {}) {
    if (this.deleted) throw new WebDriverError(`session already deleted (step ${step ?? path})`, { step });
    return wdRequest(this.baseUrl, method, `/session/${this.id}${path}`, body, { step, timeoutMs }).then((v) =>
      this.#wrap(v),
    );
  }

  #wrap(value) {
    if (Array.isArray(value)) return value.map((v) => this.#wrap(v));
    if (value && typeof value === 'object') {
      if (typeof value[ELEMENT_KEY] === 'string') return new Element(this, value[ELEMENT_KEY]);
      const out = {};
      for (const [k, v] of Object.entries(value)) out[k] = this.#wrap(v);
      return out;
    }
    return value;
  }

  async _findFrom(prefix, css, description) {
    try {
      const v = await wdRequest(
        this.baseUrl,
        'POST',
        `/session/${this.id}${prefix}/element`,
        { using: 'css selector', value: css },
        { step: `find ${description}` },
      );
      return new Element(this, v[ELEMENT_KEY], css);
    } catch (e) {
      if (e instanceof WebDriverError && e.error === 'no such element') return null;
      throw e;
    }
  }

  async _findAllFrom(prefix, css, description) {
    const v = await wdRequest(
      this.baseUrl,
      'POST',
      `/session/${this.id}${prefix}/elements`,
      { using: 'css selector', value: css },
      { step: `find all ${description}` },
    );
    return v.map((e, i) => new Element(this, e[ELEMENT_KEY], `${css}[${i}]`));
  }

  /** The first element matching `css`, or null. */
  find(css) {
    return this._findFrom('', css, css);
  }

  findAll(css) {
    return this._findAllFrom('', css, css);
  }

  /** Runs `script` (a function body; `arguments` holds args) in the page and returns its value. */
  execute(script, args = [], { step = 'execute script', timeoutMs } = {}) {
    return this.cmd('POST', '/execute/sync', { script, args }, { step, timeoutMs });
  }

  executeAsync(script, args = [], { step = 'execute async script', timeoutMs } = {}) {
    return this.cmd('POST', '/execute/async', { script, args }, { step, timeoutMs });
  }

  title() {
    return this.cmd('GET', '/title', undefined, { step: 'read title' });
  }

  activeElement() {
    return this.cmd('GET', '/element/active', undefined, { step: 'get active element' });
  }

  actions(actions, { step = 'perform actions' } = {}) {
    return this.cmd('POST', '/actions', { actions }, { step });
  }

  releaseActions() {
    return this.cmd('DELETE', '/actions', undefined, { step: 'release actions' });
  }

  /**
   * Presses a key with modifiers held, as real key events (keydown/keyup) through WebDriver
   * actions: pressKey('1'), pressKey('z', [Key.Control, Key.Shift]).
   */
  async pressKey(key, modifiers = [], { step } = {}) {
    const seq = [];
    for (const m of modifiers) seq.push({ type: 'keyDown', value: m });
    seq.push({ type: 'keyDown', value: key }, { type: 'keyUp', value: key });
    for (const m of [...modifiers].reverse()) seq.push({ type: 'keyUp', value: m });
    const name = describeKeys(key, modifiers);
    await this.actions([{ type: 'key', id: 'keyboard', actions: seq }], { step: step ?? `press ${name}` });
    await this.releaseActions().catch(() => {});
  }

  async delete({ timeoutMs = 20_000 } = {}) {
    if (this.deleted) return;
    this.deleted = true;
    await wdRequest(this.baseUrl, 'DELETE', `/session/${this.id}`, undefined, {
      step: 'delete session (close the app)',
      timeoutMs,
    });
  }
}

export function describeKeys(key, modifiers = []) {
  const names = Object.fromEntries(Object.entries(Key).map(([k, v]) => [v, k]));
  return [...modifiers, key].map((k) => names[k] ?? k).join('+');
}
