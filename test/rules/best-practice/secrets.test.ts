import { plainCredentialInEnvVar } from '../../../src/rules/best-practice/secrets';
import { RuleLevel } from '../../../src/rules/policy';
import { credentialInArgument, isCredentialName, isLiteralCredential } from '../../../src/rules/support/secrets';
import {
  changed,
  describePodTemplateCases,
  findingsOf,
  hardenedCronJob,
  hardenedJob,
  PodTemplateCase,
  templateOf,
} from './fixtures';

// Shaped like real credentials (the formats the rules know), made up for these tests.
const PRIVATE_KEY = [
  '-----BEGIN RSA PRIVATE KEY-----',
  'MIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo',
  '-----END RSA PRIVATE KEY-----',
].join('\n');
const OPENSSH_KEY = '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----';
const AWS_KEY_ID = 'AKIAIOSFODNN7EXAMPLE';
const AWS_SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const GITHUB_TOKEN = `ghp_${'a1B2c3D4e5'.repeat(3)}abcdef`;
const SLACK_TOKEN = 'xoxb-1234567890-0987654321-AbCdEfGhIjKlMnOpQrStUvWx';
const JWT = 'eyJhbGciOiJSUzI1NiIsImtpZCI6IjEifQ.eyJzdWIiOiJzeXN0ZW06c2VydmljZWFjY291bnQifQ.c2lnbmF0dXJlLXBhcnQ';

describe('isCredentialName', () => {
  test.each([
    'PGPASSWORD',
    'DB_PASSWORD',
    'dbPassword',
    'MYSQL_PWD',
    'REDIS_PASS',
    'CLIENT_SECRET',
    'GITHUB_TOKEN',
    'API_KEY',
    'AWS_SECRET_ACCESS_KEY',
    'STRIPE_SECRET_KEY',
    'SIGNING_KEY',
    'slack-token',
    'REDIS_AUTH',
    'GOOGLE_APPLICATION_CREDENTIALS',
  ])('%s names a credential', (name) => expect(isCredentialName(name)).toBe(true));

  test.each([
    'PASSWORD_FILE',
    'PGPASSFILE',
    'SECRET_NAME',
    'TOKEN_URL',
    'TOKEN_TTL',
    'AWS_ACCESS_KEY_ID',
    'KMS_KEY_ID',
    'KMS_KEY',
    'PUBLIC_KEY',
    'ROUTING_KEY',
    'CACHE_KEY',
    'S3_KEY',
    'CONFIGMAP_KEY',
    'CONFIG_MAP_KEY',
    'JIRA_SPACE_KEY',
    'JIRA_PROJECT_KEY',
    'ISSUE_KEY',
    'PWD',
    'KEY',
    'PASSWORD_MIN_LENGTH',
    'BYPASS',
    'MONKEY',
    'SERVICE_ACCOUNT',
  ])('%s does not', (name) => expect(isCredentialName(name)).toBe(false));
});

describe('isLiteralCredential', () => {
  test.each(['hunter2', 'changeme', '1234', "'s3cr3t'", 'postgresql://admin:hunter2@db/orders'])(
    '%s is written out',
    (value) => expect(isLiteralCredential(value)).toBe(true),
  );
  test.each([
    '',
    '$(DB_PASSWORD)',
    '"$PGPASSWORD"',
    '${TOKEN}',
    '/var/run/secrets/db/password',
    './token',
    'true',
    '********',
    'arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf',
    'vault:secret/data/db#password',
    'https://auth.example.com/oauth/token',
    'postgresql://admin@db/orders',
    'postgresql://admin:$(PGPASSWORD)@db/orders',
    '`aws ecr get-login-password`',
  ])('%s is not', (value) => expect(isLiteralCredential(value)).toBe(false));
});

describe('plainCredentialInEnvVar', () => {
  test.each([
    ['PGPASSWORD', 'hunter2', 'is named like a credential'],
    ['AWS_SECRET_ACCESS_KEY', AWS_SECRET, 'is named like a credential'],
    ['AWS_ACCESS_KEY_ID', AWS_KEY_ID, 'holds an AWS access key id'],
    ['TLS_KEY_PEM', PRIVATE_KEY, 'holds a private key'],
    ['DEPLOY_SSH', OPENSSH_KEY, 'holds a private key'],
    ['DATABASE_URL', 'postgresql://admin:hunter2@db.shop.svc:5432/orders', 'holds a URL with a password'],
    ['BROKER', 'amqp://worker:s3cr3t@rabbitmq/vhost', 'holds a URL with a password'],
    ['GH', GITHUB_TOKEN, 'holds a GitHub token'],
    ['NOTIFY', SLACK_TOKEN, 'holds a Slack token'],
    [
      'WEBHOOK',
      'https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX',
      'holds a Slack webhook URL',
    ],
    ['BEARER', JWT, 'holds a JSON Web Token'],
    ['JAVA_OPTS', '-Xmx512m -Dspring.datasource.password=hunter2', 'holds a value for SPRING_DATASOURCE_PASSWORD'],
  ])('%s=... %s', (name, value, expected) => expect(plainCredentialInEnvVar(name, value)).toBe(expected));

  test.each([
    ['PGPASSWORD_FILE', '/var/run/secrets/cdk8s-batch/database/password'],
    ['PASSWORD_FILE', '/run/secrets/db'],
    ['SECRET_NAME', 'orders-db-credentials'],
    ['TOKEN_URL', 'https://login.example.com/oauth2/token'],
    ['KMS_KEY_ID', 'arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab'],
    ['DATABASE_URL', 'postgresql://app@db.shop.svc:5432/orders?sslmode=require'],
    ['REDIS_URL', 'redis://redis.queue.svc:6379/0'],
    ['CONFIG_B64', 'eyJsb2dMZXZlbCI6ImluZm8iLCJ3b3JrZXJzIjo0fQ=='],
    ['CHECKSUM', 'c2hhMjU2OjAxMjM0NTY3ODlhYmNkZWYwMTIzNDU2Nzg5YWJjZGVm'],
    ['ROUTING_KEY', 'orders.created'],
    ['IMAGE_DIGEST', `sha256:${'ab'.repeat(32)}`],
    ['DB_PASSWORD', '$(DB_PASSWORD_FROM_SECRET)'],
    ['CA_CERT', '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----'],
    ['JAVA_OPTS', '-Xmx512m -Dspring.datasource.password=${DB_PASSWORD} -Djavax.net.ssl.trustStorePassword-file=/x'],
  ])('%s=%s is fine', (name, value) => expect(plainCredentialInEnvVar(name, value)).toBeUndefined());
});

describe('credentialInArgument', () => {
  test.each([
    [['--dbname=postgresql://admin:hunter2@h/d'], 0, 'a URL with a password'],
    [['pg_dump', 'host=db password=hunter2 dbname=orders'], 1, 'a value for PASSWORD'],
    [['/bin/sh', '-c', 'PGPASSWORD=hunter2 pg_dump orders | gzip'], 2, 'a value for PGPASSWORD'],
    [['--password=hunter2'], 0, 'a value for PASSWORD'],
    [['--api-key', 'abc123def456'], 1, 'the value of --api-key'],
    [['curl', '-H', `Authorization: Bearer ${GITHUB_TOKEN}`], 2, 'a GitHub token'],
    [['--key', PRIVATE_KEY], 1, 'a private key'],
    [['--secret', 'hunter2'], 1, 'the value of --secret'],
    [['--secret', 'Webhook-Certs'], 1, 'the value of --secret'],
    [['--client-secret', 'webhook-certs'], 1, 'the value of --client-secret'],
  ])('%j [%i] passes %s', (args, i, expected) => expect(credentialInArgument(args, i)).toBe(expected));

  test.each([
    [['--dbname=postgresql://app@h/d'], 0],
    [['--dbname=postgresql://admin:$(PGPASSWORD)@h/d'], 0],
    [['/bin/sh', '-c', 'PGPASSWORD="$(cat "$PASSWORD_FILE")" pg_dump orders'], 2],
    [['/bin/sh', '-c', 'export PGPASSWORD="$DB_PASSWORD"; psql'], 2],
    [['/bin/sh', '-c', "TOKEN=`aws ecr get-login --no-include-email | cut -d' ' -f6`; echo ok"], 2],
    [['--password-file=/run/secrets/db/password'], 0],
    [['--token-url', 'https://login.example.com/oauth2/token'], 1],
    [['--password', '--verbose'], 1],
    [['--exclude-table=audit_log'], 0],
    [['--secret-name', 'orders-db'], 1],
    // A bare --secret with a Kubernetes object name names the Secret a tool writes or reads.
    [['./gen-admission-secret.sh', '--namespace', 'volcano-system', '--secret', 'volcano-admission-secret'], 4],
    [['certify', '--secret=webhook-certs'], 1],
    [['--config', 'eyJsb2dMZXZlbCI6ImluZm8ifQ=='], 1],
    // Code that reads the secret at run time is no literal.
    [
      [
        '/bin/sh',
        '-c',
        'python3 - <<EOF\ns3 = boto3.client(aws_secret_access_key=os.getenv("AWS_SECRET_ACCESS_KEY"))\nEOF',
      ],
      2,
    ],
    [['python3', '-c', "client(api_key=os.environ['API_KEY'], password=read_password())"], 2],
    [['node', '-e', 'connect({password=process.env.DB_PASSWORD})'], 2],
    // A commented-out line passes nothing.
    [['/bin/sh', '-c', 'set -e\n# PGPASSWORD=hunter2 psql -h db\npsql -h db'], 2],
  ])('%j [%i] passes none', (args, i) => expect(credentialInArgument(args, i)).toBeUndefined());

  test('a # inside a word is no comment', () => {
    expect(credentialInArgument(['/bin/sh', '-c', 'PGPASSWORD=hun#ter2 psql -h db'], 2)).toBe('a value for PGPASSWORD');
    expect(credentialInArgument(['/bin/sh', '-c', 'psql -h db # login\nPGPASSWORD=hunter2 pg_dump'], 2)).toBe(
      'a value for PGPASSWORD',
    );
  });
});

const cases: PodTemplateCase[] = [
  {
    name: 'literal PGPASSWORD in a container and an access key pair in an init container',
    rule: 'container-env-secret-literal',
    bad: (t) => {
      t.spec.containers[0].env = [
        { name: 'PGHOST', value: 'db.shop.svc' },
        { name: 'PGPASSWORD', value: 'hunter2' },
      ];
      t.spec.initContainers[0].env = [
        { name: 'AWS_ACCESS_KEY_ID', value: AWS_KEY_ID },
        { name: 'AWS_SECRET_ACCESS_KEY', value: AWS_SECRET },
        { name: 'TLS_KEY', value: PRIVATE_KEY },
      ];
    },
    fields: [
      'spec.containers[0].env[1].value',
      'spec.initContainers[0].env[0].value',
      'spec.initContainers[0].env[1].value',
      'spec.initContainers[0].env[2].value',
    ],
    good: (t) => {
      t.spec.containers[0].env = [
        { name: 'PGHOST', value: 'db.shop.svc' },
        { name: 'PGPASSWORD', valueFrom: { secretKeyRef: { name: 'orders-db', key: 'password' } } },
        { name: 'PASSWORD_FILE', value: '/var/run/secrets/db/password' },
        { name: 'SECRET_NAME', value: 'orders-db' },
        { name: 'TOKEN_URL', value: 'https://login.example.com/oauth2/token' },
        { name: 'DATABASE_URL', value: 'postgresql://app@db.shop.svc/orders' },
      ];
      t.spec.containers[0].envFrom = [{ secretRef: { name: 'orders-api' } }, { configMapRef: { name: 'settings' } }];
      t.spec.initContainers[0].env = [
        { name: 'AWS_ROLE_ARN', value: 'arn:aws:iam::123456789012:role/backup' },
        { name: 'AWS_WEB_IDENTITY_TOKEN_FILE', value: '/var/run/secrets/eks.amazonaws.com/serviceaccount/token' },
      ];
      t.spec.initContainers[0].volumeMounts.push({
        name: 'aws-token',
        mountPath: '/var/run/secrets/eks.amazonaws.com/serviceaccount',
      });
      t.spec.volumes.push({
        name: 'aws-token',
        projected: {
          sources: [{ serviceAccountToken: { audience: 'sts.amazonaws.com', expirationSeconds: 3600, path: 'token' } }],
        },
      });
    },
  },
  {
    name: 'a connection URL with a password in args, a token in a script',
    rule: 'container-args-secret-literal',
    bad: (t) => {
      t.spec.containers[0].args = ['--dbname=postgresql://admin:hunter2@h/d', '--exclude-table=audit_log'];
      t.spec.initContainers[0].command = [
        '/bin/sh',
        '-c',
        `curl -H "Authorization: token ${GITHUB_TOKEN}" https://api.github.com`,
      ];
    },
    fields: ['spec.containers[0].args[0]', 'spec.initContainers[0].command[2]'],
    good: (t) => {
      t.spec.containers[0].env = [
        { name: 'PGPASSWORD', valueFrom: { secretKeyRef: { name: 'orders-db', key: 'password' } } },
      ];
      t.spec.containers[0].args = ['--dbname=postgresql://admin@h/d', '--exclude-table=audit_log'];
      t.spec.initContainers[0].command = [
        '/bin/sh',
        '-c',
        'curl -H "Authorization: token $(cat /var/run/secrets/gh/token)" https://api.github.com',
      ];
    },
  },
  {
    name: 'passwords by their place on a command line: mc alias set, curl -u, sshpass -p, redis-cli -a',
    rule: 'container-args-secret-literal',
    bad: (t) => {
      t.spec.containers[0].command = [
        '/bin/sh',
        '-c',
        'mc alias set store http://object-store:9000 backup b4ckup-s3cret && mc mirror /data store/backups',
      ];
      delete t.spec.containers[0].args;
      t.spec.initContainers[0].command = ['curl'];
      t.spec.initContainers[0].args = ['-fsS', '-u', 'admin:hunter2', 'https://search.example/_snapshot'];
      t.spec.initContainers.push(
        {
          name: 'copy',
          image: 'registry.example.com/tools/ssh:1.0.0',
          command: ['sh', '-c', 'sshpass -p hunter2 scp /data/dump.gz backup@vault.example:/srv'],
        },
        {
          name: 'flush',
          image: 'registry.example.com/tools/redis:7.2.0',
          command: ['redis-cli', '-h', 'cache', '-a', 'hunter2', 'FLUSHDB'],
        },
      );
    },
    fields: [
      'spec.containers[0].command[2]',
      'spec.initContainers[0].args[2]',
      'spec.initContainers[1].command[2]',
      'spec.initContainers[2].command[4]',
    ],
    good: (t) => {
      t.spec.containers[0].command = [
        '/bin/sh',
        '-c',
        'mc alias set store http://object-store:9000 "$ACCESS_KEY" "$SECRET_KEY" && mc mirror /data store/backups',
      ];
      t.spec.initContainers[0].command = ['curl'];
      // -u means a user name to other programs; curl reads the password from a netrc file.
      t.spec.initContainers[0].args = ['-fsS', '--netrc-file', '/etc/curl/netrc', 'https://search.example/_snapshot'];
      t.spec.initContainers.push(
        {
          name: 'copy',
          image: 'registry.example.com/tools/ssh:1.0.0',
          command: ['sh', '-c', 'sshpass -e scp /data/dump.gz backup@vault.example:/srv && chown -u 1000:1000 x'],
        },
        {
          name: 'load',
          image: 'registry.example.com/tools/mysql:8.4.0',
          command: [
            'sh',
            '-c',
            'mysql -u root -p orders < /data/orders.sql && redis-cli -h cache -a "$REDIS_PASSWORD" ping',
          ],
        },
        {
          name: 'notify',
          image: 'registry.example.com/tools/curl:8.8.0',
          // The -u inside $(...) and `...` is date's (UTC), not curl's --user; the time has colons.
          command: [
            'sh',
            '-c',
            'curl -fsS -H "X-Sent-At: $(date -u +%Y-%m-%dT%H:%M:%SZ)" https://hooks.example/ping && curl -d "t=`date -u +%H:%M`" https://hooks.example/done',
          ],
        },
      );
    },
  },
];

describePodTemplateCases(cases);

describe('secret rules on whole objects', () => {
  test('a suppression with a reason silences the rule for that object only', () => {
    const bad = changed(hardenedJob(), (o) => {
      templateOf(o).spec.containers[0].env = [{ name: 'PGPASSWORD', value: 'postgres' }];
    });
    expect(findingsOf(bad, 'container-env-secret-literal')).toHaveLength(1);
    const suppressed = changed(bad, (o) => {
      o.metadata.annotations = {
        'cdk8s-batch.io/suppress-container-env-secret-literal': 'throw-away CI database, password is public',
      };
    });
    expect(findingsOf(suppressed, 'container-env-secret-literal')).toEqual([]);
  });

  test('older MinIO clients take the secret key in "config host add"', () => {
    const script = (keys: string) =>
      changed(hardenedJob(), (o) => {
        templateOf(o).spec.containers[0].command = ['sh', '-c', `mc config host add s3 https://s3.example ${keys}`];
      });
    const [finding] = findingsOf(script('backup t0p-s3cret'), 'container-args-secret-literal');
    expect(finding.message).toContain('the secret key of "config host add"');
    expect(finding.message).not.toContain('t0p-s3cret');
    expect(findingsOf(script('backup ${SECRET_KEY}'), 'container-args-secret-literal')).toEqual([]);
  });

  test('the message names the variable but never repeats the value', () => {
    const bad = changed(hardenedCronJob(), (o) => {
      templateOf(o).spec.containers[0].env = [{ name: 'PGPASSWORD', value: 'hunter2' }];
      templateOf(o).spec.containers[0].args = ['--dbname=postgresql://admin:hunter2@h/d'];
    });
    const findings = [
      ...findingsOf(bad, 'container-env-secret-literal'),
      ...findingsOf(bad, 'container-args-secret-literal'),
    ];
    expect(findings).toHaveLength(2);
    for (const f of findings) expect(`${f.message} ${f.fix}`).not.toContain('hunter2');
    expect(findings[0].message).toContain('PGPASSWORD');
  });
});

describe('container-secret-in-env (opt-in, like kube-linter read-secret-from-env-var)', () => {
  const readsSecrets = changed(hardenedJob(), (o) => {
    const container = templateOf(o).spec.containers[0];
    container.env = [
      { name: 'PGHOST', value: 'db' },
      { name: 'PGPASSWORD', valueFrom: { secretKeyRef: { name: 'orders-db', key: 'password' } } },
    ];
    container.envFrom = [{ configMapRef: { name: 'settings' } }, { secretRef: { name: 'orders-api' } }];
  });
  const on = { policy: { rules: { 'container-secret-in-env': RuleLevel.WARNING } } };

  test('is off by default: a secretKeyRef or envFrom Secret gives no finding', () => {
    expect(findingsOf(readsSecrets, 'container-secret-in-env')).toEqual([]);
  });

  test('turned on by a policy, reports each Secret read into the environment at the field that names it', () => {
    const findings = findingsOf(readsSecrets, 'container-secret-in-env', on);
    expect(findings.map((f) => f.field)).toEqual([
      'spec.template.spec.containers[0].env[1].valueFrom.secretKeyRef',
      'spec.template.spec.containers[0].envFrom[1].secretRef',
    ]);
    expect(findings[0].message).toContain('"orders-db"');
    expect(findings[0].fix).toContain('_FILE');
  });

  test('turned on, a Secret mounted as a file and read through a *_FILE path passes', () => {
    const mounted = changed(hardenedJob(), (o) => {
      const t = templateOf(o);
      t.spec.containers[0].env = [{ name: 'PGPASSWORD_FILE', value: '/var/run/secrets/db/password' }];
      t.spec.containers[0].volumeMounts.push({ name: 'db', mountPath: '/var/run/secrets/db', readOnly: true });
      t.spec.volumes.push({ name: 'db', secret: { secretName: 'orders-db' } });
    });
    expect(findingsOf(mounted, 'container-secret-in-env', on)).toEqual([]);
  });
});
