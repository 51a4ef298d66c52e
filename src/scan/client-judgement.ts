import type { JudgedBy } from '../model/app.js';
import type { ClientSends, ClientSite, FileFacts, KmsEvidence } from '../model/facts.js';

/** A client found to talk to KMS, and what it was judged by. */
export interface ClientVerdict {
  evidence: KmsEvidence[];
  judgedBy: JudgedBy;
  sentActions?: string[];
  sends?: ClientSends;
}

/** Evidence a client's own construction gives: a KMS package, endpoint or API version. */
const CONSTRUCTION: ReadonlySet<KmsEvidence> = new Set(['kms-package', 'kms-endpoint', 'api-version']);

/** `self.kms`, `s.client`, `kms` → the last segment, the part both ends of a trace agree on. */
export function lastSegment(name: string): string {
  return name.slice(name.lastIndexOf('.') + 1);
}

/** What the requests executed through the client say: KMS, another product only, or nothing traced. */
function ownUse(s: ClientSends | undefined): 'kms' | 'other' | 'untraced' {
  if (!s) return 'untraced';
  if (s.kmsActions.length > 0) return 'kms';
  // Only a client whose every use is visible here may be cleared: one that is passed on, or that runs
  // a request we cannot type, may send KMS requests elsewhere.
  if (s.otherProducts.length > 0 && s.untyped === 0 && !s.escapes) return 'other';
  return 'untraced';
}

/**
 * Judges one client by what it sends (issue: "a client is judged by what it sends, not by the app it
 * sits in"). A core-SDK client (`DefaultAcsClient`, `AcsClient`, Go `sdk.NewClientWith...`) is a KMS
 * client when the requests executed through it include KMS requests, and is not one when they are all
 * for other products (STS AssumeRole, ECS, ...). Only when its use cannot be traced does the KMS use of
 * its file and application decide, as before. Undefined when it is not a KMS client.
 */
export function judgeClient(
  client: ClientSite,
  file: FileFacts,
  appUsesKms: boolean,
  calledFromOtherFiles: boolean,
  sends: ClientSends | undefined = client.sends,
): ClientVerdict | undefined {
  const evidence = [...client.evidence];
  if (calledFromOtherFiles && !evidence.includes('kms-actions')) evidence.push('kms-actions');
  const use = ownUse(sends);
  const traced = sends ? { sends, sentActions: sends.kmsActions } : {};
  if (client.family !== 'legacy-core' || evidence.includes('kms-package')) {
    if (evidence.length === 0) return undefined;
    const judgedBy: JudgedBy = evidence.some((e) => CONSTRUCTION.has(e)) ? 'construction' : 'requests';
    return { evidence, judgedBy, ...traced };
  }
  // A core-SDK client's evidence is its file's (an endpoint, a request class anywhere in the file):
  // what it executes itself comes first.
  if (use === 'kms') {
    if (!evidence.includes('kms-requests')) evidence.push('kms-requests');
    return { evidence: evidence.sort(), judgedBy: 'requests', ...traced };
  }
  if (use === 'other') return undefined;
  // Untraced: the file's KMS use (its legacy clients carry it), then the application's.
  if (evidence.length === 0 && appUsesKms) {
    const otherOnly = client.otherProducts.length > 0 && !(file.usesKmsModels || file.calls.length > 0);
    if (!otherOnly) evidence.push('kms-requests');
  }
  return evidence.length > 0 ? { evidence, judgedBy: 'application', ...traced } : undefined;
}
