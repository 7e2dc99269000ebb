/**
 * Images pinned by a tag or a digest. An untagged image means `latest`, and `latest` (like any tag
 * that moves) makes a rerun of the same manifest run different code; a CronJob pulls again on
 * every run, so it changes under you between one night and the next.
 */
import { Violation } from '../rule';
import { stringOf } from '../support/access';
import { child } from '../support/field-path';
import { capitalise } from '../support/message-text';
import { podTemplate } from '../support/pod-template';
import { bestPracticeRule, JOBS_AND_CRONJOBS } from './best-practice-rule';

/** How an image reference is pinned. */
export enum ImagePinning {
  DIGEST = 'digest',
  TAG = 'tag',
  LATEST = 'latest',
  UNTAGGED = 'untagged',
}

/**
 * Reads `[registry[:port]/]path[:tag][@digest]`. The tag is what follows the last colon after the
 * last slash, so a registry port (`localhost:5000/app`) is not mistaken for a tag. A reference with
 * a digest is pinned: whether the kubelet can read that digest is `container-image-invalid`'s
 * question (never-works), so a malformed one is reported once, as the error it is.
 */
export function imagePinning(image: string): ImagePinning {
  if (image.includes('@')) return ImagePinning.DIGEST;
  const colon = image.lastIndexOf(':');
  if (colon <= image.lastIndexOf('/') || colon === image.length - 1) return ImagePinning.UNTAGGED;
  return image.slice(colon + 1) === 'latest' ? ImagePinning.LATEST : ImagePinning.TAG;
}

const MOVES =
  'a tag that moves: each run may get different code than the last, and a rollback cannot bring the old code back';
const PIN =
  'Pin the image to a release tag (e.g. "registry.example.com/app:1.4.2") or, better, to a digest ("registry.example.com/app@sha256:<64 hex digits>").';

/** What is wrong with an image of each unpinned kind. */
const PROBLEMS: Partial<Record<ImagePinning, string>> = {
  [ImagePinning.LATEST]: `which is ${MOVES}`,
  [ImagePinning.UNTAGGED]: `which has no tag, so it pulls latest, ${MOVES}`,
};

export const imageNotPinned = bestPracticeRule({
  id: 'container-image-not-pinned',
  kinds: JOBS_AND_CRONJOBS,
  summary: 'Every container image is pinned by a version tag or a digest, never latest or untagged.',
  // A reference the kubelet cannot read (`ko://...`, `${IMAGE}`) is not pulled at all.
  yieldsTo: ['container-image-invalid'],
  check(input) {
    const violations: Violation[] = [];
    for (const c of podTemplate(input).containers) {
      const image = stringOf(c.value.image);
      if (!image) continue;
      const problem = PROBLEMS[imagePinning(image)];
      if (problem === undefined) continue;
      violations.push({
        field: child(c.path, 'image'),
        message: `${capitalise(c.label)} runs ${JSON.stringify(image)}, ${problem}.`,
        fix: PIN,
      });
    }
    return violations;
  },
});

export const IMAGE_RULES = [imageNotPinned];
