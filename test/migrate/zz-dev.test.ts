import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { it } from 'vitest';
import { migrate } from '../../src/migrate/index.js';

it('dev', async () => {
  const base = 'fixtures/rules/legacy-kms-client';
  const only = process.env.H5_ONLY ?? '';
  for (const lang of ['java', 'python', 'go', 'typescript']) {
    let scen: string[] = [];
    try {
      scen = (await import('node:fs')).readdirSync(join(base, lang));
    } catch {
      continue;
    }
    for (const s of scen) {
      if (only && !`${lang}/${s}`.startsWith(only)) continue;
      const dir = join(base, lang, s, 'before');
      if (!(await import('node:fs')).existsSync(dir)) continue;
      let opts = {};
      try {
        opts = JSON.parse(readFileSync(join(base, lang, s, 'migrate.json'), 'utf8')).options ?? {};
      } catch {}
      const r = await migrate({
        paths: [dir],
        ...opts,
        versions: {
          'com.aliyun:alibabacloud-dkms-gcs-sdk': '0.5.2',
          'com.aliyun.kms:kms-transfer-client': '0.2.2',
          'alibabacloud-dkms-transfer-python': '0.1.3',
          'alibabacloud-dkms-gcs': '1.0.2',
          'github.com/aliyun/alibabacloud-dkms-transfer-go-sdk': 'v0.1.9',
          'github.com/aliyun/alibabacloud-dkms-gcs-go-sdk': 'v0.5.1',
          'github.com/alibabacloud-go/tea': 'v1.2.1',
        },
      });
      const out = join('/tmp/h5-out', lang, s);
      rmSync(out, { recursive: true, force: true });
      mkdirSync(out, { recursive: true });
      cpSync(dir, out, { recursive: true });
      for (const c of r.changes) writeFileSync(join(out, relative(dir, c.path)), c.after);
      writeFileSync(
        join('/tmp/h5-out', lang, `${s}.notes.json`),
        JSON.stringify(
          {
            unrewritten: r.unrewritten.map((f) => [f.ruleId, f.message, f.range.start.line]),
            reminders: r.reminders,
          },
          null,
          1,
        ),
      );
    }
  }
});
