/** `npm run docs`: regenerates the generated parts of README.md in place. */
import { readFileSync, writeFileSync } from 'fs';
import { join } from 'path';
import { withRuleTable } from './rule-table';

const path = join(__dirname, '..', '..', 'README.md');
writeFileSync(path, withRuleTable(readFileSync(path, 'utf8')));
