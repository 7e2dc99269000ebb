/**
 * Building blocks of the shell scripts the pattern constructs run in their containers (the backup
 * scripts here, and the CleanupCronJob's in rbac/cleanup-script.ts).
 *
 * The shell is `/bin/sh`, called explicitly, and the scripts use POSIX features only, because the
 * images differ: busybox ash (Alpine: postgres, kubectl), dash (Debian) and bash (Oracle Linux,
 * Ubuntu, Amazon Linux). In particular there is no `set -o pipefail` (dash has none before POSIX
 * 2024): the one pipeline that matters, dump | gzip, records the dump's exit status in a file and
 * checks it (see `pipeWithStatus`).
 *
 * No value a user supplies is ever written into a script. Every name, path, host, bucket, prefix or
 * argument reaches the script as an environment variable it expands inside double quotes ("$VAR"),
 * or as a positional parameter ("$@"), so the shell treats it as one word of data: it is never
 * parsed as shell syntax, split, or glob-expanded. The script text is a constant chosen only by
 * which features are on, and the tests check that no prop value ever appears in it.
 */

/** How every script starts: stop at the first failing command, and at any unset variable. */
export const STRICT_MODE = 'set -eu';

/** The script of `lines`, in strict mode, one command per line. */
export function shellScript(lines: readonly string[]): string {
  return [STRICT_MODE, ...lines].join('\n') + '\n';
}

/**
 * Stops the script unless `$variable` is a whole number, before it is used in `$(( ))`: some
 * shells evaluate expressions (even command substitutions, in bash) found in a variable there.
 */
export function requireWholeNumber(variable: string, who: string): string {
  return `case "$${variable}" in ''|*[!0-9]*) printf '%s: %s must be a whole number, got "%s"\\n' '${who}' '${variable}' "$${variable}" >&2; exit 2 ;; esac`;
}

/**
 * Sets `$cutoffVariable` to the UTC time `$ageSecondsExpression` seconds ago, as
 * `YYYY-MM-DDTHH:MM:SS` (no zone suffix, so it sorts before any timestamp of the same second
 * whatever suffix that has: `Z`, `+00:00` or `.000Z`). RFC 3339 UTC timestamps compare correctly
 * as strings, which lets awk and `[` compare them without date arithmetic. `date -d @SECONDS` is
 * understood by GNU coreutils and busybox alike.
 */
export function cutoffTimestamp(cutoffVariable: string, ageSecondsExpression: string): string {
  return `${cutoffVariable}=$(date -u -d "@$(( $(date -u +%s) - ${ageSecondsExpression} ))" +%Y-%m-%dT%H:%M:%S)`;
}

/**
 * Runs `producer | consumer` and fails (with the producer's exit status) when either fails, in
 * any POSIX shell: the producer's status is written to `statusFile` from inside the pipeline and
 * checked after it. Under `set -e` the consumer's failure already stops the script.
 */
export function pipeWithStatus(
  producer: string,
  consumer: string,
  statusFile: string,
  who: string,
  what: string,
): string[] {
  return [
    `{ status=0; ${producer} || status=$?; echo "$status" > "${statusFile}"; } | ${consumer}`,
    `read -r status < "${statusFile}"`,
    `if [ "$status" -ne 0 ]; then printf '%s: %s failed with exit code %s\\n' '${who}' '${what}' "$status" >&2; exit "$status"; fi`,
  ];
}

/** A loop that retries `probe` every `$intervalVariable` seconds, at most `$attemptsVariable` times. */
export function retryUntil(
  probe: string,
  attemptsVariable: string,
  intervalVariable: string,
  who: string,
  what: string,
): string[] {
  return [
    requireWholeNumber(attemptsVariable, who),
    requireWholeNumber(intervalVariable, who),
    'attempt=1',
    `until ${probe}; do`,
    `  if [ "$attempt" -ge "$${attemptsVariable}" ]; then printf '%s: %s after %s attempts\\n' '${who}' '${what}' "$attempt" >&2; exit 1; fi`,
    '  attempt=$((attempt + 1))',
    `  sleep "$${intervalVariable}"`,
    'done',
  ];
}
