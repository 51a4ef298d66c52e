import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { manifestModuleFor } from './registry.js';
import type { DeclaredScope, Ecosystem } from './types.js';

/** PyPI names compare normalised (PEP 503): `alibabacloud_dkms_gcs` is `alibabacloud-dkms-gcs`. */
export function packageKey(ecosystem: Ecosystem, name: string): string {
  return ecosystem === 'pypi' ? name.toLowerCase().replace(/[-_.]+/g, '-') : name;
}

/** Scopes in which a declared package is on the code's path (a managed version alone is not). */
const ON_PATH = new Set<DeclaredScope>(['main', 'optional']);

/**
 * The packages (by `packageKey`) an application's manifests of one ecosystem declare for its code: each manifest
 * directly in `appDir` and the files it depends on (a parent POM, a version catalog). Undefined when
 * the application has no manifest of that ecosystem that could be read, so nothing can be judged.
 */
export function declaredPackages(appDir: string, ecosystem: Ecosystem): Set<string> | undefined {
  let names: string[];
  try {
    names = readdirSync(appDir);
  } catch {
    return undefined;
  }
  let judged = false;
  const out = new Set<string>();
  for (const name of names) {
    const mod = manifestModuleFor(name);
    if (mod?.ecosystem !== ecosystem) continue;
    const path = join(appDir, name);
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch {
      continue;
    }
    const seen = mod.extract(text);
    if (seen.problems.length > 0) continue;
    judged = true;
    const extractions = [seen];
    for (const r of mod.related?.(text) ?? []) {
      const abs = join(dirname(path), r.path);
      try {
        if (existsSync(abs)) extractions.push(r.extract(readFileSync(abs, 'utf8')));
      } catch {
        // unreadable related file: judged without it
      }
    }
    for (const e of extractions)
      for (const d of e.declared) if (ON_PATH.has(d.scope)) out.add(packageKey(ecosystem, d.name));
  }
  return judged ? out : undefined;
}
