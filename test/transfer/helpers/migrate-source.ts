import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Runs the migrate engineer's pure `migrateText` on one file and writes the result into `dir`. */
export async function migrateSource(
  migrateIndex: string,
  dir: string,
  file: string,
  source: string,
): Promise<string> {
  const mod = (await import(/* @vite-ignore */ migrateIndex)) as {
    migrateText(
      file: string,
      text: string,
      options?: Record<string, unknown>,
    ): { after: string; findings: { message: string }[] };
  };
  const result = mod.migrateText(file, source);
  if (result.after === source) {
    throw new Error(
      `migrate left ${file} unchanged: ${result.findings.map((f) => f.message).join('; ') || 'no finding'}`,
    );
  }
  writeFileSync(join(dir, file), result.after);
  return result.after;
}
