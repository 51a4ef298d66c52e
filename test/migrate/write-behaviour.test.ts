import {
  chmodSync,
  closeSync,
  mkdtempSync,
  openSync,
  readFileSync,
  readSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { migrate } from '../../src/migrate/index.js';

// What `migrate --write` promises about each file it writes, tested from the outside so that it
// holds for any way of writing (one file at a time or an all-or-nothing commit of the application):
// a reader never sees a half-written file, and the file keeps its mode.

const temps: string[] = [];
afterAll(() => {
  for (const t of temps) rmSync(t, { recursive: true, force: true });
});

const APP = {
  'requirements.txt': 'aliyun-python-sdk-core==2.16.0\naliyun-python-sdk-kms==2.16.5\n',
  'app.py': `import os
from aliyunsdkcore.client import AcsClient
from aliyunsdkkms.request.v20160120.EncryptRequest import EncryptRequest

client = AcsClient(os.environ["ALIBABA_CLOUD_ACCESS_KEY_ID"], os.environ["ALIBABA_CLOUD_ACCESS_KEY_SECRET"], "cn-hangzhou")


def seal(text):
    req = EncryptRequest()
    req.set_KeyId(os.environ["KMS_KEY_ID"])
    req.set_Plaintext(text)
    return client.do_action_with_exception(req)
`,
};

function app(): string {
  const dir = mkdtempSync(join(tmpdir(), 'kms-write-'));
  temps.push(dir);
  for (const [f, text] of Object.entries(APP)) writeFileSync(join(dir, f), text);
  return dir;
}

/** The whole content behind an open file descriptor. */
function readFd(fd: number): string {
  const chunks: Buffer[] = [];
  const buf = Buffer.alloc(64 * 1024);
  let pos = 0;
  for (;;) {
    const n = readSync(fd, buf, 0, buf.length, pos);
    if (n === 0) break;
    chunks.push(Buffer.from(buf.subarray(0, n)));
    pos += n;
  }
  return Buffer.concat(chunks).toString('utf8');
}

describe('migrate --write, file by file', () => {
  it('replaces each file whole: a reader holding the old file keeps the old text, the path gets a new file', async () => {
    const dir = app();
    const files = Object.keys(APP);
    const held = new Map(
      files.map((f) => [f, { fd: openSync(join(dir, f), 'r'), ino: statSync(join(dir, f)).ino }]),
    );
    try {
      const result = await migrate({ paths: [dir], write: true });
      expect(result.written.map((w) => w.split('/').pop()).sort()).toEqual([...files].sort());
      for (const f of files) {
        const h = held.get(f) as { fd: number; ino: number };
        // Written in place, the open file would now read as the new (or a truncated) text.
        expect(readFd(h.fd), `${f} through the descriptor opened before the write`).toBe(
          APP[f as keyof typeof APP],
        );
        expect(statSync(join(dir, f)).ino, `${f} is a new file, renamed over the old one`).not.toBe(h.ino);
        expect(readFileSync(join(dir, f), 'utf8')).not.toBe(APP[f as keyof typeof APP]);
      }
    } finally {
      for (const h of held.values()) closeSync(h.fd);
    }
  });

  it('keeps modes the umask would change (0664, 0775)', async () => {
    const previous = process.umask(0o022);
    try {
      const dir = app();
      chmodSync(join(dir, 'requirements.txt'), 0o664);
      chmodSync(join(dir, 'app.py'), 0o775);
      const result = await migrate({ paths: [dir], write: true });
      expect(result.written).toHaveLength(2);
      expect(statSync(join(dir, 'requirements.txt')).mode & 0o7777).toBe(0o664);
      expect(statSync(join(dir, 'app.py')).mode & 0o7777).toBe(0o775);
    } finally {
      process.umask(previous);
    }
  });
});
