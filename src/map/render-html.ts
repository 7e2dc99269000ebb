/**
 * `--format html`: one self-contained page (inline SVG and CSS, no script, nothing fetched) with
 * the picture, the findings beside it, and the same data as tables for readers who cannot see the
 * chart: starts per cell with the jobs in them, and every job with its schedule and runs.
 */
import { formatSeconds } from '../schedule/describe';
import { formatInstant } from '../schedule/instants';
import { cellJobList, cellLabel, plural, quietestColumns, totalStarts } from './labels';
import { renderScheduleMapSvg, esc, SvgOptions } from './render-svg';
import { describeWindow, ScheduleMap } from './schedule-map';

/** Jobs named per cell in the table of starts. */
const TABLE_JOBS = 100;
/** Detail lines shown per finding (the JSON has them all). */
const FINDING_DETAILS = 25;

const STYLE = `
body{font-family:"DejaVu Sans",Verdana,sans-serif;color:#111;background:#fff;margin:1.5rem;line-height:1.4}
h1{font-size:1.4rem;margin:0 0 .25rem}h2{font-size:1.1rem;margin:1.5rem 0 .5rem}
.layout{display:flex;flex-wrap:wrap;gap:1.5rem;align-items:flex-start}
.chart{overflow-x:auto;max-width:100%}.findings{flex:1;min-width:22rem;max-width:44rem}
.findings ol{padding-left:1.2rem}.finding{margin-bottom:.75rem}.kind{font-family:monospace;background:#eef;padding:0 .25rem}
.fix{color:#333}table{border-collapse:collapse;font-size:.85rem}th,td{border:1px solid #bbb;padding:.15rem .4rem;text-align:left;vertical-align:top}
th{background:#f2f2f2}td.n{text-align:right}caption{text-align:left;font-weight:bold;margin:.25rem 0}
.scroll{overflow-x:auto;max-width:100%}
`;

export function renderScheduleMapHtml(map: ScheduleMap, options: SvgOptions = {}): string {
  const title = `Schedule map, ${describeWindow(map)}`;
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${esc(title)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    '<header>',
    '<h1>Fleet schedule map</h1>',
    `<p>${esc(describeWindow(map))}: ${esc(`${plural(map.jobs.length, 'job')}, ${plural(totalStarts(map), 'start')}, ${plural(map.findings.length, 'finding')}`)}. ${esc(quietLine(map))}</p>`,
    '</header>',
    '<main>',
    '<div class="layout">',
    `<section class="chart" aria-label="chart">${renderScheduleMapSvg(map, options)}</section>`,
    findingsSection(map),
    '</div>',
    cellsSection(map),
    jobsSection(map),
    '</main>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

function quietLine(map: ScheduleMap): string {
  const quiet = quietestColumns(map);
  const unit = map.grid.resolution === 'hour' ? 'Quietest hours of the day' : 'Quietest minutes of the hour';
  return `${unit} (${map.window.timeZone}): ${quiet.columns.join(', ')}, with ${plural(quiet.starts, 'start')} over the window.`;
}

function findingsSection(map: ScheduleMap): string {
  const items = map.findings.map(
    (f) =>
      `<li class="finding" data-kind="${f.kind}"><span class="kind">${f.kind}</span> ${esc(f.message)}` +
      `<details><summary>${plural(f.details.length, 'detail')}</summary><ul>${detailItems(f.details)}</ul></details>` +
      `<div class="fix">Fix: ${esc(f.fix)}</div></li>`,
  );
  return [
    '<section class="findings" aria-labelledby="findings-heading">',
    `<h2 id="findings-heading">Findings (${map.findings.length})</h2>`,
    items.length === 0 ? '<p>No findings.</p>' : `<ol>${items.join('\n')}</ol>`,
    '</section>',
  ].join('\n');
}

function detailItems(details: readonly string[]): string {
  const shown = details.slice(0, FINDING_DETAILS).map((d) => `<li>${esc(d)}</li>`);
  const more = details.length - shown.length;
  return more > 0 ? `${shown.join('')}<li>and ${more} more (all of them in --format json)</li>` : shown.join('');
}

/** Every cell with a start, in time order, with the jobs in it: the chart as data. */
function cellsSection(map: ScheduleMap): string {
  const unit = map.grid.resolution === 'hour' ? 'hour' : 'minute';
  const rows = map.grid.cells
    .filter((c) => c.starts > 0)
    .map(
      (c) =>
        `<tr class="cell-row" data-starts="${c.starts}"><td>${esc(cellLabel(map, c))}</td><td class="n">${c.starts}</td><td>${esc(cellJobList(map, c, TABLE_JOBS))}</td></tr>`,
    );
  return [
    '<section aria-labelledby="cells-heading">',
    `<h2 id="cells-heading">Starts per ${unit}</h2>`,
    '<div class="scroll"><table class="cells">',
    `<caption>Every ${unit} with a start, and the jobs starting in it</caption>`,
    `<thead><tr><th scope="col">${unit === 'hour' ? 'Hour' : 'Minute'}</th><th scope="col">Starts</th><th scope="col">Jobs</th></tr></thead>`,
    `<tbody>${rows.join('\n')}</tbody>`,
    '</table></div>',
    '</section>',
  ].join('\n');
}

function jobsSection(map: ScheduleMap): string {
  const rows = map.jobs.map((job, i) => {
    const runs = map.runs[i];
    const first = runs.starts[0];
    const status = job.problem ?? (job.suspended ? 'suspended' : '');
    return (
      `<tr class="job" data-job="${esc(job.id)}"><td>${esc(job.id)}</td><td>${job.kind}</td>` +
      `<td>${esc(job.schedules.join(', '))}</td><td>${esc(job.timeZone ?? 'UTC')}</td>` +
      `<td>${job.deadlineSeconds === undefined ? 'none' : formatSeconds(job.deadlineSeconds)}</td>` +
      `<td>${job.allowsOverlap ? 'allowed' : 'no'}</td><td class="n">${runs.starts.length}${runs.truncated ? '+' : ''}</td>` +
      `<td>${first === undefined ? '' : formatInstant(first)}</td><td>${esc(status)}</td><td>${esc(`${job.file}#${job.index}`)}</td></tr>`
    );
  });
  return [
    '<section aria-labelledby="jobs-heading">',
    `<h2 id="jobs-heading">Jobs (${map.jobs.length})</h2>`,
    '<div class="scroll"><table class="jobs">',
    '<caption>Every CronJob and ScheduledJob read, with its starts in the window</caption>',
    '<thead><tr><th scope="col">Job</th><th scope="col">Kind</th><th scope="col">Schedule</th><th scope="col">Zone</th><th scope="col">Deadline</th><th scope="col">Overlap</th><th scope="col">Starts</th><th scope="col">First start (UTC)</th><th scope="col">Problem</th><th scope="col">Source</th></tr></thead>',
    `<tbody>${rows.join('\n')}</tbody>`,
    '</table></div>',
    '</section>',
  ].join('\n');
}
