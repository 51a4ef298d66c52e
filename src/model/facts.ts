import type { Language } from './language.js';
import type { Range } from './range.js';

/**
 * KMS usage facts: what a language module extracts from one file. Rules, rewriters and reports
 * only ever see these, never syntax (ARCHITECTURE.md). Every Range is in the file's own text.
 */

/** Which SDK family a client belongs to. */
export type SdkFamily =
  /** Java com.aliyuncs.DefaultAcsClient, Python aliyunsdkcore AcsClient, Go services/kms client. */
  | 'legacy-core'
  /** Node @alicloud/pop-core RPCClient. */
  | 'pop-core'
  /** Tea / OpenAPI V2 kms20160120 clients (Java com.aliyun.kms20160120.Client, Python, Go, Node). */
  | 'tea-kms'
  /** Already a transfer client (KmsTransferAcsClient, dkms transfer Go sdk, our KmsTransferPopClient, KMS SDK TransferClient). */
  | 'transfer'
  /** A KMS instance (dkms-gcs) client used directly: already on the instance. */
  | 'instance';

/** Why we believe a client talks to KMS (or not). */
export type KmsEvidence =
  | 'kms-package' // the constructor itself comes from a KMS package (Go services/kms, tea kms20160120)
  | 'kms-requests' // KMS request classes / actions are used in the same application
  | 'api-version' // pop-core apiVersion '2016-01-20'
  | 'kms-endpoint' // kms.<region>.aliyuncs.com / kms-vpc.* endpoint literal
  | 'kms-actions'; // KMS action strings passed to the client

export interface ArgFact {
  /** Source text of the argument as written. */
  text: string;
  range: Range;
  /** Keyword name (Python `region_id=`) or property name (JS object literal `endpoint:`), if any. */
  name?: string;
  /** Value when the argument is a plain string literal. */
  literal?: string;
}

export interface ClientSite {
  family: SdkFamily;
  /** The constructor or factory as written, e.g. `DefaultAcsClient`, `AcsClient`, `NewClientWithAccessKey`, `Core`. */
  constructorName: string;
  /** Fully qualified origin when known: `com.aliyuncs.DefaultAcsClient`, `aliyunsdkcore.client.AcsClient`,
   *  `github.com/aliyun/alibaba-cloud-sdk-go/services/kms.NewClientWithAccessKey`, `@alicloud/pop-core`. */
  qualifiedName: string;
  /** The whole construction expression (`new DefaultAcsClient(profile)`, `kms.NewClientWithAccessKey(r, a, s)`). */
  range: Range;
  /** The callee part a rewrite replaces (`DefaultAcsClient`, `kms.NewClientWithAccessKey`, `AcsClient`). */
  calleeRange: Range;
  /** The argument list including parentheses. */
  argsRange: Range;
  args: ArgFact[];
  /** Variable, field or property the client is assigned to, when visible. */
  boundTo?: string;
  /** Java: the bean a `@Bean` method that returns the client defines (its name, or `@Bean("name")`). */
  beanName?: string;
  /** Name of the enclosing function/method/bean, when any (for reports and for placing config code). */
  enclosingFunction?: string;
  /** Per-file evidence that this client is used for KMS; the application-level pass may add more. */
  evidence: KmsEvidence[];
  /** Other products this client is seen used for (e.g. 'ecs', 'vod'), from request classes/endpoints. */
  otherProducts: string[];
  /**
   * What the requests executed through this very client (its variable, field or receiver) show, in its
   * own file: the evidence a client is judged by before the application's. Absent when the client is
   * bound to no name the file executes requests on.
   */
  sends?: ClientSends;
  /** V2 (tea) clients: where the endpoint they call comes from, when the file shows it. */
  endpoint?: SettingSource;
  /** V2 (tea) clients: where the CA they trust comes from, when the file sets one. */
  ca?: SettingSource;
  /** Go: `...WithChan`/`NewClient()` style sites with no transfer counterpart are flagged by the rewriter, not here. */
}

/**
 * A client type written outside the client's construction (Go `*kms.Client`, the V2 `*client.Client`):
 * a field, parameter, result, variable, function type or type assertion. A migration that moves the
 * construction to a transfer client of another type must retype every one of them in the module.
 */
export interface ClientTypeRef {
  family: SdkFamily;
  /** `<import path>.<Type>`: `github.com/aliyun/alibaba-cloud-sdk-go/services/kms.Client`. */
  qualifiedName: string;
  /** The qualified type as written (`kms.Client`), without the `*`. */
  range: Range;
  /**
   * `embedded`: an embedded field (retyping renames the field); `literal`: a composite literal (a client
   * built field by field, with no transfer counterpart); `reference`: any other use.
   */
  use: 'reference' | 'embedded' | 'literal';
  /**
   * The exported declaration it belongs to when it is part of the package's public API (an exported
   * name of a package other than main, outside `internal/` and tests): `func NewStore`,
   * `field Store.Client`, `method Store.Client`, `type Factory`, `var Default`.
   */
  api?: string;
}

/** Requests executed through one client (`client.getAcsResponse(req)`, `do_action_with_exception(req)`, Go receiver calls). */
export interface ClientSends {
  /** KMS actions of the requests it executes, as written (one entry per execution). */
  kmsActions: string[];
  /** Other products of the requests it executes (`sts` for AssumeRoleRequest), one entry per execution. */
  otherProducts: string[];
  /** Executions whose request the file does not show (a parameter, a request built elsewhere). */
  untyped: number;
  /** The client is passed to a call, returned or copied: it may execute more than this file shows. */
  escapes: boolean;
}

/**
 * Where a client setting (endpoint, CA) comes from, as far as its file shows:
 * - `literal`: written in the code (`name` is the value);
 * - `env`: an environment variable the code reads (`name` is the variable);
 * - `config`: a configuration key (`@Value("${kms.endpoint}")`, `env.getProperty("kms.endpoint")`);
 * - `parameter`: a parameter of the function or constructor that builds the client (`name` is the parameter);
 * - `expression`: another expression of the project (`props.getEndpoint()`, `settings.KMS_ENDPOINT`).
 */
export interface SettingSource {
  kind: 'literal' | 'env' | 'config' | 'parameter' | 'expression';
  name: string;
  /** The value as written, for reports. */
  range: Range;
  /** `parameter`: the function or constructor it belongs to. */
  owner?: string;
}

export type CallForm =
  | 'request-class' // new EncryptRequest() / EncryptRequest() / kms.CreateEncryptRequest()
  | 'client-method' // client.Encrypt(req), client.reEncrypt(req), client.re_encrypt(req)
  | 'client-method-chan' // Go client.EncryptWithChan(req)
  | 'client-method-callback' // Go client.EncryptWithCallback(req, cb)
  | 'common-request' // CommonRequest / setSysAction("X") / set_action_name('X') / r.ApiName = "X"
  | 'pop-core-request' // client.request('Encrypt', ...)
  | 'generic-rpc' // Go RpcPost("Kms", "2016-01-20", action, ...), tea-rpc DoRequest(action, ..., "2016-01-20", ...)
  | 'raw-http'; // an HTTP request the code builds itself to kms.<region>.aliyuncs.com with Action=...

export interface ApiCall {
  /** Canonical KMS action name, PascalCase (`ReEncrypt`, `GenerateDataKey`). */
  action: string;
  form: CallForm;
  range: Range;
  /** Receiver variable when visible (`client` in `client.Encrypt(req)`). */
  receiver?: string;
  /** The SDK family of the call's shape. */
  family: SdkFamily;
  /** The KeyId (or SecretName) the request names, when it is a literal in the same request. */
  key?: string;
}

/** A KMS request whose action the file does not show (`setSysAction(action)` with `action` a parameter). */
export interface UnresolvedCall {
  form: CallForm;
  range: Range;
  receiver?: string;
  /** What is not known, for the verdict's reason. */
  reason: string;
}

export interface ImportSite {
  /** Module / package as written: `com.aliyuncs.kms.model.v20160120.*`, `aliyunsdkcore.client`,
   *  `github.com/aliyun/alibaba-cloud-sdk-go/services/kms`, `@alicloud/pop-core`. */
  module: string;
  /** Imported names with their local aliases; `*` for wildcard / namespace imports. */
  names: { imported: string; local: string }[];
  range: Range;
  /**
   * The import is optional: it sits in the body of a `try` whose handler catches its failure (Python
   * `except ImportError`), so the code runs without the package.
   */
  optional?: boolean;
}

export type CredentialRole = 'access-key-id' | 'access-key-secret' | 'security-token' | 'password';

/**
 * What a credential literal looks like, judged by the extractor that sees its value (placeholders and
 * obvious dummies never become facts; `src/languages/credential-value.ts`): `real` is shaped like a live
 * credential (an `LTAI…`/`STS.…` AccessKey ID, a long secret or token mixing cases or digits), `weak` is
 * anything else.
 */
export type CredentialLooks = 'real' | 'weak';

/** A hard-coded credential literal. Holds its location and shape only, never its value. */
export interface CredentialLiteral {
  role: CredentialRole;
  looks: CredentialLooks;
  range: Range;
  /** Where it flows: the client constructor / profile call it reaches, if known. */
  sink?: string;
}

/** A reference to a KMS key in code: a literal id/alias, or the config/environment name that feeds KeyId. */
export interface KeyReference {
  range: Range;
  /** `KeyId`, `DestinationKeyId`, `SecretName`, ... */
  parameter: string;
  /** Literal key id, ARN or alias, when written in the code. */
  literal?: string;
  /** Environment variable that provides it (`os.getenv("KMS_KEY_ID")`, `process.env.KMS_KEY_ID`). */
  envName?: string;
  /** Config/property name that provides it (`@Value("${kms.key-id}")`). */
  configName?: string;
}

export interface ParseProblem {
  message: string;
  range?: Range;
  /** The analysis ran out of time rather than met bad syntax: another run may get further (never cached). */
  transient?: boolean;
  /** The analysis stopped early: the file's facts may be missing KMS code (its application is `incomplete`). */
  partial?: boolean;
}

/**
 * A pop-core `request('Action', ...)` on a client imported from another file of the application
 * (`import { kms } from './kms'`). This file alone cannot tell whether that client is for KMS; the
 * application pass turns it into an ApiCall when the imported file builds a KMS client under that name.
 */
export interface ImportedClientCall {
  call: ApiCall;
  /** The import specifier as written (`./kms`, `../lib/kms.js`). */
  module: string;
  /** The export it names: `kms`, a factory (`createKms` for `const kms = createKms()`), or `default`. */
  imported: string;
  /** The call is in this file's `calls` already (a type said pop-core): the join only marks the client. */
  counted?: boolean;
}

/**
 * TS/JS: a request on a client that a function receives as a parameter
 * (`function seal(kms, text) { return kms.request('Encrypt', ...) }`), or that a class keeps from a
 * constructor parameter (`this.kms.request(...)`). The application pass makes it a KMS call when a
 * file hands that function or class a pop-core client (ClientHandoff).
 */
export interface ParamClientCall {
  call: ApiCall;
  /** The function, or the class for a constructor parameter, as other files import it (`default` too). */
  fn: string;
  param: number;
  /** The call is in this file's `calls` already (a type or an import said pop-core). */
  counted?: boolean;
}

/** TS/JS: a pop-core client this file passes to a function or class (`seal(client)`, `new Vault(client)`). */
export interface ClientHandoff {
  /** The import specifier of the function or class; '' when it is declared in this file. */
  module: string;
  imported: string;
  arg: number;
  /** The handed client's construction (its ClientSite's range.startOffset in this file). */
  clientAt: number;
}

/**
 * An inline `kms-codemod-ignore-line` / `kms-codemod-ignore-next-line` comment
 * (src/suppressions/directives.ts): it silences the findings of the rules it names on one line.
 */
export interface SuppressionDirective {
  kind: 'line' | 'next-line';
  /** Rule ids as written; empty when the comment names none (which is itself reported). */
  ruleIds: string[];
  /** The text after ` -- `, if any. */
  reason?: string;
  /** The line whose findings it silences. */
  targetLine: number;
  /** The comment. */
  range: Range;
}

export interface FileFacts {
  /** Repository-relative path, `/` separators. */
  file: string;
  language: Language;
  imports: ImportSite[];
  clients: ClientSite[];
  calls: ApiCall[];
  credentials: CredentialLiteral[];
  keyRefs: KeyReference[];
  /** KMS request/action classes referenced in the file even without a visible call (e.g. imports of
   *  `com.aliyuncs.kms.model.v20160120.*`): tells the application pass that this app uses KMS. */
  usesKmsModels: boolean;
  /** Syntax errors the parser reported; a file with errors is still analysed where possible. */
  parseErrors: ParseProblem[];
  /** The header that marks the file as generated (`Code generated by ... DO NOT EDIT.`): never rewritten. */
  generated?: string;
  /** Go: client types written outside constructions, which a migration must retype with the client. */
  clientTypes?: ClientTypeRef[];
  /** The encoding the file was read in, when it is not UTF-8 (`gb18030`, `shift_jis`, ...); rewrites are written back in it. */
  encoding?: string;
  /** TS/JS only: request calls on clients imported from relative modules, resolved per application. */
  importedClientCalls?: ImportedClientCall[];
  /** KMS requests whose action is not a literal: an application with one is never "management calls only". */
  unresolvedCalls?: UnresolvedCall[];
  /**
   * Requests executed through each receiver of this file, by the receiver's last name (and by its Spring
   * `@Qualifier`): the application pass joins them with clients built in another file (a `@Bean`
   * method's name, a module-level client imported here).
   */
  sendsByReceiver?: Record<string, ClientSends>;
  /** Inline suppression comments, when the file has any (added to every language's facts by the scan). */
  suppressions?: SuppressionDirective[];
  /** TS/JS only: request calls on clients received as parameters, resolved per application. */
  paramClientCalls?: ParamClientCall[];
  /** TS/JS only: clients passed to functions and classes, resolved per application. */
  clientHandoffs?: ClientHandoff[];
}

export function emptyFacts(file: string, language: Language): FileFacts {
  return {
    file,
    language,
    imports: [],
    clients: [],
    calls: [],
    credentials: [],
    keyRefs: [],
    usesKmsModels: false,
    parseErrors: [],
  };
}
