import { contrastRatio, EMPTY_CELL_COLOR, heatColor, relativeLuminance, textColorOn } from '../../src/map/colors';

test('a larger count is never lighter, and only the busiest count gets the darkest shade', () => {
  const max = 40;
  const shades = Array.from({ length: max }, (_, i) => relativeLuminance(heatColor(i + 1, max)));
  for (let i = 1; i < shades.length; i++) expect(shades[i]).toBeLessThanOrEqual(shades[i - 1]);
  expect(shades[max - 1]).toBeLessThan(shades[max - 2]);
  expect(heatColor(0, max)).toBe(EMPTY_CELL_COLOR);
  expect(relativeLuminance(heatColor(1, max))).toBeLessThan(relativeLuminance(EMPTY_CELL_COLOR));
});

test.each([1, 2, 7, 40, 1000])(
  'every shade of a scale up to %i carries its count at 4.5:1 contrast or better',
  (max) => {
    for (let count = 1; count <= max; count++) {
      const fill = heatColor(count, max);
      expect(contrastRatio(fill, textColorOn(fill))).toBeGreaterThanOrEqual(4.5);
    }
  },
);

test('contrastRatio follows WCAG 2: black on white is 21, a colour with itself 1', () => {
  expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
  expect(contrastRatio('#2171b5', '#2171b5')).toBe(1);
});
