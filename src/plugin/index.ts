/**
 * The cdk8s validation plugin. cdk8s-cli loads a plugin class by name from a package's main
 * module, so the public API (src/index.ts) re-exports this module; a cdk8s.yaml can also point
 * at it by path.
 */
export * from './batch-validation';
export * from './cdk8s-validation';
