/**
 * Jest runs the TypeScript tests of both packages through ts-jest; `npm test` type-checks
 * everything with tsc first. The reconciler runtime imports the library as
 * `cdk8s-batch/lib/src/...` (its compiled form when installed); tests map that to the sources, so
 * one copy of every library module is loaded.
 */
const { cpus } = require('os');

module.exports = {
  testEnvironment: 'node',
  // Many suites mostly wait on child processes (database servers, the AWS CLI, Chromium, npm, tsc,
  // jsii), so three workers keep two cores busy: on this project's 2-core machines the suite takes
  // about half the time it does with Jest's default of one worker per spare core.
  maxWorkers: Math.max(3, cpus().length - 1),
  roots: ['<rootDir>/test', '<rootDir>/packages/reconciler/test'],
  testMatch: ['**/*.test.ts'],
  // The soak test (a simulated week of 1,000 ScheduledJobs, about two minutes) runs on its own:
  // `npm run test:soak`, which .ci/run runs after `npm test`.
  testPathIgnorePatterns: ['/node_modules/', '/packages/reconciler/test/soak/'],
  moduleNameMapper: {
    '^cdk8s-batch/lib/src/(.*)$': '<rootDir>/src/$1',
    // The examples' handlers import the runtime by its package name.
    '^cdk8s-batch-reconciler$': '<rootDir>/packages/reconciler/src/index.ts',
  },
  modulePathIgnorePatterns: ['<rootDir>/lib/', '<rootDir>/packages/reconciler/lib/'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json', diagnostics: false }],
    // The CEL evaluator the admission-policy tests use ships only ES modules.
    '/node_modules/@marcbachmann/cel-js/.+\\.js$': [
      'ts-jest',
      { tsconfig: { allowJs: true, module: 'commonjs', target: 'ES2022' }, diagnostics: false },
    ],
  },
  transformIgnorePatterns: ['/node_modules/(?!@marcbachmann/cel-js/)'],
  reporters: ['default', '<rootDir>/test/summary-reporter.js'],
};
