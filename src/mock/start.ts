import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSecureContext, type SecureContext } from 'node:tls';
import { createAdminServer } from './admin-server.js';
import { writeFileAtomic } from './atomic-file.js';
import { dedicatedGatewayHandler, instanceEndpointHandler } from './dedicated-gateway.js';
import { mockEnv } from './env.js';
import { type Credential, GatewayAuth } from './gateway-auth.js';
import { gatewayHandler } from './gateway-server.js';
import { instanceHandler } from './instance-server.js';
import { jksTruststore } from './jks.js';
import { rsaMaterialFromPem } from './key-material.js';
import { Keystore } from './keystore.js';
import { isKmsHost } from './kms-hosts.js';
import { writeNodePreload } from './node-preload.js';
import { caDer, ensureClientKey, isolatedPki, LeafMinter, loadPki, pkiCacheDir, savePki } from './pki.js';
import { GATEWAY_QPS, type InstanceProfile, PROFILES } from './profiles.js';
import { createProxyServer } from './proxy.js';
import { type DirLock, lockMockDir } from './state-lock.js';
import { CallCounter, Throttle } from './throttle.js';
import type { MockAdmin, MockHandle, StartMockOptions } from './types.js';

const REGION = 'cn-hangzhou';
const HOST = '127.0.0.1';

interface Seeded {
  accessKeyId: string;
  accessKeySecret: string;
  sampleKeys?: MockHandle['sampleKeys'];
  sampleSecret?: MockHandle['sampleSecret'];
}

export const alnum = (n: number) =>
  [...randomBytes(n)]
    .map((b) => 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'[b % 62])
    .join('');

function listen(server: Server, port = 0): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, HOST, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections?.();
  });
}

/**
 * Starts the embedded KMS: shared gateway (HTTP + HTTPS), KMS instance, forward proxy, admin. One
 * mock per directory: a second one on the same `dir`/`stateDir` is refused while the first lives.
 */
export async function startMock(options: StartMockOptions = {}): Promise<MockHandle> {
  const profile = PROFILES[options.instance ?? 'software'];
  if (!profile) throw new Error(`startMock: unknown instance kind ${options.instance}; use software or hsm`);
  const ownTempDir = !options.dir && !options.stateDir;
  const dir = options.dir ?? options.stateDir ?? mkdtempSync(join(tmpdir(), 'kms-codemod-mock-'));
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const lock = lockMockDir(dir);
  try {
    return await startIn(dir, ownTempDir, lock, profile, options);
  } catch (err) {
    lock.release();
    throw err;
  }
}

async function startIn(
  dir: string,
  ownTempDir: boolean,
  lock: DirLock,
  profile: InstanceProfile,
  options: StartMockOptions,
): Promise<MockHandle> {
  const started = performance.now();
  const stateDir = options.stateDir;
  const log = options.quiet
    ? undefined
    : (line: string) => process.stderr.write(`kms-codemod mock: ${line}\n`);

  const pkiDir = stateDir ?? (options.isolatedPki ? join(dir, 'pki') : pkiCacheDir());
  // A new state dir starts from the per-user cache, so only the very first start pays for RSA keygen.
  const pki =
    options.isolatedPki && !stateDir
      ? await isolatedPki(pkiDir, pkiCacheDir())
      : await loadPki(pkiDir, pkiCacheDir());
  const minter = new LeafMinter(pki, () => savePki(pkiDir, pki));
  const clientKey = ensureClientKey(pki, pkiDir, () => alnum(20));

  const ks = Keystore.load(REGION, profile, stateDir);
  ks.clientKeys.set(clientKey.keyId, clientKey.publicKeyPem);
  let seeded = ks.sample as Seeded | undefined;
  if (!seeded) {
    seeded = { accessKeyId: `LTAI5t${alnum(18)}`, accessKeySecret: alnum(30) };
    ks.sample = seeded;
  }
  if (options.seed !== false && !seeded.sampleKeys) {
    const sample = (spec: Parameters<Keystore['createKey']>[0], alias: string) =>
      ks.createKey({ ...spec, aliases: [alias], instance: true, description: 'kms-codemod mock sample key' })
        .keyId;
    seeded.sampleKeys = {
      aes: sample({ keySpec: 'Aliyun_AES_256' }, 'alias/kms-codemod-sample-aes'),
      rsaEncrypt: sample(
        { keySpec: 'RSA_2048', keyUsage: 'ENCRYPT/DECRYPT', material: rsaMaterialFromPem(pki.spareRsa[1]) },
        'alias/kms-codemod-sample-rsa-encrypt',
      ),
      rsaSign: sample(
        { keySpec: 'RSA_2048', keyUsage: 'SIGN/VERIFY', material: rsaMaterialFromPem(pki.spareRsa[2]) },
        'alias/kms-codemod-sample-rsa-sign',
      ),
      ecSign: sample({ keySpec: 'EC_P256', keyUsage: 'SIGN/VERIFY' }, 'alias/kms-codemod-sample-ec-sign'),
    };
    seeded.sampleSecret = { name: 'kms-codemod-sample-secret', value: `sample-secret-${alnum(12)}` };
    ks.createSecret(seeded.sampleSecret.name, seeded.sampleSecret.value);
  }
  ks.save();

  const credentials = new Map<string, Credential>([[seeded.accessKeyId, { secret: seeded.accessKeySecret }]]);
  const counter = new CallCounter();
  const throttles = { gateway: new Throttle(GATEWAY_QPS), instance: new Throttle(profile.qps) };
  const auth = new GatewayAuth(credentials);
  const gw = gatewayHandler({
    ctx: { ks },
    auth,
    throttle: throttles.gateway,
    counter,
    log,
  });
  // The instance endpoint also answers OpenAPI RPC: the dedicated gateway the V2 SDKs (Node's only route) use.
  const inst = instanceEndpointHandler(
    instanceHandler({ ks, throttle: throttles.instance, counter, log }),
    dedicatedGatewayHandler({ ks, auth, throttle: throttles.instance, counter, log }),
  );

  const defaultNames = [`kms.${REGION}.aliyuncs.com`, `kms-vpc.${REGION}.aliyuncs.com`];
  const contexts = new Map<string, SecureContext>();
  const contextFor = (names: string[]) => {
    const id = names.join(',');
    let c = contexts.get(id);
    if (!c) {
      c = createSecureContext({ key: pki.leafKeyPem, cert: minter.leaf(names) });
      contexts.set(id, c);
    }
    return c;
  };
  const defaultCert = minter.leaf(defaultNames);
  const tlsOptions = {
    key: pki.leafKeyPem,
    cert: defaultCert,
    SNICallback: (servername: string, cb: (err: Error | null, ctx?: SecureContext) => void) => {
      try {
        const name = servername.toLowerCase();
        cb(
          null,
          isKmsHost(name) && !defaultNames.includes(name)
            ? contextFor([...defaultNames, name])
            : contextFor(defaultNames),
        );
      } catch (err) {
        cb(err as Error);
      }
    },
  };
  const gatewayPlain = createHttpServer(gw);
  const gatewayTls = createHttpsServer(tlsOptions, gw);
  const instanceServer = createHttpsServer({ key: pki.leafKeyPem, cert: defaultCert }, inst);
  // A client that does not trust the instance certificate breaks off the handshake: verify's TLS evidence.
  instanceServer.on('tlsClientError', (err) => counter.tlsRefused(err.message));
  const ports: number[] = [];
  const proxy = createProxyServer({ gatewayHandler: gw, gatewayTls, gatewayPlain, ownPorts: () => ports });
  const tunnels = new Set<Socket>();
  proxy.on('connect', (_req, socket: Socket) => {
    tunnels.add(socket);
    socket.on('close', () => tunnels.delete(socket));
  });

  const caFile = join(dir, 'ca.pem');
  writeFileAtomic(caFile, pki.caCertPem, 0o644);
  const clientKeyFile = join(dir, `ClientKey_${clientKey.keyId}.json`);
  writeFileAtomic(clientKeyFile, clientKey.content);

  const admin: MockAdmin = {
    createKey: (spec = {}) => ks.metadata(ks.createKey(spec)),
    createSecret: (name, value, opts) => ks.createSecret(name, value, opts),
    moveKeys: (ids, opts) => ks.moveKeys(ids, opts),
    closeGateway: (ids) => ks.closeGateway(ids),
    callCounts: () => counter.snapshot(),
    oldCiphertexts: () => ks.ledger.stats(),
    tlsRefusals: () => counter.tlsRefusals(),
    resetCounts: () => {
      counter.reset();
      ks.ledger.reset();
    },
    setQps: (face, qps) => throttles[face].setQps(qps),
    registerClientKey: (keyId, pem) => {
      ks.clientKeys.set(keyId, pem);
      ks.save();
    },
    createStsCredential: () => {
      const triple = {
        accessKeyId: `STS.${alnum(24)}`,
        accessKeySecret: alnum(30),
        securityToken: `CAIS${alnum(60)}`,
      };
      credentials.set(triple.accessKeyId, {
        secret: triple.accessKeySecret,
        securityToken: triple.securityToken,
      });
      return triple;
    },
    describeKey: (keyId) => ks.metadata(ks.resolve(keyId)),
  };
  const adminToken = alnum(32);
  const adminServer = createAdminServer(admin, adminToken);

  const servers = [gatewayPlain, gatewayTls, instanceServer, proxy, adminServer];
  let gatewayPort: number;
  try {
    gatewayPort = await listen(gatewayPlain, options.port ?? 0);
  } catch (err) {
    throw new Error(
      `startMock: cannot listen on ${HOST}:${options.port} (${(err as NodeJS.ErrnoException).code}); pick another --port or 0`,
    );
  }
  const [gatewayTlsPort, instancePort, proxyPort, adminPort] = await Promise.all(
    [gatewayTls, instanceServer, proxy, adminServer].map((s) => listen(s)),
  );
  ports.push(gatewayPort, gatewayTlsPort, instancePort);

  let truststore: { file: string; password: string } | undefined;
  let preload: string | undefined;
  const handle: MockHandle = {
    region: REGION,
    instanceKind: profile.kind,
    instanceId: profile.instanceId,
    gatewayUrl: `http://${HOST}:${gatewayPort}`,
    gatewayHttpsUrl: `https://${HOST}:${gatewayTlsPort}`,
    proxyUrl: `http://${HOST}:${proxyPort}`,
    instanceEndpoint: `${HOST}:${instancePort}`,
    adminUrl: `http://${HOST}:${adminPort}`,
    dir,
    caFile,
    caPem: pki.caCertPem,
    clientKeyId: clientKey.keyId,
    clientKeyFile,
    clientKeyContent: clientKey.content,
    clientKeyPassword: clientKey.password,
    accessKeyId: seeded.accessKeyId,
    accessKeySecret: seeded.accessKeySecret,
    sampleKeys: seeded.sampleKeys ?? { aes: '', rsaEncrypt: '', rsaSign: '', ecSign: '' },
    sampleSecret: seeded.sampleSecret ?? { name: '', value: '' },
    env: (lang) =>
      mockEnv(lang, {
        region: REGION,
        proxyUrl: handle.proxyUrl,
        gatewayHttpHost: `${HOST}:${gatewayPort}`,
        gatewayHttpsHost: `${HOST}:${gatewayTlsPort}`,
        instanceEndpoint: handle.instanceEndpoint,
        caFile,
        clientKeyFile,
        clientKeyPassword: clientKey.password,
        accessKeyId: seeded.accessKeyId,
        accessKeySecret: seeded.accessKeySecret,
        javaTruststore: () => {
          if (!truststore) {
            truststore = { file: join(dir, 'mock-truststore.jks'), password: 'changeit' };
            writeFileAtomic(
              truststore.file,
              jksTruststore(
                [{ alias: 'kms-codemod-mock-ca', der: caDer(pki.caCertPem) }],
                truststore.password,
              ),
              0o644,
            );
          }
          return truststore;
        },
        nodePreload: () => {
          if (!preload) {
            preload = join(dir, 'kms-mock-preload.cjs');
            writeNodePreload(preload);
          }
          return preload;
        },
      }),
    admin,
    startupMs: 0,
    close: async () => {
      for (const s of tunnels) s.destroy();
      await Promise.all(servers.map(closeServer));
      // mock.json describes a running mock; once closed, `mock <subcommand>` must not find it.
      rmSync(join(dir, 'mock.json'), { force: true });
      lock.release();
      if (ownTempDir) rmSync(dir, { recursive: true, force: true });
    },
  };
  writeFileAtomic(
    join(dir, 'mock.json'),
    JSON.stringify(
      {
        pid: process.pid,
        gatewayUrl: handle.gatewayUrl,
        gatewayHttpsUrl: handle.gatewayHttpsUrl,
        proxyUrl: handle.proxyUrl,
        instanceEndpoint: handle.instanceEndpoint,
        adminUrl: handle.adminUrl,
        adminToken,
      },
      null,
      2,
    ),
  );
  handle.startupMs = Math.round(performance.now() - started);
  return handle;
}
