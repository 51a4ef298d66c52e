import { type MigrateTextOptions, migrateText, type TextMigration } from './migrate-text.js';

/** Migrate's pipeline job (src/workspace/task-pipeline.ts): one file's rewrite. */
export const REWRITE_JOB = import.meta.url;

export interface RewritePayload {
  file: string;
  text: string;
  options: MigrateTextOptions;
}

export function run(p: RewritePayload): TextMigration {
  return migrateText(p.file, p.text, p.options);
}
