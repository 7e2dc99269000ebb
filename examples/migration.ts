/**
 * MigrationJob: the `orders` schema migrations as an Argo CD PreSync hook, one wave before the
 * other hooks. No automatic retry (a half-applied migration wants a person), evictions do not
 * count as failures, and the previous run's Job is replaced at the next sync. The database URL
 * comes from the existing Secret `orders-db-app`.
 */
import { Chart } from 'cdk8s';
import { EnvValue, Secret } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { MigrationHookStyle, MigrationJob } from '../src';

export class MigrationChart extends Chart {
  public constructor(scope: Construct, id: string) {
    super(scope, id, { labels: { 'app.kubernetes.io/part-of': 'orders' } });
    const database = Secret.fromSecretName(this, 'database', 'orders-db-app');
    new MigrationJob(this, 'orders-migrate', {
      hookStyle: MigrationHookStyle.ARGO_CD,
      hookOrder: -1,
      securityContext: { user: 10001, group: 10001 },
      containers: [
        {
          name: 'migrate',
          image: 'registry.example/orders-migrations:4.2.0',
          args: ['migrate', 'up'],
          envVariables: { DATABASE_URL: EnvValue.fromSecretValue({ secret: database, key: 'uri' }) },
        },
      ],
    });
  }
}
