import { imagePinning, ImagePinning } from '../../../src/rules/best-practice/images';
import { describePodTemplateCases, PodTemplateCase } from './fixtures';

const DIGEST = `sha256:${'0123456789abcdef'.repeat(4)}`;

describe('imagePinning', () => {
  test.each([
    ['busybox', ImagePinning.UNTAGGED],
    ['busybox:', ImagePinning.UNTAGGED],
    ['busybox:latest', ImagePinning.LATEST],
    ['busybox:LATEST', ImagePinning.TAG],
    ['busybox:1.36', ImagePinning.TAG],
    ['localhost:5000/tools/busybox', ImagePinning.UNTAGGED],
    ['localhost:5000/tools/busybox:latest', ImagePinning.LATEST],
    ['localhost:5000/tools/busybox:1.36', ImagePinning.TAG],
    ['registry.example.com:443/app', ImagePinning.UNTAGGED],
    [`busybox@${DIGEST}`, ImagePinning.DIGEST],
    [`localhost:5000/busybox:latest@${DIGEST}`, ImagePinning.DIGEST],
    // Pinned here; a digest the kubelet cannot read is container-image-invalid's (test/rules/never-works).
    ['busybox@sha256:abc', ImagePinning.DIGEST],
    ['busybox@', ImagePinning.DIGEST],
    [`busybox@sha512:${'ab'.repeat(64)}`, ImagePinning.DIGEST],
  ])('%s is %s', (image, expected) => {
    expect(imagePinning(image)).toBe(expected);
  });
});

const cases: PodTemplateCase[] = [
  {
    name: 'latest, and untagged behind a registry port',
    rule: 'container-image-not-pinned',
    bad: (t) => {
      t.spec.containers[0].image = 'registry.example.com/app:latest';
      t.spec.initContainers[0].image = 'localhost:5000/fetch';
      t.spec.ephemeralContainers = [{ name: 'debug', image: 'busybox' }];
    },
    fields: ['spec.containers[0].image', 'spec.initContainers[0].image', 'spec.ephemeralContainers[0].image'],
    good: (t) => {
      t.spec.containers[0].image = 'localhost:5000/app:2024.06.01';
      t.spec.ephemeralContainers = [{ name: 'debug', image: `busybox@${DIGEST}` }];
    },
  },
];

describePodTemplateCases(cases);
