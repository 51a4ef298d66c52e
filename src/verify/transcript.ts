import type { CarryItem, ReplayItem, Transcript, TranscriptError } from './types.js';

export type TranscriptParse = { ok: true; transcript: Transcript } | { ok: false; problem: string };

/**
 * Finds the transcript a sample printed: the last stdout line that is a JSON object carrying the
 * `kmsSampleTranscript` marker (seed-shaped samples print the SDK response before it).
 */
export function parseTranscript(stdout: string): TranscriptParse {
  const lines = stdout.split(/\r?\n/);
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i].trim();
    if (!line.startsWith('{') || !line.includes('kmsSampleTranscript')) continue;
    let raw: Record<string, unknown>;
    try {
      raw = JSON.parse(line) as Record<string, unknown>;
    } catch {
      continue;
    }
    if (raw.kmsSampleTranscript !== 1) continue;
    return {
      ok: true,
      transcript: {
        sample: String(raw.sample ?? ''),
        language: String(raw.language ?? ''),
        steps: Array.isArray(raw.steps) ? (raw.steps as Record<string, unknown>[]) : [],
        results:
          raw.results && typeof raw.results === 'object' ? (raw.results as Record<string, unknown>) : {},
        carry: Array.isArray(raw.carry)
          ? (raw.carry as CarryItem[]).filter((c) => c && typeof c.id === 'string')
          : [],
        replayed: Array.isArray(raw.replayed)
          ? (raw.replayed as ReplayItem[]).filter((r) => r && typeof r.id === 'string')
          : [],
        error: raw.error && typeof raw.error === 'object' ? (raw.error as TranscriptError) : null,
      },
    };
  }
  return {
    ok: false,
    problem: 'the sample printed no transcript line (a JSON object with "kmsSampleTranscript": 1)',
  };
}

export function describeError(e: TranscriptError): string {
  return `${e.action} failed with ${e.code}: ${e.message}`;
}
