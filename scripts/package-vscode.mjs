// Builds the VS Code extension package (editors/vscode/kms-codemod.vsix) with @vscode/vsce, as the
// suite does (test/lsp/vscode-package.test.ts), and checks what went into it. VS Code itself is not run here.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const dir = join('editors', 'vscode');
function run(cmd, args) {
  process.stderr.write(`package-vscode: ${cmd} ${args.join(' ')}\n`);
  const r = spawnSync(cmd, args, { cwd: dir, stdio: 'inherit' });
  if (r.status !== 0) {
    process.stderr.write(`package-vscode: '${cmd} ${args.join(' ')}' failed (exit ${r.status}).\n`);
    process.exit(r.status ?? 1);
  }
}
run('npm', ['ci']);
run('npm', ['run', 'package']);
const vsix = join(dir, 'kms-codemod.vsix');
if (!existsSync(vsix)) {
  process.stderr.write(`package-vscode: ${vsix} was not written\n`);
  process.exit(1);
}
const listing = spawnSync('unzip', ['-l', vsix], { encoding: 'utf8' });
for (const entry of [
  'extension/package.json',
  'extension/dist/extension.js',
  'extension/node_modules/vscode-languageclient/',
]) {
  if (listing.status === 0 && !listing.stdout.includes(entry)) {
    process.stderr.write(`package-vscode: ${vsix} lacks ${entry}\n`);
    process.exit(1);
  }
}
process.stderr.write(`package-vscode: wrote ${vsix}\n`);
