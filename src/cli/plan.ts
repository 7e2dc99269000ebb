/**
 * `cdk8s-batch plan`: what the reconciler would do for one scheduled job at one instant, from
 * either of two inputs:
 *
 * - a case file (`CASE.json`, or `-` for stdin) in the shape of a controller-cases.json entry (its
 *   `expect`, if present, is ignored), which carries its own `now`;
 * - ScheduledJob manifests (YAML or JSON files, directories, `-`; `cdk8s synth` output or
 *   `kubectl get -o yaml`, `kind: List` included), planned at `--now` (default: the current time).
 *   The one ScheduledJob in them is planned (`--name`/`--namespace` pick one among several), with
 *   the Jobs it owns among them; without a creationTimestamp it is taken as created at `--now`.
 *
 * Both are read by the resource's reader (a case is turned into a ScheduledJob and its Jobs), and
 * every problem is reported with its field path, one line each, exit code 2. JSON prints exactly
 * the cases' `expect` keys; text explains the decision, including the extensions' state.
 */
import { statSync } from 'fs';
import { describeProblem as describeFileProblem, STDIN_NAME } from '../manifests/document';
import { parseManifestBytes, syntaxForFile } from '../manifests/parse';
import {
  BoundedRead,
  DEFAULT_MAX_MANIFEST_BYTES,
  listManifestFiles,
  readFileBounded,
  readManifestFile,
  STDIN_PATH,
  systemReason,
  tooLargeReason,
} from '../manifests/read';
import { planSync, RUN_KIND_DESCRIPTIONS } from '../reconciler/plan/plan';
import { OverlapPolicy, PlanInput, SyncPlan } from '../reconciler/plan/types';
import { describeProblem } from '../reconciler/resource/field-reader';
import { planAnswer, readPlanCase } from '../reconciler/resource/plan-case';
import { ObjectInFile, readPlanInput, selectScheduledJob } from '../reconciler/resource/plan-input';
import { formatInstant } from '../schedule/instants';
import {
  documentPlace,
  duplicateObjectProblem,
  isOfKind,
  ManifestKind,
  PlacedObject,
  SCHEDULED_JOB,
} from './cluster-command';
import { CliIo, ExitCode, UsageError } from './io';
import { formatOption, parseInstant, parseOptions, ParsedOptions, stringOption } from './options';

export const PLAN_USAGE = `cdk8s-batch plan CASE.json [--format text|json]   (CASE.json may be - for stdin)
cdk8s-batch plan MANIFEST... [--now ISO8601] [--name NAME] [--namespace NS] [--format text|json]
  what the reconciler would do for one ScheduledJob: from a case file, or from YAML/JSON manifests
  (files, directories, -; e.g. cdk8s synth output) at --now (default: now)`;

const MANIFEST_ONLY_OPTIONS = ['now', 'name', 'namespace'] as const;

const JOB: ManifestKind = { apiVersion: 'batch/v1', kind: 'Job' };
const LIST: ManifestKind = { apiVersion: 'v1', kind: 'List' };

/** What the command needs besides its arguments; tests fix the clock. */
export interface PlanDependencies {
  now(): number;
}

/** One scheduled job read for planning: the input, or every problem (each with its place). */
type PlanReading = { readonly input: PlanInput } | { readonly problems: readonly string[] };

export async function runPlan(
  args: readonly string[],
  io: CliIo,
  deps: PlanDependencies = { now: () => Date.now() },
): Promise<number> {
  const parsed = parseOptions(args, {
    format: { type: 'string' },
    now: { type: 'string' },
    name: { type: 'string' },
    namespace: { type: 'string' },
  });
  const format = formatOption(parsed);
  const paths = parsed.positionals;
  if (paths.length === 0)
    throw new UsageError('expected a case file or ScheduledJob manifests, e.g. cdk8s-batch plan case.json');
  if (paths.length > 1 && paths.includes(STDIN_PATH))
    throw new UsageError('- (stdin) is read alone, without other files');
  const single = paths.length === 1 ? await readSingleFile(paths[0], io) : undefined;
  const reading =
    single !== undefined && isCaseText(single)
      ? readCase(single, paths[0], parsed)
      : readManifests(paths, single, parsed, deps);
  if ('problems' in reading) {
    await io.err(reading.problems.map((p) => `cdk8s-batch plan: ${p}\n`).join(''));
    return ExitCode.USAGE;
  }
  const plan = planSync(reading.input);
  await io.out(format === 'json' ? `${JSON.stringify(planAnswer(plan))}\n` : explainPlan(reading.input, plan));
  return ExitCode.OK;
}

/** The text of a lone argument that is a file or stdin (a directory is read as manifests). */
async function readSingleFile(path: string, io: CliIo): Promise<string | undefined> {
  if (path === STDIN_PATH) return io.readAll(DEFAULT_MAX_MANIFEST_BYTES);
  let read: BoundedRead;
  try {
    if (statSync(path).isDirectory()) return undefined;
    // Bounded like every manifest: /dev/zero is a file that never ends.
    read = readFileBounded(path, DEFAULT_MAX_MANIFEST_BYTES);
  } catch (error) {
    throw new UsageError(`cannot read ${path}: ${systemReason(error)}`);
  }
  if ('tooLarge' in read) throw new UsageError(`${path} is ${tooLargeReason(DEFAULT_MAX_MANIFEST_BYTES)}`);
  return read.bytes.toString('utf8');
}

/**
 * A case file is JSON that is not a Kubernetes object (no apiVersion or kind); text that starts
 * like JSON but does not parse counts as a case, so that its reader says where it breaks.
 * Anything else is a manifest (YAML, or a JSON Kubernetes object).
 */
function isCaseText(text: string): boolean {
  try {
    const json: unknown = JSON.parse(text);
    return !(typeof json === 'object' && json !== null && ('apiVersion' in json || 'kind' in json));
  } catch {
    return /^\s*[[{]/.test(text);
  }
}

function readCase(text: string, file: string, parsed: ParsedOptions): PlanReading {
  for (const option of MANIFEST_ONLY_OPTIONS) {
    if (parsed.values[option] !== undefined)
      throw new UsageError(`--${option} applies to manifests; a case file gives its own scheduled job and now`);
  }
  const read = readPlanCase(text);
  if (read.input !== undefined) return { input: read.input };
  return { problems: read.problems.map((p) => `${file}: ${describeProblem(p)}`) };
}

function readManifests(
  paths: readonly string[],
  single: string | undefined,
  parsed: ParsedOptions,
  deps: PlanDependencies,
): PlanReading {
  const now = nowOption(parsed, deps);
  const pick = { name: stringOption(parsed, 'name'), namespace: stringOption(parsed, 'namespace') };
  const objects = manifestObjects(paths, single);
  const duplicate = duplicateObjectProblem(
    objects.flatMap(withListItems).filter((o) => isOfKind(o.value, SCHEDULED_JOB) || isOfKind(o.value, JOB)),
  );
  if (duplicate !== undefined) throw new UsageError(duplicate);
  const selection = selectScheduledJob(objects, pick);
  if ('error' in selection) throw new UsageError(selection.error);
  const { scheduledJob, jobs, title } = selection;
  const read = readPlanInput({
    object: scheduledJob.value,
    jobs,
    now,
    assumedCreation: now,
    jobPath: (i) => `Job ${String((jobs[i] as { metadata: { name?: unknown } }).metadata.name)}`,
    strict: true,
  });
  if (read.input !== undefined) return { input: read.input };
  return { problems: read.problems.map((p) => `${scheduledJob.file}: ${title}: ${describeProblem(p)}`) };
}

/** Every document of the manifest files (the text already read when there is one file), with its place. */
function manifestObjects(paths: readonly string[], single: string | undefined): (ObjectInFile & PlacedObject)[] {
  const stdin = paths[0] === STDIN_PATH;
  const name = stdin ? STDIN_NAME : paths[0];
  const files =
    single !== undefined
      ? [
          {
            file: name,
            read: parseManifestBytes(Buffer.from(single), name, stdin ? 'kubernetes-yaml' : syntaxForFile(name)),
          },
        ]
      : listManifestFiles(paths).map((entry) =>
          'problem' in entry
            ? { file: entry.problem.file, read: entry }
            : { file: entry.file, read: readManifestFile(entry.file) },
        );
  // Every file is read, and every unreadable one named (one per line), before any is refused.
  const problems = files.flatMap(({ read }) => ('problem' in read ? [describeFileProblem(read.problem)] : []));
  if (problems.length > 0) throw new UsageError(problems.join('\n'));
  return files.flatMap(({ file, read }) =>
    'problem' in read
      ? []
      : read.documents.map((document) => ({ file, value: document.value, place: documentPlace(document) })),
  );
}

/** A document, or the items of a `kind: List` (as selectScheduledJob opens them), each with its place. */
function withListItems(object: PlacedObject): PlacedObject[] {
  const items = (object.value as { items?: unknown } | null)?.items;
  if (!isOfKind(object.value, LIST) || !Array.isArray(items)) return [object];
  return items.flatMap((value: unknown, i) => withListItems({ value, place: `${object.place} items[${i}]` }));
}

function nowOption(parsed: ParsedOptions, deps: PlanDependencies): number {
  const text = stringOption(parsed, 'now');
  if (text === undefined) return deps.now();
  const now = parseInstant(text);
  if (now === undefined)
    throw new UsageError(`--now must be an RFC 3339 instant such as 2026-03-01T10:00:00Z, not "${text}"`);
  return now;
}

/** A readable account of one plan. */
export function explainPlan(input: PlanInput, plan: SyncPlan): string {
  const { spec } = input;
  const t = formatInstant;
  const names = (list: readonly string[]) => (list.length === 0 ? 'none' : list.join(', '));
  const schedules = [spec.schedule, ...(spec.schedules ?? [])].filter((s) => s !== '').map((s) => JSON.stringify(s));
  const lines = [
    `${input.name} at ${t(input.now)}`,
    `  schedule  ${schedules.join(' + ')} in ${spec.timeZone ?? 'UTC'}; overlap ${spec.overlapPolicy ?? OverlapPolicy.ALLOW_ALL}${spec.suspend ? '; suspended' : ''}`,
  ];
  if (plan.create) {
    lines.push(
      `  create    ${plan.create.jobName} for ${t(plan.create.scheduledTime)} (${RUN_KIND_DESCRIPTIONS[plan.create.kind]})`,
    );
  } else {
    lines.push(`  create    nothing: ${plan.skipReason}${plan.skipDetail ? ` (${plan.skipDetail})` : ''}`);
  }
  if (plan.tooManyMissed)
    lines.push('  warning   more than 100 start times missed (TooManyMissedTimes); only the most recent starts');
  lines.push(
    `  delete    active: ${names(plan.deleteActive)}; finished (history limits): ${names(plan.deleteFinished)}`,
  );
  const s = plan.status;
  lines.push(
    `  status    active: ${names(s.active)}; lastScheduleTime ${s.lastScheduleTime === undefined ? '-' : t(s.lastScheduleTime)}; lastSuccessfulTime ${s.lastSuccessfulTime === undefined ? '-' : t(s.lastSuccessfulTime)}`,
  );
  if (s.queue !== undefined)
    lines.push(
      `  queue     ${s.queue.length === 0 ? 'empty' : s.queue.map(t).join(', ')}${plan.droppedRuns.length > 0 ? `; dropped ${plan.droppedRuns.map(t).join(', ')}` : ''}`,
    );
  if (s.consecutiveFailures !== undefined)
    lines.push(`  failures  ${s.consecutiveFailures} consecutive (pause after ${spec.pauseAfterFailures})`);
  for (const c of s.conditions ?? []) lines.push(`  condition ${c.type}=${c.status} ${c.reason}: ${c.message}`);
  if (s.backfill !== undefined) {
    const b = s.backfill;
    lines.push(
      `  backfill  ${t(b.from)}..${t(b.to)}: ${b.created} run(s) created${b.through === undefined ? '' : ` through ${t(b.through)}`}${b.complete ? ', complete' : ''}${b.truncated ? ' (maxRuns reached)' : ''}`,
    );
  }
  if (plan.requeueAfterMs === undefined) {
    lines.push('  requeue   not until the object or one of its Jobs changes');
  } else {
    const next = plan.nextScheduleTime === undefined ? '' : `next run ${t(plan.nextScheduleTime)}; `;
    lines.push(`  requeue   ${next}sync again in ${formatDelay(plan.requeueAfterMs)}`);
  }
  for (const e of plan.events) lines.push(`  event     ${e.type} ${e.reason}: ${e.message}`);
  return `${lines.join('\n')}\n`;
}

/** 3540100 -> "59m0.1s" (Go's duration style). */
function formatDelay(ms: number): string {
  if (ms <= 0) return '0s (at once)';
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const s = (ms % 60_000) / 1000;
  return `${h > 0 ? `${h}h` : ''}${h > 0 || m > 0 ? `${m}m` : ''}${s}s`;
}
