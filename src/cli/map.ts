/**
 * `cdk8s-batch map PATH... [--time-zone ZONE] [--from DATE] [--days N] [--format html|svg|text|json] [--output FILE]`:
 * the fleet schedule map of every CronJob and ScheduledJob in the manifests. Exit 0 when the map
 * is written (findings are part of the map, not a failure), 2 for bad usage or a file that cannot
 * be read (each named on stderr; the map of the rest is still written).
 */
import { writeFileSync } from 'fs';
import { createDirectory } from '../manifests/directories';
import { dirname } from 'path';
import { describeProblem } from '../manifests/document';
import { readMapInputs } from '../map/inputs';
import { localMidnight } from '../map/map-file';
import { MAP_FORMATS, MapFormat, mapFormatForFile, renderScheduleMap } from '../map/render';
import { buildScheduleMap, MapTooLarge, MAX_MAP_DAYS, mapZone, ScheduleMap } from '../map/schedule-map';
import { TimeZone } from '../schedule/time-zone';
import { CliIo, ExitCode, UsageError } from './io';
import { integerOption, parseInstant, parseOptions, ParsedOptions, stringOption } from './options';

export const MAP_USAGE = `cdk8s-batch map PATH... [--time-zone ZONE] [--from DATE] [--days N] [--format html|svg|text|json] [--output FILE]
  the fleet schedule map: every start of every CronJob and ScheduledJob in the window, findings beside it
  PATH: a YAML or JSON file, or a directory (every .yaml, .yml and .json below it)
  --time-zone ZONE: the zone whose dates and hours the map shows (default UTC)
  --from DATE: YYYY-MM-DD (midnight in ZONE) or an RFC 3339 instant (default: now)
  --days N: 1 to ${MAX_MAP_DAYS} (default 7); a one-day map counts starts per minute
  --format: default from --output's extension (.html, .svg, .json), otherwise text`;

export async function runMap(args: readonly string[], io: CliIo, nowMs: () => number = Date.now): Promise<number> {
  const parsed = parseOptions(args, {
    'time-zone': { type: 'string' },
    from: { type: 'string' },
    days: { type: 'string' },
    format: { type: 'string' },
    output: { type: 'string' },
  });
  const timeZone = stringOption(parsed, 'time-zone', 'UTC')!;
  const zone = mapZone(timeZone);
  if (zone === undefined)
    throw new UsageError(`--time-zone must be an IANA zone such as Europe/Berlin, not "${timeZone}"`);
  const fromMs = fromOption(parsed, zone, nowMs);
  const days = integerOption(parsed, 'days', 7, 1, MAX_MAP_DAYS);
  const output = stringOption(parsed, 'output');
  if (output === '') throw new UsageError('--output needs a file name');
  const format = formatOption(parsed, output);
  if (parsed.positionals.length === 0) throw new UsageError('missing PATH: name manifest files or directories');
  if (parsed.positionals.includes('-')) throw new UsageError('map reads files and directories, not standard input');

  const inputs = readMapInputs(parsed.positionals);
  for (const problem of inputs.problems) await io.err(`cdk8s-batch map: ${describeProblem(problem)}\n`);
  let map: ScheduleMap;
  try {
    map = buildScheduleMap(inputs.documents, { fromMs, days, timeZone });
  } catch (error) {
    if (error instanceof MapTooLarge) throw new UsageError(error.message);
    throw error;
  }
  const text = renderScheduleMap(map, format);
  if (output === undefined) {
    await io.out(text);
  } else {
    const problem = createDirectory(dirname(output));
    if (problem !== undefined) throw new UsageError(problem);
    try {
      writeFileSync(output, text);
    } catch (error) {
      // A directory, a read-only or full file system: one line, as for an unreadable input.
      throw new UsageError(`cannot write ${output}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    }
    await io.err(`cdk8s-batch map: wrote ${output} (${map.jobs.length} jobs, ${map.findings.length} findings)\n`);
  }
  return inputs.problems.length > 0 ? ExitCode.USAGE : ExitCode.OK;
}

/** `--from`: a date is midnight in the map's zone; otherwise an instant; by default now, to the minute. */
function fromOption(parsed: ParsedOptions, zone: TimeZone, nowMs: () => number): number {
  const text = stringOption(parsed, 'from');
  if (text === undefined) return Math.floor(nowMs() / 60_000) * 60_000;
  const ms = localMidnight(text, zone) ?? parseInstant(text);
  if (ms === undefined)
    throw new UsageError(
      `--from must be a date (YYYY-MM-DD) or an RFC 3339 instant such as 2026-11-01T00:00:00Z, not "${text}"`,
    );
  return ms;
}

function formatOption(parsed: ParsedOptions, output: string | undefined): MapFormat {
  const format = stringOption(parsed, 'format');
  if (format === undefined) return output === undefined ? 'text' : mapFormatForFile(output);
  if (!(MAP_FORMATS as readonly string[]).includes(format))
    throw new UsageError(`--format must be ${MAP_FORMATS.join(', ')}, not "${format}"`);
  return format as MapFormat;
}
