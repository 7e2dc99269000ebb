/**
 * Running an app's synth so that a user's mistakes read as a list, not a crash.
 *
 * cdk8s's `App.synth()` collects every construct's validation errors and throws one Error listing
 * them as `[construct path] message`. Uncaught, Node prints that with a stack trace into cdk8s
 * internals, which tells the user nothing. `Synthesis.run(app)` prints the list alone to stderr and
 * sets the exit code to 1, so `npx cdk8s synth` shows exactly the findings and fails. Any other
 * error (a bug in the app itself) is rethrown with its stack, where the stack is useful.
 */
import { App } from 'cdk8s';

/** How cdk8s's App.validate starts its error. */
const CDK8S_VALIDATION_PREFIX = 'Validation failed with the following errors:\n';

export class Synthesis {
  /**
   * Synthesizes `app`. On validation errors, prints them to stderr without a stack trace, sets
   * `process.exitCode` to 1 and returns false; returns true when the manifests were written.
   */
  public static run(app: App): boolean {
    try {
      app.synth();
      return true;
    } catch (error) {
      const lines = Synthesis.validationErrors(error);
      if (lines === undefined) throw error;
      process.stderr.write(
        `Synthesis failed with ${lines.length} error${lines.length === 1 ? '' : 's'}:\n${lines.map((l) => `  ${l}\n`).join('')}`,
      );
      process.exitCode = 1;
      return false;
    }
  }

  /** The `[construct path] message` lines of a cdk8s validation error; undefined for any other error. */
  public static validationErrors(error: unknown): string[] | undefined {
    if (!(error instanceof Error) || !error.message.startsWith(CDK8S_VALIDATION_PREFIX)) return undefined;
    return error.message
      .slice(CDK8S_VALIDATION_PREFIX.length)
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== '');
  }

  private constructor() {}
}
