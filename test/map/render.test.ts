import { renderScheduleMap, mapFormatForFile } from '../../src/map/render';
import { scheduleMapJson } from '../../src/map/render-json';
import { buildScheduleMap } from '../../src/map/schedule-map';
import { cronJob, fixtureMap, FROM_MS } from './support';

const map = () => fixtureMap(['fleet.yaml', 'pile-up.yaml']);

describe('html', () => {
  const html = renderScheduleMap(map(), 'html');

  test('is one self-contained page: no script, nothing fetched, styles inline', () => {
    expect(html.startsWith('<!DOCTYPE html>\n<html lang="en">')).toBe(true);
    expect(html).not.toMatch(/<script|<link|@import|url\(|\bsrc=|https?:\/\/(?!www\.w3\.org\/2000\/svg")/i);
    expect(html).toContain('<style>');
    expect(html).toContain('<svg xmlns="http://www.w3.org/2000/svg"');
  });

  test('is the same for the same input and window', () => {
    expect(renderScheduleMap(map(), 'html')).toBe(html);
  });

  test('has the findings beside the chart and the data as tables', () => {
    expect(html).toContain('<h2 id="findings-heading">Findings (6)</h2>');
    expect(html).toContain('<li class="finding" data-kind="dst-double-run">');
    expect(html).toContain('<table class="cells">');
    expect(html).toContain('<tr class="job" data-job="reports/nightly-dst">');
    expect(html.match(/<tr class="job"/g)).toHaveLength(map().jobs.length);
  });

  test('escapes what it quotes from the manifests', () => {
    const hostile = buildScheduleMap([cronJob('<img src=x onerror="alert(1)">', { schedule: '0 0 * * *' })], {
      fromMs: FROM_MS,
    });
    const page = renderScheduleMap(hostile, 'html');
    expect(page).not.toContain('<img');
    expect(page).toContain('&lt;img src=x onerror=&quot;alert(1)&quot;&gt;');
  });
});

test('svg: one cell per hour of each day, each with its count and its jobs as a tooltip', () => {
  const svg = renderScheduleMap(map(), 'svg');
  expect(svg.match(/<g class="cell"/g)).toHaveLength(7 * 24);
  expect(svg).toContain('<g class="cell" data-when="2026-11-01 (Sun) 05:00 UTC" data-starts="11">');
  expect(svg).toMatch(/data-when="2026-10-29 \(Thu\) 00:00 UTC" data-starts="49"><title>[^<]*49 starts\n[^<]*daily-00/);
});

test('a one-day map counts per minute', () => {
  const one = fixtureMap(['pile-up.yaml'], { days: 1 });
  expect(one.grid.resolution).toBe('minute');
  expect(one.grid.cells).toHaveLength(24 * 60);
  expect(one.grid.cells[0].starts).toBe(40);
  expect(renderScheduleMap(one, 'text')).toContain('shades .:-=+*#%@: from 1 to 40 starts in a minute');
});

test('text: a heat map of counts, the busiest and quietest hours, then the findings', () => {
  const text = renderScheduleMap(fixtureMap(['pile-up.yaml']), 'text');
  const lines = text.split('\n');
  expect(lines[0]).toBe('schedule map, 2026-10-29T00:00:00Z to 2026-11-05T00:00:00Z (7 days, shown in UTC)');
  expect(lines[1]).toBe('45 jobs, 1120 starts');
  expect(lines[3]).toMatch(/^starts per hour\s+00 {2}01 {2}02/);
  expect(lines[4]).toMatch(/^2026-10-29 \(Thu\)\s+45\s+5\s+5/);
  expect(text).toContain('busiest: 2026-10-29 (Thu) 00:00 UTC, 45 starts');
  expect(text).toContain('1 finding:\n  pile-up: 40 starts in the minute 00:00 UTC');
});

test('json: the data behind the picture', () => {
  const json = scheduleMapJson(map());
  expect(json.window).toEqual({
    from: '2026-10-29T00:00:00Z',
    to: '2026-11-05T00:00:00Z',
    days: 7,
    timeZone: 'UTC',
    resolution: 'hour',
  });
  const dst = json.jobs.find((j) => j.id === 'reports/nightly-dst')!;
  expect(dst.starts).toContain('2026-11-01T05:30:00Z');
  expect(dst.starts).toContain('2026-11-01T06:30:00Z');
  expect(json.grid.cells.reduce((sum, c) => sum + c.starts, 0)).toBe(
    json.jobs.reduce((sum, j) => sum + j.starts.length, 0),
  );
  expect(JSON.parse(renderScheduleMap(map(), 'json'))).toEqual(JSON.parse(JSON.stringify(json)));
});

test('mapFormatForFile reads the extension', () => {
  expect(['a.html', 'a.HTM', 'a.svg', 'a.json', 'a.txt', 'map'].map(mapFormatForFile)).toEqual([
    'html',
    'html',
    'svg',
    'json',
    'text',
    'text',
  ]);
});
