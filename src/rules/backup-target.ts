/**
 * Where a backup CronJob keeps its files, read from its manifest, and which backups share one: the
 * check behind the `backup-destination-shared` finding, run by BackupCronJob at synth over every
 * backup of the app, and by `cdk8s-batch lint` over every CronJob of every file it reads. Pure.
 *
 * A backup writes `<name prefix><YYYYMMDDTHHMMSSZ>.<extension>.gz`, where the name prefix is the S3
 * key prefix (object storage) or the directory (a volume) followed by `<filePrefix>-`. Its retention
 * and its restore match exactly that shape, so two backups interfere exactly when they write to the
 * same store under the same name prefix: then the shorter retention deletes the other's files and a
 * restore of "the latest" may pick the other database's dump. Different name prefixes never meet
 * (the timestamp must follow the prefix directly), so `db` and `db-staging` side by side are fine.
 */

import { arrayOf, fieldOf, stringOf } from './support/access';

/** The environment contract between the backup containers and this check (backup-script.ts sets them). */
export const BACKUP_TARGET_ENV = {
  /** The file name prefix, e.g. `shop_orders_db`. */
  filePrefix: 'BACKUP_FILE_PREFIX',
  /** The directory the file is written to: the volume's mount path, or /tmp before an upload. */
  dir: 'BACKUP_DIR',
  bucket: 'S3_BUCKET',
  keyPrefix: 'S3_PREFIX',
  endpoint: 'S3_ENDPOINT',
} as const;

const E = BACKUP_TARGET_ENV;

/** Where one backup writes: the store, and the start of every name it writes there. */
export interface BackupTarget {
  /** `s3 <endpoint or aws> <bucket>`, or `pvc <namespace>/<claim>/<sub path>`. */
  readonly store: string;
  /** The start of every file name or object key, e.g. `orders/shop_orders_db-`. */
  readonly namePrefix: string;
  /** The field path of the file prefix in the manifest, for findings. */
  readonly field: string;
}

/**
 * The target of a backup CronJob manifest: the container that writes the final copy (the upload
 * container, or the container that dumps into a mounted volume). Undefined for anything else.
 */
export function backupTargetOf(manifest: unknown): BackupTarget | undefined {
  if (fieldOf(manifest, 'kind') !== 'CronJob') return undefined;
  const pod = path(manifest, ['spec', 'jobTemplate', 'spec', 'template', 'spec']);
  for (const [index, container] of (arrayOf(fieldOf(pod, 'containers')) ?? []).entries()) {
    const env = literalEnv(container);
    const prefix = env.get(E.filePrefix);
    if (prefix === undefined) continue;
    const field = `spec.jobTemplate.spec.template.spec.containers[${index}].env[${prefix.index}].value`;
    const bucket = env.get(E.bucket);
    if (bucket !== undefined) {
      const endpoint = env.get(E.endpoint)?.value ?? 'aws';
      const keyPrefix = env.get(E.keyPrefix)?.value ?? '';
      return { store: `s3 ${endpoint} ${bucket.value}`, namePrefix: `${keyPrefix}${prefix.value}-`, field };
    }
    const dir = env.get(E.dir)?.value;
    const mount = (arrayOf(fieldOf(container, 'volumeMounts')) ?? []).find((m) => fieldOf(m, 'mountPath') === dir);
    const volume = (arrayOf(fieldOf(pod, 'volumes')) ?? []).find((v) => fieldOf(v, 'name') === fieldOf(mount, 'name'));
    const claim = stringOf(path(volume, ['persistentVolumeClaim', 'claimName']));
    if (claim === undefined) continue;
    const namespace = stringOf(path(manifest, ['metadata', 'namespace'])) ?? '';
    const subPath = (stringOf(fieldOf(mount, 'subPath')) ?? '').replace(/^\/+|\/+$/g, '');
    return { store: `pvc ${namespace}/${claim}/${subPath}`, namePrefix: `${prefix.value}-`, field };
  }
  return undefined;
}

/** For each target, the indexes of the other targets it shares a store and a name prefix with. */
export function sharedBackupTargets(targets: readonly (BackupTarget | undefined)[]): number[][] {
  const byKey = new Map<string, number[]>();
  targets.forEach((target, index) => {
    if (target === undefined) return;
    const key = `${target.store}\n${target.namePrefix}`;
    byKey.set(key, [...(byKey.get(key) ?? []), index]);
  });
  return targets.map((target, index) => {
    if (target === undefined) return [];
    const same = byKey.get(`${target.store}\n${target.namePrefix}`) ?? [];
    return same.filter((other) => other !== index);
  });
}

/** The finding's words, shared by synth and lint; `others` names the other backups. */
export function sharedTargetMessage(target: BackupTarget, others: readonly string[]): { message: string; fix: string } {
  return {
    message: `writes "${target.namePrefix}<timestamp>" files to the same ${describeStore(target.store)} as ${others.join(', ')}: the shorter retention deletes the other's backups, and a restore of the latest may pick the other database's dump.`,
    fix: 'give each backup its own filePrefix (or leave it unset: the default is unique per construct path), or its own S3 prefix or volume subPath.',
  };
}

function describeStore(store: string): string {
  const [kind, ...rest] = store.split(' ');
  return kind === 's3' ? `bucket (${rest.join(' ')})` : `volume (${rest.join(' ')})`;
}

/** The container's literal environment values by name, with their index in `env`. */
function literalEnv(container: unknown): Map<string, { value: string; index: number }> {
  const env = new Map<string, { value: string; index: number }>();
  (arrayOf(fieldOf(container, 'env')) ?? []).forEach((entry, index) => {
    const name = stringOf(fieldOf(entry, 'name'));
    const value = stringOf(fieldOf(entry, 'value'));
    if (name !== undefined && value !== undefined) env.set(name, { value, index });
  });
  return env;
}

/** The value at `keys` below `object`, or undefined where a step is missing. */
function path(object: unknown, keys: readonly string[]): unknown {
  return keys.reduce<unknown>((value, key) => fieldOf(value, key), object);
}
