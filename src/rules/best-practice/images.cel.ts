/**
 * CEL form of images.ts, with the same reading of `[registry[:port]/]path[:tag][@digest]`: the
 * digest is everything after the first `@`; otherwise the tag follows the last colon after the last
 * slash. The regexes are in the subset RE2 and JavaScript read alike (no lookaround, no escapes).
 */
import { CEL, CelForms } from './cel-form';
import { imageNotPinned } from './images';

const SHA256_DIGEST = `'^[^@]*@sha256:[0-9a-f]{64}$'`;
const ANY_SHA256 = `'^[^@]*@sha256:'`;
const OTHER_DIGEST = `'^[^@]*@[a-z0-9]+([.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]{32,}$'`;
const TAG = `':[^:/]+$'`;

const PINNED = `(i.contains('@') ? (i.matches(${SHA256_DIGEST}) || (!i.matches(${ANY_SHA256}) && i.matches(${OTHER_DIGEST}))) : (i.matches(${TAG}) && !i.endsWith(':latest')))`;

export const IMAGE_CEL: CelForms = {
  [imageNotPinned.id]: {
    violation: `${CEL.allContainers}.exists(c, c.?image.orValue('') != '' && [c.image].exists(i, !${PINNED}))`,
    fix: 'Pin every image to a release tag (registry.example.com/app:1.4.2) or a digest (registry.example.com/app@sha256:<64 hex digits>), never latest or untagged.',
  },
};
