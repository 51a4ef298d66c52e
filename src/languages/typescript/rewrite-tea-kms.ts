// The compiler alone: importing ts-morph itself would load its 3.5 MB wrapper on every migrate.
import type { ts } from 'ts-morph';
import { configurationChange } from '../../model/configuration-change.js';
import type { TextEdit } from '../../model/edit.js';
import type { ClientSite } from '../../model/facts.js';
import type { Finding } from '../../model/finding.js';
import { INSTANCE_ENV } from '../../model/instance-env.js';
import type { Language } from '../../model/language.js';
import { LineIndex } from '../../model/range.js';
import { MIGRATE_RULES, noteAt } from '../rewrite-kit/findings.js';
import { isTarget, type RewriteInput } from '../rewrite-kit/rewriter.js';
import { settingValue } from '../rewrite-kit/settings.js';
import { detectStyle, indentOfLine } from '../rewrite-kit/text-style.js';
import { processEnvName, propName, unwrap } from './bindings.js';
import { tsc } from './compiler.js';
import { callsOffInstance, storedAs } from './rewrite-tea-kms-calls.js';
import { fileBindings, findConfig, isTeaKmsConstruction } from './rewrite-tea-kms-config.js';
import { KMS_INSTANCE_HOST } from './sdk-modules.js';
import { settingCode } from './setting-code.js';
import { teaSettings } from './tea-endpoint.js';

/**
 * `@alicloud/kms20160120` clients take the vendor's Node route: the same client, its config's
 * `endpoint` pointed at the KMS instance (its dedicated gateway speaks the same OpenAPI), the instance
 * CA trusted. The CA cannot go into code with the only versions npm serves (1.1.0, 1.2.0): they are
 * built on @alicloud/rpc-client, whose Config has no `ca` and whose request runtime drops `ca`, and
 * httpx passes an empty `ca` to every request. Node's NODE_EXTRA_CA_CERTS, read at process start,
 * is the lever that works; each client gets a finding saying so.
 */
export const NODE_CA_RULE = MIGRATE_RULES.nodeExtraCaCerts;

/** A call the rewritten client makes that the instance endpoint does not serve. */
export const OFF_INSTANCE_RULE = MIGRATE_RULES.notServedByInstanceEndpoint;

const ENDPOINT = 'endpoint';

export interface TeaKmsRewrite {
  edits: TextEdit[];
  findings: Finding[];
}

/** Already on the instance: reads KMS_INSTANCE_ENDPOINT, names an instance host, or is the `--endpoint` literal. */
function isMigratedValue(value: ts.Expression, literal: string | undefined): boolean {
  if (processEnvName(value) === INSTANCE_ENV.endpoint) return true;
  const e = unwrap(value);
  if (!tsc.isStringLiteralLike(e)) return false;
  return KMS_INSTANCE_HOST.test(e.text) || (literal !== undefined && e.text === literal);
}

/** The last `endpoint` property: the one whose value the client gets. */
function endpointProperty(obj: ts.ObjectLiteralExpression): ts.ObjectLiteralElementLike | undefined {
  return [...obj.properties].reverse().find((p) => propName(p.name) === ENDPOINT);
}

/** The edits that give `obj` the instance endpoint: replace its value, or add the property. */
function endpointEdits(obj: ts.ObjectLiteralExpression, sf: ts.SourceFile, value: string): TextEdit[] {
  const text = sf.text;
  const existing = endpointProperty(obj);
  if (existing && tsc.isPropertyAssignment(existing)) {
    return [{ start: existing.initializer.getStart(sf), end: existing.initializer.getEnd(), text: value }];
  }
  if (existing && tsc.isShorthandPropertyAssignment(existing)) {
    return [{ start: existing.getStart(sf), end: existing.getEnd(), text: `${ENDPOINT}: ${value}` }];
  }
  const prop = `${ENDPOINT}: ${value}`;
  const props = obj.properties;
  if (props.length === 0)
    return [{ start: obj.getStart(sf) + 1, end: obj.getStart(sf) + 1, text: ` ${prop} ` }];
  const last = props[props.length - 1];
  const afterLast = last.getEnd();
  const comma = props.hasTrailingComma ? text.indexOf(',', afterLast) + 1 : afterLast;
  const multiLine = /[\r\n]/.test(text.slice(obj.getStart(sf) + 1, props[0].getStart(sf)));
  if (multiLine) {
    const eol = detectStyle(text).eol;
    const lineEnd = text.slice(comma).search(/\r?\n/);
    const rest = lineEnd < 0 ? '' : text.slice(comma, comma + lineEnd);
    // Only whitespace or a line comment after the last property: the new one goes on its own line.
    if (lineEnd >= 0 && /^\s*(\/\/.*)?$/.test(rest)) {
      const indent = indentOfLine(text, last.getStart(sf));
      const at = comma + lineEnd;
      const line = `${eol}${indent}${prop}${props.hasTrailingComma ? ',' : ''}`;
      if (props.hasTrailingComma || at === afterLast) {
        return [{ start: at, end: at, text: props.hasTrailingComma ? line : `,${line}` }];
      }
      return [
        { start: afterLast, end: afterLast, text: ',' },
        { start: at, end: at, text: line },
      ];
    }
  }
  return props.hasTrailingComma
    ? [{ start: comma, end: comma, text: ` ${prop},` }]
    : [{ start: afterLast, end: afterLast, text: `, ${prop}` }];
}

function caAdvice(input: RewriteInput): string {
  const ca = settingValue(input.settings, 'caFile');
  const file = ca.literal !== undefined ? JSON.stringify(ca.literal) : `"$${ca.envName}"`;
  return `start the app with the instance CA trusted: NODE_EXTRA_CA_CERTS=${file} node app.js`;
}

const WHY_NO_CA_IN_CODE =
  '@alicloud/kms20160120 (1.x, on @alicloud/rpc-client) cannot take a CA in code (its Config has no `ca`, the call runtime drops it), and Node reads NODE_EXTRA_CA_CERTS only at start-up';

/** Rewrites every scan-reported kms20160120 client of the file whose config is reachable here. */
export function rewriteTeaKmsClients(
  input: RewriteInput,
  sf: ts.SourceFile,
  language: Language,
): TeaKmsRewrite {
  const edits: TextEdit[] = [];
  const findings: Finding[] = [];
  const { text, file } = input;
  const bindings = fileBindings(sf);
  const sites: ts.NewExpression[] = [];
  const visit = (node: ts.Node): void => {
    if (tsc.isNewExpression(node) && isTeaKmsConstruction(node, bindings)) {
      if (isTarget(input, node.getStart(sf), node.getEnd())) sites.push(node);
    }
    tsc.forEachChild(node, visit);
  };
  visit(sf);
  if (sites.length === 0) return { edits, findings };

  const quote = /from\s+"@alicloud\/kms20160120"|require\(\s*"@alicloud\/kms20160120"/.test(text) ? '"' : "'";
  const value = settingCode(input.settings, 'endpoint', quote);
  const literal = settingValue(input.settings, 'endpoint').literal;
  const note = (severity: Finding['severity'], message: string, node: ts.Node, rule: string = NODE_CA_RULE) =>
    findings.push(noteAt(rule, severity, message, file, language, text, node.getStart(sf), node.getEnd()));

  // Clients that call the instance endpoint after this run: their off-instance calls will fail there.
  const onInstance = new Set<string>();
  const lines = new LineIndex(text);
  for (const site of sites) {
    const name = site.expression.getText(sf);
    // The project's own endpoint setting is never replaced: its value changes, not the code (scan says the same).
    const settings = teaSettings(site, sf, bindings, lines);
    const change = configurationChange({ family: 'tea-kms', ...settings } as ClientSite, language);
    if (change) {
      note('info', `${name}: ${change}`, site, MIGRATE_RULES.configurationChange);
      continue;
    }
    const found = findConfig(site.arguments?.[0], sf, bindings);
    if ('reason' in found) {
      note(
        'error',
        `${name}: not rewritten: ${found.reason}. Until that config's endpoint reads process.env.${INSTANCE_ENV.endpoint}, this client keeps calling the shared gateway`,
        site,
        MIGRATE_RULES.clientNotRewritten,
      );
      continue;
    }
    const current = endpointProperty(found.obj);
    const done =
      current !== undefined &&
      tsc.isPropertyAssignment(current) &&
      isMigratedValue(current.initializer, literal);
    const stored = storedAs(site);
    if (stored) onInstance.add(stored);
    if (done) {
      note(
        'info',
        `${name} already calls the KMS instance endpoint; ${caAdvice(input)} (${WHY_NO_CA_IN_CODE})`,
        site,
      );
      continue;
    }
    edits.push(...endpointEdits(found.obj, sf, value));
    note(
      'warning',
      `${name} now calls the KMS instance's dedicated gateway (endpoint ${literal ?? `process.env.${INSTANCE_ENV.endpoint}`}), whose certificate the instance CA signs: ${caAdvice(input)}. Why not in code: ${WHY_NO_CA_IN_CODE}. The instance endpoint serves crypto and secret APIs except ReEncrypt; management APIs (CreateKey, DescribeKey, ListKeys, ...) need a client on the shared gateway`,
      site,
    );
  }
  for (const { call, action } of callsOffInstance(sf, onInstance)) {
    note(
      'warning',
      action === undefined
        ? 'this callApi does not show which action it sends; the KMS instance endpoint this client now calls serves crypto and secret APIs except ReEncrypt, so if it sends ReEncrypt or a management API (CreateKey, DescribeKey, ListKeys, ...) make it through a second client on the shared gateway (kms.<region>.aliyuncs.com)'
        : action === 'ReEncrypt'
          ? 'ReEncrypt is not served by the KMS instance endpoint this client now calls (the vendor serves it only on the shared gateway), so this call fails there with InvalidAction.NotFound; re-encrypt by Decrypt + Encrypt, or keep a client on the shared gateway for it until the gateway closes'
          : `${action} is a management API, which the KMS instance endpoint this client now calls does not serve (it answers InvalidAction.NotFound); make this call through a second client on the shared gateway (kms.<region>.aliyuncs.com)`,
      call,
      OFF_INSTANCE_RULE,
    );
  }
  return { edits: dedupe(edits), findings };
}

/** Two clients sharing one config ask for the same splice once each. */
function dedupe(edits: TextEdit[]): TextEdit[] {
  const seen = new Set<string>();
  return edits.filter((e) => {
    const k = `${e.start}:${e.end}:${e.text}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
