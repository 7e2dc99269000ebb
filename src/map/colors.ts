/**
 * The heat map's colours: a count becomes a shade between a pale and a dark blue, on a
 * logarithmic scale (one pile-up of 400 starts must not wash every other cell out), never lighter
 * for a larger count, and the busiest cell always gets the darkest shade. Text on a cell is
 * black or white, whichever contrasts more (WCAG 2 contrast ratio, at least 4.5:1 on every shade).
 */

type Rgb = readonly [number, number, number];

const LIGHTEST: Rgb = [0xde, 0xeb, 0xf7];
const DARKEST: Rgb = [0x08, 0x30, 0x6b];
/** A cell without starts. */
export const EMPTY_CELL_COLOR = '#ffffff';
/** A cell outside the window. */
export const OUTSIDE_CELL_COLOR = '#eeeeee';

/** The fill of a cell with `count` starts when the busiest cell has `max`. */
export function heatColor(count: number, max: number): string {
  if (count <= 0 || max <= 0) return EMPTY_CELL_COLOR;
  const t = Math.log1p(count) / Math.log1p(max);
  return hex(LIGHTEST.map((from, i) => Math.round(from + (DARKEST[i] - from) * t)) as unknown as Rgb);
}

/** Black or white, whichever reads better on `background` (a `#rrggbb` colour). */
export function textColorOn(background: string): string {
  return contrastRatio(background, '#000000') >= contrastRatio(background, '#ffffff') ? '#000000' : '#ffffff';
}

/** The WCAG 2 contrast ratio of two `#rrggbb` colours, from 1 to 21. */
export function contrastRatio(a: string, b: string): number {
  const [light, dark] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x);
  return (light + 0.05) / (dark + 0.05);
}

/** WCAG 2 relative luminance of a `#rrggbb` colour. */
export function relativeLuminance(color: string): number {
  const channel = (offset: number) => {
    const c = parseInt(color.slice(offset, offset + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

function hex(rgb: Rgb): string {
  return `#${rgb.map((c) => c.toString(16).padStart(2, '0')).join('')}`;
}
