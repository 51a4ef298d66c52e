import { createPrivateKey, createPublicKey, generateKeyPairSync, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import forge from 'node-forge';

/**
 * Client key files of an application access point: JSON `{KeyId, PrivateKeyData}` where
 * PrivateKeyData is base64 PKCS#12 (dkms-protocol.md §2.1). What we write must load in the Go SDK
 * (x/crypto/pkcs12): 3DES, SHA-1 MAC, the certificate bag first, a certificate for the same RSA key.
 */
export interface ClientKeyFile {
  KeyId: string;
  PrivateKeyData: string;
}

export interface ClientKeyMaterial {
  keyId: string;
  privateKeyPem: string;
  publicKeyPem: string;
  certificatePem: string;
}

export class ClientKeyError extends Error {
  constructor(
    message: string,
    readonly code: 'InvalidFormat' | 'WrongPassword' | 'NotRsa',
  ) {
    super(message);
  }
}

function selfSignedCertificate(privateKeyPem: string, commonName: string): forge.pki.Certificate {
  const key = forge.pki.privateKeyFromPem(privateKeyPem) as forge.pki.rsa.PrivateKey;
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.setRsaPublicKey(key.n, key.e);
  cert.serialNumber = `01${forge.util.bytesToHex(forge.random.getBytesSync(8))}`;
  const now = new Date();
  cert.validity.notBefore = new Date(now.getTime() - 24 * 3600 * 1000);
  cert.validity.notAfter = new Date(now.getTime() + 10 * 365 * 24 * 3600 * 1000);
  const subject = [{ name: 'commonName', value: commonName }];
  cert.setSubject(subject);
  cert.setIssuer(subject);
  cert.sign(key, forge.md.sha256.create());
  return cert;
}

export interface CreateClientKeyOptions {
  password: string;
  keyId?: string;
  /** PKCS#1 or PKCS#8 PEM of an RSA key; a new 2048-bit key is generated when absent. */
  privateKeyPem?: string;
}

export interface CreatedClientKey extends ClientKeyMaterial {
  /** The client key file's JSON text. */
  content: string;
}

/** Builds a client key file (PKCS#12: cert safe first, 3DES key bag, SHA-1 MAC). */
export function createClientKey(opts: CreateClientKeyOptions): CreatedClientKey {
  if (!opts.password) throw new ClientKeyError('a client key needs a non-empty password', 'InvalidFormat');
  const keyId = opts.keyId ?? `KAAP.${randomUUID()}`;
  const privateKeyPem =
    opts.privateKeyPem ??
    generateKeyPairSync('rsa', { modulusLength: 2048 })
      .privateKey.export({ type: 'pkcs1', format: 'pem' })
      .toString();
  const pkcs1 = createPrivateKey(privateKeyPem).export({ type: 'pkcs1', format: 'pem' }).toString();
  const cert = selfSignedCertificate(pkcs1, 'kms-codemod-mock-client-key');
  const forgeKey = forge.pki.privateKeyFromPem(pkcs1);
  const p12 = forge.pkcs12.toPkcs12Asn1(forgeKey, [cert], opts.password, {
    algorithm: '3des',
    generateLocalKeyId: true,
    friendlyName: keyId,
  });
  const der = forge.asn1.toDer(p12).getBytes();
  const file: ClientKeyFile = { KeyId: keyId, PrivateKeyData: forge.util.encode64(der) };
  return {
    keyId,
    privateKeyPem: pkcs1,
    publicKeyPem: createPublicKey(pkcs1).export({ type: 'spki', format: 'pem' }).toString(),
    certificatePem: forge.pki.certificateToPem(cert),
    content: JSON.stringify(file),
  };
}

function parseClientKeyFile(content: string | ClientKeyFile, where: string): ClientKeyFile {
  let parsed: unknown = content;
  if (typeof content === 'string') {
    try {
      parsed = JSON.parse(content);
    } catch {
      throw new ClientKeyError(
        `${where}: not JSON; expected {"KeyId": ..., "PrivateKeyData": ...}`,
        'InvalidFormat',
      );
    }
  }
  const f = parsed as Partial<ClientKeyFile> | null;
  if (!f || typeof f.KeyId !== 'string' || typeof f.PrivateKeyData !== 'string') {
    throw new ClientKeyError(`${where}: missing the KeyId or PrivateKeyData string field`, 'InvalidFormat');
  }
  return { KeyId: f.KeyId, PrivateKeyData: f.PrivateKeyData };
}

/**
 * Reads a client key (JSON text or parsed) back to its RSA key and certificate. A wrong password is
 * reported without ever repeating it.
 */
export function readClientKey(
  content: string | ClientKeyFile,
  password: string,
  where = 'client key',
): ClientKeyMaterial {
  const file = parseClientKeyFile(content, where);
  let p12: forge.pkcs12.Pkcs12Pfx;
  try {
    const asn1 = forge.asn1.fromDer(forge.util.decode64(file.PrivateKeyData));
    p12 = forge.pkcs12.pkcs12FromAsn1(asn1, true, password);
  } catch (err) {
    const text = err instanceof Error ? err.message : '';
    if (/mac|password|integrity/i.test(text)) {
      throw new ClientKeyError(
        `${where}: the password does not open this client key (PKCS#12 MAC check failed); check KMS_CLIENT_KEY_PASSWORD`,
        'WrongPassword',
      );
    }
    throw new ClientKeyError(
      `${where}: PrivateKeyData is not a readable PKCS#12 (${text.slice(0, 80)})`,
      'InvalidFormat',
    );
  }
  const keyBags = [
    ...(p12.getBags({ bagType: forge.pki.oids.pkcs8ShroudedKeyBag })[forge.pki.oids.pkcs8ShroudedKeyBag] ??
      []),
    ...(p12.getBags({ bagType: forge.pki.oids.keyBag })[forge.pki.oids.keyBag] ?? []),
  ];
  const certBags = p12.getBags({ bagType: forge.pki.oids.certBag })[forge.pki.oids.certBag] ?? [];
  const key = keyBags.find((b) => b.key)?.key as forge.pki.rsa.PrivateKey | undefined;
  const cert = certBags.find((b) => b.cert)?.cert;
  if (!key) {
    throw new ClientKeyError(
      `${where}: the PKCS#12 holds no private key (or the password is wrong)`,
      'WrongPassword',
    );
  }
  if (!('n' in key)) throw new ClientKeyError(`${where}: the private key is not RSA`, 'NotRsa');
  const privateKeyPem = forge.pki.privateKeyToPem(key);
  return {
    keyId: file.KeyId,
    privateKeyPem,
    publicKeyPem: createPublicKey(privateKeyPem).export({ type: 'spki', format: 'pem' }).toString(),
    certificatePem: cert ? forge.pki.certificateToPem(cert) : '',
  };
}

export function readClientKeyFile(path: string, password: string): ClientKeyMaterial {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new ClientKeyError(
      `${path}: cannot read the client key file (${(err as NodeJS.ErrnoException).code ?? 'error'})`,
      'InvalidFormat',
    );
  }
  return readClientKey(text, password, path);
}
