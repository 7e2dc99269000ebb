/** One entry to the four renderings of a map, and the format a file name asks for. */
import { renderScheduleMapHtml } from './render-html';
import { renderScheduleMapJson } from './render-json';
import { renderScheduleMapSvg } from './render-svg';
import { renderScheduleMapText } from './render-text';
import { ScheduleMap } from './schedule-map';

export const MAP_FORMATS = ['html', 'svg', 'text', 'json'] as const;
export type MapFormat = (typeof MAP_FORMATS)[number];

export function renderScheduleMap(map: ScheduleMap, format: MapFormat): string {
  switch (format) {
    case 'html':
      return renderScheduleMapHtml(map);
    case 'svg':
      return `${renderScheduleMapSvg(map)}\n`;
    case 'json':
      return renderScheduleMapJson(map);
    case 'text':
      return renderScheduleMapText(map);
  }
}

/** The format a file's extension names: `.html`/`.htm`, `.svg`, `.json`; anything else is text. */
export function mapFormatForFile(file: string): MapFormat {
  const extension = /\.([^./\\]+)$/.exec(file)?.[1].toLowerCase();
  if (extension === 'html' || extension === 'htm') return 'html';
  if (extension === 'svg' || extension === 'json') return extension;
  return 'text';
}
