#!/usr/bin/env node
/**
 * The `cdk8s-batch` command: picks the subcommand, runs it, and turns the outcome into an exit
 * code. User mistakes print one line on stderr and exit 2; only a bug in cdk8s-batch itself
 * prints a stack trace.
 */
import { CliIo, ExitCode, processIo, UsageError } from './io';
import { LINT_USAGE, runLint } from './lint';
import { NEXT_USAGE, runNext } from './next';
import { PLAN_USAGE, runPlan } from './plan';
import { RECONCILE_USAGE, runReconcile } from './reconcile';
import { runTrigger, TRIGGER_USAGE } from './trigger';
import { BACKFILL_USAGE, runBackfill } from './backfill';

type Command = (args: readonly string[], io: CliIo) => Promise<number>;

const COMMANDS: Readonly<Record<string, { run: Command; usage: string }>> = {
  lint: { run: runLint, usage: LINT_USAGE },
  next: { run: runNext, usage: NEXT_USAGE },
  plan: { run: runPlan, usage: PLAN_USAGE },
  reconcile: { run: (args, io) => runReconcile(args, io), usage: RECONCILE_USAGE },
  trigger: { run: (args, io) => runTrigger(args, io), usage: TRIGGER_USAGE },
  backfill: { run: (args, io) => runBackfill(args, io), usage: BACKFILL_USAGE },
};

function usage(): string {
  return `usage:\n${Object.values(COMMANDS)
    .map((c) => c.usage.replace(/^/gm, '  '))
    .join(
      '\n',
    )}\n\nexit codes: 0 ok, 1 findings (an error finding or an invalid schedule), 2 bad usage or unreadable input\n`;
}

export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    await io.out(usage());
    return name === undefined ? ExitCode.USAGE : ExitCode.OK;
  }
  const command = COMMANDS[name];
  if (!command) {
    await io.err(`cdk8s-batch: unknown command "${name}" (commands: ${Object.keys(COMMANDS).join(', ')})\n`);
    return ExitCode.USAGE;
  }
  if (args.includes('--help') || args.includes('-h')) {
    await io.out(`usage:\n${command.usage}\n`);
    return ExitCode.OK;
  }
  try {
    return await command.run(args, io);
  } catch (error) {
    if (error instanceof UsageError) {
      await io.err(`cdk8s-batch ${name}: ${error.message}\n`);
      return ExitCode.USAGE;
    }
    throw error;
  }
}

if (require.main === module) {
  runCli(process.argv.slice(2), processIo()).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(
        `cdk8s-batch: internal error (please report it): ${error instanceof Error ? error.stack : String(error)}\n`,
      );
      process.exitCode = 70;
    },
  );
}
