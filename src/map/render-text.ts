/**
 * `--format text`: a compact heat map for a terminal (counts per hour; shades per minute for a
 * one-day map, which has 60 columns), the quiet hours, and the findings.
 */
import { formatSeconds } from '../schedule/describe';
import { busiestCell, cellJobList, cellLabel, plural, quietestColumns, totalStarts } from './labels';
import { ScheduleMap, describeWindow } from './schedule-map';

/** Shades from few to many starts, for minute cells. */
const SHADES = '.:-=+*#%@';
/** Detail lines shown per finding; the JSON has them all. */
const DETAIL_LINES = 6;

export function renderScheduleMapText(map: ScheduleMap): string {
  const lines = [
    `schedule map, ${describeWindow(map)}`,
    `${plural(map.jobs.length, 'job')}, ${plural(totalStarts(map), 'start')}`,
    '',
    ...heatLines(map),
    '',
    ...summaryLines(map),
    '',
    ...findingLines(map),
  ];
  return `${lines.join('\n')}\n`;
}

function heatLines(map: ScheduleMap): string[] {
  const { grid } = map;
  const hourly = grid.resolution === 'hour';
  const width = hourly ? 4 : 1;
  const label = Math.max(...grid.rows.map((r) => r.length));
  const header = `${(hourly ? 'starts per hour' : 'starts per minute').padEnd(label)} ${grid.columns
    .map((c) => (hourly ? c.padStart(width) : c.endsWith('0') ? c[0] : ' '))
    .join('')}`;
  const rows = grid.rows.map((row, r) => {
    const cells = grid.columns.map((_, c) => {
      const cell = grid.cells[r * grid.columns.length + c];
      if (!cell.inWindow) return ' '.repeat(width);
      if (hourly) return (cell.starts === 0 ? '.' : cell.starts > 999 ? '>999' : String(cell.starts)).padStart(width);
      if (cell.starts === 0) return ' ';
      return SHADES[Math.min(SHADES.length - 1, Math.floor((cell.starts / grid.maxStarts) * (SHADES.length - 1)))];
    });
    return `${row.padEnd(label)} ${cells.join('')}`;
  });
  const legend = hourly ? [] : [`shades ${SHADES}: from 1 to ${grid.maxStarts} starts in a minute; blank: none`];
  return [header, ...rows, ...legend];
}

function summaryLines(map: ScheduleMap): string[] {
  const busiest = busiestCell(map);
  if (busiest === undefined) return ['nothing starts in the window'];
  const quiet = quietestColumns(map);
  const unit = map.grid.resolution === 'hour' ? 'hours of the day' : 'minutes of the hour';
  const bounded = map.jobs.filter((j) => j.deadlineSeconds !== undefined);
  const longest = Math.max(0, ...bounded.map((j) => j.deadlineSeconds!));
  return [
    `busiest: ${cellLabel(map, busiest)}, ${plural(busiest.starts, 'start')} (${cellJobList(map, busiest, 5)})`,
    `quietest ${unit}: ${quiet.columns.join(' ')} (${plural(quiet.starts, 'start')} over the window)`,
    `deadlines: ${bounded.length} of ${plural(map.jobs.length, 'job')} bound their runs${longest > 0 ? `, the longest ${formatSeconds(longest)}` : ''}`,
  ];
}

function findingLines(map: ScheduleMap): string[] {
  if (map.findings.length === 0) return ['no findings'];
  const lines = [`${plural(map.findings.length, 'finding')}:`];
  for (const f of map.findings) {
    lines.push(`  ${f.kind}: ${f.message}`);
    for (const d of f.details.slice(0, DETAIL_LINES)) lines.push(`      ${d}`);
    if (f.details.length > DETAIL_LINES) lines.push(`      ... and ${f.details.length - DETAIL_LINES} more`);
    lines.push(`    fix: ${f.fix}`);
  }
  return lines;
}
