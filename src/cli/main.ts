#!/usr/bin/env node
/**
 * The `cdk8s-batch` command: picks the subcommand, runs it, and turns the outcome into an exit
 * code. User mistakes print one line on stderr and exit 2; only a bug in cdk8s-batch itself
 * prints a stack trace.
 */
import { CliIo, ExitCode, OutputClosed, processIo, UsageError } from './io';
import { LINT_USAGE, runLint } from './lint';
import { MAP_USAGE, runMap } from './map';
import { NEXT_USAGE, runNext } from './next';
import { PLAN_USAGE, runPlan } from './plan';
import { POLICY_USAGE, runPolicy } from './policy';
import { RECONCILE_DRY_RUN_USAGE, runReconcileDryRun } from './reconcile';
import { runTrigger, TRIGGER_USAGE } from './trigger';
import { BACKFILL_USAGE, runBackfill } from './backfill';
import { LAUNCH_USAGE, runLaunch } from './launch';

/** One subcommand: its runner and its usage text. */
export interface CliCommand {
  run(args: readonly string[], io: CliIo): Promise<number>;
  readonly usage: string;
}

/** The library's commands; the reconciler runtime replaces the cluster ones (reconcile, trigger, backfill, launch). */
export const COMMANDS: Readonly<Record<string, CliCommand>> = {
  lint: { run: runLint, usage: LINT_USAGE },
  next: { run: runNext, usage: NEXT_USAGE },
  map: { run: (args, io) => runMap(args, io), usage: MAP_USAGE },
  plan: { run: runPlan, usage: PLAN_USAGE },
  policy: { run: runPolicy, usage: POLICY_USAGE },
  reconcile: { run: (args, io) => runReconcileDryRun(args, io), usage: RECONCILE_DRY_RUN_USAGE },
  trigger: { run: (args, io) => runTrigger(args, io), usage: TRIGGER_USAGE },
  backfill: { run: (args, io) => runBackfill(args, io), usage: BACKFILL_USAGE },
  launch: { run: (args, io) => runLaunch(args, io), usage: LAUNCH_USAGE },
};

function usage(commands: Readonly<Record<string, CliCommand>>): string {
  return `usage:\n${Object.values(commands)
    .map((c) => c.usage.replace(/^/gm, '  '))
    .join(
      '\n',
    )}\n\nexit codes: 0 ok, 1 findings (an error finding or an invalid schedule), 2 bad usage or unreadable input\n`;
}

/**
 * Runs one command line. `commands` defaults to the library's; the reconciler runtime passes the
 * same table with its cluster-capable commands in place.
 */
export async function runCli(
  argv: readonly string[],
  io: CliIo,
  commands: Readonly<Record<string, CliCommand>> = COMMANDS,
): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    await io.out(usage(commands));
    return name === undefined ? ExitCode.USAGE : ExitCode.OK;
  }
  const command = commands[name];
  if (!command) {
    await io.err(`cdk8s-batch: unknown command "${name}" (commands: ${Object.keys(commands).join(', ')})\n`);
    return ExitCode.USAGE;
  }
  // After `--` every word is an argument: `next --count 1 -- -h` asks about the schedule "-h".
  const end = args.indexOf('--');
  const options = end < 0 ? args : args.slice(0, end);
  if (options.includes('--help') || options.includes('-h')) {
    await io.out(`usage:\n${command.usage}\n`);
    return ExitCode.OK;
  }
  try {
    return await command.run(args, io);
  } catch (error) {
    if (error instanceof OutputClosed) return ExitCode.OK;
    if (error instanceof UsageError) {
      // Several problems (every unreadable file) come one per line, each line prefixed.
      await io.err(
        error.message
          .split('\n')
          .map((line) => `cdk8s-batch ${name}: ${line}\n`)
          .join(''),
      );
      return ExitCode.USAGE;
    }
    throw error;
  }
}

/** The process shell around runCli: exit code, and a stack trace only for a bug in cdk8s-batch itself. */
export function runCliProcess(commands: Readonly<Record<string, CliCommand>> = COMMANDS): void {
  runCli(process.argv.slice(2), processIo(), commands).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      // Output failed where no command catches it (usage, an unknown command): still no stack trace.
      if (error instanceof OutputClosed) {
        process.exitCode = ExitCode.OK;
      } else if (error instanceof UsageError) {
        process.stderr.write(`cdk8s-batch: ${error.message}\n`);
        process.exitCode = ExitCode.USAGE;
      } else {
        process.stderr.write(
          `cdk8s-batch: internal error (please report it): ${error instanceof Error ? error.stack : String(error)}\n`,
        );
        process.exitCode = 70;
      }
    },
  );
}

if (require.main === module) runCliProcess();
