import { KmsError } from './errors.js';
import { boolParam, type GatewayAction, page, required } from './gateway-context.js';
import { isoSeconds } from './keystore.js';

/** Management and secret actions of the shared gateway. */
export const GATEWAY_MANAGE_ACTIONS: Record<string, GatewayAction> = {
  CreateKey(p, ctx) {
    const rotation = boolParam(p.EnableAutomaticRotation);
    const key = ctx.ks.createKey({
      keySpec: p.KeySpec || undefined,
      keyUsage: p.KeyUsage || undefined,
      origin:
        p.Origin === 'EXTERNAL'
          ? 'EXTERNAL'
          : p.Origin && p.Origin !== 'Aliyun_KMS'
            ? invalidOrigin(p.Origin)
            : undefined,
      rotation: rotation ? { enabled: true, interval: p.RotationInterval || undefined } : undefined,
      description: p.Description,
      instance: !!p.DKMSInstanceId,
    });
    return { KeyMetadata: ctx.ks.metadata(key) };
  },

  DescribeKey(p, ctx) {
    return { KeyMetadata: ctx.ks.metadata(ctx.ks.resolve(required(p, 'KeyId'))) };
  },

  ListKeys(p, ctx) {
    const filters = parseFilters(p.Filters);
    const keys = [...ctx.ks.keys.values()].filter((k) =>
      filters.every((f) => {
        const md = ctx.ks.metadata(k) as unknown as Record<string, string | undefined>;
        return f.Values.includes(md[f.Key] ?? '');
      }),
    );
    const r = page(keys, p);
    return {
      Keys: { Key: r.items.map((k) => ({ KeyId: k.keyId, KeyArn: ctx.ks.arn(k.keyId) })) },
      PageNumber: r.PageNumber,
      PageSize: r.PageSize,
      TotalCount: r.TotalCount,
    };
  },

  ListKeyVersions(p, ctx) {
    const key = ctx.ks.resolve(required(p, 'KeyId'));
    const r = page(key.versions, p);
    return {
      KeyVersions: {
        KeyVersion: r.items.map((v) => ({ KeyId: key.keyId, KeyVersionId: v.id, CreationDate: v.created })),
      },
      PageNumber: r.PageNumber,
      PageSize: r.PageSize,
      TotalCount: r.TotalCount,
    };
  },

  DescribeKeyVersion(p, ctx) {
    const key = ctx.ks.resolve(required(p, 'KeyId'));
    const v = ctx.ks.version(key, required(p, 'KeyVersionId'));
    return { KeyVersion: { KeyId: key.keyId, KeyVersionId: v.id, CreationDate: v.created } };
  },

  CreateKeyVersion(p, ctx) {
    const key = ctx.ks.resolve(required(p, 'KeyId'));
    const v = ctx.ks.createVersion(key);
    return { KeyVersion: { KeyId: key.keyId, KeyVersionId: v.id, CreationDate: v.created } };
  },

  ListAliases(p, ctx) {
    const r = page([...ctx.ks.aliases], p);
    return { Aliases: { Alias: r.items.map(([a, id]) => aliasEntry(ctx.ks.region, a, id)) }, ...pagingOf(r) };
  },

  ListAliasesByKeyId(p, ctx) {
    const key = ctx.ks.resolve(required(p, 'KeyId'));
    const r = page(ctx.ks.aliasesOf(key.keyId), p);
    return {
      Aliases: { Alias: r.items.map((a) => aliasEntry(ctx.ks.region, a, key.keyId)) },
      ...pagingOf(r),
    };
  },

  CreateAlias(p, ctx) {
    ctx.ks.createAlias(required(p, 'AliasName'), required(p, 'KeyId'));
    return {};
  },

  UpdateRotationPolicy(p, ctx) {
    const key = ctx.ks.resolve(required(p, 'KeyId'));
    const enabled = boolParam(required(p, 'EnableAutomaticRotation'));
    key.rotation = enabled ? 'Enabled' : 'Disabled';
    key.rotationInterval = enabled ? p.RotationInterval || key.rotationInterval || '31536000s' : undefined;
    ctx.ks.save();
    return {};
  },

  EnableKey(p, ctx) {
    const key = ctx.ks.resolve(required(p, 'KeyId'));
    if (key.state === 'PendingDeletion')
      throw new KmsError('Rejected.PendingDeletion', 'The key is pending deletion.', 409);
    key.state = 'Enabled';
    ctx.ks.save();
    return {};
  },

  DisableKey(p, ctx) {
    const key = ctx.ks.resolve(required(p, 'KeyId'));
    key.state = 'Disabled';
    ctx.ks.save();
    return {};
  },

  ScheduleKeyDeletion(p, ctx) {
    const key = ctx.ks.resolve(required(p, 'KeyId'));
    const days = Number(required(p, 'PendingWindowInDays'));
    if (!Number.isInteger(days) || days < 7 || days > 366) {
      throw new KmsError(
        'InvalidParameter',
        'The specified parameter "PendingWindowInDays" is not valid (7..366).',
        400,
      );
    }
    key.state = 'PendingDeletion';
    key.deleteDate = isoSeconds(new Date(Date.now() + days * 86400_000));
    ctx.ks.save();
    return {};
  },

  CancelKeyDeletion(p, ctx) {
    const key = ctx.ks.resolve(required(p, 'KeyId'));
    key.state = 'Enabled';
    key.deleteDate = undefined;
    ctx.ks.save();
    return {};
  },

  GetSecretValue(p, ctx) {
    const { secret, version } = ctx.ks.secretVersion(
      required(p, 'SecretName'),
      p.VersionId || undefined,
      p.VersionStage || undefined,
    );
    const out: Record<string, unknown> = {
      SecretName: secret.name,
      SecretType: secret.type,
      SecretData: version.data,
      SecretDataType: version.dataType,
      VersionId: version.versionId,
      VersionStages: { VersionStage: version.stages },
      CreateTime: version.created,
      AutomaticRotation: 'Disabled',
    };
    if (boolParam(p.FetchExtendedConfig)) out.ExtendedConfig = secret.extendedConfig ?? '';
    return out;
  },

  GetDefaultKmsInstance(_p, ctx) {
    return { KmsInstanceId: ctx.ks.profile.instanceId };
  },
};

function invalidOrigin(origin: string): never {
  throw new KmsError('InvalidParameter', `The specified parameter "Origin" is not valid: ${origin}.`, 400);
}

function aliasEntry(region: string, alias: string, keyId: string) {
  return { AliasName: alias, AliasArn: `acs:kms:${region}:1234567890123456:${alias}`, KeyId: keyId };
}

function pagingOf(r: { PageNumber: number; PageSize: number; TotalCount: number }) {
  return { PageNumber: r.PageNumber, PageSize: r.PageSize, TotalCount: r.TotalCount };
}

function parseFilters(value: string | undefined): { Key: string; Values: string[] }[] {
  if (!value) return [];
  try {
    const parsed = JSON.parse(value) as { Key: string; Values: string[] }[];
    if (!Array.isArray(parsed)) throw new Error('not an array');
    return parsed.filter((f) => f && typeof f.Key === 'string' && Array.isArray(f.Values));
  } catch {
    throw new KmsError('InvalidParameter', 'The specified parameter "Filters" is not valid JSON.', 400);
  }
}
