#!/usr/bin/env node
// `npm run mutants`: plants each named bug of scripts/mutants.list.mjs, one at a time, in a scratch
// copy of the working tree, runs that mutant's test files there, and prints which were killed (a test
// failed) and which survived. Not part of `npm test`. Exit 0 when every mutant is killed, 1 when one
// survives or errs, 2 when the baseline fails or a mutant's text is not found.
//
//   node scripts/mutants.mjs [--only name,name] [--keep]
import { spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { applyMutant, MUTANTS } from './mutants.list.mjs';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const args = process.argv.slice(2);
const onlyAt = args.indexOf('--only');
const only = onlyAt >= 0 ? new Set((args[onlyAt + 1] ?? '').split(',').filter(Boolean)) : undefined;
const keep = args.includes('--keep');
const chosen = MUTANTS.filter((m) => !only || only.has(m.name));
if (only) {
  const unknown = [...only].filter((n) => !MUTANTS.some((m) => m.name === n));
  if (unknown.length)
    fail(`unknown mutant(s): ${unknown.join(', ')}; known: ${MUTANTS.map((m) => m.name).join(', ')}`);
}

function fail(message) {
  process.stderr.write(`mutants: ${message}\n`);
  process.exit(2);
}

// Every mutant must apply to the current tree before anything runs.
for (const m of chosen) {
  try {
    applyMutant(m, readFileSync(join(root, m.file), 'utf8'));
  } catch (err) {
    fail(err.message);
  }
  for (const t of m.tests)
    if (!existsSync(join(root, t))) fail(`mutant ${m.name}: test file ${t} does not exist`);
}

/** A copy of the working tree (tracked and untracked, not ignored), sharing node_modules and dist. */
function scratchCopy() {
  const dir = mkdtempSync(join(tmpdir(), 'kms-mutants-'));
  const listed = spawnSync('git', ['ls-files', '-co', '--exclude-standard', '-z'], {
    cwd: root,
    encoding: 'utf8',
  });
  if (listed.status !== 0) fail(`git ls-files failed: ${listed.stderr}`);
  for (const f of listed.stdout.split('\0').filter(Boolean)) {
    if (!existsSync(join(root, f))) continue; // deleted in the working tree
    mkdirSync(dirname(join(dir, f)), { recursive: true });
    cpSync(join(root, f), join(dir, f));
  }
  for (const shared of ['node_modules', 'dist']) {
    if (existsSync(join(root, shared))) symlinkSync(join(root, shared), join(dir, shared), 'dir');
  }
  return dir;
}

/** Runs vitest on `tests` in `dir`; counts from its JSON report, so a run that never got to the tests is told apart. */
function runTests(dir, tests) {
  const report = join(dir, '.mutant-report.json');
  rmSync(report, { force: true });
  const started = Date.now();
  const r = spawnSync(
    process.execPath,
    [
      join(dir, 'node_modules/vitest/vitest.mjs'),
      'run',
      '--reporter=json',
      `--outputFile=${report}`,
      ...tests,
    ],
    { cwd: dir, encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0' }, maxBuffer: 64 * 1024 * 1024 },
  );
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (!existsSync(report))
    return { failed: 0, passed: 0, seconds, error: `${r.stdout}\n${r.stderr}`.slice(-3000) };
  const json = JSON.parse(readFileSync(report, 'utf8'));
  const failedNames = json.testResults.flatMap((f) =>
    f.assertionResults
      .filter((a) => a.status === 'failed')
      .map(
        (a) =>
          `${a.fullName}: ${String(a.failureMessages?.[0] ?? '')
            .split('\n')
            .slice(0, 3)
            .join(' ')}`,
      ),
  );
  const broken = json.testResults.filter((f) => f.status === 'failed' && f.assertionResults.length === 0);
  return {
    failed: json.numFailedTests,
    passed: json.numPassedTests,
    failedNames,
    seconds,
    error: broken.length
      ? broken
          .map((f) => `${f.name}: ${f.message}`)
          .join('\n')
          .slice(-3000)
      : undefined,
  };
}

const dir = scratchCopy();
process.stderr.write(`mutants: scratch copy ${dir}\n`);
try {
  const allTests = [...new Set(chosen.flatMap((m) => m.tests))];
  process.stderr.write(`mutants: baseline (${allTests.length} test files, no mutant)...\n`);
  const base = runTests(dir, allTests);
  if (base.failed > 0 || base.error || base.passed === 0) {
    // Not fail(): process.exit would skip the clean-up below.
    process.stderr.write(
      `mutants: the baseline does not pass, so a kill would prove nothing:\n${(base.failedNames ?? []).join('\n')}\n${base.error ?? ''}\n`,
    );
    process.exitCode = 2;
  } else {
    runMutants(base);
  }
} finally {
  if (keep) process.stderr.write(`mutants: kept ${dir}\n`);
  else rmSync(dir, { recursive: true, force: true });
}

function runMutants(base) {
  process.stderr.write(`mutants: baseline passed (${base.passed} tests, ${base.seconds} s)\n`);

  const rows = [];
  for (const m of chosen) {
    const path = join(dir, m.file);
    const original = readFileSync(path, 'utf8');
    writeFileSync(path, applyMutant(m, original));
    try {
      const r = runTests(dir, m.tests);
      const result = r.error && r.failed === 0 ? 'error' : r.failed > 0 ? 'killed' : 'survived';
      rows.push({ m, result, r });
      process.stderr.write(`mutants: ${m.name}: ${result} (${r.failed} failed, ${r.seconds} s)\n`);
      if (result === 'error') process.stderr.write(`${r.error}\n`);
      for (const name of r.failedNames ?? []) process.stderr.write(`    ✗ ${name.slice(0, 240)}\n`);
    } finally {
      writeFileSync(path, original);
    }
  }

  const table = [
    '| mutant | file | planted bug | tests run | result | failing tests |',
    '|---|---|---|---|---|---|',
    ...rows.map(
      ({ m, result, r }) =>
        `| ${m.name} | ${m.file} | ${m.why} | ${m.tests.map((t) => t.replace(/^test\//, '')).join(', ')} | **${result}** | ${r.failed} |`,
    ),
  ];
  const killed = rows.filter((x) => x.result === 'killed').length;
  process.stdout.write(`${table.join('\n')}\n\n${killed}/${rows.length} killed\n`);
  process.exitCode = killed === rows.length ? 0 : 1;
}
