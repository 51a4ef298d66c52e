import { writeFileSync } from 'node:fs';
import { type Command, InvalidArgumentError, Option } from 'commander';
import { adminCall, findRunningMock } from '../mock/admin-client.js';
import { toDotenv } from '../mock/dotenv.js';
import { type MockHandle, type MockLanguage, startMock } from '../mock/index.js';

const LANGS: MockLanguage[] = ['java', 'python', 'go', 'node'];

function port(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 65535)
    throw new InvalidArgumentError('expected a port number 0..65535');
  return n;
}

function allEnv(m: MockHandle, langs: MockLanguage[]): Record<string, string> {
  return Object.assign({}, ...langs.map((l) => m.env(l)));
}

function describe(m: MockHandle, langs: MockLanguage[]): string {
  const out = [
    `kms-codemod mock (${m.instanceKind} KMS instance ${m.instanceId}) started in ${m.startupMs} ms`,
    '',
    `shared gateway     ${m.gatewayUrl}   ${m.gatewayHttpsUrl}`,
    `forward proxy      ${m.proxyUrl}   (serves kms[-vpc].<region>.aliyuncs.com only)`,
    `instance endpoint  ${m.instanceEndpoint}`,
    `CA file            ${m.caFile}`,
    `client key file    ${m.clientKeyFile}`,
    `client key password ${m.clientKeyPassword}`,
    `AccessKey ID       ${m.accessKeyId}   (secret in ALIBABA_CLOUD_ACCESS_KEY_SECRET below)`,
    `sample keys        aes=${m.sampleKeys.aes} rsaEncrypt=${m.sampleKeys.rsaEncrypt}`,
    `                   rsaSign=${m.sampleKeys.rsaSign} ecSign=${m.sampleKeys.ecSign}`,
    `sample secret      ${m.sampleSecret.name}`,
    `admin              kms-codemod mock counts --dir ${m.dir}`,
  ];
  for (const lang of langs) {
    out.push('', `# ${lang}`);
    for (const [k, v] of Object.entries(m.env(lang))) out.push(`export ${k}='${v.replace(/'/g, "'\\''")}'`);
  }
  return `${out.join('\n')}\n`;
}

interface StartFlags {
  instance: 'software' | 'hsm';
  port?: number;
  state?: string;
  dir?: string;
  envFile?: string;
  dotenv?: string;
  lang: string;
  json?: boolean;
}

interface DirFlag {
  dir?: string;
  state?: string;
}

function locate(flags: DirFlag) {
  const dir = flags.dir ?? flags.state ?? process.env.KMS_CODEMOD_MOCK_DIR;
  if (!dir)
    throw new Error(
      'say which mock: --dir DIR (or --state DIR, or KMS_CODEMOD_MOCK_DIR) as given to `kms-codemod mock`',
    );
  return findRunningMock(dir);
}

/** Subcommands read --dir/--state from the parent `mock` command's options. */
function withDir(cmd: Command): Command {
  return cmd;
}

function dirFlags(cmd: Command): DirFlag {
  return cmd.optsWithGlobals() as DirFlag;
}

async function run(fn: () => Promise<void>): Promise<void> {
  try {
    await fn();
  } catch (err) {
    process.stderr.write(`kms-codemod mock: ${(err as Error).message}\n`);
    process.exit(2);
  }
}

export function registerMock(program: Command): void {
  const mock = program
    .command('mock')
    .description('start the embedded KMS (shared gateway + KMS instance + forward proxy) on 127.0.0.1')
    .addOption(
      new Option('--instance <kind>', 'KMS instance profile')
        .choices(['software', 'hsm'])
        .default('software'),
    )
    .option('--port <n>', 'shared-gateway HTTP port (default: any free port)', port)
    .option('--state <dir>', 'keep keys, PKI and credentials in this directory across restarts')
    .option('--dir <dir>', 'write the CA, client key and mock.json here (default: --state or a temp dir)')
    // Node 20 itself claims `--env-file` anywhere on the command line and exits 9 when the file
    // does not exist yet, so `--dotenv` is offered as the same flag under a safe name.
    .option(
      '--env-file <file>',
      'also write the environment as a dotenv file (on Node 20 the file must already exist)',
    )
    .option('--dotenv <file>', 'same as --env-file')
    .addOption(new Option('--lang <lang>', 'environment to print').choices([...LANGS, 'all']).default('all'))
    .option('--json', 'print addresses and environment as JSON')
    .action((flags: StartFlags) =>
      run(async () => {
        const m = await startMock({
          instance: flags.instance,
          port: flags.port,
          stateDir: flags.state,
          dir: flags.dir,
          quiet: false,
        });
        // Before any output: whoever waits for the printed addresses may stop the mock right away,
        // and close() must then remove mock.json and the directory lock.
        const stop = () => {
          void m.close().then(() => process.exit(0));
        };
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
        const langs = flags.lang === 'all' ? LANGS : [flags.lang as MockLanguage];
        const envFile = flags.envFile ?? flags.dotenv;
        if (envFile) {
          writeFileSync(
            envFile,
            toDotenv(allEnv(m, langs), 'kms-codemod mock environment (contains test credentials)'),
            { mode: 0o600 },
          );
        }
        if (flags.json) {
          const { env: _e, admin: _a, close: _c, ...info } = m;
          process.stdout.write(
            `${JSON.stringify({ ...info, env: Object.fromEntries(langs.map((l) => [l, m.env(l)])) }, null, 2)}\n`,
          );
        } else {
          process.stdout.write(describe(m, langs));
        }
      }),
    );

  withDir(mock.command('create-key'))
    .description('create a key in the default instance (or --in-instance) of a running mock')
    .option('--spec <keySpec>', 'Aliyun_AES_256, RSA_2048, EC_P256, Aliyun_SM4 ...', 'Aliyun_AES_256')
    .option('--usage <usage>', 'ENCRYPT/DECRYPT or SIGN/VERIFY')
    .addOption(new Option('--origin <origin>', 'key material origin').choices(['Aliyun_KMS', 'EXTERNAL']))
    .option('--rotation <interval>', 'enable automatic rotation with this interval, e.g. 31536000s')
    .option('--versions <n>', 'number of key versions', (v) => Number(v))
    .option('--alias <alias...>', 'aliases, e.g. alias/acs/oss for a service key')
    .option('--description <text>')
    .option('--in-instance', 'create it directly in the KMS instance')
    .action((f, cmd: Command) =>
      run(async () => {
        const spec = {
          keySpec: f.spec,
          keyUsage: f.usage,
          origin: f.origin,
          rotation: f.rotation ? { enabled: true, interval: f.rotation } : undefined,
          versions: f.versions,
          aliases: f.alias,
          description: f.description,
          instance: !!f.inInstance,
        };
        process.stdout.write(
          `${JSON.stringify(await adminCall(locate(dirFlags(cmd)), '/create-key', spec), null, 2)}\n`,
        );
      }),
    );

  withDir(mock.command('move-keys <keyIds...>'))
    .description('move keys into the KMS instance (material kept: old ciphertext still decrypts)')
    .action((keyIds: string[], _f: unknown, cmd: Command) =>
      run(async () => void (await adminCall(locate(dirFlags(cmd)), '/move-keys', { keyIds }))),
    );

  withDir(mock.command('close-gateway <keyIds...>'))
    .description('close the shared gateway for moved keys (gateway crypto calls on them then fail)')
    .action((keyIds: string[], _f: unknown, cmd: Command) =>
      run(async () => void (await adminCall(locate(dirFlags(cmd)), '/close-gateway', { keyIds }))),
    );

  withDir(mock.command('counts'))
    .description('per-face, per-action call counts of a running mock')
    .option('--reset', 'reset the counts after printing them')
    .action((f: { reset?: boolean }, cmd: Command) =>
      run(async () => {
        const m = locate(dirFlags(cmd));
        process.stdout.write(`${JSON.stringify(await adminCall(m, '/counts'), null, 2)}\n`);
        if (f.reset) await adminCall(m, '/reset-counts');
      }),
    );

  withDir(mock.command('set-qps <face> <qps>'))
    .description('change the QPS limit of the gateway or instance face (0 = unlimited)')
    .action((face: string, qps: string, _f: unknown, cmd: Command) =>
      run(async () => {
        if (face !== 'gateway' && face !== 'instance') throw new Error('face must be gateway or instance');
        const n = qps.trim() === '' ? Number.NaN : Number(qps);
        if (!Number.isFinite(n) || n < 0)
          throw new Error(`qps must be a number >= 0 (0 = unlimited), got "${qps}"`);
        await adminCall(locate(dirFlags(cmd)), '/set-qps', { face, qps: n });
      }),
    );
}
