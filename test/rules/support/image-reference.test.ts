/** Image references as the kubelet reads them (distribution/reference ParseNormalizedNamed, go-digest). */
import { imageReferenceProblem } from '../../../src/rules/support/image-reference';

const SHA256 = 'a'.repeat(64);

test.each([
  'busybox',
  'busybox:1.36',
  'library/busybox:latest',
  'docker.io/library/busybox',
  'registry.example.com/team/report:1.4.2',
  'localhost:5000/report',
  'localhost/report:v1',
  '[::1]:5000/report:v1',
  'MyRegistry.example.com/report',
  'registry.example.com:443/team/sub-team/report_tool:V1.0-rc.1',
  'quay.io/a__b/c-d--e.f:tag',
  `report@sha256:${SHA256}`,
  `registry.example.com/report:1.4.2@sha256:${SHA256}`,
  `report@sha512:${'0'.repeat(128)}`,
  // At most 255 characters of path: the registry does not count, Docker Hub's library/ does.
  `registry.example.com/${'a'.repeat(255)}`,
  `index.docker.io/team/${'a'.repeat(250)}`,
  'a'.repeat(247),
])('%s is a reference the kubelet reads', (image) => {
  expect(imageReferenceProblem(image)).toBeUndefined();
});

test.each([
  ['Busybox', 'must be lowercase'],
  ['ghcr.io/Owner/report:1.0', 'must be lowercase'],
  ['busybox:1.36:2', 'reference format'],
  ['busybox :1.36', 'reference format'],
  ['registry.example.com/report/', 'reference format'],
  ['quay.io/a___b', 'reference format'],
  [`busybox:${'t'.repeat(129)}`, 'reference format'],
  ['busybox@sha256:abc', 'reference format'],
  [`busybox@sha256:${'A'.repeat(64)}`, 'lowercase hexadecimal'],
  [`busybox@sha256:${'a'.repeat(40)}`, 'lowercase hexadecimal'],
  [`busybox@md5:${'a'.repeat(32)}`, 'not supported'],
  [SHA256, 'hexadecimal identifier'],
  [`registry.example.com/${'a'.repeat(256)}`, '255 characters'],
  ['a'.repeat(248), '255 characters'],
  [`docker.io/${'a'.repeat(248)}`, '255 characters'],
])('%s is refused: %s', (image, problem) => {
  expect(imageReferenceProblem(image)).toContain(problem);
});

test('a long hostile image is refused with a short message', () => {
  for (const image of ['a-'.repeat(20000) + '!', `Registry/${'A'.repeat(50000)}`, `a@sha256:${'f'.repeat(50000)}g`]) {
    const problem = imageReferenceProblem(image);
    expect(problem).toBeDefined();
    expect(problem!.length).toBeLessThan(200);
  }
});
