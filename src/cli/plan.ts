/**
 * `cdk8s-batch plan CASE.json [--format text|json]`: what the reconciler would do for one
 * scheduled job at one instant. The case file has the shape of a controller-cases.json entry
 * (its `expect`, if present, is ignored); `-` reads it from stdin. JSON prints exactly the cases'
 * `expect` keys; text explains the decision, including the extensions' state.
 */
import { readFileSync } from 'fs';
import { CaseFileError, PlanAnswer, planAnswer, readPlanCase } from '../reconciler/plan/case-file';
import { formatInstant } from '../reconciler/plan/instants';
import { planSync, RUN_KIND_DESCRIPTIONS } from '../reconciler/plan/plan';
import { OverlapPolicy, PlanInput, SyncPlan } from '../reconciler/plan/types';
import { CliIo, ExitCode, UsageError } from './io';
import { formatOption, parseOptions } from './options';

export const PLAN_USAGE = 'cdk8s-batch plan CASE.json [--format text|json]   (CASE.json may be - for stdin)';

/** The command's core: case-file text in, the plan and its JSON answer out. Throws CaseFileError. */
export function planCase(text: string): { input: PlanInput; plan: SyncPlan; answer: PlanAnswer } {
  const input = readPlanCase(text);
  const plan = planSync(input);
  return { input, plan, answer: planAnswer(plan) };
}

export async function runPlan(args: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseOptions(args, { format: { type: 'string' } });
  const format = formatOption(parsed);
  if (parsed.positionals.length !== 1)
    throw new UsageError('expected exactly one case file, e.g. cdk8s-batch plan case.json');
  const file = parsed.positionals[0];
  let text: string;
  try {
    text = file === '-' ? await io.readAll() : readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  let result: ReturnType<typeof planCase>;
  try {
    result = planCase(text);
  } catch (error) {
    if (error instanceof CaseFileError) throw new UsageError(`${file}: ${error.message}`);
    throw error;
  }
  await io.out(format === 'json' ? `${JSON.stringify(result.answer)}\n` : explainPlan(result.input, result.plan));
  return ExitCode.OK;
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
