/**
 * The pod parts a backup and its restore share: containers that run a script with /bin/sh, the
 * object storage environment, the backup volume and the password file mount. The backup and the
 * restore read the same destination with the same credentials, so both assemble them here.
 */
import { ContainerProps, ContainerResources, EnvValue, PersistentVolumeClaim, Volume } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { TMP_MOUNT_PATH } from '../pod-security';
import { DEFAULT_VOLUME_MOUNT_PATH, S3DestinationProps, VolumeDestinationProps } from './backup-destination';
import { BACKUP_ENV, StoreAccessOptions } from './backup-script';
import { PASSWORD_FILE_NAME, PASSWORD_MOUNT_PATH, SourceSpec } from './backup-source';

/** The scratch directory: the writable /tmp every batch pod gets. */
export const WORK_DIR = TMP_MOUNT_PATH;

/** The AWS CLI and the MySQL clients look for files in $HOME; the images' HOME is not writable. */
export const HOME_ENV = { HOME: EnvValue.fromValue(WORK_DIR) };

export type Env = { [name: string]: EnvValue };

/**
 * A container that runs `script` with /bin/sh (see posix-shell.ts); `args` become its positional
 * parameters (`sh -c SCRIPT backup ARG...`), so they are never parsed by a shell.
 */
export function shellContainer(
  name: string,
  image: string,
  script: string,
  args: readonly string[],
  env: Env,
  resources: ContainerResources | undefined,
): ContainerProps {
  return {
    name,
    image,
    command: ['/bin/sh', '-c', script, 'backup'],
    args: args.length > 0 ? [...args] : undefined,
    envVariables: sortedEnv(env),
    resources,
  };
}

/** The environment in name order, so the manifest does not depend on how it was assembled. */
function sortedEnv(env: Env): Env {
  return Object.fromEntries(Object.entries(env).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** How the AWS CLI reaches the store, for the scripts. */
export function storeAccessOptions(s3: S3DestinationProps): StoreAccessOptions {
  return { endpoint: s3.endpoint !== undefined, pathStyle: s3.forcePathStyle ?? false };
}

/** The object storage settings as the scripts' environment; keys come from Secret references only. */
export function s3Env(s3: S3DestinationProps): Env {
  const env: Env = {
    [BACKUP_ENV.bucket]: EnvValue.fromValue(s3.bucket),
    [BACKUP_ENV.keyPrefix]: EnvValue.fromValue(s3.prefix ?? ''),
  };
  const optional: Array<[string, string | undefined]> = [
    [BACKUP_ENV.endpoint, s3.endpoint],
    [BACKUP_ENV.storageClass, s3.storageClass],
    [BACKUP_ENV.encryption, s3.encryption],
    [BACKUP_ENV.kmsKeyId, s3.kmsKeyId],
    ['AWS_REGION', s3.region],
    ['AWS_DEFAULT_REGION', s3.region],
  ];
  for (const [name, value] of optional) if (value !== undefined) env[name] = EnvValue.fromValue(value);
  if (s3.accessKeyId) env.AWS_ACCESS_KEY_ID = EnvValue.fromSecretValue(s3.accessKeyId);
  if (s3.secretAccessKey) env.AWS_SECRET_ACCESS_KEY = EnvValue.fromSecretValue(s3.secretAccessKey);
  return env;
}

/** A container of the pod, as cdk8s-plus returns it from addContainer/addInitContainer. */
interface Mountable {
  mount(path: string, volume: Volume, options?: { subPath?: string; readOnly?: boolean }): void;
}

/** Where the backup volume is mounted, after defaults. */
export function backupMountPath(destination: VolumeDestinationProps): string {
  return destination.mountPath ?? DEFAULT_VOLUME_MOUNT_PATH;
}

/** The backup volume mounted into `container` at `backupMountPath`. */
export function mountBackupVolume(
  scope: Construct,
  container: Mountable,
  destination: VolumeDestinationProps,
  readOnly: boolean,
): void {
  const volume = Volume.fromPersistentVolumeClaim(
    scope,
    'BackupVolume',
    PersistentVolumeClaim.fromClaimName(scope, 'BackupClaim', destination.claimName),
  );
  container.mount(backupMountPath(destination), volume, {
    subPath: destination.subPath,
    readOnly: readOnly || undefined,
  });
}

/** The password Secret key as the file BACKUP_PASSWORD_FILE names, when the source asks for it. */
export function mountPasswordFile(scope: Construct, container: Mountable, source: SourceSpec): void {
  if (!source.passwordFile) return;
  const volume = Volume.fromSecret(scope, 'PasswordFile', source.passwordFile.secret, {
    items: { [source.passwordFile.key]: { path: PASSWORD_FILE_NAME } },
  });
  container.mount(PASSWORD_MOUNT_PATH, volume, { readOnly: true });
}
