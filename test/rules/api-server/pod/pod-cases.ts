/** Pod spec rule tables: each case breaks one pod spec field, in a Job and in a CronJob. */
import { jobSpecPath, Json, RuleCase, runRuleTable, withJobSpec } from '../fixtures';

export type PodChange = (podSpec: Json) => void;

export interface PodCase {
  readonly row: string;
  readonly rule: string;
  /** Relative to `<jobSpec>.template.spec`. */
  readonly field: string;
  readonly bad: PodChange;
  readonly good: PodChange;
  readonly version?: string;
}

/** The first container of the good fixtures' pod spec. */
export const main = (p: Json): Json => p.containers[0];

/** Runs the cases in a Job and in a CronJob. */
export function runPodCases(title: string, cases: readonly PodCase[]): void {
  describe.each(['Job', 'CronJob'] as const)(`${title} in a %s`, (kind) => {
    runRuleTable(
      cases.map((c): RuleCase => ({
        row: c.row,
        rule: c.rule,
        field: `${jobSpecPath(kind)}.template.spec.${c.field}`,
        bad: withJobSpec(kind, (spec) => c.bad(spec.template.spec)),
        good: withJobSpec(kind, (spec) => c.good(spec.template.spec)),
        version: c.version,
      })),
    );
  });
}
