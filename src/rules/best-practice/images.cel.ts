/**
 * CEL form of images.ts, with the same reading of `[registry[:port]/]path[:tag][@digest]`: a
 * reference with a digest is pinned; otherwise the tag follows the last colon after the last slash.
 * The regex is in the subset RE2 and JavaScript read alike (no lookaround, no escapes).
 */
import { CEL, CelForms } from './cel-form';
import { imageNotPinned } from './images';

const TAG = `':[^:/]+$'`;

const PINNED = `(i.contains('@') || (i.matches(${TAG}) && !i.endsWith(':latest')))`;

export const IMAGE_CEL: CelForms = {
  [imageNotPinned.id]: {
    violation: `${CEL.allContainers}.exists(c, c.?image.orValue('') != '' && [c.image].exists(i, !${PINNED}))`,
    fix: 'Pin every image to a release tag (registry.example.com/app:1.4.2) or a digest (registry.example.com/app@sha256:<64 hex digits>), never latest or untagged.',
  },
};
