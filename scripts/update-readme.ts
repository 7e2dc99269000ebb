/** `npm run docs`: regenerates the generated parts of README.md in place. */
import { readFileSync, writeFileSync } from 'fs';
import { join } from 'path';
import { withRuleTable } from './rule-table';
import { examplesMap, fixtureMapText, pictureOf, PICTURE_PATH, withMapText } from './schedule-map-picture';

const root = join(__dirname, '..', '..');
const path = join(root, 'README.md');
writeFileSync(join(root, PICTURE_PATH), pictureOf(examplesMap()));
writeFileSync(path, withMapText(withRuleTable(readFileSync(path, 'utf8')), fixtureMapText(root)));
