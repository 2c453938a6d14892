// A minimal Chrome DevTools Protocol client over --remote-debugging-pipe,
// with nothing but Node's standard library: Chromium reads commands on its
// fd 3 and writes replies and events on its fd 4, each message one JSON
// text ended by a NUL byte. This is the transport Playwright uses too; the
// project needs only a handful of commands, so it carries no npm package.
//
//   const b = await launch({ executable, userDataDir, args });
//   const page = await b.newPage();           // a session on a new tab
//   page.on('Network.requestWillBeSent', fn);  // protocol events
//   await page.send('Page.navigate', { url });
//   await b.close();
//
// Every send() rejects on a protocol error or when Chromium goes away; a
// global deadline (timeoutMs) kills Chromium if the test hangs.
import { spawn } from 'node:child_process';
import { EventEmitter } from 'node:events';

class Session extends EventEmitter {
  constructor(browser, sessionId) {
    super();
    this.browser = browser;
    this.sessionId = sessionId;
  }

  send(method, params = {}) {
    return this.browser.send(method, params, this.sessionId);
  }

  // Resolves with the params of the next `event` (optionally one for which
  // pred is true).
  waitFor(event, pred = () => true) {
    return new Promise((resolve) => {
      const fn = (p) => {
        if (pred(p)) {
          this.off(event, fn);
          resolve(p);
        }
      };
      this.on(event, fn);
    });
  }
}

class Browser {
  constructor(child, timeoutMs) {
    this.child = child;
    this.nextId = 1;
    this.pending = new Map();
    this.sessions = new Map();
    this.buffer = Buffer.alloc(0);
    this.closed = false;
    this.stderr = '';
    child.stderr.on('data', (d) => {
      // Kept for the failure message only, and only its end.
      this.stderr = (this.stderr + d.toString()).slice(-4000);
    });
    child.stdio[4].on('data', (d) => this.onData(d));
    child.on('exit', (code, signal) => this.onExit(code, signal));
    this.timer = setTimeout(() => {
      this.failAll(new Error(`chromium: no answer within ${timeoutMs} ms`));
      child.kill('SIGKILL');
    }, timeoutMs);
  }

  onData(chunk) {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    let end;
    while ((end = this.buffer.indexOf(0)) !== -1) {
      const text = this.buffer.subarray(0, end).toString('utf8');
      this.buffer = this.buffer.subarray(end + 1);
      this.dispatch(JSON.parse(text));
    }
  }

  dispatch(msg) {
    if (msg.id !== undefined) {
      const p = this.pending.get(msg.id);
      if (!p) return;
      this.pending.delete(msg.id);
      if (msg.error) p.reject(new Error(`${p.method}: ${msg.error.message}`));
      else p.resolve(msg.result);
      return;
    }
    const target = msg.sessionId ? this.sessions.get(msg.sessionId) : null;
    if (target) target.emit(msg.method, msg.params);
  }

  onExit(code, signal) {
    this.closed = true;
    clearTimeout(this.timer);
    this.failAll(new Error(`chromium exited (code ${code}, signal ${signal}): ${this.stderr.trim()}`));
  }

  failAll(err) {
    for (const p of this.pending.values()) p.reject(err);
    this.pending.clear();
  }

  send(method, params = {}, sessionId) {
    if (this.closed) return Promise.reject(new Error(`${method}: chromium is gone`));
    const id = this.nextId++;
    const msg = { id, method, params };
    if (sessionId) msg.sessionId = sessionId;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, method });
      this.child.stdio[3].write(JSON.stringify(msg) + '\0');
    });
  }

  // A new tab with a session attached to it (flat mode: one pipe for all).
  async newPage() {
    const { targetId } = await this.send('Target.createTarget', { url: 'about:blank' });
    const { sessionId } = await this.send('Target.attachToTarget', { targetId, flatten: true });
    const s = new Session(this, sessionId);
    this.sessions.set(sessionId, s);
    return s;
  }

  async close() {
    if (this.closed) return;
    const gone = new Promise((resolve) => this.child.once('exit', resolve));
    this.send('Browser.close').catch(() => {});
    const t = setTimeout(() => this.child.kill('SIGKILL'), 5000);
    await gone;
    clearTimeout(t);
  }
}

// Starts Chromium headless with the pipe transport.
export function launch({ executable, userDataDir, args = [], timeoutMs = 60000 }) {
  const child = spawn(executable, [
    '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic',
    '--no-default-browser-check', '--disable-extensions', '--mute-audio',
    `--user-data-dir=${userDataDir}`, '--remote-debugging-pipe', ...args, 'about:blank',
  ], { stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('spawn', () => resolve(new Browser(child, timeoutMs)));
  });
}
