// One entry point that makes a fresh clone ready: npm packages, the compiled CLI, and (unless
// `--only node`) the per-language toolchains the tests and `verify` need (Python venv with the
// official SDKs, Maven artifacts, Go modules). Only Node built-ins here: it runs before npm ci.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';

const args = process.argv.slice(2);
const onlyNode = args.includes('--only') && args[args.indexOf('--only') + 1] === 'node';

function run(cmd, cmdArgs) {
  process.stderr.write(`setup: ${cmd} ${cmdArgs.join(' ')}\n`);
  const r = spawnSync(cmd, cmdArgs, { stdio: 'inherit' });
  if (r.status !== 0) {
    process.stderr.write(`setup: '${cmd} ${cmdArgs.join(' ')}' failed (exit ${r.status}).\n`);
    process.exit(r.status ?? 1);
  }
}

const lockTime = existsSync('package-lock.json') ? statSync('package-lock.json').mtimeMs : 0;
const installed = existsSync('node_modules/.package-lock.json')
  ? statSync('node_modules/.package-lock.json').mtimeMs
  : -1;
if (installed < lockTime) run('npm', existsSync('package-lock.json') ? ['ci'] : ['install']);
run('npm', ['run', '--silent', 'build']);
// The mock's RSA keys are generated once per user and cached; doing it here keeps every later
// mock start (tests, `verify`, `kms-codemod mock`) under its 300 ms budget.
run('node', ['-e', "import('./dist/src/mock/index.js').then((m) => m.warmMockPki())"]);
if (!onlyNode) run('node', ['dist/src/toolchains/setup-cli.js', ...args]);
