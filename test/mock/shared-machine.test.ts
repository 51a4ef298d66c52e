import { spawn, spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { registerMock } from '../../src/cli/mock.js';
import { adminCall, findRunningMock } from '../../src/mock/admin-client.js';
import { type MockHandle, startMock } from '../../src/mock/index.js';
import { pkiCacheDir } from '../../src/mock/pki.js';
import { ensurePrivateDir } from '../../src/mock/private-dir.js';
import { ReplayGuard } from '../../src/mock/replay-guard.js';
import { readClientKey } from '../../src/protocol/client-key.js';
import { skipOrFail } from '../support/gate.js';
import { type CallOptions, callInstance, sendSigned } from './helpers/instance-client.js';

// Issue 13.7: the mock is safe to share a machine with.

const ROOT = join(import.meta.dirname, '../..');
const dirs: string[] = [];
const tempDir = (prefix = 'kms-mock-share-') => {
  const d = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(d);
  return d;
};
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('PKI cache directory', () => {
  const saved = process.env.KMS_CODEMOD_CACHE;
  afterEach(() => {
    if (saved === undefined) delete process.env.KMS_CODEMOD_CACHE;
    else process.env.KMS_CODEMOD_CACHE = saved;
  });

  it("lives in the user's own cache directory, created 0700", () => {
    const root = tempDir();
    process.env.KMS_CODEMOD_CACHE = root;
    const dir = pkiCacheDir();
    expect(dir).toBe(join(root, 'mock-pki'));
    expect(statSync(dir).mode & 0o777).toBe(0o700);
  });

  it('is refused when group or world writable, also by startMock', async () => {
    const root = tempDir();
    process.env.KMS_CODEMOD_CACHE = root;
    const dir = pkiCacheDir();
    chmodSync(dir, 0o777);
    expect(() => pkiCacheDir()).toThrow(/mock-pki: group or world writable \(mode 777\).*chmod 700/);
    await expect(startMock({ quiet: true })).rejects.toThrow(/group or world writable/);
    chmodSync(dir, 0o720);
    expect(() => pkiCacheDir()).toThrow(/group or world writable \(mode 720\)/);
  });

  it('is refused when someone else owns it, or when it is a symbolic link', () => {
    const dir = tempDir();
    chmodSync(dir, 0o700);
    const me = process.getuid?.() ?? 0;
    expect(() => ensurePrivateDir(dir, me)).not.toThrow();
    expect(() => ensurePrivateDir(dir, me + 1)).toThrow(new RegExp(`owned by uid ${me}, not by you`));
    const link = join(tempDir(), 'link');
    symlinkSync(dir, link);
    expect(() => ensurePrivateDir(link, me)).toThrow(/not a directory \(a symbolic link or a file\)/);
  });
});

describe('one mock per state directory', () => {
  it('refuses a second mock on the same --state, naming the owner, and frees it on close', async () => {
    const state = tempDir();
    const first = await startMock({ stateDir: state, quiet: true, seed: false });
    try {
      expect(readFileSync(join(state, 'mock.lock'), 'utf8').trim()).toBe(String(process.pid));
      await expect(startMock({ stateDir: state, quiet: true, seed: false })).rejects.toThrow(
        new RegExp(
          `${state}: another kms-codemod mock \\(pid ${process.pid}, this process\\) is using this directory`,
        ),
      );
      // The refused start did not touch the running mock's files.
      expect(findRunningMock(state).adminUrl).toBe(first.adminUrl);
    } finally {
      await first.close();
    }
    const again = await startMock({ stateDir: state, quiet: true, seed: false });
    await again.close();
  });

  it("refuses a live owner's lock and takes over a dead owner's", async () => {
    const state = tempDir();
    const holder = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
    try {
      writeFileSync(join(state, 'mock.lock'), `${holder.pid}\n`);
      await expect(startMock({ stateDir: state, quiet: true, seed: false })).rejects.toThrow(
        new RegExp(`another kms-codemod mock \\(pid ${holder.pid}\\)`),
      );
    } finally {
      holder.kill('SIGKILL');
    }
    const dead = spawnSync(process.execPath, ['-e', '']).pid;
    writeFileSync(join(state, 'mock.lock'), `${dead}\n`);
    const m = await startMock({ stateDir: state, quiet: true, seed: false });
    expect(readFileSync(join(state, 'mock.lock'), 'utf8').trim()).toBe(String(process.pid));
    await m.close();
    expect(existsSync(join(state, 'mock.lock'))).toBe(false);
  });

  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    it(`the CLI removes mock.json and its lock on ${signal}`, { timeout: 60_000 }, async (ctx) => {
      const main = join(ROOT, 'dist/src/cli/main.js');
      if (!existsSync(main)) skipOrFail(ctx, `${main} is not built; run \`npm run build\``);
      const state = tempDir();
      const child = spawn(process.execPath, [main, 'mock', '--state', state, '--json'], {
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stderr = '';
      let stdout = '';
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      // The printed addresses mean the mock is up (and listens for signals): stop it then.
      const deadline = Date.now() + 45_000;
      while (!stdout.trimEnd().endsWith('}')) {
        if (Date.now() > deadline || child.exitCode !== null) {
          child.kill('SIGKILL');
          throw new Error(`the mock never printed its addresses:\n${stderr}`);
        }
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(JSON.parse(stdout).gatewayUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(existsSync(join(state, 'mock.json'))).toBe(true);
      expect(existsSync(join(state, 'mock.lock'))).toBe(true);
      child.kill(signal);
      expect(await exited).toBe(0);
      expect(existsSync(join(state, 'mock.json'))).toBe(false);
      expect(existsSync(join(state, 'mock.lock'))).toBe(false);
      expect(existsSync(join(state, 'keystore.json'))).toBe(true);
    });
  }
});

describe('requests that go wrong', () => {
  let mock: MockHandle;
  let logged: string[];
  let opts: CallOptions;
  beforeAll(async () => {
    logged = [];
    const write = process.stderr.write.bind(process.stderr);
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array, ...rest: unknown[]) => {
      const text = String(chunk);
      if (text.startsWith('kms-codemod mock:')) {
        logged.push(text);
        return true;
      }
      return (write as (c: string | Uint8Array, ...r: unknown[]) => boolean)(chunk, ...rest);
    });
    mock = await startMock({ quiet: false });
    const key = readClientKey(mock.clientKeyContent, mock.clientKeyPassword);
    opts = {
      endpoint: mock.instanceEndpoint,
      ca: mock.caPem,
      clientKeyId: key.keyId,
      privateKeyPem: key.privateKeyPem,
    };
  });
  afterAll(async () => {
    await mock?.close();
    vi.restoreAllMocks();
  });

  /** Posts `body` and resolves with the answer; a reset connection rejects. */
  function post(
    send: typeof httpRequest,
    url: string,
    body: Buffer,
    headers: Record<string, string>,
    ca?: string,
  ): Promise<{ status: number; body: Buffer }> {
    return new Promise((resolve, reject) => {
      const r = send(url, { method: 'POST', headers, ca, agent: false }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks) }));
      });
      r.on('error', reject);
      r.end(body);
    });
  }

  it('answers an over-limit body with 413 on the gateway and the instance, not a connection reset', async () => {
    const big = Buffer.alloc(3 * 1024 * 1024 + 1, 'a');
    const gw = await post(httpRequest, `${mock.gatewayUrl}/`, big, {
      'content-type': 'application/x-www-form-urlencoded',
    });
    expect(gw.status).toBe(413);
    expect(JSON.parse(gw.body.toString()).Code).toBe('InvalidParameter');
    const inst = await post(
      httpsRequest as typeof httpRequest,
      `https://${mock.instanceEndpoint}/`,
      big,
      { 'content-type': 'application/x-protobuf', 'x-kms-apiname': 'Encrypt' },
      mock.caPem,
    );
    expect(inst.status).toBe(413);
    expect(inst.body.toString('latin1')).toContain('larger than 3 MB');
  });

  it('logs a client that disconnects mid-request as one line, not a stack trace', async () => {
    logged.length = 0;
    const [host, port] = mock.gatewayUrl.replace('http://', '').split(':');
    await new Promise<void>((resolve) => {
      const s = connect(Number(port), host, () => {
        s.write(`POST / HTTP/1.1\r\nHost: ${host}\r\nContent-Length: 100000\r\n\r\nAction=Encr`);
        setTimeout(() => {
          s.destroy();
          resolve();
        }, 50);
      });
    });
    const deadline = Date.now() + 5_000;
    while (!logged.some((l) => l.includes('disconnected')) && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 20));
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatch(
      /^kms-codemod mock: gateway: client 127\.0\.0\.1:\d+ disconnected before its request was read \(.+\)\n$/,
    );
  });

  it('set-qps refuses a non-number in the library, the admin endpoint and the CLI', async () => {
    expect(() => mock.admin.setQps('gateway', Number.NaN)).toThrow(/qps must be a number >= 0/);
    expect(() => mock.admin.setQps('gateway', -1)).toThrow(/qps must be a number >= 0/);
    await expect(
      adminCall(findRunningMock(mock.dir), '/set-qps', { face: 'gateway', qps: 'abc' }),
    ).rejects.toThrow(/body\.qps must be a number >= 0/);
    const program = new Command('kms-codemod').exitOverride();
    registerMock(program);
    const err: string[] = [];
    vi.spyOn(process, 'exit').mockImplementationOnce((code) => {
      throw new Error(`exit ${code}`);
    });
    const write = vi.spyOn(process.stderr, 'write').mockImplementationOnce((c: string | Uint8Array) => {
      err.push(String(c));
      return true;
    });
    await expect(
      program.parseAsync(['node', 'kms-codemod', 'mock', 'set-qps', 'gateway', 'fast', '--dir', mock.dir]),
    ).rejects.toThrow('exit 2');
    write.mockRestore();
    expect(err.join('')).toMatch(/qps must be a number >= 0 \(0 = unlimited\), got "fast"/);
    // Nothing changed: the gateway still serves without throttling.
    expect((await fetch(`${mock.gatewayUrl}/?Action=ListKeys`)).status).toBe(400);
  });

  it('the instance face refuses a replayed signed request from another connection within the window', async () => {
    let signed: { headers: Record<string, string>; body: Buffer } | undefined;
    const first = await callInstance(
      'GenerateRandom',
      { Length: 8 },
      { ...opts, onSigned: (headers, body) => (signed = { headers, body }) },
    );
    expect(first.status).toBe(200);
    if (!signed) throw new Error('the request was never signed');
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      // A minute later (well inside the 15-minute skew window), the captured bytes again.
      vi.setSystemTime(Date.now() + 60_000);
      const replay = await sendSigned('GenerateRandom', signed.headers, signed.body, {
        ...opts,
        agent: false,
      });
      expect(replay.status).toBe(400);
      expect(replay.message.ErrorCode).toBe('InvalidParam');
      expect(String(replay.message.ErrorMessage)).toMatch(/already received \(a replay\)/);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('ReplayGuard', () => {
  const a = {};
  const b = {};
  it('lets the first connection repeat itself and a same-second twin through, but not a later replay', () => {
    const g = new ReplayGuard(30 * 60_000, 5_000);
    expect(g.replayed('sig', a, 1_000)).toBe(false);
    expect(g.replayed('sig', a, 90_000)).toBe(false); // the client's own connection
    expect(g.replayed('sig', b, 3_000)).toBe(false); // a twin signed in the same second elsewhere
    expect(g.replayed('sig', b, 7_000)).toBe(true);
    expect(g.replayed('sig', b, 30 * 60_000)).toBe(true);
    // Past the window the Date check refuses it anyway; the guard forgets it.
    expect(g.replayed('sig', b, 31 * 60_000 + 1)).toBe(false);
  });

  it('stays bounded: expired entries go first, then the oldest', () => {
    const g = new ReplayGuard(1_000, 0, 3);
    for (const s of ['s1', 's2', 's3']) g.replayed(s, a, 0);
    g.replayed('s4', a, 2_000); // s1..s3 expired: pruned
    for (const s of ['s5', 's6', 's7']) g.replayed(s, a, 2_100);
    expect(g.replayed('s4', b, 2_500)).toBe(false); // the oldest was dropped to stay at 3
    expect(g.replayed('s7', b, 2_500)).toBe(true);
  });
});
