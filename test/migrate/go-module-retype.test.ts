import { cpSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../src/migrate/index.js';
import { scan } from '../../src/scan/index.js';
import { tempTrees } from '../support/temp-tree.js';
import { filesUnder } from './fixture-scenarios.js';

const SCENARIO = 'fixtures/rules/legacy-kms-client/go/multi-package-callback';
const tree = tempTrees('kms-retype-');

const GO_MOD =
  'module example.com/keys\n\ngo 1.21\n\nrequire github.com/aliyun/alibaba-cloud-sdk-go v1.63.107\n';
const LEGACY = 'github.com/aliyun/alibaba-cloud-sdk-go/services/kms';

/** A library (no package main) that builds the client and hands it out through its exported API. */
const LIBRARY = {
  'go.mod': GO_MOD,
  'keys.go': `package keys

import (
	"os"

	"${LEGACY}"
)

// Keys wraps the client for callers.
type Keys struct {
	Client *kms.Client
}

// Open builds the client.
func Open(region string) (*Keys, error) {
	c, err := kms.NewClientWithAccessKey(region, os.Getenv("AK"), os.Getenv("SK"))
	if err != nil {
		return nil, err
	}
	return Wrap(c), nil
}

// Wrap takes a client the caller built.
func Wrap(c *kms.Client) *Keys { return &Keys{Client: c} }
`,
};

describe('a Go retype follows the type through the whole module', () => {
  it('retypes the package that gets the client through a callback, its interface and its _test.go', async () => {
    const result = await migrate({ paths: [join(SCENARIO, 'before')] });
    const changed = result.changes.map((c) => c.path.slice(c.path.indexOf('/before/') + 8)).sort();
    expect(changed).toEqual(['go.mod', 'kmsclient/client.go', 'store/store.go', 'store/store_test.go']);
    for (const c of result.changes) expect(c.after).not.toMatch(/\*kms\.Client\b/);
    expect(result.unrewritten).toEqual([]);
  });

  it('a half-applied retype does not scan clean, fails --check, and migrate completes it', async () => {
    // What an earlier run left: package A moved, package B (callback, interface, test) did not.
    const dir = tree({});
    cpSync(join(SCENARIO, 'after'), dir, { recursive: true });
    cpSync(join(SCENARIO, 'before', 'store'), join(dir, 'store'), { recursive: true });

    const scanned = await scan({ paths: [dir], root: dir });
    expect(scanned.apps.map((a) => [a.dir, a.verdict])).toEqual([['.', 'ready']]);
    expect(scanned.apps[0].reasons.join(' ')).toMatch(/retyped only in part: store\/store\.go:10/);
    const stranded = scanned.findings.filter((f) => f.ruleId === 'legacy-kms-client' && f.data?.stranded);
    expect(stranded.map((f) => `${f.file}:${f.range.start.line}`)).toEqual([
      'store/store.go:10',
      'store/store.go:14',
      'store/store.go:24',
      'store/store.go:35',
      'store/store_test.go:11',
    ]);
    expect(stranded.every((f) => f.severity === 'warning')).toBe(true);

    const pending = await migrate({ paths: [dir] });
    expect(pending.changes.map((c) => c.file.replace(`${dir}/`, '')).sort()).toEqual([
      'store/store.go',
      'store/store_test.go',
    ]);
    await migrate({ paths: [dir], write: true, allowDirty: true });
    for (const f of filesUnder(join(SCENARIO, 'after')).filter((f) => f.endsWith('.go')))
      expect(readFileSync(join(dir, f), 'utf8'), f).toBe(readFileSync(join(SCENARIO, 'after', f), 'utf8'));
    const again = await scan({ paths: [dir], root: dir });
    expect(again.apps[0].verdict).toBe('nothing to migrate');
  });

  it("refuses to retype a library's exported API silently, and retypes it with --allow-api-change", async () => {
    const dir = tree(LIBRARY);
    const refused = await migrate({ paths: [dir] });
    expect(refused.changes).toEqual([]);
    const note = refused.unrewritten.find((f) => f.ruleId === 'migrate/api-change');
    expect(note?.severity).toBe('error');
    expect(note?.message).toContain('field Keys.Client (');
    expect(note?.message).toContain('func Wrap (keys.go:24)');
    expect(note?.message).not.toContain('func Open');
    expect(note?.message).toContain('--allow-api-change');

    // A library: its rewritten clients read the instance settings from the environment, which takes
    // --allow-library-env too (without it, migrate/library-instance-config).
    const allowed = await migrate({ paths: [dir], allowApiChange: true, allowLibraryEnv: true });
    const keys = allowed.changes.find((c) => c.file.endsWith('keys.go'));
    expect(keys?.after).toContain('Client *dkmstransfer.KmsTransferClient');
    expect(keys?.after).toContain('func Wrap(c *dkmstransfer.KmsTransferClient) *Keys');
    expect(allowed.unrewritten.filter((f) => f.severity === 'error')).toEqual([]);
  });

  it('a library whose client types are all internal, unexported or in tests changes no API', async () => {
    const dir = tree({
      'go.mod': GO_MOD,
      'internal/conn/conn.go': `package conn

import "${LEGACY}"

// Dial is exported, but only inside this module (internal/).
func Dial(region, ak, sk string) (*kms.Client, error) {
	return kms.NewClientWithAccessKey(region, ak, sk)
}
`,
      'keys.go': `package keys

import "${LEGACY}"

type keys struct {
	client *kms.Client
}

func (k *keys) use(f func(*kms.Client)) { f(k.client) }
`,
    });
    const result = await migrate({ paths: [dir], allowLibraryEnv: true });
    expect(result.unrewritten).toEqual([]);
    expect(result.changes.map((c) => c.file.replace(`${dir}/`, '')).sort()).toEqual([
      'go.mod',
      'internal/conn/conn.go',
      'keys.go',
    ]);
  });

  it('refuses the module when an embedded client cannot follow, and says where', async () => {
    const dir = tree({
      'go.mod': GO_MOD,
      'main.go': `package main

import (
	"os"

	"${LEGACY}"
)

type service struct {
	*kms.Client
}

func main() {
	c, err := kms.NewClientWithAccessKey("cn-hangzhou", os.Getenv("AK"), os.Getenv("SK"))
	if err != nil {
		panic(err)
	}
	_ = service{Client: c}
}
`,
    });
    const result = await migrate({ paths: [dir] });
    expect(result.changes).toEqual([]);
    const note = result.unrewritten.find((f) => f.ruleId === 'migrate/retype-refused');
    expect(note?.message).toMatch(/an embedded client at main\.go:10/);
    expect(note?.range.start.line).toBe(10);
  });

  it('rolls the whole module back when one construction cannot be rewritten', async () => {
    const dir = tree({
      'go.mod': GO_MOD,
      'a/a.go': `package a

import "${LEGACY}"

func New(ak, sk string) (*kms.Client, error) {
	return kms.NewClientWithAccessKey("cn-hangzhou", ak, sk)
}
`,
      'b/b.go': `package b

import "${LEGACY}"

// Two statements on one line: no line of its own to put the config before.
func Pick(ak, sk string) *kms.Client {
	region := "cn-hangzhou"; c, _ := kms.NewClientWithAccessKey(region, ak, sk)
	return c
}
`,
      'main.go': 'package main\n\nfunc main() {}\n',
    });
    const result = await migrate({ paths: [dir] });
    expect(result.changes).toEqual([]);
    expect(result.unrewritten.map((f) => f.ruleId)).toContain('migrate/retype-refused');
  });
});
