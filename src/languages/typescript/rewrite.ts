import type { Language } from '../../model/language.js';
import { mergeOutputs, noRewrite, type RewriteInput, type RewriteOutput } from '../rewrite-kit/rewriter.js';
import { parseSource } from './parser.js';
import { rewritePopCoreClients } from './rewrite-pop-core-clients.js';
import { rewriteTeaKmsClients } from './rewrite-tea-kms.js';
import { TEA_KMS_MODULE } from './rewrite-tea-kms-config.js';

/**
 * TS/JS: pop-core KMS clients → `KmsTransferPopClient(options, instanceConfig)` (rewrite-pop-core-clients.ts);
 * @alicloud/kms20160120 clients → the same client on the instance endpoint (rewrite-tea-kms.ts).
 */
export function rewriteTypeScript(input: RewriteInput): RewriteOutput {
  const { text, file } = input;
  if (!text.includes('@alicloud/')) return noRewrite();
  const language: Language = input.language === 'javascript' ? 'javascript' : 'typescript';
  const sf = parseSource(file, text);
  // kms20160120 clients keep their class; only their config's endpoint changes (rewrite-tea-kms.ts).
  const tea = text.includes(TEA_KMS_MODULE)
    ? { ...rewriteTeaKmsClients(input, sf, language), needs: [] }
    : noRewrite();
  return mergeOutputs(tea, rewritePopCoreClients(input, sf, language));
}
