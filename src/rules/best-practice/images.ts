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
  MALFORMED_DIGEST = 'malformed-digest',
}

const SHA256_DIGEST = /^sha256:[0-9a-f]{64}$/;
const OTHER_DIGEST = /^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]{32,}$/;

/**
 * Reads `[registry[:port]/]path[:tag][@digest]`. The tag is what follows the last colon after the
 * last slash, so a registry port (`localhost:5000/app`) is not mistaken for a tag.
 */
export function imagePinning(image: string): ImagePinning {
  const at = image.indexOf('@');
  if (at >= 0) {
    const digest = image.slice(at + 1);
    const wellFormed = digest.startsWith('sha256:') ? SHA256_DIGEST.test(digest) : OTHER_DIGEST.test(digest);
    return wellFormed ? ImagePinning.DIGEST : ImagePinning.MALFORMED_DIGEST;
  }
  const colon = image.lastIndexOf(':');
  if (colon <= image.lastIndexOf('/') || colon === image.length - 1) return ImagePinning.UNTAGGED;
  return image.slice(colon + 1) === 'latest' ? ImagePinning.LATEST : ImagePinning.TAG;
}

const MOVES =
  'a tag that moves: each run may get different code than the last, and a rollback cannot bring the old code back';
const PIN =
  'Pin the image to a release tag (e.g. "registry.example.com/app:1.4.2") or, better, to a digest ("registry.example.com/app@sha256:<64 hex digits>").';

const PROBLEMS: Partial<Record<ImagePinning, { readonly problem: string; readonly fix: string }>> = {
  [ImagePinning.LATEST]: { problem: `which is ${MOVES}`, fix: PIN },
  [ImagePinning.UNTAGGED]: { problem: `which has no tag, so it pulls latest, ${MOVES}`, fix: PIN },
  [ImagePinning.MALFORMED_DIGEST]: {
    problem:
      'whose digest is malformed (expected "sha256:" and 64 lower-case hex digits), so the kubelet cannot pull it',
    fix: 'Copy the whole digest from the registry (e.g. `crane digest` or `docker buildx imagetools inspect`).',
  },
};

export const imageNotPinned = bestPracticeRule({
  id: 'container-image-not-pinned',
  kinds: JOBS_AND_CRONJOBS,
  summary: 'Every container image is pinned by a version tag or a digest, never latest or untagged.',
  check(input) {
    const violations: Violation[] = [];
    for (const c of podTemplate(input).containers) {
      const image = stringOf(c.value.image);
      if (!image) continue;
      const problem = PROBLEMS[imagePinning(image)];
      if (problem === undefined) continue;
      violations.push({
        field: child(c.path, 'image'),
        message: `${capitalise(c.label)} runs ${JSON.stringify(image)}, ${problem.problem}.`,
        fix: problem.fix,
      });
    }
    return violations;
  },
});

export const IMAGE_RULES = [imageNotPinned];
