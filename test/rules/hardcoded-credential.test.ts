import { describe, expect, it } from 'vitest';
import { analyzeText } from '../../src/scan/analyze-text.js';

const ID = 'LTAI5tPq8XvRm2NbK7wHc3Dz';
const SECRET = 'q3Xv9LmZ2rT8sYw4KpN6bHd1FgJ0cE';

function python(id: string, secret: string): string {
  return [
    'from aliyunsdkcore.client import AcsClient',
    'from aliyunsdkkms.request.v20160120.EncryptRequest import EncryptRequest',
    `client = AcsClient("${id}", "${secret}", "cn-hangzhou")`,
    '',
  ].join('\n');
}

async function severities(file: string, text: string): Promise<string[]> {
  const { findings } = await analyzeText(file, text);
  return findings.filter((f) => f.ruleId === 'hardcoded-credential').map((f) => f.severity);
}

describe('hardcoded-credential severity', () => {
  it('is an error for a real-looking ID with a secret-shaped partner in application code', async () => {
    expect(await severities('app/kms.py', python(ID, SECRET))).toEqual(['error', 'error']);
  });

  it('is at most a warning in tests and examples', async () => {
    for (const file of ['tests/test_kms.py', 'app/kms_test.py', 'examples/encrypt.py', 'src/test/kms.py'])
      expect(await severities(file, python(ID, SECRET)), file).toEqual(['warning', 'warning']);
  });

  it('says nothing for placeholders and dummies', async () => {
    expect(await severities('app/kms.py', python('<Your AccessKeyId>', '<Your AccessKeySecret>'))).toEqual(
      [],
    );
    expect(await severities('app/kms.py', python('ak', 'sk'))).toEqual([]);
    expect(await severities('app/kms.py', python('test-ak', 'test-sk'))).toEqual([]);
    expect(await severities('app/kms.py', python('your-access-key-id', '********'))).toEqual([]);
  });

  it('is a warning for an ID whose secret is not in the code, or a value not shaped like a credential', async () => {
    const fromEnv = python(ID, 'x').replace('"x"', 'os.environ["ALIBABA_CLOUD_ACCESS_KEY_SECRET"]');
    expect(await severities('app/kms.py', `import os\n${fromEnv}`)).toEqual(['warning']);
    expect(await severities('app/kms.py', python('corp-robot-0042', 'allinlowercaseletters'))).toEqual([
      'warning',
      'warning',
    ]);
  });

  it('ignores setters that are not SDK credentials', async () => {
    const java = [
      'import com.aliyuncs.DefaultAcsClient;',
      'import com.aliyuncs.kms.model.v20160120.EncryptRequest;',
      'class Hook {',
      '  void configure(Webhook hook, Account account) {',
      `    hook.setSecret("${SECRET}");`,
      `    account.setAk("${ID}");`,
      '  }',
      '}',
      '',
    ].join('\n');
    expect(await severities('src/main/java/Hook.java', java)).toEqual([]);
    const py = [
      'from alibabacloud_tea_openapi.models import Config as TeaConfig',
      'class Db: pass',
      'db = Db()',
      `db.password = "${SECRET}"`,
      '',
    ].join('\n');
    expect(await severities('app/db.py', py)).toEqual([]);
  });
});
