/**
 * What a BackupCronJob promises, checked on the CronJob it emits (after `addContainer`, JSON patches
 * and every other change made after construction), not on its props: the pod runs the backup's own
 * containers and scripts only, and the dump's arguments neither send the dump somewhere other than
 * standard output (which the script compresses into the backup file and uploads) nor carry a
 * password. Credentials in other forms are the secret rules' (plain-credentials.ts).
 */
import { Container } from 'cdk8s-plus-28';
import { ConstructRule } from '../../rules/construct-rule';
import { RuleOrigin, Violation } from '../../rules/rule';
import { arrayOf, fieldOf, stringOf } from '../../rules/support/access';
import { DatabaseEngine } from './backup-source';

/** Where the pod template is in a CronJob. */
const TEMPLATE = 'spec.jobTemplate.spec.template';

type ContainerList = 'containers' | 'initContainers';

/** One container as the construct made it. */
export interface OwnContainer {
  readonly name: string;
  readonly command?: readonly string[];
}

/** What the rules compare the emitted CronJob with. */
export interface EmittedBackup {
  /** The emitted CronJob. */
  readonly manifest: unknown;
  /** The containers and init containers the construct made, as it made them. */
  readonly own: { readonly [list in ContainerList]: readonly OwnContainer[] };
  /** The container that runs the dump; its args are the dump tool's extra arguments, or a command source's command. */
  readonly dumpContainer: string;
  /** The database engine; undefined for a command source. */
  readonly engine?: DatabaseEngine;
}

/** The construct's containers and init containers as they are now (call at the end of its constructor). */
export function ownContainers(workload: {
  readonly containers: readonly Container[];
  readonly initContainers: readonly Container[];
}): EmittedBackup['own'] {
  const own = (containers: readonly Container[]) =>
    containers.map((c) => ({ name: c.name ?? '', command: c.command && [...c.command] }));
  return { containers: own(workload.containers), initContainers: own(workload.initContainers) };
}

/** The emitted pod's containers or init containers, read as untrusted JSON (a patch may have written anything). */
function emitted(manifest: unknown, list: ContainerList): readonly unknown[] {
  const path = ['spec', 'jobTemplate', 'spec', 'template', 'spec', list];
  return arrayOf(path.reduce<unknown>((node, key) => fieldOf(node, key), manifest)) ?? [];
}

const sameCommand = (a: unknown, b: readonly string[] | undefined) =>
  JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

function containerViolations({ manifest, own }: EmittedBackup): Violation[] {
  const violations: Violation[] = [];
  for (const list of ['containers', 'initContainers'] as const) {
    const items = emitted(manifest, list);
    const mine = new Map(own[list].map((c) => [c.name, c]));
    items.forEach((item, i) => {
      const path = `${TEMPLATE}.spec.${list}[${i}]`;
      const name = stringOf(fieldOf(item, 'name'));
      const made = name === undefined ? undefined : mine.get(name);
      // Init containers of the user's own are allowed (they finish before the dump); containers are not.
      if (made === undefined && list === 'containers')
        violations.push({
          field: path,
          message: `container "${name ?? `at ${list}[${i}]`}" was not made by the BackupCronJob (added after construction or by a patch): the Job waits for every container, so one that does not exit keeps each run from finishing until its deadline.`,
          fix: 'remove it; run a preparatory step as an init container, and anything else as a Job of its own.',
        });
      else if (made !== undefined && !sameCommand(fieldOf(item, 'command'), made.command))
        violations.push({
          field: `${path}.command`,
          message: `the command of the backup's ${list === 'containers' ? 'container' : 'init container'} "${made.name}" was changed after construction, so it no longer runs the backup's script.`,
          fix: "remove the change; the backup is configured through its props (source, destination, retentionDays, the source's extraArgs).",
        });
    });
    const present = new Set(items.map((item) => fieldOf(item, 'name')));
    for (const c of own[list].filter((c) => !present.has(c.name)))
      violations.push({
        field: `${TEMPLATE}.spec.${list}`,
        message: `the backup's ${list === 'containers' ? 'container' : 'init container'} "${c.name}" is missing from the emitted pod (removed by a patch), so a step of the backup never runs.`,
        fix: 'remove the patch that removes it.',
      });
  }
  return violations;
}

/** The dump tools, by the name they are run as, and their options that write the dump to a file instead of standard output. */
const FILE_OPTIONS: {
  readonly [tool: string]: { readonly short: readonly string[]; readonly long: readonly string[] };
} = {
  pg_dump: { short: ['f'], long: ['file'] },
  pg_dumpall: { short: ['f'], long: ['file'] },
  mysqldump: { short: ['r', 'T'], long: ['result-file', 'tab'] },
  'mariadb-dump': { short: ['r', 'T'], long: ['result-file', 'tab'] },
};

const ENGINE_TOOLS: { readonly [engine in DatabaseEngine]: string } = {
  [DatabaseEngine.POSTGRESQL]: 'pg_dump',
  [DatabaseEngine.MYSQL]: 'mysqldump',
  [DatabaseEngine.MARIADB]: 'mariadb-dump',
};

const SHELLS = new Set(['sh', 'bash', 'ash', 'dash', 'zsh', 'ksh']);

/** A shell redirection of standard output (`> file`, `>> file`, `1> file`, `&> file`), not `2> ...` nor `>&2`. */
const STDOUT_REDIRECT = /(?:^|[\s;|&(])(?:1|&)?>>?(?!&)/;

const basename = (path: unknown) => (typeof path === 'string' ? path.slice(path.lastIndexOf('/') + 1) : '');

/** What is wrong with argument `i` of a dump run by `tool` (a database's extra arguments, or a command source's command). */
export function unsafeDumpArgument(
  tool: string,
  args: readonly unknown[],
  i: number,
  extraArgs: boolean,
): string | undefined {
  const arg = args[i];
  if (typeof arg !== 'string') return undefined;
  const options = FILE_OPTIONS[tool];
  if (options) {
    const long = /^--([A-Za-z-]+)(=|$)/.exec(arg);
    if (long && options.long.includes(long[1]))
      return `--${long[1]} writes the dump to a file instead of standard output`;
    const short = /^-([A-Za-z])/.exec(arg);
    if (short && options.short.includes(short[1]))
      return `-${short[1]} writes the dump to a file instead of standard output`;
    if ((tool === 'mysqldump' || tool === 'mariadb-dump') && /^-p.+/.test(arg))
      return '-p<password> puts the password on the command line';
  }
  if (extraArgs && /^(?:\d|&)?>|^\|/.test(arg))
    return 'a redirection in extraArgs is handed to the dump tool as an argument (no shell reads it), so it cannot redirect the dump';
  if (!extraArgs && i >= 2 && SHELLS.has(basename(args[0])) && args[i - 1] === '-c' && STDOUT_REDIRECT.test(arg))
    return "the script redirects its standard output, so the dump does not reach the backup's file";
  return undefined;
}

function dumpArgumentViolations({ manifest, dumpContainer, engine }: EmittedBackup): Violation[] {
  for (const list of ['containers', 'initContainers'] as const) {
    const items = emitted(manifest, list);
    const i = items.findIndex((item) => fieldOf(item, 'name') === dumpContainer);
    if (i < 0) continue;
    const args = arrayOf(fieldOf(items[i], 'args')) ?? [];
    // A command source's args are its command: the tool is the first of them.
    const tool = engine === undefined ? basename(args[0]) : ENGINE_TOOLS[engine];
    return args.flatMap((_arg, j) => {
      const problem = unsafeDumpArgument(tool, args, j, engine !== undefined);
      return problem === undefined
        ? []
        : [
            {
              field: `${TEMPLATE}.spec.${list}[${i}].args[${j}]`,
              message: `${problem}: the backup compresses and keeps only what the dump writes to standard output, and a password there is in plain text in the manifest and the process list.`,
              fix: 'remove it; the file name comes from filePrefix and the destination, and the password from passwordSecret (or passwordAsFile).',
            },
          ];
    });
  }
  return [];
}

const BACKUP = ['BackupCronJob'];

export const BACKUP_EMITTED_RULES: readonly ConstructRule<EmittedBackup>[] = [
  {
    id: 'backup-containers-changed',
    origin: RuleOrigin.CONSTRUCT,
    constructs: BACKUP,
    summary:
      'The emitted backup pod has a container the construct did not make (addContainer after construction, a patch), lacks one of its containers, or runs another command in one.',
    check: containerViolations,
  },
  {
    id: 'backup-dump-args-unsafe',
    origin: RuleOrigin.CONSTRUCT,
    constructs: BACKUP,
    summary:
      "The dump's emitted arguments write it to a file instead of standard output (--file, -f, --result-file, --tab, a redirection) or pass a password (-p<password>).",
    check: dumpArgumentViolations,
  },
];
