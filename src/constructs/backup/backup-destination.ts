/**
 * Where a BackupCronJob keeps its backups: a PersistentVolumeClaim, or S3-compatible object storage
 * through the AWS CLI. Credentials for the storage come from the ServiceAccount's cloud identity
 * (IRSA, see WorkloadIdentity) or from Secret references; never from literal values.
 */
import { SecretValue } from 'cdk8s-plus-28';

/**
 * The default AWS CLI image, pinned: `amazon/aws-cli:2.17.0`. Version 2 (1 is end of life), at
 * least 2.13 so IRSA and every flag used here work, and before 2.23, whose new default request
 * checksums some S3-compatible stores (older MinIO, Ceph RGW) reject. Amazon Linux 2 based: bash,
 * date and awk are there.
 */
export const DEFAULT_AWS_CLI_IMAGE = 'amazon/aws-cli:2.17.0';

/** The default mount path of the backup volume. */
export const DEFAULT_VOLUME_MOUNT_PATH = '/backup';

/** S3 storage classes (`aws s3 cp --storage-class`). */
export enum S3StorageClass {
  STANDARD = 'STANDARD',
  STANDARD_IA = 'STANDARD_IA',
  ONEZONE_IA = 'ONEZONE_IA',
  INTELLIGENT_TIERING = 'INTELLIGENT_TIERING',
  GLACIER_IR = 'GLACIER_IR',
  GLACIER = 'GLACIER',
  DEEP_ARCHIVE = 'DEEP_ARCHIVE',
  REDUCED_REDUNDANCY = 'REDUCED_REDUNDANCY',
}

/** Server-side encryption of the uploaded objects (`aws s3 cp --sse`). */
export enum S3Encryption {
  /** SSE-S3: keys managed by the storage service. */
  AES256 = 'AES256',
  /** SSE-KMS: a KMS key (`kmsKeyId`, or the account's default `aws/s3` key). */
  KMS = 'aws:kms',
}

/** A PersistentVolumeClaim that keeps the backup files. */
export interface VolumeDestinationProps {
  /** The name of an existing PersistentVolumeClaim in the CronJob's namespace. */
  readonly claimName: string;

  /**
   * Where the claim is mounted in the backup container; the files are written directly in it.
   * @default "/backup"
   */
  readonly mountPath?: string;

  /**
   * A sub-directory of the volume to mount instead of its root (letters, digits, ".", "_", "-", "/").
   * @default - the volume's root
   */
  readonly subPath?: string;
}

/** An S3 bucket, on AWS or any S3-compatible store (MinIO, Ceph RGW, Cloudflare R2, ...). */
export interface S3DestinationProps {
  /** The bucket name. */
  readonly bucket: string;

  /**
   * Prepended to every object key as is, e.g. `"postgres/orders/"` (mind the trailing slash).
   * @default "" - keys at the bucket's root
   */
  readonly prefix?: string;

  /**
   * The endpoint of an S3-compatible store, e.g. `"https://minio.storage.svc:9000"`.
   * @default - AWS S3
   */
  readonly endpoint?: string;

  /**
   * Address the bucket in the URL's path (`<endpoint>/<bucket>/<key>`) instead of its host name
   * (`<bucket>.<endpoint>/<key>`). Most MinIO, Ceph RGW and self-hosted stores need it, since
   * their bucket names have no DNS entries; AWS and R2 accept both.
   * @default false - the AWS CLI's own choice (virtual-hosted style for DNS-compatible bucket names)
   */
  readonly forcePathStyle?: boolean;

  /**
   * The region (AWS_REGION and AWS_DEFAULT_REGION).
   * @default - the AWS CLI's own resolution (IRSA sets it; S3-compatible stores often want one)
   */
  readonly region?: string;

  /**
   * The storage class of the uploaded objects.
   * @default - the bucket's default (STANDARD on AWS)
   */
  readonly storageClass?: S3StorageClass;

  /**
   * Server-side encryption of the uploaded objects.
   * @default - the bucket's default encryption (AWS encrypts new objects with SSE-S3 since 2023)
   */
  readonly encryption?: S3Encryption;

  /**
   * The KMS key id or ARN for `S3Encryption.KMS`.
   * @default - the account's default `aws/s3` key
   */
  readonly kmsKeyId?: string;

  /**
   * An access key id from a Secret, for stores without workload identity (MinIO, R2). Give it
   * together with `secretAccessKey`.
   * @default - none: the ServiceAccount's identity (IRSA) or the node's credentials are used
   */
  readonly accessKeyId?: SecretValue;

  /**
   * The secret access key from a Secret; together with `accessKeyId`.
   * @default - none
   */
  readonly secretAccessKey?: SecretValue;

  /**
   * The image with the AWS CLI v2 and a shell.
   * @default "amazon/aws-cli:2.17.0" (see DEFAULT_AWS_CLI_IMAGE for why)
   */
  readonly image?: string;
}

/** The parts of a destination the construct assembles the pod from (internal). */
export interface DestinationSpec {
  readonly volume?: VolumeDestinationProps;
  readonly s3?: S3DestinationProps;
}

/** Where a BackupCronJob stores its backups. */
export class BackupDestination {
  /** Files in a PersistentVolumeClaim; retention deletes old files by modification time. */
  public static persistentVolumeClaim(props: VolumeDestinationProps): BackupDestination {
    return new BackupDestination({ volume: props });
  }

  /** Objects in an S3 bucket; retention deletes old objects by LastModified. */
  public static s3(props: S3DestinationProps): BackupDestination {
    return new BackupDestination({ s3: props });
  }

  /** @internal */
  public readonly _spec: DestinationSpec;

  private constructor(spec: DestinationSpec) {
    this._spec = spec;
  }
}
