import { createRequire } from 'node:module';
import { join } from 'node:path';

/** The part of @alicloud/pop-core's RPCClient we call. */
export interface PopCoreRpcClient {
  request(action: string, params?: Record<string, unknown>, opts?: Record<string, unknown>): Promise<unknown>;
}

export type PopCoreRpcClientCtor = new (
  config: Record<string, unknown>,
  verbose?: boolean,
) => PopCoreRpcClient;

export class PopCoreMissingError extends Error {
  readonly code = 'SDK.MissingPopCore';
  constructor(action: string) {
    super(
      `src/transfer/pop-core-loader.ts: action "${action}" is not served by the KMS instance and goes to ` +
        `the shared gateway through @alicloud/pop-core, which is not installed. Run "npm install @alicloud/pop-core" in your application.`,
    );
    this.name = 'SDK.MissingPopCoreError';
  }
}

let cached: PopCoreRpcClientCtor | null | undefined;

/** Loads pop-core on first use (it is an optional peer dependency: an app that only uses the ten
 *  instance actions need not install it). Looks next to this package first, then in the app's cwd,
 *  so linked/global installs of kms-codemod still find the app's copy. */
export function loadPopCore(): PopCoreRpcClientCtor | null {
  if (cached !== undefined) return cached;
  cached = null;
  for (const base of [import.meta.url, join(process.cwd(), 'noop.js')]) {
    try {
      const mod = createRequire(base)('@alicloud/pop-core') as PopCoreRpcClientCtor & {
        RPCClient?: PopCoreRpcClientCtor;
      };
      cached = mod.RPCClient ?? mod;
      break;
    } catch {
      // not resolvable from here; try the next base
    }
  }
  return cached;
}
