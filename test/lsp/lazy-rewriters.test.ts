import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { MIGRATE_TITLE } from '../../src/lsp/index.js';
import { fullCapabilities, LspTestClient } from './lsp-client.js';
import { copyWorkspace, FILES, removeTemps } from './workspace-fixture.js';

// Records whether the rewriters were loaded: diagnostics must not wait for them at start-up.
const fixesModule = vi.hoisted(() => ({ loaded: false }));
vi.mock('../../src/migrate/scan-fixes.js', async (importOriginal) => {
  fixesModule.loaded = true;
  return importOriginal();
});
afterAll(removeTemps);

describe('the rewriters load with the first code action', () => {
  it('diagnoses without them, and a quick fix still resolves', async () => {
    const root = copyWorkspace();
    const c = new LspTestClient({ folders: [root], capabilities: fullCapabilities() });
    try {
      await c.initialize();
      await c.indexed();
      const uri = await c.open(join(root, FILES.java));
      const diags = await c.diagnostics(uri, (p) =>
        p.diagnostics.some((d) => d.code === 'legacy-kms-client'),
      );
      expect(fixesModule.loaded).toBe(false);
      const diag = diags.find((d) => d.code === 'legacy-kms-client')!;
      const quick = (await c.codeActions(uri, diag.range)).find((a) => a.title === MIGRATE_TITLE)!;
      const resolved = await c.resolve(quick);
      expect(fixesModule.loaded).toBe(true);
      expect(
        Object.keys(resolved.edit?.documentChanges ?? resolved.edit?.changes ?? {}).length,
      ).toBeGreaterThan(0);
    } finally {
      await c.shutdown().catch(() => undefined);
    }
  });
});
