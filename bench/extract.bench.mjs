// Java/Python/Go fact extraction (one parse + one query pass per file, one thread) next to
// ast-grep (--threads 1) matching only the legacy constructor on the same files. Both parse every
// file; ours also extracts every fact. Prints wall time, MB/s and the ratio per language.
// Needs dist/ (npm run build). Usage: node bench/extract.bench.mjs [files-per-language]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const perLang = Number(process.argv[2] ?? 1500);
const dist = join(root, 'dist', 'src', 'languages');
if (!existsSync(join(dist, 'java', 'extract.js'))) {
  process.stderr.write('bench/extract.bench.mjs: dist/ is missing; run `npm run build` first.\n');
  process.exit(2);
}

// A realistic KMS-using file: the kind the literal prefilter lets through, padded with ordinary code.
const filler = {
  java: (i) =>
    `    public int helper${i}(int a, int b) {\n        int s = 0;\n        for (int k = a; k < b; k++) { s += k * ${i}; }\n        return s;\n    }\n`,
  python: (i) =>
    `def helper_${i}(a, b):\n    total = 0\n    for k in range(a, b):\n        total += k * ${i}\n    return total\n\n\n`,
  go: (i) =>
    `func helper${i}(a, b int) int {\n\ts := 0\n\tfor k := a; k < b; k++ {\n\t\ts += k * ${i}\n\t}\n\treturn s\n}\n\n`,
};
const files = {
  java: (n) =>
    `package com.acme.gen;\n\nimport com.aliyuncs.DefaultAcsClient;\nimport com.aliyuncs.IAcsClient;\nimport com.aliyuncs.kms.model.v20160120.*;\nimport com.aliyuncs.profile.DefaultProfile;\n\npublic class Gen${n} {\n    private final IAcsClient client = new DefaultAcsClient(DefaultProfile.getProfile("cn-hangzhou"));\n    public String seal(String t) throws Exception {\n        EncryptRequest r = new EncryptRequest();\n        r.setKeyId(System.getenv("KMS_KEY_ID"));\n        r.setPlaintext(t);\n        return client.getAcsResponse(r).getCiphertextBlob();\n    }\n${Array.from({ length: 25 }, (_, i) => filler.java(i)).join('')}}\n`,
  python: (n) =>
    `import os\n\nfrom aliyunsdkcore.client import AcsClient\nfrom aliyunsdkkms.request.v20160120.EncryptRequest import EncryptRequest\n\nclient = AcsClient(region_id="cn-hangzhou")\n\n\ndef seal_${n}(text):\n    req = EncryptRequest()\n    req.set_KeyId(os.environ["KMS_KEY_ID"])\n    req.set_Plaintext(text)\n    return client.do_action_with_exception(req)\n\n\n${Array.from({ length: 25 }, (_, i) => filler.python(i)).join('')}`,
  go: (n) =>
    `package gen${n % 50}\n\nimport (\n\t"os"\n\n\t"github.com/aliyun/alibaba-cloud-sdk-go/services/kms"\n)\n\nfunc NewKms() (*kms.Client, error) {\n\treturn kms.NewClientWithAccessKey("cn-hangzhou", os.Getenv("AK"), os.Getenv("SK"))\n}\n\nfunc Seal(c *kms.Client, t string) (string, error) {\n\treq := kms.CreateEncryptRequest()\n\treq.KeyId = os.Getenv("KMS_KEY_ID")\n\treq.Plaintext = t\n\tresp, err := c.Encrypt(req)\n\tif err != nil {\n\t\treturn "", err\n\t}\n\treturn resp.CiphertextBlob, nil\n}\n\n${Array.from({ length: 25 }, (_, i) => filler.go(i)).join('')}`,
};
const ext = { java: 'java', python: 'py', go: 'go' };
const pattern = {
  java: 'new DefaultAcsClient($$$)',
  python: 'AcsClient($$$)',
  // Go: a `$$$` argument list makes ast-grep read the pattern as a type and match nothing (spike-npm.md §4)
  go: 'kms.NewClientWithAccessKey($A, $B, $C)',
};

const work = join(tmpdir(), `kms-extract-bench-${process.pid}`);
const sg = join(root, 'node_modules', '.bin', 'ast-grep');
let worst = 0;
try {
  for (const lang of ['java', 'python', 'go']) {
    const dir = join(work, lang);
    mkdirSync(dir, { recursive: true });
    const texts = [];
    for (let n = 0; n < perLang; n++) {
      const text = files[lang](n);
      texts.push(text);
      writeFileSync(join(dir, `f${n}.${ext[lang]}`), text);
    }
    const bytes = texts.reduce((s, t) => s + Buffer.byteLength(t), 0);
    const { extract } = await import(join(dist, lang, 'extract.js'));
    extract('warmup', texts[0]);
    const t0 = process.hrtime.bigint();
    let clients = 0;
    for (let n = 0; n < perLang; n++) {
      const text = readFileSync(join(dir, `f${n}.${ext[lang]}`), 'utf8');
      clients += extract(`f${n}`, text).clients.length;
    }
    const ours = Number(process.hrtime.bigint() - t0) / 1e6;
    const t1 = process.hrtime.bigint();
    const r = spawnSync(
      sg,
      ['run', '--threads', '1', '-l', lang, '-p', pattern[lang], '--json=compact', dir],
      { maxBuffer: 1 << 30 },
    );
    const theirs = Number(process.hrtime.bigint() - t1) / 1e6;
    const matches = r.status === 0 ? JSON.parse(r.stdout.toString() || '[]').length : -1;
    const ratio = ours / theirs;
    worst = Math.max(worst, ratio);
    console.log(
      `${lang.padEnd(6)} ${perLang} files ${(bytes / 1e6).toFixed(1)} MB | extract ${ours.toFixed(0)} ms (${(bytes / 1e6 / (ours / 1000)).toFixed(1)} MB/s, ${clients} clients) | ast-grep ${theirs.toFixed(0)} ms (${matches} matches) | ratio ${ratio.toFixed(2)}x`,
    );
  }
  console.log(
    `\nextract / ast-grep (1 thread each), worst language = ${worst.toFixed(2)}x (target <= 1.0x) ${worst <= 1 ? 'OK' : 'MISSED'}`,
  );
} finally {
  rmSync(work, { recursive: true, force: true });
}
