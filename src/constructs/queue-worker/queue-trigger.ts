/**
 * Typed KEDA triggers for the queues a QueueWorkerJob drains, with the metadata keys of KEDA's
 * scalers (`aws-sqs-queue`, `kafka`, `redis`, `rabbitmq`; KEDA 2.10+). Values that could be
 * secret (a RabbitMQ URL with credentials, a Redis password, Kafka SASL credentials) have no
 * literal prop: they come from the worker's environment (`...FromEnv`, read by KEDA from the
 * container, itself fed from a Secret) or from a `KedaAuthentication`.
 */
import { KedaAuthentication } from './keda-authentication';
import { KedaScaleTrigger } from './keda-objects';
import { Violation } from '../../rules/rule';

/** A mistake in a trigger's props, found when it is made; its place is known only once the trigger is used. */
type TriggerProblem = Omit<Violation, 'field'>;

/** How a trigger's queue length relates to work that is already being processed. */
export enum QueueCounting {
  /** The scaler's count includes messages being processed (in flight, unacknowledged, uncommitted). */
  INCLUDES_IN_FLIGHT = 'includes-in-flight',
  /** The scaler counts only messages still waiting: taken ones have left the queue. */
  WAITING_ONLY = 'waiting-only',
}

/** Where a new Kafka consumer group starts reading. */
export enum KafkaOffsetResetPolicy {
  /** Only new messages (Kafka's default). */
  LATEST = 'latest',
  /** Everything retained in the topic. */
  EARLIEST = 'earliest',
}

/** How KEDA talks to RabbitMQ. */
export enum RabbitMqProtocol {
  /** Decided from the URL's scheme. */
  AUTO = 'auto',
  /** AMQP: counts ready messages only. */
  AMQP = 'amqp',
  /** The management HTTP API: counts ready and unacknowledged messages (needed for MessageRate). */
  HTTP = 'http',
}

export interface SqsTriggerProps {
  /**
   * The queue's URL (not a secret: access is decided by IAM).
   * @default - read from `queueUrlFromEnv`
   */
  readonly queueUrl?: string;
  /**
   * A variable of the worker container holding the queue's URL.
   * @default - `queueUrl`
   */
  readonly queueUrlFromEnv?: string;
  /** The AWS region of the queue, e.g. "eu-west-1". */
  readonly region: string;
  /**
   * Messages one worker Job is expected to handle (`queueLength`): KEDA starts
   * ceil(messages / queueLength) Jobs, minus running ones, up to maxReplicaCount.
   * @default 5 - KEDA's default
   */
  readonly queueLength?: number;
  /**
   * Credentials: typically `KedaAuthentication.podIdentity(PodIdentityProvider.AWS)`.
   * @default - none: KEDA falls back to its operator's identity, which then needs access to every queue it scales
   */
  readonly authentication?: KedaAuthentication;
}

export interface KafkaTriggerProps {
  /** The brokers, "host:port" each (not secret). */
  readonly bootstrapServers: string[];
  /** The consumer group whose lag is measured: the one the workers use. */
  readonly consumerGroup: string;
  /**
   * The topic.
   * @default - every topic the consumer group has committed offsets for
   */
  readonly topic?: string;
  /**
   * Lag one worker Job is expected to clear (`lagThreshold`).
   * @default 10 - KEDA's default
   */
  readonly lagThreshold?: number;
  /**
   * Where a new consumer group starts (`offsetResetPolicy`); must match the workers' setting.
   * @default KafkaOffsetResetPolicy.LATEST - Kafka's and KEDA's default
   */
  readonly offsetResetPolicy?: KafkaOffsetResetPolicy;
  /**
   * SASL mechanism, TLS and credentials: `KedaAuthentication.fromSecret(secret, { sasl: ..., username: ..., password: ..., tls: ... })`.
   * @default - no authentication
   */
  readonly authentication?: KedaAuthentication;
}

export interface RedisListTriggerProps {
  /** The list the workers pop from. */
  readonly listName: string;
  /**
   * Items one worker Job is expected to handle (`listLength`).
   * @default 5
   */
  readonly listLength?: number;
  /**
   * The server as "host:port" (not secret).
   * @default - read from `addressFromEnv`, or a `KedaAuthentication` parameter `address`
   */
  readonly address?: string;
  /**
   * A variable of the worker container holding "host:port".
   * @default - `address`
   */
  readonly addressFromEnv?: string;
  /**
   * A variable of the worker container holding the password (fed from a Secret).
   * @default - no password, or a `KedaAuthentication` parameter `password`
   */
  readonly passwordFromEnv?: string;
  /**
   * A variable of the worker container holding the user name (Redis 6 ACLs).
   * @default - the default user
   */
  readonly usernameFromEnv?: string;
  /**
   * The Redis database.
   * @default 0
   */
  readonly databaseIndex?: number;
  /**
   * Connect with TLS (`enableTLS`).
   * @default false
   */
  readonly tls?: boolean;
  /**
   * Credentials from a Secret (parameters `address`, `username`, `password`, `tls`, `ca`, ...).
   * @default - none
   */
  readonly authentication?: KedaAuthentication;
}

export interface RabbitMqTriggerProps {
  /** The queue the workers consume. */
  readonly queueName: string;
  /**
   * Ready messages one worker Job is expected to handle (`value`, mode `QueueLength`).
   * @default 20 - KEDA's historical default for RabbitMQ
   */
  readonly messagesPerWorker?: number;
  /**
   * A variable of the worker container holding the broker URL (`amqp://user:password@host/vhost`),
   * fed from a Secret.
   * @default - the `host` parameter of `authentication`
   */
  readonly hostFromEnv?: string;
  /**
   * The virtual host, overriding the URL's.
   * @default - the URL's
   */
  readonly vhostName?: string;
  /**
   * How KEDA talks to the broker.
   * @default RabbitMqProtocol.AUTO - from the URL's scheme
   */
  readonly protocol?: RabbitMqProtocol;
  /**
   * Credentials from a Secret (parameters `host`, `username`, `password`, `tls`, ...), or a pod identity.
   * @default - none
   */
  readonly authentication?: KedaAuthentication;
}

export class QueueTrigger {
  /** An AWS SQS queue (`aws-sqs-queue`). Its count includes in-flight messages. */
  public static awsSqs(props: SqsTriggerProps): QueueTrigger {
    const problems: TriggerProblem[] = [];
    if ((props.queueUrl === undefined) === (props.queueUrlFromEnv === undefined)) {
      problems.push({
        message: 'set exactly one of queueUrl and queueUrlFromEnv.',
        fix: 'give the queue URL, or the worker variable that holds it.',
      });
    }
    return new QueueTrigger(
      'aws-sqs-queue',
      {
        queueURL: props.queueUrl,
        queueURLFromEnv: props.queueUrlFromEnv,
        awsRegion: props.region,
        queueLength: String(props.queueLength ?? 5),
      },
      QueueCounting.INCLUDES_IN_FLIGHT,
      props.authentication,
      envNames(props.queueUrlFromEnv),
      problems,
    );
  }

  /** An Apache Kafka topic's consumer-group lag (`kafka`). Lag includes uncommitted, in-flight records. */
  public static kafka(props: KafkaTriggerProps): QueueTrigger {
    const problems: TriggerProblem[] =
      props.bootstrapServers.length === 0
        ? [{ message: 'bootstrapServers is empty.', fix: 'list the brokers as "host:port".' }]
        : [];
    return new QueueTrigger(
      'kafka',
      {
        bootstrapServers: props.bootstrapServers.join(','),
        consumerGroup: props.consumerGroup,
        topic: props.topic,
        lagThreshold: String(props.lagThreshold ?? 10),
        offsetResetPolicy: props.offsetResetPolicy ?? KafkaOffsetResetPolicy.LATEST,
      },
      QueueCounting.INCLUDES_IN_FLIGHT,
      props.authentication,
      [],
      problems,
    );
  }

  /** A Redis list (`redis`). Popped items leave the list, so only waiting items are counted. */
  public static redisList(props: RedisListTriggerProps): QueueTrigger {
    const problems: TriggerProblem[] = [];
    const fromAuth = props.authentication?._parameters() ?? [];
    const addressSources =
      [props.address, props.addressFromEnv].filter((a) => a !== undefined).length +
      (fromAuth.includes('address') || fromAuth.includes('host') ? 1 : 0);
    if (addressSources !== 1) {
      problems.push({
        message: 'name the server exactly once: address, addressFromEnv or an authentication parameter address.',
        fix: 'keep one of them.',
      });
    }
    return new QueueTrigger(
      'redis',
      {
        listName: props.listName,
        listLength: String(props.listLength ?? 5),
        address: props.address,
        addressFromEnv: props.addressFromEnv,
        passwordFromEnv: props.passwordFromEnv,
        usernameFromEnv: props.usernameFromEnv,
        databaseIndex: props.databaseIndex === undefined ? undefined : String(props.databaseIndex),
        enableTLS: props.tls ? 'true' : undefined,
      },
      QueueCounting.WAITING_ONLY,
      props.authentication,
      envNames(props.addressFromEnv, props.passwordFromEnv, props.usernameFromEnv),
      problems,
    );
  }

  /** A RabbitMQ queue (`rabbitmq`, mode QueueLength). Over AMQP only ready messages are counted. */
  public static rabbitMq(props: RabbitMqTriggerProps): QueueTrigger {
    const problems: TriggerProblem[] = [];
    const hostFromAuth = props.authentication?._parameters().includes('host') ?? false;
    if ((props.hostFromEnv !== undefined) === hostFromAuth) {
      problems.push({
        message:
          'take the broker URL from exactly one place: hostFromEnv, or an authentication parameter host (the URL usually holds credentials, so it is never a literal).',
        fix: 'keep one of them.',
      });
    }
    const protocol = props.protocol ?? RabbitMqProtocol.AUTO;
    return new QueueTrigger(
      'rabbitmq',
      {
        queueName: props.queueName,
        mode: 'QueueLength',
        value: String(props.messagesPerWorker ?? 20),
        hostFromEnv: props.hostFromEnv,
        vhostName: props.vhostName,
        protocol,
      },
      protocol === RabbitMqProtocol.AMQP ? QueueCounting.WAITING_ONLY : QueueCounting.INCLUDES_IN_FLIGHT,
      props.authentication,
      envNames(props.hostFromEnv),
      problems,
    );
  }

  private constructor(
    /** @internal */ public readonly _type: string,
    private readonly metadata: { readonly [key: string]: string | undefined },
    /** @internal */ public readonly _counting: QueueCounting,
    /** @internal */ public readonly _authentication: KedaAuthentication | undefined,
    /** @internal */ public readonly _envVariables: readonly string[],
    private readonly problems: readonly TriggerProblem[],
  ) {}

  /**
   * The trigger as KEDA reads it; `authenticationName` is the TriggerAuthentication emitted for it.
   * @internal
   */
  public _render(authenticationName: string | undefined): KedaScaleTrigger {
    const metadata: { [key: string]: string } = {};
    for (const [key, value] of Object.entries(this.metadata)) if (value !== undefined) metadata[key] = value;
    return {
      type: this._type,
      metadata,
      authenticationRef: authenticationName === undefined ? undefined : { name: authenticationName },
    };
  }

  /**
   * Mistakes in the trigger's props, at `prop` (where the trigger is).
   * @internal
   */
  public _violations(prop: string): Violation[] {
    const violations = this.problems.map((p) => ({ field: prop, message: `${this._type}: ${p.message}`, fix: p.fix }));
    for (const [key, value] of Object.entries(this.metadata)) {
      if (value === '')
        violations.push({
          field: prop,
          message: `${this._type}: ${key} is empty.`,
          fix: 'give it a value, or leave it out.',
        });
    }
    if (this._authentication) violations.push(...this._authentication._violations(`${prop}.authentication`));
    return violations;
  }
}

function envNames(...names: (string | undefined)[]): string[] {
  return names.filter((n): n is string => n !== undefined);
}
