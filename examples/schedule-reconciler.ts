/**
 * The schedule reconciler, deployed from the app: the ScheduledJob CRD, two replicas under leader
 * election in the `cdk8s-batch-system` namespace (Pod Security "restricted"), the narrowest
 * RBAC, a disruption budget and a metrics Service. The image is built from this repository's
 * Dockerfile and pushed to your own registry.
 */
import { Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { ScheduleReconciler } from '../src';

export class ScheduleReconcilerChart extends Chart {
  public constructor(scope: Construct, id: string) {
    super(scope, id);
    new ScheduleReconciler(this, 'reconciler', { image: 'registry.example.com/cdk8s-batch:0.1.0' });
  }
}
