import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadManifest } from './manifest.js';
import { bundledSamplesDir } from './package-root.js';
import type { Sample, SampleLang } from './types.js';

export interface SampleDiscovery {
  samples: Sample[];
  problems: string[];
}

/** Loads the given sample directories, or every bundled sample when none is given. */
export function findSamples(dirs: readonly string[], langs?: readonly SampleLang[]): SampleDiscovery {
  const problems: string[] = [];
  const candidates = dirs.length > 0 ? dirs.map((d) => resolve(d)) : bundledSampleDirs();
  const samples: Sample[] = [];
  for (const dir of candidates) {
    if (!existsSync(dir) || !statSync(dir).isDirectory()) {
      problems.push(`${dir}: not a directory; pass sample directories that hold a sample.json`);
      continue;
    }
    const loaded = loadManifest(dir);
    if (!loaded.ok) {
      problems.push(loaded.problem);
      continue;
    }
    const m = loaded.manifest;
    if (langs && !langs.includes(m.language)) continue;
    samples.push({ id: `${m.language}/${m.name}`, dir, manifest: m });
  }
  samples.sort((a, b) => a.id.localeCompare(b.id));
  return { samples, problems };
}

function bundledSampleDirs(): string[] {
  const root = bundledSamplesDir();
  const out: string[] = [];
  for (const lang of readdirSync(root)) {
    const langDir = join(root, lang);
    if (lang.startsWith('_') || !statSync(langDir).isDirectory()) continue;
    for (const name of readdirSync(langDir)) {
      const dir = join(langDir, name);
      if (existsSync(join(dir, 'sample.json'))) out.push(dir);
    }
  }
  return out;
}
