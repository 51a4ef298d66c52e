import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The VS Code extension's package is built by the suite itself (so `npm test`, which CI runs, builds it):
 * scripts/package-vscode.mjs installs the extension's dependencies, runs `vsce package` and checks the
 * entries of the .vsix. VS Code itself cannot run here (README).
 */
const ROOT = join(import.meta.dirname, '../..');
const VSIX = join(ROOT, 'editors/vscode/kms-codemod.vsix');

describe('the VS Code extension', () => {
  it('packages with @vscode/vsce, holding the extension, its manifest and the language client', () => {
    rmSync(VSIX, { force: true });
    const r = spawnSync(process.execPath, ['scripts/package-vscode.mjs'], { cwd: ROOT, encoding: 'utf8' });
    expect(r.status, r.stderr.slice(-2000)).toBe(0);
    expect(existsSync(VSIX)).toBe(true);
    expect(statSync(VSIX).size).toBeGreaterThan(10_000);
    expect(r.stderr).toContain('package-vscode: wrote');
    // A zip keeps its entry names in plain bytes: checked here too, as the script can only list with unzip.
    const zip = readFileSync(VSIX);
    for (const entry of [
      'extension/package.json',
      'extension/dist/extension.js',
      'extension/node_modules/vscode-languageclient/',
    ])
      expect(zip.includes(entry), entry).toBe(true);
  }, 600_000);
});
