// Encrypt ops/s through KmsTransferPopClient vs the vendor's Python transfer SDK
// (alibabacloud-dkms-transfer-python), both against the same embedded mock instance, in one run.
// Both are measured warm (connection and TLS set up) and one call at a time, the way an app's
// request path uses them; ours is also measured with 16 calls in flight.
// Needs `npm run build` (npm run bench does it). Usage: node bench/transfer.bench.mjs [--seconds 3]
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const seconds = Number(process.argv[process.argv.indexOf('--seconds') + 1]) || 3;
const { KmsTransferPopClient } = await import(join(root, 'dist/src/transfer/index.js'));

async function measure(label, inFlight, call) {
  await call();
  let ops = 0;
  const start = performance.now();
  const end = start + seconds * 1000;
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (performance.now() < end) {
        await call();
        ops++;
      }
    }),
  );
  const elapsed = (performance.now() - start) / 1000;
  return { label, ops, seconds: elapsed, opsPerSec: ops / elapsed };
}

// The mock runs in its own process so that neither client shares an event loop with the server.
const MOCK_CHILD = `
  const { startMock } = await import(${JSON.stringify(join(root, 'dist/src/mock/index.js'))});
  const m = await startMock({ quiet: true });
  m.admin.setQps('instance', 0);
  const { instanceEndpoint, gatewayUrl, caFile, clientKeyFile, clientKeyPassword, accessKeyId, accessKeySecret, sampleKeys } = m;
  console.log(JSON.stringify({ instanceEndpoint, gatewayUrl, caFile, clientKeyFile, clientKeyPassword, accessKeyId, accessKeySecret, sampleKeys }));
  process.stdin.on('end', () => m.close().then(() => process.exit(0)));
  process.stdin.resume();
`;

function startMockProcess() {
  const child = spawn(process.execPath, ['--input-type=module', '-e', MOCK_CHILD], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      if (out.includes('\n')) resolve({ child, mock: JSON.parse(out.split('\n')[0]) });
    });
    child.on('exit', (code) => reject(new Error(`mock process exited ${code}`)));
  });
}

function runCollect(cmd, args, env) {
  const child = spawn(cmd, args, { env });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  return once(child, 'close').then(([status]) => ({ status, stdout, stderr }));
}

const { child: mockChild, mock } = await startMockProcess();
try {
  const keyId = mock.sampleKeys.aes;
  const client = new KmsTransferPopClient(
    {
      accessKeyId: mock.accessKeyId,
      accessKeySecret: mock.accessKeySecret,
      endpoint: mock.gatewayUrl,
      apiVersion: '2016-01-20',
    },
    {
      endpoint: mock.instanceEndpoint,
      clientKeyFile: mock.clientKeyFile,
      password: mock.clientKeyPassword,
      caFile: mock.caFile,
    },
  );
  const encrypt = () =>
    client.request('Encrypt', { KeyId: keyId, Plaintext: 'benchmark plaintext' }, { method: 'POST' });
  const results = [await measure('KmsTransferPopClient, 1 in flight', 1, encrypt)];
  results.push(await measure('KmsTransferPopClient, 16 in flight', 16, encrypt));
  client.close();

  let python;
  try {
    const { ensureToolchain } = await import(join(root, 'dist/src/toolchains/index.js'));
    const tc = await ensureToolchain('python');
    if (!tc.ok) throw new Error(tc.reason);
    const env = {
      ...process.env,
      ...tc.env,
      KMS_INSTANCE_ENDPOINT: mock.instanceEndpoint,
      KMS_CLIENT_KEY_FILE: mock.clientKeyFile,
      KMS_CLIENT_KEY_PASSWORD: mock.clientKeyPassword,
      KMS_CA_FILE: mock.caFile,
      ALIBABA_CLOUD_ACCESS_KEY_ID: mock.accessKeyId,
      ALIBABA_CLOUD_ACCESS_KEY_SECRET: mock.accessKeySecret,
      NO_PROXY: '127.0.0.1,localhost',
    };
    const script = join(root, 'test/transfer/fixtures/interop/python_transfer.py');
    const r = await runCollect(tc.python, [script, JSON.stringify({ op: 'bench', keyId, seconds })], env);
    const out = JSON.parse(r.stdout.trim().split('\n').pop() || '{}');
    if (out.error || r.status !== 0) throw new Error(out.error ?? r.stderr.slice(-300));
    python = {
      label: 'Python transfer SDK 0.1.3, 1 in flight',
      ops: out.ops,
      seconds: out.seconds,
      opsPerSec: out.ops / out.seconds,
    };
    results.push(python);
  } catch (err) {
    console.log(`python peer unavailable: ${err instanceof Error ? err.message : err}`);
  }

  for (const r of results)
    console.log(
      `${r.label.padEnd(42)} ${r.opsPerSec.toFixed(0).padStart(7)} ops/s (${r.ops} in ${r.seconds.toFixed(1)} s)`,
    );
  const ratio = python ? results[0].opsPerSec / python.opsPerSec : undefined;
  if (ratio !== undefined) console.log(`ours / python (1 in flight): ${ratio.toFixed(2)}x (target >= 1)`);
  console.log(JSON.stringify({ bench: 'transfer', results, ratio, target: '>= 1' }));
  if (ratio !== undefined && ratio < 1) process.exitCode = 1;
} finally {
  mockChild.stdin.end();
  await once(mockChild, 'exit');
}
