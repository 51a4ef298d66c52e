// The generated corpora the scan benchmarks run on, deterministic (mulberry32), so every run measures
// the same bytes. `ensureCorpus` is issue 2's: Java, Python, Go and TS files, ~1 % of them using KMS.
// `ensureRealShapedCorpus` is the harder shape real Go code bases on the vendor's SDK have: ~10 % of
// the files import the SDK's core (for other products), a few of them KMS.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

// Deterministic generator (mulberry32) so every run measures the same bytes.
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const BODY = {
  java: (r, i) =>
    `    public int method${i}(int a, String b) {\n        int total = a * ${Math.floor(r() * 100)};\n        for (int k = 0; k < b.length(); k++) {\n            total += b.charAt(k) ^ ${i};\n        }\n        if (total % 7 == 0) { log.info("divisible {}", total); }\n        return total;\n    }\n\n`,
  python: (r, i) =>
    `def function_${i}(a, b=None):\n    """Computes a value for record ${i}."""\n    total = a * ${Math.floor(r() * 100)}\n    for k, ch in enumerate(b or ""):\n        total += ord(ch) ^ k\n    if total % 7 == 0:\n        logger.info("divisible %s", total)\n    return total\n\n\n`,
  go: (r, i) =>
    `// Function${i} computes a value for record ${i}.\nfunc Function${i}(a int, b string) int {\n\ttotal := a * ${Math.floor(r() * 100)}\n\tfor k, ch := range b {\n\t\ttotal += int(ch) ^ k\n\t}\n\tif total%7 == 0 {\n\t\tlog.Printf("divisible %d", total)\n\t}\n\treturn total\n}\n\n`,
  typescript: (r, i) =>
    `export function function${i}(a: number, b: string): number {\n  let total = a * ${Math.floor(r() * 100)};\n  for (let k = 0; k < b.length; k++) {\n    total += b.charCodeAt(k) ^ k;\n  }\n  if (total % 7 === 0) console.log('divisible', total);\n  return total;\n}\n\n`,
};
const HEAD = {
  java: (n, kms) =>
    `package com.acme.gen;\n\n${kms ? 'import com.aliyuncs.DefaultAcsClient;\nimport com.aliyuncs.kms.model.v20160120.EncryptRequest;\nimport com.aliyuncs.profile.DefaultProfile;\n' : 'import java.util.List;\n'}import org.slf4j.Logger;\n\npublic class Gen${n} {\n    private static final Logger log = org.slf4j.LoggerFactory.getLogger(Gen${n}.class);\n${kms ? '    private final DefaultAcsClient client = new DefaultAcsClient(DefaultProfile.getProfile("cn-hangzhou"));\n    public EncryptRequest request() { return new EncryptRequest(); }\n' : ''}\n`,
  python: (n, kms) =>
    `import logging\n${kms ? 'from aliyunsdkcore.client import AcsClient\nfrom aliyunsdkkms.request.v20160120.EncryptRequest import EncryptRequest\n\nclient = AcsClient(region_id="cn-hangzhou")\nrequest = EncryptRequest()\n' : ''}\nlogger = logging.getLogger("gen${n}")\n\n\n`,
  go: (n, kms) =>
    `package gen${n % 50}\n\nimport (\n\t"log"\n${kms ? '\n\t"github.com/aliyun/alibaba-cloud-sdk-go/services/kms"\n' : ''})\n\n${kms ? 'func NewKms() (*kms.Client, error) {\n\treturn kms.NewClientWithAccessKey("cn-hangzhou", "a", "b")\n}\n\n' : ''}`,
  typescript: (_n, kms) =>
    `${kms ? "import Core from '@alicloud/pop-core';\n\nexport const kms = new Core({ endpoint: 'https://kms.cn-hangzhou.aliyuncs.com', apiVersion: '2016-01-20' });\nexport const seal = (t: string) => kms.request('Encrypt', { KeyId: 'alias/app', Plaintext: t });\n" : "import { readFile } from 'node:fs/promises';\n"}\n`,
};
const TAIL = { java: '}\n', python: '', go: '', typescript: '' };
const EXT = { java: 'java', python: 'py', go: 'go', typescript: 'ts' };

function generateCorpus(corpus, targetMb, version) {
  rmSync(corpus, { recursive: true, force: true });
  const r = rng(42);
  const langs = Object.keys(BODY);
  let bytes = 0;
  let n = 0;
  let kmsFiles = 0;
  const target = targetMb * 1024 * 1024;
  while (bytes < target) {
    const lang = langs[n % langs.length];
    const kms = r() < 0.01;
    const fns = 10 + Math.floor(r() * 120);
    let text = HEAD[lang](n, kms);
    for (let i = 0; i < fns; i++) text += BODY[lang](r, i);
    text += TAIL[lang];
    const dir = join(corpus, lang, `pkg${Math.floor(n / 200)}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, `gen${n}.${EXT[lang]}`), text);
    bytes += Buffer.byteLength(text);
    if (kms) kmsFiles++;
    n++;
  }
  writeFileSync(join(corpus, 'VERSION'), version);
  return { files: n, bytes, kmsFiles };
}

/** Files (VERSION left out) and bytes under `dir`. */
export function corpusStats(dir) {
  const out = spawnSync('find', [dir, '-type', 'f', '-not', '-path', '*/.git/*', '-printf', '%s\n'], {
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
  const sizes = out.stdout.trim().split('\n').map(Number);
  return { files: sizes.length - 1, bytes: sizes.reduce((a, b) => a + b, 0) };
}

function ensure(dir, version, generate, regenerate) {
  const versionFile = join(dir, 'VERSION');
  if (regenerate || !existsSync(versionFile) || readFileSync(versionFile, 'utf8') !== version) {
    process.stderr.write(`generating ${dir} (${version}) ...\n`);
    const g = generate();
    process.stderr.write(`  ${g.files} files, ${(g.bytes / 1048576).toFixed(1)} MB, ${g.kmsFiles} use KMS\n`);
  }
  return corpusStats(dir);
}

/** Issue 2's corpus (bench/corpus): `targetMb` of Java, Python, Go and TS, ~1 % of the files using KMS. */
export function ensureCorpus(dir, targetMb = 200, regenerate = false) {
  const version = `v1-${targetMb}`;
  return ensure(dir, version, () => generateCorpus(dir, targetMb, version), regenerate);
}

// ---- the real-shaped corpus ---------------------------------------------------------------------
const GO_CORE_HEAD = (n, product) =>
  `package ${product}${n % 40}\n\nimport (\n\t"fmt"\n\n\t"github.com/aliyun/alibaba-cloud-sdk-go/sdk/requests"\n\t"github.com/aliyun/alibaba-cloud-sdk-go/services/${product}"\n)\n\n`;
const GO_CORE_BODY = (r, i, product) =>
  `// Describe${i} reads resource ${i} of ${product}, with its encryption settings.\nfunc Describe${i}(client *${product}.Client, id string) (map[string]interface{}, error) {\n\treq := ${product}.CreateDescribeInstancesRequest()\n\treq.InstanceIds = fmt.Sprintf("[%q]", id)\n\treq.PageSize = requests.NewInteger(${10 + Math.floor(r() * 90)})\n\tresp, err := client.DescribeInstances(req)\n\tif err != nil {\n\t\treturn nil, fmt.Errorf("describe %s: %w", id, err)\n\t}\n\tout := map[string]interface{}{"Encrypted": resp.TotalCount > 0, "KMSKeyAlias": "alias/${product}"}\n\treturn out, nil\n}\n\n`;
const GO_KMS_HEAD = (n) =>
  `package kms${n % 40}\n\nimport (\n\t"fmt"\n\n\t"github.com/aliyun/alibaba-cloud-sdk-go/services/kms"\n)\n\nfunc NewKms${n}(region, ak, sk string) (*kms.Client, error) {\n\treturn kms.NewClientWithAccessKey(region, ak, sk)\n}\n\nfunc Seal${n}(c *kms.Client, key, text string) (string, error) {\n\treq := kms.CreateEncryptRequest()\n\treq.KeyId = key\n\treq.Plaintext = text\n\tresp, err := c.Encrypt(req)\n\tif err != nil {\n\t\treturn "", fmt.Errorf("seal: %w", err)\n\t}\n\treturn resp.CiphertextBlob, nil\n}\n\n`;
const GO_CORE_CLIENT = (product) =>
  `func NewClient() (*${product}.Client, error) {\n\treturn ${product}.NewClientWithAccessKey("cn-hangzhou", env("ALIBABA_CLOUD_ACCESS_KEY_ID"), env("ALIBABA_CLOUD_ACCESS_KEY_SECRET"))\n}\n\n`;
const PRODUCTS = ['ecs', 'vpc', 'slb', 'rds', 'oss', 'ram', 'cms', 'cdn'];

function generateRealShaped(dir, targetMb, version) {
  rmSync(dir, { recursive: true, force: true });
  const r = rng(7);
  const langs = Object.keys(BODY);
  let bytes = 0;
  let n = 0;
  let kmsFiles = 0;
  const target = targetMb * 1024 * 1024;
  while (bytes < target) {
    // Go dominates, as in the cloud provider the issue measured; the other languages stay plain.
    const lang = n % 5 === 4 ? langs[((n / 5) % 3) | 0] : 'go';
    const roll = r();
    const core = lang === 'go' && roll < 0.1;
    const kms = core && roll < 0.004;
    const fns = 10 + Math.floor(r() * 120);
    const product = PRODUCTS[n % PRODUCTS.length];
    let text = kms ? GO_KMS_HEAD(n) : core ? GO_CORE_HEAD(n, product) : HEAD[lang](n, false);
    // Some core files build their own client (credentials from the environment): the prefilter must
    // read them (a literal credential could be there), and they hold nothing for KMS.
    if (core && !kms && r() < 0.1) text += GO_CORE_CLIENT(product);
    for (let i = 0; i < fns; i++)
      text += core && i % 2 === 0 ? GO_CORE_BODY(r, i, product) : BODY[lang](r, i);
    text += TAIL[lang];
    const sub = kms ? 'kms' : core ? product : lang;
    const d = join(dir, sub, `pkg${Math.floor(n / 200)}`);
    mkdirSync(d, { recursive: true });
    writeFileSync(join(d, `gen${n}.${EXT[lang]}`), text);
    bytes += Buffer.byteLength(text);
    if (kms) kmsFiles++;
    n++;
  }
  writeFileSync(join(dir, 'VERSION'), version);
  return { files: n, bytes, kmsFiles };
}

/** The real-shaped corpus: ~10 % of the files import the SDK core for other products, ~0.4 % use KMS. */
export function ensureRealShapedCorpus(dir, targetMb = 200, regenerate = false) {
  const version = `real-v1-${targetMb}`;
  return ensure(dir, version, () => generateRealShaped(dir, targetMb, version), regenerate);
}
