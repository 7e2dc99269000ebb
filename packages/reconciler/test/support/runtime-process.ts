/**
 * The runtime as the reconciler image runs it: the compiled command (`npm run build` makes it;
 * `npm test` builds first), under the Node binary named by RUNTIME_NODE (CI points it at Node 24,
 * the image's), else the one running the tests.
 */
import { join } from 'path';

export const RUNTIME_MAIN = join(__dirname, '..', '..', 'lib', 'src', 'main.js');
export const RUNTIME_NODE = process.env.RUNTIME_NODE || process.execPath;
