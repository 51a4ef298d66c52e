import type { GoRetypeFamily } from '../languages/rewrite-kit/rewriter.js';
import type { AppKind } from '../model/app.js';
import type { ClientSite, FileFacts } from '../model/facts.js';
import type { Range } from '../model/range.js';
import { goFamilyUses, type TypeRefAt } from '../scan/go-retype.js';

/** Why a Go module's client retype is refused: the application is left as it is. */
export interface RetypeRefusal {
  ruleId: 'migrate/retype-refused' | 'migrate/api-change';
  message: string;
  file: string;
  range: Range;
}

export interface GoRetypePlan {
  /** The families whose client type every file of the module retypes. */
  families: GoRetypeFamily[];
  refusal?: RetypeRefusal;
}

const where = (r: TypeRefAt): string => `${r.file.file}:${r.ref.range.start.line}`;

function listed(refs: readonly TypeRefAt[], label: (r: TypeRefAt) => string): string {
  const shown = refs.slice(0, 5).map(label).join(', ');
  return refs.length > 5 ? `${shown} and ${refs.length - 5} more` : shown;
}

/**
 * A Go module's retype, decided once for the whole module (ARCHITECTURE.md "Contracts": retyping a
 * client retypes every reference in the module, or the rewrite is refused for that app with the
 * reason). A family is retyped when migrate moves one of its constructions, or when a half-done
 * retype left legacy types in a module that builds only transfer clients. It is refused when a
 * reference cannot follow by a type change (an embedded client, a client literal), and, for a library,
 * when the type is part of its exported API and the user did not allow that change.
 */
export function planGoRetype(
  files: readonly FileFacts[],
  migrating: ReadonlySet<ClientSite>,
  kind: AppKind | undefined,
  allowApiChange: boolean,
): GoRetypePlan {
  const families: GoRetypeFamily[] = [];
  const refs: TypeRefAt[] = [];
  for (const use of goFamilyUses(files)) {
    const moves = use.movable.some((s) => migrating.has(s));
    const stranded = use.transfer.length > 0 && use.movable.length === 0 && use.stuck.length === 0;
    if (!moves && !(stranded && use.refs.length > 0)) continue;
    families.push(use.family);
    refs.push(...use.refs);
  }
  if (families.length === 0) return { families };
  const cannotFollow = refs.filter((r) => r.ref.use !== 'reference' || r.file.generated);
  if (cannotFollow.length > 0) {
    const kind = (r: TypeRefAt) => (r.file.generated ? 'generated' : r.ref.use);
    const kinds = new Set(cannotFollow.map(kind));
    const what = {
      generated: 'a generated file',
      embedded: 'an embedded client',
      literal: 'a client literal',
    };
    const why = {
      generated: 'a generated file is regenerated, so change its generator',
      embedded: 'an embedded field would be renamed, so name the field (client *kms.Client)',
      literal: 'a literal has no transfer counterpart, so build the client with a constructor',
    };
    return {
      families: [],
      refusal: {
        ruleId: 'migrate/retype-refused',
        message: `the client type must change across the module, but ${listed(cannotFollow, (r) => `${what[kind(r) as keyof typeof what]} at ${where(r)}`)} cannot follow by a rewrite: ${[...kinds].map((k) => why[k as keyof typeof why]).join('; ')}; then run migrate again`,
        file: cannotFollow[0].file.file,
        range: cannotFollow[0].ref.range,
      },
    };
  }
  const api = refs.filter((r) => r.ref.api);
  if (kind === 'library' && api.length > 0 && !allowApiChange) {
    return {
      families: [],
      refusal: {
        ruleId: 'migrate/api-change',
        message: `this library exports the client type, so moving to the transfer client changes its public API: ${listed(api, (r) => `${r.ref.api} (${where(r)})`)}; its users must change with it. Pass --allow-api-change to retype it anyway, or keep the API and let the caller build the client with the instance config`,
        file: api[0].file.file,
        range: api[0].ref.range,
      },
    };
  }
  return { families };
}
