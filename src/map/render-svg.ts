/**
 * `--format svg`, and the picture inside the HTML page: the heat map (each cell with its count,
 * and the jobs in it as the cell's tooltip), a colour legend, and the timeline of runs from start
 * to deadline bound (self-overlap in red, jitter bands pale). Plain SVG with its own styles: no
 * script, no external reference, the same bytes for the same map.
 */
import { EMPTY_CELL_COLOR, heatColor, OUTSIDE_CELL_COLOR, textColorOn } from './colors';
import { GridCell } from './grid';
import { cellJobList, cellLabel, plural, totalStarts } from './labels';
import { TimeZone } from '../schedule/time-zone';
import { describeWindow, mapZone, ScheduleMap } from './schedule-map';
import { barSpans, jitterSpans, rowRects, TimeScale, timelineJobs } from './timeline';

export interface SvgOptions {
  /**
   * Jobs drawn on the timeline (the table and the JSON list them all).
   * @default 100
   */
  readonly timelineRows?: number;
}

/** Jobs named in a cell's tooltip. */
const TOOLTIP_JOBS = 25;
const LABEL_WIDTH = 210;
const MARGIN = 12;
const ROW_HEIGHT = 14;

interface Geometry {
  readonly cellWidth: number;
  readonly cellHeight: number;
  readonly gridTop: number;
  readonly gridWidth: number;
}

export function renderScheduleMapSvg(map: ScheduleMap, options: SvgOptions = {}): string {
  const hourly = map.grid.resolution === 'hour';
  const g: Geometry = {
    cellWidth: hourly ? 30 : 14,
    cellHeight: hourly ? 22 : 16,
    gridTop: 56,
    gridWidth: map.grid.columns.length * (hourly ? 30 : 14),
  };
  const gridBottom = g.gridTop + map.grid.rows.length * g.cellHeight;
  const legendTop = gridBottom + 14;
  const timelineTop = legendTop + 48;
  const timeline = renderTimeline(map, g, timelineTop, options.timelineRows ?? 100);
  // Room on the right for the last tick label of the timeline.
  const width = MARGIN * 2 + LABEL_WIDTH + g.gridWidth + 24;
  const height = timeline.bottom + MARGIN;
  const busiest = map.grid.maxStarts;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="map-title map-desc" font-family="DejaVu Sans, Verdana, sans-serif" font-size="11">`,
    `<title id="map-title">Schedule map, ${esc(describeWindow(map))}</title>`,
    `<desc id="map-desc">${esc(`${plural(map.jobs.length, 'job')}, ${plural(totalStarts(map), 'start')}; the busiest ${hourly ? 'hour' : 'minute'} has ${plural(busiest, 'start')}; ${plural(map.findings.length, 'finding')}.`)}</desc>`,
    `<style>.cell text{pointer-events:none}.cell:hover rect{stroke:#d62728;stroke-width:2}.heading{font-size:13px;font-weight:bold}.muted{fill:#444}</style>`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text class="heading" x="${MARGIN}" y="22">${esc(`Starts per ${hourly ? 'hour' : 'minute'}, ${map.window.timeZone}`)}</text>`,
    `<text class="muted" x="${MARGIN}" y="38">${esc(describeWindow(map))}</text>`,
    renderHeatMap(map, g),
    renderLegend(map, legendTop),
    timeline.svg,
    '</svg>',
  ].join('\n');
}

function renderHeatMap(map: ScheduleMap, g: Geometry): string {
  const left = MARGIN + LABEL_WIDTH;
  const parts = ['<g class="heat-map">'];
  map.grid.columns.forEach((label, c) => {
    if (map.grid.resolution === 'minute' && c % 5 !== 0) return;
    parts.push(
      `<text class="muted" x="${left + c * g.cellWidth + g.cellWidth / 2}" y="${g.gridTop - 4}" text-anchor="middle">${label}</text>`,
    );
  });
  map.grid.rows.forEach((label, r) => {
    parts.push(
      `<text x="${left - 6}" y="${g.gridTop + r * g.cellHeight + g.cellHeight / 2 + 4}" text-anchor="end">${esc(label)}</text>`,
    );
  });
  for (const cell of map.grid.cells) parts.push(renderCell(map, g, cell));
  parts.push('</g>');
  return parts.join('\n');
}

function renderCell(map: ScheduleMap, g: Geometry, cell: GridCell): string {
  const x = MARGIN + LABEL_WIDTH + cell.column * g.cellWidth;
  const y = g.gridTop + cell.row * g.cellHeight;
  const fill = cell.inWindow ? heatColor(cell.starts, map.grid.maxStarts) : OUTSIDE_CELL_COLOR;
  const when = cellLabel(map, cell);
  const tip = !cell.inWindow
    ? `${when}: outside the window`
    : cell.starts === 0
      ? `${when}: no starts`
      : `${when}: ${plural(cell.starts, 'start')}\n${cellJobList(map, cell, TOOLTIP_JOBS)}`;
  const fits = map.grid.resolution === 'hour' ? cell.starts < 1000 : cell.starts < 100;
  const count =
    cell.starts > 0 && fits
      ? `<text x="${x + g.cellWidth / 2}" y="${y + g.cellHeight / 2 + 4}" text-anchor="middle" fill="${textColorOn(fill)}"${map.grid.resolution === 'minute' ? ' font-size="8"' : ''}>${cell.starts}</text>`
      : '';
  return `<g class="cell" data-when="${esc(when)}" data-starts="${cell.starts}"><title>${esc(tip)}</title><rect x="${x}" y="${y}" width="${g.cellWidth - 1}" height="${g.cellHeight - 1}" fill="${fill}"/>${count}</g>`;
}

function renderLegend(map: ScheduleMap, top: number): string {
  const max = map.grid.maxStarts;
  const steps = max <= 1 ? [0, 1] : [...new Set([0, 1, Math.round(Math.sqrt(max)), Math.round(max / 2), max])];
  const parts = [`<g class="legend"><text class="muted" x="${MARGIN}" y="${top + 12}">starts:</text>`];
  steps.forEach((count, i) => {
    const x = MARGIN + LABEL_WIDTH + i * 56;
    const fill = count === 0 ? EMPTY_CELL_COLOR : heatColor(count, max);
    parts.push(
      `<rect x="${x}" y="${top}" width="18" height="16" fill="${fill}" stroke="#999999"/><text x="${x + 22}" y="${top + 12}">${count}</text>`,
    );
  });
  parts.push(
    `<rect x="${MARGIN + LABEL_WIDTH + steps.length * 56}" y="${top}" width="18" height="16" fill="${OUTSIDE_CELL_COLOR}" stroke="#999999"/><text x="${MARGIN + LABEL_WIDTH + steps.length * 56 + 22}" y="${top + 12}">outside the window</text></g>`,
  );
  return parts.join('');
}

function renderTimeline(map: ScheduleMap, g: Geometry, top: number, limit: number): { svg: string; bottom: number } {
  const scale: TimeScale = {
    fromMs: map.window.fromMs,
    toMs: map.window.toMs,
    x: MARGIN + LABEL_WIDTH,
    width: g.gridWidth,
  };
  const { jobs, left } = timelineJobs(map, limit);
  const rowsTop = top + 50;
  const parts = [
    '<g class="timeline">',
    `<text class="heading" x="${MARGIN}" y="${top + 8}">Runs, from start to deadline bound</text>`,
    `<text class="muted" x="${MARGIN}" y="${top + 24}">blue: one run may be active; red: runs of the job may overlap; pale: jitter band</text>`,
    ...axisTicks(map, scale, rowsTop, rowsTop + Math.max(jobs.length, 1) * ROW_HEIGHT),
  ];
  jobs.forEach((job, i) => {
    const y = rowsTop + i * ROW_HEIGHT;
    const id = map.jobs[job].id;
    const bound =
      map.jobs[job].deadlineSeconds === undefined ? 'no deadline' : `deadline ${map.jobs[job].deadlineSeconds}s`;
    const rects = [
      ...rowRects(jitterSpans(map, job), scale).map(
        (r) => `<rect class="jitter" x="${r.x}" y="${y + 2}" width="${r.width}" height="9" fill="#c6dbef"/>`,
      ),
      ...rowRects(barSpans(map, job), scale).map(
        (r) =>
          `<rect class="${r.depth === 2 ? 'overlap' : 'run'}" x="${r.x}" y="${y + 2}" width="${r.width}" height="9" fill="${r.depth === 2 ? '#c0392b' : '#2171b5'}"/>`,
      ),
    ];
    parts.push(
      `<g class="job-row" data-job="${esc(id)}"><title>${esc(`${id}: ${plural(map.runs[job].starts.length, 'run')}, ${bound}`)}</title><text x="${MARGIN + LABEL_WIDTH - 6}" y="${y + 10}" text-anchor="end">${esc(shorten(id, 34))}</text>${rects.join('')}</g>`,
    );
  });
  const noteY = rowsTop + jobs.length * ROW_HEIGHT + 14;
  if (jobs.length === 0)
    parts.push(`<text class="muted" x="${scale.x}" y="${rowsTop + 10}">no runs in the window</text>`);
  if (left > 0)
    parts.push(
      `<text class="muted" x="${scale.x}" y="${noteY}">${esc(`and ${plural(left, 'more job')} with runs (listed in the table)`)}</text>`,
    );
  parts.push('</g>');
  return { svg: parts.join('\n'), bottom: noteY + (left > 0 ? 6 : -8) };
}

/** A tick and label per local day (per hour on a one-day map), at the window's own instants. */
function axisTicks(map: ScheduleMap, scale: TimeScale, top: number, bottom: number): string[] {
  const stepMs = map.grid.resolution === 'hour' ? 86_400_000 : 3_600_000 * 3;
  const ticks: string[] = [];
  const zone = mapZone(map.window.timeZone)!;
  for (let t = scale.fromMs; t <= scale.toMs; t += stepMs) {
    const x = Math.round((scale.x + ((t - scale.fromMs) / (scale.toMs - scale.fromMs)) * scale.width) * 10) / 10;
    const label = localTimeLabel(t, zone);
    ticks.push(
      `<line x1="${x}" y1="${top - 4}" x2="${x}" y2="${bottom}" stroke="#dddddd"/><text class="muted" x="${x}" y="${top - 6}" text-anchor="middle" font-size="9">${label}</text>`,
    );
  }
  return ticks;
}

/** `10-29 00:00`: an instant's local month, day and time. */
function localTimeLabel(ms: number, zone: TimeZone): string {
  const seconds = Math.floor(ms / 1000);
  return new Date((seconds + zone.offsetAt(seconds)) * 1000).toISOString().slice(5, 16).replace('T', ' ');
}

function shorten(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** Escapes text for XML content and attribute values. */
export function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
