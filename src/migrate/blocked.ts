import type { Language } from '../model/language.js';

/**
 * Uses of the three actions that keep an application on the shared gateway (seed: "which applications
 * can move"), in each SDK's spelling: request classes, action strings, method names.
 */
const PATTERNS: Partial<Record<Language, RegExp>> = {
  java: /\b(ReEncrypt|ExportDataKey|GenerateAndExportDataKey)Request\b|"(ReEncrypt|ExportDataKey|GenerateAndExportDataKey)"|\.(reEncrypt|exportDataKey|generateAndExportDataKey)(WithOptions)?\s*\(/,
  python:
    /\b(ReEncrypt|ExportDataKey|GenerateAndExportDataKey)Request\b|['"](ReEncrypt|ExportDataKey|GenerateAndExportDataKey)['"]|\.(re_encrypt|export_data_key|generate_and_export_data_key)(_with_options)?(_async)?\s*\(/,
  go: /\bCreate(ReEncrypt|ExportDataKey|GenerateAndExportDataKey)Request\b|\.(ReEncrypt|ExportDataKey|GenerateAndExportDataKey)(WithOptions|WithChan|WithCallback)?\s*\(|"(ReEncrypt|ExportDataKey|GenerateAndExportDataKey)"/,
  typescript:
    /['"](ReEncrypt|ExportDataKey|GenerateAndExportDataKey|reEncrypt|exportDataKey|generateAndExportDataKey)['"]|\.(reEncrypt|exportDataKey|generateAndExportDataKey)(WithOptions)?\s*\(/,
};
PATTERNS.javascript = PATTERNS.typescript;

const CHEAP = /ReEncrypt|ExportDataKey|re_encrypt|export_data_key|reEncrypt|exportDataKey/;

/** Offset of the first blocked-action use outside comments, or -1. */
export function firstBlockedUse(language: Language, text: string): number {
  const re = PATTERNS[language];
  if (!re || !CHEAP.test(text)) return -1;
  const g = new RegExp(re.source, 'g');
  for (const m of text.matchAll(g)) {
    const lineStart = text.lastIndexOf('\n', m.index) + 1;
    const before = text.slice(lineStart, m.index);
    if (/^\s*(\/\/|#|\*|\/\*)/.test(before)) continue;
    return m.index ?? -1;
  }
  return -1;
}

/** Literal prefilter: files without these strings have nothing for the rewriters. */
const LEGACY_MARKERS: Partial<Record<Language, string[]>> = {
  java: ['DefaultAcsClient', 'kms20160120'],
  python: ['AcsClient', 'alibabacloud_kms20160120'],
  go: ['alibaba-cloud-sdk-go/services/kms', 'kms-20160120'],
  typescript: ['@alicloud/'],
  javascript: ['@alicloud/'],
};

export function mayHoldLegacyClient(language: Language, text: string): boolean {
  return (LEGACY_MARKERS[language] ?? []).some((m) => text.includes(m));
}
