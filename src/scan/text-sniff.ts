import { credentialLooks } from '../model/credential-looks.js';
import {
  type ApiCall,
  blankComments,
  type ClientSite,
  type CredentialRole,
  canonicalAction,
  emptyFacts,
  type FileFacts,
  type Language,
  LineIndex,
  type SdkFamily,
} from '../model/index.js';

/**
 * Cheap text detection of KMS use for languages without a vendor transfer SDK (PHP, C#): enough to
 * say "this application uses KMS from PHP" and which actions it calls, with no parser.
 */

interface SniffTable {
  /** A KMS client construction; group 1 is the callee as written. */
  clients: { re: RegExp; family: SdkFamily; qualifiedName: string }[];
  /** Evidence that the file uses KMS request models. */
  models: RegExp;
  /** An action named in a call; group 1 is the action (or its request class / method name). */
  calls: { re: RegExp; form: ApiCall['form'] }[];
  /** Credential literals: groups 1.. are literals in the roles given. */
  credentials: { re: RegExp; roles: CredentialRole[] }[];
}

const PHP: SniffTable = {
  clients: [
    {
      re: /(AlibabaCloud::rpc\(\))\s*->\s*product\(\s*['"]Kms['"]\s*\)/gi,
      family: 'legacy-core',
      qualifiedName: 'AlibabaCloud\\Client\\AlibabaCloud',
    },
    {
      re: /(AlibabaCloud::kms\(\))/g,
      family: 'legacy-core',
      qualifiedName: 'AlibabaCloud\\Client\\AlibabaCloud',
    },
    {
      re: /new\s+(\\?(?:AlibabaCloud\\SDK\\Kms\\V20160120\\)?Kms)\s*\(/g,
      family: 'tea-kms',
      qualifiedName: 'AlibabaCloud\\SDK\\Kms\\V20160120\\Kms',
    },
  ],
  models: /AlibabaCloud\\(?:SDK\\)?Kms\\|product\(\s*['"]Kms['"]\s*\)|AlibabaCloud::kms\(\)/i,
  calls: [
    { re: /->\s*action\(\s*['"]([A-Za-z]+)['"]\s*\)/g, form: 'common-request' },
    { re: /->\s*([a-zA-Z]+)\s*\(\s*\$?\w*[Rr]equest/g, form: 'client-method' },
    { re: /new\s+\\?(?:[\w\\]*\\)?([A-Za-z]+)Request\s*[({]/g, form: 'request-class' },
  ],
  credentials: [
    {
      re: /accessKeyClient\(\s*['"]([^'"]+)['"]\s*,\s*['"]([^'"]+)['"]/g,
      roles: ['access-key-id', 'access-key-secret'],
    },
  ],
};

const CSHARP: SniffTable = {
  clients: [
    {
      re: /new\s+((?:Aliyun\.Acs\.Core\.)?DefaultAcsClient)\s*\(/g,
      family: 'legacy-core',
      qualifiedName: 'Aliyun.Acs.Core.DefaultAcsClient',
    },
    {
      re: /new\s+((?:AlibabaCloud\.SDK\.Kms20160120\.)?Client)\s*\(/g,
      family: 'tea-kms',
      qualifiedName: 'AlibabaCloud.SDK.Kms20160120.Client',
    },
  ],
  models: /Aliyun\.Acs\.Kms|AlibabaCloud\.SDK\.Kms20160120/,
  calls: [
    { re: /new\s+(?:[\w.]*\.)?([A-Za-z]+)Request\s*[({]/g, form: 'request-class' },
    { re: /\.\s*([A-Z][A-Za-z]+)\s*\(\s*\w*[Rr]equest/g, form: 'client-method' },
    { re: /ActionName\s*=\s*"([A-Za-z]+)"/g, form: 'common-request' },
  ],
  credentials: [
    {
      re: /DefaultProfile\.GetProfile\(\s*"[^"]*"\s*,\s*"([^"]+)"\s*,\s*"([^"]+)"/g,
      roles: ['access-key-id', 'access-key-secret'],
    },
  ],
};

const TABLES: Partial<Record<Language, SniffTable>> = { php: PHP, csharp: CSHARP };

export function hasSniffer(language: Language): boolean {
  return TABLES[language] !== undefined;
}

export function sniff(file: string, text: string, language: Language): FileFacts {
  const facts = emptyFacts(file, language);
  const table = TABLES[language];
  if (!table) return facts;
  const code = blankComments(text, language);
  if (!table.models.test(code)) return facts;
  facts.usesKmsModels = true;
  const lines = new LineIndex(text);
  for (const c of table.clients) {
    for (const m of code.matchAll(c.re)) {
      const start = m.index;
      const calleeStart = start + m[0].indexOf(m[1]);
      const site: ClientSite = {
        family: c.family,
        constructorName: m[1],
        qualifiedName: c.qualifiedName,
        range: lines.range(start, start + m[0].length),
        calleeRange: lines.range(calleeStart, calleeStart + m[1].length),
        argsRange: lines.range(start + m[0].length, start + m[0].length),
        args: [],
        evidence: ['kms-package'],
        otherProducts: [],
      };
      facts.clients.push(site);
    }
  }
  for (const c of table.calls) {
    for (const m of code.matchAll(c.re)) {
      const a = canonicalAction(m[1]);
      if (!a) continue;
      facts.calls.push({
        action: a,
        form: c.form,
        range: lines.range(m.index, m.index + m[0].length),
        family: 'legacy-core',
      });
    }
  }
  for (const c of table.credentials) {
    for (const m of code.matchAll(c.re)) {
      let from = m.index;
      c.roles.forEach((role, k) => {
        const lit = m[k + 1];
        const at = code.indexOf(lit, from);
        from = at + lit.length;
        const looks = credentialLooks(role, lit);
        if (looks)
          facts.credentials.push({ role, looks, range: lines.range(at, at + lit.length), sink: 'client' });
      });
    }
  }
  facts.calls.sort((a, b) => a.range.startOffset - b.range.startOffset);
  return facts;
}
