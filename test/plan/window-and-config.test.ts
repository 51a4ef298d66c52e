import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { envNamesForProperty, indexConfig } from '../../src/keys/config-sources.js';
import { parseInstanceFlags } from '../../src/keys/instances.js';
import { resolveReference } from '../../src/keys/resolve-refs.js';
import { addOneMonth, iso, parseWindow } from '../../src/keys/window.js';
import { flattenYaml, parseYamlDocuments } from '../../src/keys/yaml-lite.js';

describe('--window', () => {
  it('reads ISO intervals, zone-less times as UTC, and bare dates', () => {
    expect(parseWindow('2026-12-05T18:00/2026-12-05T22:00')).toEqual({
      start: new Date('2026-12-05T18:00:00Z'),
      end: new Date('2026-12-05T22:00:00Z'),
    });
    expect(iso(parseWindow('2026-12-05T02:00+08:00/2026-12-05T06:00+08:00').start)).toBe(
      '2026-12-04T18:00:00Z',
    );
    expect(iso(parseWindow('2026-12-05/2026-12-06').end)).toBe('2026-12-06T00:00:00Z');
  });

  it('refuses bad windows with a message saying how to write one', () => {
    expect(() => parseWindow('tomorrow night')).toThrow(/expected "<start>\/<end>"/);
    expect(() => parseWindow('2026-12-05T22:00Z/2026-12-05T18:00Z')).toThrow(/end must be after the start/);
    expect(() => parseWindow('2026-13-45/2026-12-06')).toThrow(/not a real date/);
    expect(() => parseWindow('5 Dec/6 Dec')).toThrow(/not an ISO 8601 date/);
  });

  it('adds calendar months, clamping to the end of shorter months', () => {
    expect(iso(addOneMonth(new Date('2027-01-31T10:00:00Z')))).toBe('2027-02-28T10:00:00Z');
    expect(iso(addOneMonth(new Date('2028-01-31T10:00:00Z')))).toBe('2028-02-29T10:00:00Z');
    expect(iso(addOneMonth(new Date('2026-12-15T23:30:00Z')))).toBe('2027-01-15T23:30:00Z');
  });
});

describe('--instance', () => {
  it('takes one default and per-key assignments, and refuses two defaults', () => {
    const a = parseInstanceFlags(['kst-1', 'kst-2=key-a,alias/b']);
    expect(a.defaultInstance).toBe('kst-1');
    expect([...a.byKey]).toEqual([
      ['key-a', 'kst-2'],
      ['alias/b', 'kst-2'],
    ]);
    expect(() => parseInstanceFlags(['kst-1', 'kst-2'])).toThrow(/ID=KEY,KEY/);
    expect(() => parseInstanceFlags(['kst-2='])).toThrow(/expected ID or ID=KEY/);
  });
});

describe('yaml-lite', () => {
  it('reads maps, sequences of maps, quoted scalars, comments and documents with their lines', () => {
    const docs = parseYamlDocuments(
      [
        'a:',
        '  b: "x # not a comment"  # a comment',
        '  list:',
        '  - name: K1',
        '    value: v1',
        '  - plain',
        "  c: 'it''s'",
        'block: |',
        '  line one',
        '  line two',
        '---',
        'second: [p, q]',
      ].join('\n'),
    );
    expect(docs).toHaveLength(2);
    const flat = Object.fromEntries([...flattenYaml(docs[0])].map(([k, v]) => [k, [v.value, v.line]]));
    expect(flat).toEqual({
      'a.b': ['x # not a comment', 2],
      'a.list[0].name': ['K1', 4],
      'a.list[0].value': ['v1', 5],
      'a.list[1]': ['plain', 6],
      'a.c': ["it's", 7],
      block: ['line one\nline two', 9],
    });
    expect([...flattenYaml(docs[1])].map(([k, v]) => [k, v.value])).toEqual([
      ['second[0]', 'p'],
      ['second[1]', 'q'],
    ]);
  });

  it('does not throw on odd input', () => {
    for (const text of ['::', '- - -', 'a: [', '  x: 1\ny', '\t\tk: v', '"unterminated: x']) {
      expect(() => parseYamlDocuments(text)).not.toThrow();
    }
  });
});

describe('config values and their resolution', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kms-plan-config-'));
  mkdirSync(join(dir, 'api/src'), { recursive: true });
  mkdirSync(join(dir, 'worker'), { recursive: true });
  writeFileSync(
    join(dir, 'api/application.properties'),
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a Spring placeholder, not a template
    '# comment\nkms.key-id=${API_KEY:alias/api-default}\nother: x\n',
  );
  writeFileSync(join(dir, 'worker/.env'), 'export WORKER_KEY="alias/worker"\n');
  writeFileSync(join(dir, '.env.production'), 'SHARED_KEY=key-shared0001\nAPI_KEY=alias/api-prod\n');
  writeFileSync(
    join(dir, 'compose.yaml'),
    'services:\n  worker:\n    build: { context: ./worker }\n    environment:\n      WORKER_KEY: alias/worker-compose\n',
  );
  writeFileSync(join(dir, 'bad.yaml'), 'kind: Deployment\nspec: [\n');
  const apps = ['api', 'worker'];

  it('indexes .env, properties and compose values with file and line', async () => {
    const idx = await indexConfig(dir);
    expect(idx.props.get('kms.key-id')).toEqual([
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a Spring placeholder, not a template
      { value: '${API_KEY:alias/api-default}', file: 'api/application.properties', line: 2 },
    ]);
    expect(idx.env.get('WORKER_KEY')?.map((v) => v.value)).toEqual(['alias/worker-compose', 'alias/worker']);
    expect(idx.env.get('SHARED_KEY')).toEqual([
      { value: 'key-shared0001', file: '.env.production', line: 1 },
    ]);
  });

  it('follows placeholders to the environment and keeps the default as a candidate', async () => {
    const idx = await indexConfig(dir);
    const r = resolveReference({ configName: 'kms.key-id' }, 'api', apps, idx);
    expect(r.values.map((v) => [v.value, v.from])).toEqual([
      ['alias/api-prod', '.env.production:2'],
      ['alias/api-default', 'api/application.properties:2'],
    ]);
    expect(r.unresolved).toEqual([]);
  });

  it('scopes values: an app never sees another app’s .env', async () => {
    const idx = await indexConfig(dir);
    expect(resolveReference({ envName: 'WORKER_KEY' }, 'api', apps, idx)).toEqual({
      values: [],
      unresolved: ['env WORKER_KEY'],
    });
    expect(
      resolveReference({ envName: 'WORKER_KEY' }, 'worker', apps, idx).values.map((v) => v.value),
    ).toEqual(['alias/worker-compose', 'alias/worker']);
  });

  it('uses the literal in code as the fallback of an unset variable', async () => {
    const idx = await indexConfig(dir);
    const r = resolveReference({ envName: 'NOPE', literal: 'alias/fallback' }, 'api', apps, idx);
    expect(r.values.map((v) => [v.value, v.via])).toEqual([['alias/fallback', ['default in code']]]);
  });

  it('maps Spring property names to environment names (relaxed binding)', () => {
    expect(envNamesForProperty('kms.key-id')).toEqual(['KMS_KEYID', 'KMS_KEY_ID']);
  });
});
