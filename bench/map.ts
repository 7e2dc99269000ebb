/**
 * The fleet schedule map of 5,000 CronJobs over 7 days (issue 12: under 2 seconds on this machine).
 * The fleet looks like one: mostly daily and hourly jobs, some every 15 minutes or every 5 minutes
 * in office hours, weekly and monthly ones, a crowd at 00:00, a third in a zone with daylight
 * saving, deadlines from 10 minutes to 2 hours. Measured from parsed documents (the map's own
 * work: every start, the grid, the findings, the page) and from the YAML files (what
 * `cdk8s-batch map DIR --output map.html` does). Median of 5 warm runs, after one warm-up.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { stringify } from 'yaml';
import { ManifestDocument } from '../src/manifests/document';
import { readMapInputs } from '../src/map/inputs';
import { totalStarts } from '../src/map/labels';
import { renderScheduleMap } from '../src/map/render';
import { buildScheduleMap } from '../src/map/schedule-map';
import { medianTimeMs, printTable } from './timing';

const CRON_JOBS = 5000;
const FROM_MS = Date.parse('2026-10-29T00:00:00Z');
const ZONES = [undefined, undefined, 'America/New_York', undefined, 'Europe/Berlin', undefined, 'Asia/Tokyo'];

/** A small deterministic generator (a linear congruential one), so every run maps the same fleet. */
function numbers(seed: number): (below: number) => number {
  let state = seed;
  return (below) => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state % below;
  };
}

function schedule(i: number, pick: (below: number) => number): string {
  const [m, h] = [pick(60), pick(24)];
  const kind = i % 20;
  if (kind < 2) return '0 0 * * *';
  if (kind < 8) return `${m} ${h} * * *`;
  if (kind < 13) return `${m} * * * *`;
  if (kind < 16) return '*/15 * * * *';
  if (kind < 18) return `${m} ${h} * * ${pick(7)}`;
  if (kind < 19) return '*/5 9-17 * * 1-5';
  return `${m} ${h} 1 * *`;
}

function fleet(): object[] {
  const pick = numbers(12);
  return Array.from({ length: CRON_JOBS }, (_, i) => {
    const timeZone = ZONES[i % ZONES.length];
    return {
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata: { name: `job-${i}`, namespace: `team-${i % 40}` },
      spec: {
        schedule: schedule(i, pick),
        ...(timeZone === undefined ? {} : { timeZone }),
        concurrencyPolicy: i % 3 === 0 ? 'Allow' : 'Forbid',
        jobTemplate: {
          spec: {
            activeDeadlineSeconds: 600 * (1 + pick(12)),
            template: { spec: { restartPolicy: 'Never', containers: [{ name: 'main', image: 'busybox:1.36.1' }] } },
          },
        },
      },
    };
  });
}

export function runMapBenchmark(): void {
  console.log(`\n## schedule map: ${CRON_JOBS} CronJobs over 7 days (median of 5; target under 2000 ms)\n`);
  const objects = fleet();
  const documents: ManifestDocument[] = objects.map((value, index) => ({ file: 'fleet.yaml', index, line: 1, value }));
  const dir = mkdtempSync(join(tmpdir(), 'cdk8s-batch-map-bench-'));
  try {
    writeFileSync(join(dir, 'fleet.yaml'), objects.map((o) => stringify(o)).join('---\n'));
    const map = buildScheduleMap(documents, { fromMs: FROM_MS });
    const starts = totalStarts(map);
    const html = renderScheduleMap(map, 'html');
    const rows = [
      ['build (starts, grid, findings)', () => void buildScheduleMap(documents, { fromMs: FROM_MS })],
      ['build + html', () => void renderScheduleMap(buildScheduleMap(documents, { fromMs: FROM_MS }), 'html')],
      ['build + text', () => void renderScheduleMap(buildScheduleMap(documents, { fromMs: FROM_MS }), 'text')],
      [
        'read YAML + build + html',
        () => void renderScheduleMap(buildScheduleMap(readMapInputs([dir]).documents, { fromMs: FROM_MS }), 'html'),
      ],
    ] as const;
    printTable(
      ['what', 'ms', 'under 2 s'],
      rows.map(([label, fn]) => {
        const ms = medianTimeMs(fn);
        return [label, ms.toFixed(0), ms < 2000 ? 'yes' : 'NO'];
      }),
    );
    console.log(
      `\n${starts} starts, ${map.findings.length} findings, page ${(html.length / 1e6).toFixed(1)} MB (${CRON_JOBS} table rows, 100 timeline rows)`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
