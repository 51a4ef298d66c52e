import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { registerMock } from '../../src/cli/mock.js';
import { toDotenv } from '../../src/mock/dotenv.js';
import { type MockHandle, startMock } from '../../src/mock/index.js';

let mock: MockHandle;
beforeAll(async () => {
  mock = await startMock({ quiet: true });
});
afterAll(async () => mock?.close());

async function cli(...args: string[]): Promise<string> {
  const program = new Command('kms-codemod').exitOverride();
  registerMock(program);
  let out = '';
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  });
  try {
    await program.parseAsync(['node', 'kms-codemod', 'mock', ...args]);
  } finally {
    spy.mockRestore();
  }
  return out;
}

describe('kms-codemod mock subcommands (admin endpoint of a running mock)', () => {
  it('creates, moves and closes keys, and reports counts', async () => {
    const created = JSON.parse(
      await cli(
        'create-key',
        '--dir',
        mock.dir,
        '--spec',
        'RSA_2048',
        '--usage',
        'SIGN/VERIFY',
        '--alias',
        'alias/acs/ecs',
        '--versions',
        '2',
      ),
    );
    expect(created.KeySpec).toBe('RSA_2048');
    expect(mock.admin.describeKey('alias/acs/ecs').KeyId).toBe(created.KeyId);
    await cli('move-keys', '--dir', mock.dir, created.KeyId);
    expect(mock.admin.describeKey(created.KeyId).DKMSInstanceId).toBe(mock.instanceId);
    await cli('close-gateway', '--dir', mock.dir, created.KeyId);
    await fetch(`${mock.gatewayUrl}/?Action=ListKeys`);
    const counts = JSON.parse(await cli('counts', '--dir', mock.dir, '--reset'));
    expect(counts.gateway.ListKeys).toBe(1);
    expect(mock.admin.callCounts().gateway).toEqual({});
  });

  it('writes dotenv text that shells and dotenv parsers read back', () => {
    expect(toDotenv({ A: 'x y', B: 'q"$z\\' }, 'hdr')).toBe('# hdr\nA="x y"\nB="q\\"\\$z\\\\"\n');
  });
});
