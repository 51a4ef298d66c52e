import { createPrivateKey, randomBytes } from 'node:crypto';

/**
 * ECDSA over a caller-supplied digest. node:crypto always hashes the message itself, but
 * AsymmetricSign/Verify (and instance Sign with MessageType DIGEST) hand us the digest, so the curve
 * arithmetic is done here with BigInt. SM2 keys use the same ECDSA equations on the SM2 curve: the
 * mock is self-consistent, not a GB/T 32918 implementation.
 */
interface Curve {
  p: bigint;
  a: bigint;
  b: bigint;
  n: bigint;
  gx: bigint;
  gy: bigint;
  /** DER of the named-curve OID, for SPKI. */
  oid: string;
}

const h = (s: string) => BigInt(`0x${s}`);

export const CURVES: Record<string, Curve> = {
  EC_P256: {
    p: h('ffffffff00000001000000000000000000000000ffffffffffffffffffffffff'),
    a: h('ffffffff00000001000000000000000000000000fffffffffffffffffffffffc'),
    b: h('5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604b'),
    n: h('ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551'),
    gx: h('6b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296'),
    gy: h('4fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5'),
    oid: '06082a8648ce3d030107',
  },
  EC_P256K: {
    p: h('fffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc2f'),
    a: 0n,
    b: 7n,
    n: h('fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141'),
    gx: h('79be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798'),
    gy: h('483ada7726a3c4655da4fbfc0e1108a8fd17b448a68554199c47d08ffb10d4b8'),
    oid: '06052b8104000a',
  },
  EC_SM2: {
    p: h('fffffffeffffffffffffffffffffffffffffffff00000000ffffffffffffffff'),
    a: h('fffffffeffffffffffffffffffffffffffffffff00000000fffffffffffffffc'),
    b: h('28e9fa9e9d9f5e344d5a9e4bcf6509a7f39789f515ab8f92ddbcbd414d940e93'),
    n: h('fffffffeffffffffffffffffffffffff7203df6b21c6052b53bbf40939d54123'),
    gx: h('32c4ae2c1f1981195f9904466a39c9948fe30bbff2660be1715a4589334c74c7'),
    gy: h('bc3736a2f4f6779c59bdcee36b692153d0a9877cc62a474002df32e52139f0a0'),
    oid: '06082a811ccf5501822d',
  },
};

type Point = { x: bigint; y: bigint } | null;

const mod = (a: bigint, m: bigint) => ((a % m) + m) % m;

function inv(a: bigint, m: bigint): bigint {
  let [r0, r1] = [mod(a, m), m];
  let [s0, s1] = [1n, 0n];
  while (r1 !== 0n) {
    const q = r0 / r1;
    [r0, r1] = [r1, r0 - q * r1];
    [s0, s1] = [s1, s0 - q * s1];
  }
  return mod(s0, m);
}

function add(c: Curve, P: Point, Q: Point): Point {
  if (!P) return Q;
  if (!Q) return P;
  if (P.x === Q.x && mod(P.y + Q.y, c.p) === 0n) return null;
  const l =
    P.x === Q.x && P.y === Q.y
      ? mod((3n * P.x * P.x + c.a) * inv(2n * P.y, c.p), c.p)
      : mod((Q.y - P.y) * inv(Q.x - P.x, c.p), c.p);
  const x = mod(l * l - P.x - Q.x, c.p);
  return { x, y: mod(l * (P.x - x) - P.y, c.p) };
}

type Jac = [bigint, bigint, bigint];

// Jacobian coordinates: one inversion per scalar multiplication instead of one per step.
function jDouble(c: Curve, [X, Y, Z]: Jac): Jac {
  if (Y === 0n || Z === 0n) return [0n, 1n, 0n];
  const p = c.p;
  const YY = (Y * Y) % p;
  const S = (4n * X * YY) % p;
  const ZZ = (Z * Z) % p;
  const M = (3n * X * X + c.a * ZZ * ZZ) % p;
  const X3 = mod(M * M - 2n * S, p);
  const Y3 = mod(M * (S - X3) - 8n * YY * YY, p);
  const Z3 = (2n * Y * Z) % p;
  return [X3, Y3, Z3];
}

function jAdd(c: Curve, P: Jac, Q: Jac): Jac {
  if (P[2] === 0n) return Q;
  if (Q[2] === 0n) return P;
  const p = c.p;
  const Z1Z1 = (P[2] * P[2]) % p;
  const Z2Z2 = (Q[2] * Q[2]) % p;
  const U1 = (P[0] * Z2Z2) % p;
  const U2 = (Q[0] * Z1Z1) % p;
  const S1 = (P[1] * Q[2] * Z2Z2) % p;
  const S2 = (Q[1] * P[2] * Z1Z1) % p;
  if (U1 === U2) return S1 === S2 ? jDouble(c, P) : [0n, 1n, 0n];
  const H = mod(U2 - U1, p);
  const R = mod(S2 - S1, p);
  const HH = (H * H) % p;
  const HHH = (H * HH) % p;
  const V = (U1 * HH) % p;
  const X3 = mod(R * R - HHH - 2n * V, p);
  const Y3 = mod(R * (V - X3) - S1 * HHH, p);
  const Z3 = (P[2] * Q[2] * H) % p;
  return [X3, Y3, Z3];
}

function mul(c: Curve, k: bigint, P: Point): Point {
  if (!P) return null;
  let R: Jac = [0n, 1n, 0n];
  let A: Jac = [P.x, P.y, 1n];
  let e = k;
  while (e > 0n) {
    if (e & 1n) R = jAdd(c, R, A);
    A = jDouble(c, A);
    e >>= 1n;
  }
  if (R[2] === 0n) return null;
  const zi = inv(R[2], c.p);
  const zi2 = (zi * zi) % c.p;
  return { x: (R[0] * zi2) % c.p, y: (R[1] * zi2 * zi) % c.p };
}

const toBig = (b: Buffer) => (b.length ? BigInt(`0x${b.toString('hex')}`) : 0n);
const to32 = (v: bigint) => Buffer.from(v.toString(16).padStart(64, '0'), 'hex');

function randomScalar(n: bigint): bigint {
  for (;;) {
    const k = toBig(randomBytes(32));
    if (k > 0n && k < n) return k;
  }
}

export interface EcKeyPair {
  /** hex private scalar */
  d: string;
  publicKeyPem: string;
}

function spkiPem(c: Curve, Q: { x: bigint; y: bigint }): string {
  const point = Buffer.concat([Buffer.from([0x04]), to32(Q.x), to32(Q.y)]);
  const algo = Buffer.from(`06072a8648ce3d0201${c.oid}`, 'hex');
  const algSeq = Buffer.concat([Buffer.from([0x30, algo.length]), algo]);
  const bits = Buffer.concat([Buffer.from([0x03, point.length + 1, 0x00]), point]);
  const body = Buffer.concat([algSeq, bits]);
  const der = Buffer.concat([Buffer.from([0x30, body.length]), body]);
  const b64 = der.toString('base64').replace(/.{64}/g, '$&\n');
  return `-----BEGIN PUBLIC KEY-----\n${b64}${b64.endsWith('\n') ? '' : '\n'}-----END PUBLIC KEY-----\n`;
}

export function generateEcKey(spec: string): EcKeyPair {
  const c = CURVES[spec];
  if (!c) throw new Error(`ecdsa-digest: unknown curve ${spec}`);
  const d = randomScalar(c.n);
  const Q = mul(c, d, { x: c.gx, y: c.gy });
  if (!Q) throw new Error('ecdsa-digest: degenerate key');
  return { d: d.toString(16), publicKeyPem: spkiPem(c, Q) };
}

function derInt(v: bigint): Buffer {
  let b = Buffer.from(
    v
      .toString(16)
      .padStart(2, '0')
      .replace(/^(.(..)*)$/, '0$1'),
    'hex',
  );
  if (b[0] & 0x80) b = Buffer.concat([Buffer.from([0]), b]);
  return Buffer.concat([Buffer.from([0x02, b.length]), b]);
}

export function signDigest(spec: string, dHex: string, digest: Buffer): Buffer {
  const c = CURVES[spec];
  const d = BigInt(`0x${dHex}`);
  const e = mod(toBig(digest.subarray(0, 32)), c.n);
  for (;;) {
    const k = randomScalar(c.n);
    const R = mul(c, k, { x: c.gx, y: c.gy });
    if (!R) continue;
    const r = mod(R.x, c.n);
    if (r === 0n) continue;
    const s = mod(inv(k, c.n) * (e + r * d), c.n);
    if (s === 0n) continue;
    const body = Buffer.concat([derInt(r), derInt(s)]);
    return Buffer.concat([Buffer.from([0x30, body.length]), body]);
  }
}

function parseDerSignature(sig: Buffer): { r: bigint; s: bigint } | undefined {
  if (sig.length < 8 || sig[0] !== 0x30) return undefined;
  let i = 2;
  const read = () => {
    if (sig[i] !== 0x02) return undefined;
    const len = sig[i + 1];
    const v = toBig(sig.subarray(i + 2, i + 2 + len));
    i += 2 + len;
    return v;
  };
  const r = read();
  const s = read();
  return r === undefined || s === undefined ? undefined : { r, s };
}

function publicPoint(publicKeyPem: string): { x: bigint; y: bigint } {
  const der = Buffer.from(publicKeyPem.replace(/-----[^-]+-----|\s/g, ''), 'base64');
  const point = der.subarray(der.length - 64);
  return { x: toBig(point.subarray(0, 32)), y: toBig(point.subarray(32)) };
}

export function verifyDigest(spec: string, publicKeyPem: string, digest: Buffer, signature: Buffer): boolean {
  const c = CURVES[spec];
  const sig = parseDerSignature(signature);
  if (!c || !sig || sig.r <= 0n || sig.r >= c.n || sig.s <= 0n || sig.s >= c.n) return false;
  const e = mod(toBig(digest.subarray(0, 32)), c.n);
  const w = inv(sig.s, c.n);
  const X = add(
    c,
    mul(c, mod(e * w, c.n), { x: c.gx, y: c.gy }),
    mul(c, mod(sig.r * w, c.n), publicPoint(publicKeyPem)),
  );
  return !!X && mod(X.x, c.n) === sig.r;
}

/** Private scalar of a PEM EC key made by node:crypto (P-256 / secp256k1), as hex. */
export function ecPrivateScalar(pem: string): string {
  const jwk = createPrivateKey(pem).export({ format: 'jwk' });
  return Buffer.from(jwk.d ?? '', 'base64url').toString('hex');
}
