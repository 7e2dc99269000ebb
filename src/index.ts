/** The public API of cdk8s-batch. */
export * from './constructs/batch-policy';
export * from './constructs/batch-workload';
export * from './constructs/cron-job';
export * from './constructs/job';
export * from './constructs/job-spec';
export * from './constructs/pod-failure-policy';
export * from './constructs/schedule';
export * from './constructs/synthesis';
