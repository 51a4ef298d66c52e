import { type Diagnostic, DiagnosticSeverity, type Range } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { ConfigError, validateConfig } from '../config/config.js';
import { RULES } from '../rules/index.js';

/** Where a config problem is: the JSON parser's offset, else the field the message names, else line 1. */
function locate(text: string, message: string): Range {
  const doc = TextDocument.create('config', 'json', 0, text);
  const at = /at position (\d+)/.exec(message);
  if (at) {
    const offset = Math.min(Number(at[1]), text.length);
    return { start: doc.positionAt(offset), end: doc.positionAt(Math.min(offset + 1, text.length)) };
  }
  const named = /unknown (?:field|rule) "([^"]+)"|"(\w+)" must|rules\.([\w-]+) must/.exec(message);
  const name = named?.[1] ?? named?.[2] ?? named?.[3];
  const found = name === undefined ? -1 : text.indexOf(`"${name}"`);
  if (found >= 0) return { start: doc.positionAt(found), end: doc.positionAt(found + name!.length + 2) };
  const firstLineEnd = text.indexOf('\n');
  return {
    start: { line: 0, character: 0 },
    end: doc.positionAt(firstLineEnd < 0 ? text.length : firstLineEnd),
  };
}

/**
 * The problems of a `kms-codemod.config.json` text, as the CLI would report them (the same
 * validator), placed on the offending token so the editor can point at it.
 */
export function configDiagnostics(file: string, text: string): Diagnostic[] {
  let message: string;
  try {
    validateConfig(
      JSON.parse(text),
      file,
      RULES.map((r) => r.meta.id),
    );
    return [];
  } catch (err) {
    if (err instanceof SyntaxError) message = `${file}: not valid JSON (${err.message})`;
    else if (err instanceof ConfigError) message = err.message;
    else throw err;
  }
  return [
    {
      range: locate(text, message),
      severity: DiagnosticSeverity.Error,
      source: 'kms-codemod',
      code: 'invalid-config',
      message: `${message}. Until it is fixed, kms-codemod uses the last valid config of this folder (or none).`,
    },
  ];
}
