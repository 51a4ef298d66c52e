import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../cli/run-cli.js';

// Issue 13, point 6: the diff migrate prints never shows a hard-coded secret; the patch keeps it.

const ID = 'LTAI5tQ9mZ7wX3vB2nK8pR4s';
const SECRET = 'q7Yk2Vb9Xe4Lm1Nz8Rt5Wp3Hs6Jd0Fg';
const SOURCE = `package demo;

import com.aliyuncs.DefaultAcsClient;
import com.aliyuncs.IAcsClient;
import com.aliyuncs.kms.model.v20160120.EncryptRequest;
import com.aliyuncs.profile.DefaultProfile;

public class Leaky {
    public static void main(String[] args) throws Exception {
        DefaultProfile profile = DefaultProfile.getProfile("cn-hangzhou", "${ID}", "${SECRET}");
        IAcsClient client = new DefaultAcsClient(profile);
        client.getAcsResponse(new EncryptRequest());
    }
}
`;

async function run(args: string[], cwd: string): Promise<string> {
  return (await runCli(['migrate', ...args], { cwd })).out;
}

describe('migrate hides hard-coded credentials in its diff', () => {
  let work: string;
  beforeEach(() => {
    work = mkdtempSync(join(tmpdir(), 'kms-redact-'));
    writeFileSync(join(work, 'Leaky.java'), SOURCE);
  });
  afterEach(() => rmSync(work, { recursive: true, force: true }));

  it('the dry-run diff shows the line around the rewrite with the secret and the id redacted', async () => {
    const out = await run(['.'], work);
    expect(out).toContain('+        IAcsClient client = new KmsTransferAcsClient(profile, kmsConfig);');
    expect(out).toContain('DefaultProfile.getProfile("cn-hangzhou", "<redacted>", "<redacted>");');
    expect(out).not.toContain(SECRET);
    expect(out).not.toContain(ID);
  });

  it('the patch keeps them, so that it applies', async () => {
    await run(['--patch', 'change.patch', '.'], work);
    const patch = readFileSync(join(work, 'change.patch'), 'utf8');
    expect(patch).toContain(SECRET);
    spawnSync('git', ['init', '-q'], { cwd: work });
    const applied = spawnSync('git', ['apply', 'change.patch'], { cwd: work, encoding: 'utf8' });
    expect(applied.stderr).toBe('');
    expect(readFileSync(join(work, 'Leaky.java'), 'utf8')).toContain(
      'new KmsTransferAcsClient(profile, kmsConfig)',
    );
  });
});
