import { formatAction, formatParams } from './action-names.js';
import type { InstanceResult } from './instance-call.js';
import { resolveInstanceConfig } from './instance-config.js';
import { InstanceTransport } from './instance-transport.js';
import { LEGACY_ACTION_HANDLERS, type LegacyActionHandler } from './legacy-actions.js';
import { LegacyParams } from './legacy-params.js';
import type { KmsInstanceConfig, PopCoreConfig, RequestEntry } from './options.js';
import { loadPopCore, PopCoreMissingError, type PopCoreRpcClient } from './pop-core-loader.js';

/**
 * A drop-in for @alicloud/pop-core's RPCClient: the ten actions the vendor transfer clients
 * intercept go to the KMS instance (dkms-gcs-0.2), every other one to pop-core unchanged.
 * Secrets live in #private fields so they never show in JSON.stringify(client) or a console dump.
 */
export class KmsTransferPopClient {
  readonly endpoint: string;
  readonly apiVersion: string;
  /** The instance URL, or undefined when every action goes to pop-core. */
  readonly instanceUrl: string | undefined;
  readonly #popConfig: PopCoreConfig;
  readonly #verbose: boolean;
  readonly #transport: InstanceTransport | undefined;
  #pop: PopCoreRpcClient | undefined;

  constructor(config: PopCoreConfig, instanceConfig?: KmsInstanceConfig | null, verbose?: boolean) {
    if (!config || typeof config !== 'object') {
      throw new TypeError(
        'KmsTransferPopClient: the first argument must be the @alicloud/pop-core options object',
      );
    }
    this.#popConfig = config;
    this.#verbose = verbose === true;
    this.endpoint = typeof config.endpoint === 'string' ? config.endpoint.replace(/\/$/, '') : '';
    this.apiVersion = typeof config.apiVersion === 'string' ? config.apiVersion : '';
    if (instanceConfig) {
      const popTimeout = typeof config.opts?.timeout === 'number' ? config.opts.timeout : undefined;
      this.#transport = new InstanceTransport(resolveInstanceConfig(instanceConfig, popTimeout));
      this.instanceUrl = this.#transport.url;
    } else {
      this.instanceUrl = undefined;
    }
  }

  /** pop-core's signature and result shapes: the parsed JSON body, or [json, entry] when verbose. */
  // biome-ignore lint/suspicious/noExplicitAny: pop-core callers read fields off the result without declaring a type
  async request<T = any>(action: string, params: object = {}, opts: object = {}): Promise<T> {
    // pop-core reads formatAction/formatParams from the client-wide opts too, the call's own winning
    const o = { ...this.#popConfig.opts, ...(opts ?? {}) } as {
      formatAction?: boolean;
      formatParams?: boolean;
    };
    const name = formatAction(String(action), o.formatAction);
    const handler: LegacyActionHandler | undefined =
      this.#transport && Object.hasOwn(LEGACY_ACTION_HANDLERS, name)
        ? LEGACY_ACTION_HANDLERS[name as keyof typeof LEGACY_ACTION_HANDLERS]
        : undefined;
    if (!handler || !this.#transport) {
      return this.#popCore(name).request(
        action,
        params as Record<string, unknown>,
        opts as Record<string, unknown>,
      ) as Promise<T>;
    }

    const transport = this.#transport;
    // only a per-call timeout overrides the instance config's (which already defaults to opts.timeout)
    const callTimeout = (opts as { timeout?: unknown } | null)?.timeout;
    const timeoutMs = typeof callTimeout === 'number' && callTimeout > 0 ? callTimeout : undefined;
    let last: InstanceResult | undefined;
    const json = await handler(
      new LegacyParams(
        formatParams((params ?? {}) as Record<string, unknown>, o.formatParams),
        transport.url,
      ),
      async (call) => {
        const r = await transport.call(timeoutMs === undefined ? call : { ...call, timeoutMs });
        last = r;
        return r;
      },
    );
    if (!this.#verbose) return json as T;
    const entry: RequestEntry = {
      url: transport.url,
      request: null,
      response: { statusCode: last?.statusCode ?? 200, headers: last?.responseHeaders ?? {} },
    };
    return [json, entry] as T;
  }

  /** Releases the instance connection pool (keep-alive sockets); pop-core needs no such call. */
  close(): void {
    this.#transport?.close();
  }

  #popCore(action: string): PopCoreRpcClient {
    if (this.#pop) return this.#pop;
    const Ctor = loadPopCore();
    if (!Ctor) throw new PopCoreMissingError(action);
    this.#pop = new Ctor(this.#popConfig as Record<string, unknown>, this.#verbose);
    return this.#pop;
  }
}
