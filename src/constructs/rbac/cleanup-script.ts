/**
 * The CleanupCronJob's script: list the Jobs of one namespace (optionally by label selector), keep
 * those finished (condition Complete or Failed is True) before the cutoff, and delete each with
 * propagationPolicy Background so the garbage collector removes its pods too. Pure, and written
 * like the backup scripts (see ../backup/posix-shell.ts): POSIX /bin/sh, values only through the
 * environment variables in CLEANUP_ENV.
 *
 * When a Job finished: its condition's lastTransitionTime; for a Complete condition without one,
 * the Job's completionTime; with neither, the Job is kept (an unknown time is never "long ago").
 * Without a selector, Jobs owned by a CronJob or a ScheduledJob are kept: their owner's history
 * limits decide how many finished runs stay, and the failed ones are the evidence worth keeping.
 *
 * Why Background: batch/v1 Jobs default to orphaning their pods when deleted (the API server warns
 * "child pods are preserved by default when jobs are deleted"). With Background the Job goes at
 * once and the garbage collector, with its own permissions, deletes the pods that it owns, so the
 * cleanup needs no permission on pods at all. `--wait=false` keeps kubectl from reading the Job
 * back while it waits, which would need `get`.
 */
import { cutoffTimestamp, requireWholeNumber, shellScript } from '../backup/posix-shell';

/** The environment variables the script reads; the construct sets them. */
export const CLEANUP_ENV = {
  /** The namespace whose Jobs are cleaned up. */
  namespace: 'CLEANUP_NAMESPACE',
  /** Finished Jobs older than this many seconds are deleted. */
  maxAgeSeconds: 'CLEANUP_MAX_AGE_SECONDS',
  /** A label selector (`app=x,tier=batch`), only when one is configured. */
  selector: 'CLEANUP_SELECTOR',
  /** Scratch directory (the writable /tmp). */
  workDir: 'CLEANUP_WORK_DIR',
} as const;

const E = CLEANUP_ENV;
const WHO = 'cleanup';

/**
 * One line per Job: `<name><TAB><Type>=<lastTransitionTime> ...<TAB><completionTime><TAB><owner kind> ...`,
 * with the conditions whose status is True (a missing field prints as nothing).
 */
const JOB_CONDITIONS_JSONPATH =
  'jsonpath={range .items[*]}{.metadata.name}{"\\t"}{range .status.conditions[?(@.status=="True")]}{.type}{"="}{.lastTransitionTime}{" "}{end}{"\\t"}{.status.completionTime}{"\\t"}{range .metadata.ownerReferences[*]}{.kind}{" "}{end}{"\\n"}{end}';

/**
 * Prints the names of Jobs that finished before `cutoff` (see the module comment); with
 * `keep_scheduled` set, skips Jobs owned by a CronJob or a ScheduledJob.
 */
const EXPIRED_JOBS_AWK = [
  '{',
  'if (keep_scheduled && (" " $4) ~ / (CronJob|ScheduledJob) /) next;',
  'n = split($2, conditions, " ");',
  'for (i = 1; i <= n; i++) {',
  'split(conditions[i], c, "=");',
  'if (c[1] != "Complete" && c[1] != "Failed") continue;',
  'finished = c[2];',
  'if (finished == "" && c[1] == "Complete") finished = $3;',
  'if (finished != "" && finished < cutoff) { print $1; break }',
  '}',
  '}',
].join(' ');

export function cleanupScript(options: { readonly selector: boolean }): string {
  const selector = options.selector ? ` --selector "$${E.selector}"` : '';
  return shellScript([
    requireWholeNumber(E.maxAgeSeconds, WHO),
    cutoffTimestamp('cutoff', E.maxAgeSeconds),
    `kubectl get jobs --namespace "$${E.namespace}"${selector} --output '${JOB_CONDITIONS_JSONPATH}' > "$${E.workDir}/jobs"`,
    `awk -F '\\t' -v cutoff="$cutoff" -v keep_scheduled=${options.selector ? 0 : 1} '${EXPIRED_JOBS_AWK}' "$${E.workDir}/jobs" > "$${E.workDir}/expired"`,
    'count=0',
    'while IFS= read -r job; do',
    `  kubectl delete job "$job" --namespace "$${E.namespace}" --cascade=background --wait=false --ignore-not-found`,
    '  count=$((count + 1))',
    `done < "$${E.workDir}/expired"`,
    `printf '${WHO}: deleted %s finished Jobs in %s that finished before %sZ\\n' "$count" "$${E.namespace}" "$cutoff"`,
  ]);
}
