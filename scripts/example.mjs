// The README's first command: the whole job on the bundled example, against the embedded KMS.
// 1. scan the bundled samples (findings are expected: they are legacy apps, one of them blocked);
// 2. show the migration diff for the vendor guide's "before" sample (dry run, nothing written);
// 3. verify every bundled sample: legacy run through the gateway, key move, migrated copy run
//    against the instance, with the real SDKs. Its exit code is the example's.
import { spawnSync } from 'node:child_process';

const cli = ['dist/src/cli/main.js'];
function step(title, args) {
  process.stdout.write(`\n$ kms-codemod ${args.join(' ')}    # ${title}\n`);
  return spawnSync(process.execPath, [...cli, ...args], { stdio: 'inherit' }).status ?? 2;
}

step('find legacy clients, blocked calls and credentials; one verdict per app', [
  'scan',
  'fixtures/samples',
  '--format',
  'markdown',
]);
step('the rewrite, as a diff (dry run)', ['migrate', 'fixtures/samples/java/seed-encrypt']);
const verified = step('prove it with the real SDKs against the embedded KMS', [
  'verify',
  ...process.argv.slice(2),
]);
process.exit(verified);
