import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Ajv, type ValidateFunction } from 'ajv';

/** The published SARIF 2.1.0 schema (from @microsoft/jest-sarif), compiled once by ajv. */
export function sarifValidator(): ValidateFunction {
  const require = createRequire(import.meta.url);
  const path = require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');
  // The published schema is draft-04 (`id`); ajv 8 reads it once the id keyword is renamed.
  const raw = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  const { id, $schema: _drop, ...rest } = raw;
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false, unicodeRegExp: false });
  return ajv.compile({ $id: id, ...rest });
}
