import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { filesUnder, scenarios } from './fixture-scenarios.js';
import { loadToolchain, requireToolchain, type ToolchainGate } from './toolchain-gate.js';

/**
 * Byte-compiles each file, runs every import statement it has against the venv's real packages, and
 * checks each rewritten call binds to the real signatures (Config keywords; KmsTransferAcsClient with
 * the config first and verify=), under whatever name the file imports them (an alias when the file
 * already used the name for something else). Modules are not imported whole: building a client at import time
 * would need a real client key file.
 */
const CHECKER = String.raw`
import ast, inspect, os, py_compile, sys, tempfile
from openapi.models import Config
from alibabacloud_dkms_transfer.kms_transfer_acs_client import KmsTransferAcsClient
from alibabacloud_kms_kms20160120.transfer_client import TransferClient
from alibabacloud_kms_kms20160120.models import KmsConfig
failures = []
scratch = tempfile.mkdtemp()
for path in sys.argv[1:]:
    try:
        py_compile.compile(path, cfile=os.path.join(scratch, 'out.pyc'), doraise=True)
    except py_compile.PyCompileError as e:
        failures.append(f"{path}: {e.msg}"); continue
    tree = ast.parse(open(path, encoding="utf-8-sig").read())
    # The local names the file imports the real classes under (an alias when the name was taken).
    real = {("openapi.models", "Config"): Config,
            ("alibabacloud_dkms_transfer.kms_transfer_acs_client", "KmsTransferAcsClient"): KmsTransferAcsClient,
            ("alibabacloud_kms_kms20160120.transfer_client", "TransferClient"): TransferClient,
            ("alibabacloud_kms_kms20160120.models", "KmsConfig"): KmsConfig}
    local = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            for a in node.names:
                if (node.module, a.name) in real:
                    local[a.asname or a.name] = (a.name, real[(node.module, a.name)])
    sys.path.insert(0, os.path.dirname(os.path.abspath(path)))  # the app's own modules
    for node in ast.walk(tree):
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            try:
                exec(compile(ast.Module(body=[node], type_ignores=[]), path, "exec"), {})
            except Exception as e:
                failures.append(f"{path}:{node.lineno}: {ast.unparse(node)} -> {e!r}")
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            name, target = local.get(node.func.id, (None, None))
            if target is None:
                continue
            args = [None] * len(node.args)
            kwargs = {k.arg: None for k in node.keywords if k.arg}
            try:
                inspect.signature(target).bind(*args, **kwargs)
            except TypeError as e:
                failures.append(f"{path}:{node.lineno}: {node.func.id}(...) does not bind: {e}")
            if name == "KmsTransferAcsClient" and "verify" not in kwargs:
                failures.append(f"{path}:{node.lineno}: KmsTransferAcsClient without verify= turns TLS verification off")
    sys.path.pop(0)
    for name in [m for m, mod in sys.modules.items() if getattr(mod, "__file__", "") and os.path.dirname(os.path.abspath(mod.__file__)) == os.path.dirname(os.path.abspath(path))]:
        del sys.modules[name]
print("\n".join(failures))
sys.exit(1 if failures else 0)
`;

const python = scenarios().filter((s) => s.lang === 'python');
let gate: ToolchainGate<'python'>;
let work: string;

describe('rewritten Python compiles and imports with the real packages', () => {
  beforeAll(async () => {
    gate = await loadToolchain('python');
    work = mkdtempSync(join(tmpdir(), 'kms-pycheck-'));
  }, 600_000);
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('every after/ scenario', (ctx) => {
    const tc = requireToolchain(gate, 'python', ctx);
    const checker = join(work, 'check.py');
    writeFileSync(checker, CHECKER);
    const files = python
      .filter((s) => s.unrewritten.length === 0)
      .flatMap((s) =>
        filesUnder(s.after)
          .filter((f) => f.endsWith('.py'))
          .map((f) => join(s.after, f)),
      );
    expect(files.length).toBeGreaterThan(5);
    const r = spawnSync(tc.python, [checker, ...files], {
      encoding: 'utf8',
      env: { ...process.env, ...tc.env, PYTHONDONTWRITEBYTECODE: '1' },
    });
    expect(r.status, `${r.stdout}${r.stderr}`).toBe(0);
  });
});
