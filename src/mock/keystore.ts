import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from './atomic-file.js';
import { CiphertextLedger } from './ciphertext-ledger.js';
import { invalidParameter, KmsError, keyNotFound } from './errors.js';
import { generateMaterial, isRsa, isSymmetric, type Material } from './key-material.js';
import { ALL_KEY_SPECS, type InstanceProfile } from './profiles.js';

/**
 * The one keystore behind both faces. A key lives in the default instance (shared gateway) until
 * moved; moving keeps its versions and material, so every old ciphertext still decrypts.
 */
export interface KeyVersion {
  id: string;
  created: string;
  material?: Material;
}

export interface StoredKey {
  keyId: string;
  keySpec: string;
  keyUsage: string;
  origin: 'Aliyun_KMS' | 'EXTERNAL';
  protectionLevel: 'SOFTWARE' | 'HSM';
  state: 'Enabled' | 'Disabled' | 'PendingDeletion' | 'PendingImport';
  rotation: 'Enabled' | 'Disabled';
  rotationInterval?: string;
  description: string;
  created: string;
  deleteDate?: string;
  versions: KeyVersion[];
  primaryVersionId: string;
  /** Set once the key is in the KMS instance. */
  instanceId?: string;
  /** Gateway crypto calls are refused once this is set. */
  gatewayClosed?: boolean;
}

export interface KeyMetadata {
  KeyId: string;
  Arn: string;
  KeyState: string;
  KeySpec: string;
  KeyUsage: string;
  Origin: string;
  ProtectionLevel: string;
  AutomaticRotation: string;
  RotationInterval?: string;
  LastRotationDate?: string;
  NextRotationDate?: string;
  PrimaryKeyVersion: string;
  Creator: string;
  CreationDate: string;
  DeleteDate?: string;
  MaterialExpireTime?: string;
  DeletionProtection: string;
  Description: string;
  DKMSInstanceId?: string;
}

export interface SecretVersion {
  versionId: string;
  data: string;
  dataType: 'text' | 'binary';
  stages: string[];
  created: string;
}

export interface StoredSecret {
  name: string;
  type: string;
  versions: SecretVersion[];
  extendedConfig?: string;
}

export interface CreateKeySpec {
  keySpec?: string;
  keyUsage?: string;
  origin?: 'Aliyun_KMS' | 'EXTERNAL';
  rotation?: { enabled: boolean; interval?: string };
  versions?: number;
  aliases?: string[];
  description?: string;
  /** Create the key directly in the KMS instance. */
  instance?: boolean;
  /** Use this material for the first version (e.g. cached RSA keys). */
  material?: Material;
}

interface StateFile {
  version: 1;
  keys: StoredKey[];
  aliases: Record<string, string>;
  secrets: StoredSecret[];
  clientKeys: Record<string, string>;
  sample?: unknown;
}

export const ACCOUNT_UID = '1234567890123456';

export const isoSeconds = (d = new Date()) => `${d.toISOString().slice(0, 19)}Z`;

export class Keystore {
  readonly keys = new Map<string, StoredKey>();
  readonly aliases = new Map<string, string>();
  readonly secrets = new Map<string, StoredSecret>();
  /** KAAP client key id → public key PEM. */
  readonly clientKeys = new Map<string, string>();
  private readonly versionIndex = new Map<string, { key: StoredKey; version: KeyVersion }>();
  private readonly pending = new Map<string, Promise<Material>>();
  /** Which ciphertexts were made before the latest move, and which of them were read back since. */
  readonly ledger = new CiphertextLedger();
  sample: unknown;

  constructor(
    readonly region: string,
    readonly profile: InstanceProfile,
    private readonly stateFile?: string,
  ) {}

  static load(region: string, profile: InstanceProfile, stateDir?: string): Keystore {
    const file = stateDir ? join(stateDir, 'keystore.json') : undefined;
    const ks = new Keystore(region, profile, file);
    if (file && existsSync(file)) {
      let state: StateFile;
      try {
        state = JSON.parse(readFileSync(file, 'utf8')) as StateFile;
      } catch (err) {
        throw new Error(
          `${file}: the mock state is not valid JSON (${(err as Error).message}); move it away to start fresh`,
        );
      }
      for (const k of state.keys ?? []) ks.addKey(k);
      for (const [a, id] of Object.entries(state.aliases ?? {})) ks.aliases.set(a, id);
      for (const s of state.secrets ?? []) ks.secrets.set(s.name, s);
      for (const [id, pem] of Object.entries(state.clientKeys ?? {})) ks.clientKeys.set(id, pem);
      ks.sample = state.sample;
    }
    return ks;
  }

  get persistent(): boolean {
    return !!this.stateFile;
  }

  save(): void {
    if (!this.stateFile) return;
    const state: StateFile = {
      version: 1,
      keys: [...this.keys.values()],
      aliases: Object.fromEntries(this.aliases),
      secrets: [...this.secrets.values()],
      clientKeys: Object.fromEntries(this.clientKeys),
      sample: this.sample,
    };
    writeFileAtomic(this.stateFile, JSON.stringify(state));
  }

  private addKey(k: StoredKey): void {
    this.keys.set(k.keyId, k);
    for (const v of k.versions) this.versionIndex.set(v.id, { key: k, version: v });
  }

  arn(keyId: string): string {
    return `acs:kms:${this.region}:${ACCOUNT_UID}:key/${keyId}`;
  }

  createKey(spec: CreateKeySpec = {}): StoredKey {
    const keySpec = spec.keySpec ?? 'Aliyun_AES_256';
    if (!ALL_KEY_SPECS.includes(keySpec))
      throw invalidParameter('KeySpec', `Supported: ${ALL_KEY_SPECS.join(', ')}.`);
    if (spec.instance) this.checkInstanceAccepts(keySpec, 1);
    const keyUsage =
      spec.keyUsage ?? (isSymmetric(keySpec) || isRsa(keySpec) ? 'ENCRYPT/DECRYPT' : 'SIGN/VERIFY');
    const usageOk =
      keyUsage === 'ENCRYPT/DECRYPT'
        ? isSymmetric(keySpec) || isRsa(keySpec) || keySpec === 'EC_SM2'
        : keyUsage === 'SIGN/VERIFY' && !isSymmetric(keySpec);
    if (!usageOk) throw invalidParameter('KeyUsage', `${keyUsage} does not fit ${keySpec}.`);
    const now = isoSeconds();
    const versionCount = Math.max(1, spec.versions ?? 1);
    const versions: KeyVersion[] = [];
    for (let i = 0; i < versionCount; i++) versions.push({ id: randomUUID(), created: now });
    const external = spec.origin === 'EXTERNAL';
    const key: StoredKey = {
      keyId: spec.instance
        ? `key-${this.region.replace(/-/g, '').slice(0, 5)}${randomUUID().replace(/-/g, '').slice(0, 20)}`
        : randomUUID(),
      keySpec,
      keyUsage,
      origin: external ? 'EXTERNAL' : 'Aliyun_KMS',
      protectionLevel: spec.instance ? this.profile.protectionLevel : 'SOFTWARE',
      // BYOK keys are usable in the mock as if material had been imported.
      state: 'Enabled',
      rotation: spec.rotation?.enabled ? 'Enabled' : 'Disabled',
      rotationInterval: spec.rotation?.enabled ? (spec.rotation.interval ?? '31536000s') : undefined,
      description: spec.description ?? '',
      created: now,
      versions,
      primaryVersionId: versions[versions.length - 1].id,
      instanceId: spec.instance ? this.profile.instanceId : undefined,
    };
    if (spec.material) versions[0].material = spec.material;
    this.addKey(key);
    for (const a of spec.aliases ?? []) this.createAlias(a, key.keyId, true);
    // Generate ahead in the background; a failure shows up again on first use.
    for (const v of versions) if (!v.material) this.material(key, v).catch(() => undefined);
    this.save();
    return key;
  }

  private checkInstanceAccepts(keySpec: string, adding: number): void {
    if (!this.profile.keySpecs.includes(keySpec)) {
      throw new KmsError(
        'InvalidParameter',
        `A ${this.profile.kind} KMS instance does not support key spec ${keySpec} (supported: ${this.profile.keySpecs.join(', ')}).`,
        400,
      );
    }
    const inInstance = [...this.keys.values()].filter((k) => k.instanceId).length;
    if (inInstance + adding > this.profile.keyQuota) {
      throw new KmsError(
        'Rejected.LimitExceeded',
        `The key quota of this KMS instance (${this.profile.keyQuota}) is used up.`,
        400,
      );
    }
  }

  /** The version's material, generated on first use (RSA key generation is slow). */
  async material(key: StoredKey, version: KeyVersion): Promise<Material> {
    if (version.material) return version.material;
    let p = this.pending.get(version.id);
    if (!p) {
      p = generateMaterial(key.keySpec).then(
        (m) => {
          version.material = m;
          this.pending.delete(version.id);
          this.save();
          return m;
        },
        (err: unknown) => {
          // Forget the failure so the next call tries again.
          this.pending.delete(version.id);
          throw err;
        },
      );
      this.pending.set(version.id, p);
    }
    return p;
  }

  createAlias(aliasName: string, keyId: string, allowServiceAlias = false): void {
    if (!/^alias\/[A-Za-z0-9_/-]{1,250}$/.test(aliasName)) {
      throw invalidParameter('AliasName', 'It must look like alias/<name>.');
    }
    if (!allowServiceAlias && aliasName.startsWith('alias/acs/')) {
      throw new KmsError(
        'Unsupported.Alias',
        'Aliases starting with alias/acs/ are reserved for cloud services.',
        400,
      );
    }
    if (this.aliases.has(aliasName))
      throw new KmsError('AliasAlreadyExists', `The alias ${aliasName} already exists.`, 400);
    const key = this.resolve(keyId);
    this.aliases.set(aliasName, key.keyId);
    this.save();
  }

  aliasesOf(keyId: string): string[] {
    return [...this.aliases].filter(([, id]) => id === keyId).map(([a]) => a);
  }

  /** A key id, `alias/x`, or an ARN of either. */
  resolve(ref: string | undefined): StoredKey {
    if (!ref)
      throw new KmsError('MissingParameter', 'The parameter "KeyId" is needed but not provided.', 400);
    let id = ref;
    const arn = /^acs:kms:[^:]*:[^:]*:(key\/(.+)|(alias\/.+))$/.exec(ref);
    if (arn) id = arn[2] ?? arn[3];
    if (id.startsWith('alias/')) {
      const target = this.aliases.get(id);
      if (!target) throw new KmsError('Forbidden.AliasNotFound', 'The specified Alias is not found.', 404);
      id = target;
    }
    const key = this.keys.get(id);
    if (!key) throw keyNotFound(ref);
    return key;
  }

  byVersionId(versionId: string): { key: StoredKey; version: KeyVersion } | undefined {
    return this.versionIndex.get(versionId);
  }

  version(key: StoredKey, versionId?: string): KeyVersion {
    const v = versionId
      ? key.versions.find((x) => x.id === versionId)
      : key.versions.find((x) => x.id === key.primaryVersionId);
    if (!v) throw new KmsError('Forbidden.KeyVersionNotFound', 'The specified KeyVersion is not found.', 404);
    return v;
  }

  createVersion(key: StoredKey): KeyVersion {
    const v: KeyVersion = { id: randomUUID(), created: isoSeconds() };
    key.versions.push(v);
    key.primaryVersionId = v.id;
    this.versionIndex.set(v.id, { key, version: v });
    this.material(key, v).catch(() => undefined);
    this.save();
    return v;
  }

  /** Throws the real rejection for a key whose state forbids crypto. */
  checkUsable(key: StoredKey): void {
    if (key.state === 'Disabled') throw new KmsError('Rejected.Disabled', 'The key is disabled.', 409);
    if (key.state === 'PendingDeletion')
      throw new KmsError('Rejected.PendingDeletion', 'The key is pending deletion.', 409);
    if (key.state === 'PendingImport')
      throw new KmsError('Rejected.PendingImport', 'The key is pending import.', 409);
  }

  /**
   * Into the instance, material kept. `withoutMaterial` is a deliberate fault for self-tests: the keys
   * arrive with new material, as a move that lost it would leave them, so old ciphertexts no longer open.
   */
  moveKeys(keyIds: string[], opts: { withoutMaterial?: boolean } = {}): void {
    const keys = keyIds.map((id) => this.resolve(id));
    for (const k of keys) if (!k.instanceId) this.checkInstanceAccepts(k.keySpec, 0);
    this.checkInstanceAccepts(keys[0]?.keySpec ?? 'Aliyun_AES_256', keys.filter((k) => !k.instanceId).length);
    for (const k of keys) {
      k.instanceId = this.profile.instanceId;
      k.protectionLevel = this.profile.protectionLevel;
      if (opts.withoutMaterial) {
        for (const v of k.versions) {
          v.material = undefined;
          this.pending.delete(v.id);
        }
      }
    }
    this.ledger.keysMoved();
    this.save();
  }

  closeGateway(keyIds: string[]): void {
    const keys = keyIds.map((id) => this.resolve(id));
    for (const k of keys) k.gatewayClosed = true;
    this.save();
  }

  metadata(key: StoredKey): KeyMetadata {
    const md: KeyMetadata = {
      KeyId: key.keyId,
      Arn: this.arn(key.keyId),
      KeyState: key.state,
      KeySpec: key.keySpec,
      KeyUsage: key.keyUsage,
      Origin: key.origin,
      ProtectionLevel: key.protectionLevel,
      AutomaticRotation: key.rotation,
      PrimaryKeyVersion: key.primaryVersionId,
      Creator: ACCOUNT_UID,
      CreationDate: key.created,
      DeletionProtection: 'Disabled',
      Description: key.description,
    };
    if (key.rotation === 'Enabled') {
      md.RotationInterval = key.rotationInterval;
      md.LastRotationDate = key.versions[key.versions.length - 1].created;
      const secs = Number.parseInt(key.rotationInterval ?? '31536000', 10) || 31536000;
      md.NextRotationDate = isoSeconds(new Date(Date.parse(md.LastRotationDate) + secs * 1000));
    }
    if (key.deleteDate) md.DeleteDate = key.deleteDate;
    if (key.origin === 'EXTERNAL') md.MaterialExpireTime = '';
    if (key.instanceId) md.DKMSInstanceId = key.instanceId;
    return md;
  }

  createSecret(
    name: string,
    value: string,
    opts: { versionId?: string; type?: string; binary?: boolean } = {},
  ): void {
    const now = isoSeconds();
    const existing = this.secrets.get(name);
    const version: SecretVersion = {
      versionId: opts.versionId ?? `v${(existing?.versions.length ?? 0) + 1}`,
      data: value,
      dataType: opts.binary ? 'binary' : 'text',
      stages: ['ACSCurrent'],
      created: now,
    };
    if (existing) {
      for (const v of existing.versions) {
        if (v.stages.includes('ACSCurrent')) v.stages = ['ACSPrevious'];
        else v.stages = v.stages.filter((s) => s !== 'ACSPrevious');
      }
      existing.versions.push(version);
    } else {
      this.secrets.set(name, { name, type: opts.type ?? 'Generic', versions: [version] });
    }
    this.save();
  }

  secretVersion(
    name: string | undefined,
    versionId?: string,
    stage?: string,
  ): { secret: StoredSecret; version: SecretVersion } {
    if (!name)
      throw new KmsError('MissingParameter', 'The parameter "SecretName" is needed but not provided.', 400);
    const secret = this.secrets.get(name);
    if (!secret) throw new KmsError('Forbidden.ResourceNotFound', 'The specified secret is not found.', 404);
    const version = versionId
      ? secret.versions.find((v) => v.versionId === versionId)
      : secret.versions.find((v) => v.stages.includes(stage || 'ACSCurrent'));
    if (!version)
      throw new KmsError('Forbidden.ResourceNotFound', 'The specified secret version is not found.', 404);
    return { secret, version };
  }
}
