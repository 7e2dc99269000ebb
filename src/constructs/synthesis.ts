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
import { writeScheduleMapFile } from '../map/map-file';

/** How cdk8s's App.validate starts its error. */
const CDK8S_VALIDATION_PREFIX = 'Validation failed with the following errors:\n';

/** What `Synthesis.run` writes besides the manifests. */
export interface SynthesisOptions {
  /**
   * Also write the fleet schedule map of every manifest in the app's output directory to this file
   * (as `cdk8s-batch map OUTDIR --output FILE`): `.html`, `.svg`, `.json`, any other name text.
   * @default - no map
   */
  readonly scheduleMap?: string;
  /**
   * The map's first day, `YYYY-MM-DD` (midnight in its zone) or an RFC 3339 instant. Set it to get
   * the same map on every synth.
   * @default - now, to the minute
   */
  readonly scheduleMapFrom?: string;
  /**
   * The map's length in days, 1 to 31 (one day counts starts per minute).
   * @default 7
   */
  readonly scheduleMapDays?: number;
  /**
   * The IANA zone whose dates and hours the map shows.
   * @default "UTC"
   */
  readonly scheduleMapTimeZone?: string;
}

export class Synthesis {
  /**
   * Synthesizes `app`, then writes the schedule map when `options.scheduleMap` asks for one. On
   * validation errors (or a map option that is wrong), prints them to stderr without a stack trace,
   * sets `process.exitCode` to 1 and returns false; returns true when everything was written.
   */
  public static run(app: App, options: SynthesisOptions = {}): boolean {
    try {
      app.synth();
      return options.scheduleMap === undefined || Synthesis.writeScheduleMap(app, options.scheduleMap, options);
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

  private static writeScheduleMap(app: App, file: string, options: SynthesisOptions): boolean {
    const result = writeScheduleMapFile(
      [app.outdir],
      { file, from: options.scheduleMapFrom, days: options.scheduleMapDays, timeZone: options.scheduleMapTimeZone },
      Date.now(),
    );
    if ('written' in result) return true;
    process.stderr.write(`Synthesis could not write the schedule map ${file}: ${result.problem}\n`);
    process.exitCode = 1;
    return false;
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
