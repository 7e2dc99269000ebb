import { readFileSync } from 'fs';
import { join } from 'path';
import { examplesMap, fixtureMapText, pictureOf, PICTURE_PATH, withMapText } from '../../scripts/schedule-map-picture';

import { MapFindingKind } from '../../src/map/findings';

const ROOT = join(__dirname, '..', '..');

describe("the README's schedule maps (run `npm run docs` after changing the examples or the map)", () => {
  test('docs/schedule-map.svg is the map of the examples app', () => {
    expect(readFileSync(join(ROOT, PICTURE_PATH), 'utf8')).toBe(pictureOf(examplesMap()));
  }, 60_000);

  test('the text-mode example is the map of the fixture fleet', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    expect(withMapText(readme, fixtureMapText(ROOT))).toBe(readme);
  });

  test('the README shows the picture and names every finding the map reports', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    expect(readme).toContain(`](${PICTURE_PATH})`);
    for (const kind of Object.values(MapFindingKind)) expect(readme).toContain(`| \`${kind}\` |`);
  });
});
