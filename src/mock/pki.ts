import { generateKeyPair } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import forge from 'node-forge';
import { createClientKey } from '../protocol/client-key.js';
import { defaultCacheDir } from '../toolchains/cache-dir.js';
import { writeFileAtomic } from './atomic-file.js';
import { ensurePrivateDir } from './private-dir.js';

/**
 * The mock's PKI: a CA, server leaves minted per host name with the SANs the SDKs check
 * (IP:127.0.0.1, DNS:localhost, the KMS host names), all RSA keys made by node:crypto (fast) and
 * cached on disk, since RSA key generation costs hundreds of milliseconds.
 */
export interface PkiMaterial {
  caKeyPem: string;
  caCertPem: string;
  leafKeyPem: string;
  /** RSA keys handed out to the client key and the sample RSA keys. */
  spareRsa: string[];
  /** Leaf certificates already minted, by their sorted DNS names. */
  leaves?: Record<string, string>;
  /** A ready client key file (building a PKCS#12 in pure JS is slow), with its password. */
  clientKey?: { keyId: string; content: string; password: string; publicKeyPem: string };
}

export function savePki(dir: string, m: PkiMaterial): void {
  writeFileAtomic(join(dir, 'pki.json'), JSON.stringify(m));
}

const generateKeyPairAsync = promisify(generateKeyPair);

async function rsaPem(): Promise<string> {
  const { privateKey } = await generateKeyPairAsync('rsa', { modulusLength: 2048 });
  return privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
}

function serial(): string {
  return `01${forge.util.bytesToHex(forge.random.getBytesSync(9))}`;
}

function makeCa(keyPem: string): string {
  const key = forge.pki.privateKeyFromPem(keyPem) as forge.pki.rsa.PrivateKey;
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.setRsaPublicKey(key.n, key.e);
  cert.serialNumber = serial();
  cert.validity.notBefore = new Date(Date.now() - 86400_000);
  cert.validity.notAfter = new Date(Date.now() + 10 * 365 * 86400_000);
  const subject = [
    { name: 'commonName', value: 'kms-codemod mock CA (testing only)' },
    { name: 'organizationName', value: 'kms-codemod' },
  ];
  cert.setSubject(subject);
  cert.setIssuer(subject);
  cert.setExtensions([
    { name: 'basicConstraints', cA: true, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  cert.sign(key, forge.md.sha256.create());
  return forge.pki.certificateToPem(cert);
}

/**
 * The per-user PKI cache: `mock-pki/` in the user's own cache directory ($KMS_CODEMOD_CACHE or
 * ~/.cache/kms-codemod), never a shared temp directory, checked private (0700, owned by this user)
 * on every use.
 */
export function pkiCacheDir(): string {
  const dir = join(defaultCacheDir(), 'mock-pki');
  ensurePrivateDir(dir);
  return dir;
}

function readPki(file: string, spare: number): PkiMaterial | undefined {
  if (!existsSync(file)) return undefined;
  try {
    const m = JSON.parse(readFileSync(file, 'utf8')) as PkiMaterial;
    if (m.caKeyPem && m.caCertPem && m.leafKeyPem && Array.isArray(m.spareRsa) && m.spareRsa.length >= spare)
      return m;
  } catch {
    // A damaged file is rebuilt by the caller.
  }
  return undefined;
}

/**
 * Loads the PKI from `<dir>/pki.json`, else copies it from `<seedDir>/pki.json` (creating that
 * first if needed), else creates it in `dir` (keys generated in parallel).
 */
export async function loadPki(dir: string, seedDir?: string, spare = 3): Promise<PkiMaterial> {
  const file = join(dir, 'pki.json');
  const own = readPki(file, spare);
  if (own) return own;
  if (seedDir && seedDir !== dir) {
    const seed = await loadPki(seedDir, undefined, spare);
    writeFileAtomic(file, JSON.stringify(seed));
    return seed;
  }
  // Many test processes may start at once on a fresh machine: one generates, the others wait.
  const lock = join(dir, 'pki.lock');
  mkdirSync(dir, { recursive: true });
  const deadline = Date.now() + LOCK_WAIT_MS;
  while (!takeLock(lock)) {
    const ready = readPki(file, spare);
    if (ready) return ready;
    if (Date.now() > deadline) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  try {
    const ready = readPki(file, spare);
    if (ready) return ready;
    const keys = await Promise.all(Array.from({ length: 2 + spare }, rsaPem));
    const m: PkiMaterial = {
      caKeyPem: keys[0],
      caCertPem: makeCa(keys[0]),
      leafKeyPem: keys[1],
      spareRsa: keys.slice(2),
    };
    writeFileAtomic(file, JSON.stringify(m));
    return m;
  } finally {
    rmSync(lock, { force: true });
  }
}

const LOCK_WAIT_MS = 60_000;

/** Creates the lock file exclusively; a lock older than the wait limit is stale and taken over. */
function takeLock(lock: string): boolean {
  try {
    writeFileSync(lock, String(process.pid), { flag: 'wx' });
    return true;
  } catch {
    try {
      if (Date.now() - statSync(lock).mtimeMs > LOCK_WAIT_MS) {
        rmSync(lock, { force: true });
        return takeLockOnce(lock);
      }
    } catch {
      // The holder just released it; try again on the next round.
    }
    return false;
  }
}

function takeLockOnce(lock: string): boolean {
  try {
    writeFileSync(lock, String(process.pid), { flag: 'wx' });
    return true;
  } catch {
    return false;
  }
}

export class LeafMinter {
  private readonly cache = new Map<string, string>();
  private readonly caKey: forge.pki.rsa.PrivateKey;
  private readonly caCert: forge.pki.Certificate;
  private readonly leafPublic: forge.pki.rsa.PublicKey;

  constructor(
    readonly pki: PkiMaterial,
    private readonly onMint?: () => void,
  ) {
    for (const [id, pem] of Object.entries(pki.leaves ?? {})) this.cache.set(id, pem);
    this.caKey = forge.pki.privateKeyFromPem(pki.caKeyPem) as forge.pki.rsa.PrivateKey;
    this.caCert = forge.pki.certificateFromPem(pki.caCertPem);
    const leaf = forge.pki.privateKeyFromPem(pki.leafKeyPem) as forge.pki.rsa.PrivateKey;
    this.leafPublic = forge.pki.setRsaPublicKey(leaf.n, leaf.e);
  }

  /** A leaf certificate (PEM) for these DNS names plus 127.0.0.1, ::1 and localhost. */
  leaf(dnsNames: string[]): string {
    const names = [...new Set(['localhost', ...dnsNames])].sort();
    const id = names.join(',');
    const hit = this.cache.get(id);
    if (hit) return hit;
    const cert = forge.pki.createCertificate();
    cert.publicKey = this.leafPublic;
    cert.serialNumber = serial();
    cert.validity.notBefore = new Date(Date.now() - 86400_000);
    cert.validity.notAfter = new Date(Date.now() + 825 * 86400_000);
    cert.setSubject([{ name: 'commonName', value: names.find((n) => n !== 'localhost') ?? 'localhost' }]);
    cert.setIssuer(this.caCert.subject.attributes);
    cert.setExtensions([
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          ...names.map((value) => ({ type: 2, value })),
          { type: 7, ip: '127.0.0.1' },
          { type: 7, ip: '::1' },
        ],
      },
    ]);
    cert.sign(this.caKey, forge.md.sha256.create());
    const pem = forge.pki.certificateToPem(cert);
    this.cache.set(id, pem);
    this.pki.leaves = { ...this.pki.leaves, [id]: pem };
    this.onMint?.();
    return pem;
  }
}

export function caDer(caCertPem: string): Buffer {
  return Buffer.from(
    forge.asn1.toDer(forge.pki.certificateToAsn1(forge.pki.certificateFromPem(caCertPem))).getBytes(),
    'binary',
  );
}

/** The cached client key (built from the first spare RSA key), created and saved on first use. */
export function ensureClientKey(
  pki: PkiMaterial,
  dir: string,
  password: () => string,
): NonNullable<PkiMaterial['clientKey']> {
  if (!pki.clientKey) {
    const pw = password();
    const ck = createClientKey({ password: pw, privateKeyPem: pki.spareRsa[0] });
    pki.clientKey = { keyId: ck.keyId, content: ck.content, password: pw, publicKeyPem: ck.publicKeyPem };
    savePki(dir, pki);
  }
  return pki.clientKey;
}

/**
 * A PKI with its own CA but the cached server, client and spare keys: what an "untrusted CA" test
 * needs, at the cost of one RSA key instead of five.
 */
export async function isolatedPki(dir: string, cacheDir: string): Promise<PkiMaterial> {
  const own = readPki(join(dir, 'pki.json'), 3);
  if (own) return own;
  const base = await loadPki(cacheDir);
  const caKeyPem = await rsaPem();
  const m: PkiMaterial = { ...base, caKeyPem, caCertPem: makeCa(caKeyPem), leaves: {} };
  savePki(dir, m);
  return m;
}
