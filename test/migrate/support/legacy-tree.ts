import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** A Java source that `migrate` rewrites (one DefaultAcsClient, credentials from the environment). */
export function javaSource(cls: string): string {
  return `package demo;

import com.aliyuncs.DefaultAcsClient;
import com.aliyuncs.IAcsClient;
import com.aliyuncs.kms.model.v20160120.EncryptRequest;
import com.aliyuncs.profile.DefaultProfile;

public class ${cls} {
    // A program, not a library: migrate rewrites libraries only with --allow-library-env.
    public static void main(String[] args) throws Exception {
        System.out.println(run());
    }

    public static String run() throws Exception {
        DefaultProfile profile = DefaultProfile.getProfile("cn-hangzhou", System.getenv("ALIBABA_CLOUD_ACCESS_KEY_ID"), System.getenv("ALIBABA_CLOUD_ACCESS_KEY_SECRET"));
        IAcsClient client = new DefaultAcsClient(profile);
        EncryptRequest request = new EncryptRequest();
        request.setKeyId(System.getenv("KMS_KEY_ID"));
        request.setPlaintext("${cls}");
        return client.getAcsResponse(request).getCiphertextBlob();
    }
}
`;
}

export const POM = `<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
    <modelVersion>4.0.0</modelVersion>
    <groupId>demo</groupId>
    <artifactId>demo</artifactId>
    <version>1.0</version>
    <dependencies>
        <dependency>
            <groupId>com.aliyun</groupId>
            <artifactId>aliyun-java-sdk-core</artifactId>
            <version>4.6.4</version>
        </dependency>
    </dependencies>
</project>
`;

/** A Python source that `migrate` rewrites. */
export function pythonSource(name: string): string {
  return `import os

from aliyunsdkcore.client import AcsClient
from aliyunsdkkms.request.v20160120.EncryptRequest import EncryptRequest


def ${name}(text):
    client = AcsClient(os.getenv("ALIBABA_CLOUD_ACCESS_KEY_ID"), os.getenv("ALIBABA_CLOUD_ACCESS_KEY_SECRET"), "cn-hangzhou")
    req = EncryptRequest()
    req.set_KeyId(os.getenv("KMS_KEY_ID"))
    req.set_Plaintext(text)
    return client.do_action_with_exception(req)
`;
}

export const REQUIREMENTS = 'aliyun-python-sdk-core==2.15.1\naliyun-python-sdk-kms==2.16.2\n';

/**
 * Writes `apps` applications under `root`, alternately Java (pom.xml) and Python (requirements.txt),
 * each with `files` legacy sources; returns the application directories, relative to root.
 */
export function writeLegacyTree(root: string, apps: number, files: number): string[] {
  const dirs: string[] = [];
  for (let a = 0; a < apps; a++) {
    const java = a % 2 === 0;
    const dir = `app${String(a).padStart(3, '0')}`;
    dirs.push(dir);
    const base = join(root, dir);
    if (java) {
      mkdirSync(join(base, 'src/main/java/demo'), { recursive: true });
      writeFileSync(join(base, 'pom.xml'), POM);
      for (let f = 0; f < files; f++)
        writeFileSync(join(base, `src/main/java/demo/K${f}.java`), javaSource(`K${f}`));
    } else {
      mkdirSync(join(base, 'svc'), { recursive: true });
      writeFileSync(join(base, 'requirements.txt'), REQUIREMENTS);
      for (let f = 0; f < files; f++) writeFileSync(join(base, `svc/m${f}.py`), pythonSource(`encrypt${f}`));
    }
  }
  return dirs;
}
