'use strict';
// Records conformance checks as JSON lines for conformance.test.ts; exit 1 when any failed.
function env(name) {
  const v = process.env[name];
  if (!v) {
    console.log(JSON.stringify({ check: `env:${name}`, ok: false, detail: `${name} is not set` }));
    process.exit(2);
  }
  return v;
}

class Checks {
  constructor() {
    this.failed = [];
  }
  record(name, ok, detail = '') {
    console.log(JSON.stringify({ check: name, ok: Boolean(ok), detail: String(detail).slice(0, 2000) }));
    if (!ok) this.failed.push(name);
  }
  /** fn resolves to undefined on success or a string naming the mismatch. */
  async run(name, fn) {
    try {
      const problem = await fn();
      this.record(name, problem === undefined || problem === null, problem ?? '');
    } catch (err) {
      this.record(name, false, `${err?.code}: ${err?.message}`);
    }
  }
  async expectError(name, fn, codes) {
    try {
      await fn();
      this.record(name, false, `the call succeeded; expected ${codes.join(' or ')}`);
    } catch (err) {
      const code = err && (err.code || err.data?.Code);
      this.record(name, codes.includes(code), `got ${code}: ${err?.message}; expected ${codes.join(' or ')}`);
    }
  }
  finish() {
    if (this.failed.length > 0) {
      console.error(`FAILED: ${this.failed.join(', ')}`);
      process.exit(1);
    }
    process.exit(0);
  }
}

module.exports = { Checks, env };
