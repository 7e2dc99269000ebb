/**
 * The Kubernetes schedule oracle (tools/k8s-cron-oracle): robfig/cron v3.0.1 plus the API
 * server's schedule and timeZone checks, run as a child process. Its binary path comes from
 * K8S_CRON_ORACLE (set by .ci/run), or /tmp/k8s-cron-oracle where a developer built it with
 * `tools/k8s-cron-oracle/build.sh /tmp/k8s-cron-oracle`.
 */
import { execFileSync } from 'child_process';
import { existsSync } from 'fs';

export interface OracleAnswer {
  readonly line: string;
  readonly schedule: string;
  readonly tz: string | null;
  readonly from: string;
  readonly api_ok: boolean;
  readonly api_errors: string[];
  readonly parse_ok: boolean;
  readonly parse_error?: string;
  readonly next: string[];
}

export function oraclePath(): string | undefined {
  const candidates = [process.env.K8S_CRON_ORACLE, '/tmp/k8s-cron-oracle'];
  return candidates.find((p): p is string => p !== undefined && p !== '' && existsSync(p));
}

/** Asks the oracle about many `SCHEDULE|TIMEZONE|FROM` lines at once; answers come back in order. */
export function askOracle(binary: string, lines: readonly string[], count: number): OracleAnswer[] {
  const output = execFileSync(binary, ['-n', String(count)], {
    input: lines.join('\n') + '\n',
    maxBuffer: 256 * 1024 * 1024,
  });
  return output
    .toString('utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as OracleAnswer);
}
