import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { extname, join } from 'node:path';

/**
 * Deliberate breakages of a migrated copy, applied before it is built, that prove the verifier can
 * fail (each must make a named check fail). They edit the rewrite's own output shapes.
 */
export type MutationName = 'wrong-endpoint' | 'drop-config' | 'python-no-verify';

type Rewrite = (text: string, ext: string) => string;

const ENDPOINT_READ =
  /(?:System\.getenv|os\.getenv|os\.Getenv|os\.environ\.get)\(\s*["']KMS_INSTANCE_ENDPOINT["']\s*\)|process\.env\.KMS_INSTANCE_ENDPOINT|process\.env\[["']KMS_INSTANCE_ENDPOINT["']\]/g;

const REWRITES: Record<MutationName, Rewrite> = {
  // Port 9 on loopback: nothing listens there, so every instance call fails to connect.
  'wrong-endpoint': (text) => text.replace(ENDPOINT_READ, '"127.0.0.1:9"'),
  'drop-config': (text, ext) => {
    switch (ext) {
      case '.java':
        return text.replace(/new KmsTransferAcsClient\(([^;]*?),\s*(\w+)\)/g, 'new KmsTransferAcsClient($1)');
      case '.py':
        return text
          .replace(/KmsTransferAcsClient\(\s*(?!config=)(\w+)\s*,/g, 'KmsTransferAcsClient(None,')
          .replace(/KmsTransferAcsClient\(([^)]*?)config=\w+/g, 'KmsTransferAcsClient($1config=None');
      case '.go':
        // The config variable stays declared, so the blank assignment keeps the program compiling.
        return text.replace(
          /^([ \t]*)(.*\bNewClientWith\w+\(.*),\s*(\w+)\)[ \t]*$/gm,
          '$1$2, nil)\n$1_ = $3',
        );
      case '.ts':
      case '.js':
      case '.mjs':
        return text.replace(/\},\s*\{\s*endpoint:\s*process\.env\.KMS_INSTANCE_ENDPOINT,[^}]*\}/g, '}, null');
      default:
        return text;
    }
  },
  // `verify=` takes a call such as os.getenv("KMS_CA_FILE") or a plain name/literal.
  'python-no-verify': (text, ext) =>
    ext === '.py' ? text.replace(/,\s*verify=(?:[\w.]+\([^()]*\)|[^,)\n]+)/g, '') : text,
};

export const MUTATIONS: readonly MutationName[] = Object.keys(REWRITES) as MutationName[];

const SOURCE = new Set(['.java', '.py', '.go', '.ts', '.js', '.mjs']);

/** Applies a mutation to every source file under `dir`; returns the files it changed. */
export function applyMutation(dir: string, name: MutationName): string[] {
  const changed: string[] = [];
  const walk = (d: string): void => {
    for (const entry of readdirSync(d)) {
      if (entry === 'node_modules') continue;
      const p = join(d, entry);
      if (statSync(p).isDirectory()) {
        walk(p);
        continue;
      }
      const ext = extname(p);
      if (!SOURCE.has(ext)) continue;
      const before = readFileSync(p, 'utf8');
      const after = REWRITES[name](before, ext);
      if (after !== before) {
        writeFileSync(p, after);
        changed.push(p);
      }
    }
  };
  walk(dir);
  return changed;
}
