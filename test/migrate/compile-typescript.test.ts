import { resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { filesUnder, scenarios } from './fixture-scenarios.js';

// @alicloud/pop-core ships no types; apps that still import it (for non-KMS clients) see this shape.
const POP_CORE_SHIM = `
declare module '@alicloud/pop-core' {
  interface Options { accessKeyId: string; accessKeySecret: string; endpoint: string; apiVersion: string; securityToken?: string }
  class RPCClient {
    constructor(options: Options, verbose?: boolean);
    request<T = unknown>(action: string, params?: Record<string, unknown>, options?: Record<string, unknown>): Promise<T>;
  }
  export { RPCClient };
  export default RPCClient;
}
`;

describe('rewritten TypeScript type-checks (tsc --noEmit, strict)', () => {
  it('every after/ scenario', () => {
    const files = scenarios()
      .filter((s) => s.lang === 'typescript')
      .flatMap((s) =>
        filesUnder(s.after)
          .filter((f) => /\.tsx?$/.test(f))
          .map((f) => resolve(s.after, f)),
      );
    expect(files.length).toBeGreaterThan(4);
    const shim = resolve('test/migrate/.pop-core-shim.d.ts');
    const options: ts.CompilerOptions = {
      strict: true,
      noEmit: true,
      skipLibCheck: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      esModuleInterop: true,
      types: ['node'],
      baseUrl: resolve('.'),
      // The package's own entry point, resolved to its sources (the tests do not need a build).
      paths: {
        '@kms-codemod/transfer': ['src/transfer/index.ts'],
        'kms-codemod/transfer': ['src/transfer/index.ts'],
      },
      allowImportingTsExtensions: false,
    };
    const host = ts.createCompilerHost(options);
    const readFile = host.readFile.bind(host);
    host.readFile = (f) => (f === shim ? POP_CORE_SHIM : readFile(f));
    const fileExists = host.fileExists.bind(host);
    host.fileExists = (f) => f === shim || fileExists(f);
    const program = ts.createProgram([...files, shim], options, host);
    const diags = ts
      .getPreEmitDiagnostics(program)
      .filter((d) => d.file && files.includes(resolve(d.file.fileName)));
    const text = diags
      .map((d) => `${d.file?.fileName}:${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`)
      .join('\n');
    expect(text).toBe('');
  });
});
