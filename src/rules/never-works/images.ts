/**
 * Images no pod can start with, although the Job or CronJob is accepted (a pod template's image is
 * only required): leading or trailing whitespace, which the API server refuses on every pod the Job
 * creates (validateContainersOnlyForPod, "must not have leading or trailing whitespace"); and a
 * reference the kubelet cannot read (support/image-reference.ts), which leaves every pod in
 * InvalidImageName.
 */
import { BOTH_KINDS } from '../api-server/api-server-rule';
import { Violation } from '../rule';
import { describeValue, stringOf } from '../support/access';
import { child } from '../support/field-path';
import { isPaddedWithSpace } from '../support/go-strings';
import { imageReferenceProblem } from '../support/image-reference';
import { podTemplate } from '../support/pod-template';
import { neverWorksRule } from './never-works-rule';

export const containerImageInvalid = neverWorksRule({
  id: 'container-image-invalid',
  kinds: BOTH_KINDS,
  summary:
    'An image with leading or trailing whitespace (every pod is refused) or that is not an image reference (every pod stays in InvalidImageName): uppercase in the repository, spaces, a bad tag or digest.',
  check(input) {
    const violations: Violation[] = [];
    for (const container of podTemplate(input).containers) {
      const image = stringOf(container.value.image);
      if (!image) continue;
      const field = child(container.path, 'image');
      if (isPaddedWithSpace(image))
        violations.push({
          field,
          message: `${container.label} names the image ${describeValue(image)}, with whitespace around it: the API server accepts the template but refuses every pod the Job creates ("must not have leading or trailing whitespace").`,
          fix: 'Remove the spaces or line breaks around the image (a YAML block scalar such as `image: |` keeps a trailing newline).',
        });
      else {
        const problem = imageReferenceProblem(image);
        if (problem)
          violations.push({
            field,
            message: `${container.label} names the image ${describeValue(image)}, which the kubelet cannot pull: ${problem}. Every pod stays in InvalidImageName.`,
            fix: 'Write the image as [registry[:port]/]name[:tag][@sha256:digest], with a lowercase name, e.g. "registry.example.com/team/report:1.4.2".',
          });
      }
    }
    return violations;
  },
});

export const IMAGE_NEVER_WORKS_RULES = [containerImageInvalid];
