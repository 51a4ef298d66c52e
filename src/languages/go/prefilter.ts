import { KMS_ACTIONS } from '../../model/kms-actions.js';
import type { PrefilterTable } from '../../model/prefilter-table.js';
import { KEY_PARAMETERS, KMS_API_VERSION, KMS_ENDPOINT } from '../tree-sitter/kms-names.js';
import {
  ALIBABA_PATH_PREFIXES,
  CREDENTIAL_FIELDS,
  CREDENTIAL_POSITIONS,
  KMS_MODULES,
} from './known-packages.js';

/**
 * Which Go files are worth parsing, from the extractor's own tables. In a large Go code base on the
 * vendor's SDK, most files import its core (`alibaba-cloud-sdk-go/sdk`, `darabonba-openapi`) for
 * other products; such a file yields facts only through what is listed in `relevant`: a credential
 * (constructor positions, struct fields), a key parameter, a common request whose ApiName is a KMS
 * action, or the KMS host (which makes a core client a KMS client).
 */
export const GO_PREFILTER: PrefilterTable = {
  direct: KMS_MODULES,
  core: ALIBABA_PATH_PREFIXES,
  relevant: [
    ...Object.keys(CREDENTIAL_POSITIONS),
    ...Object.keys(CREDENTIAL_FIELDS),
    ...KEY_PARAMETERS,
    KMS_API_VERSION,
  ],
  relevantPatterns: [
    KMS_ENDPOINT,
    // `r.ApiName = "ReEncrypt"`: the extractor reads the action from a Go string literal in the file.
    new RegExp(`["\`](?:${KMS_ACTIONS.join('|')})(?:Request)?["\`]`, 'i'),
  ],
};
