import { fieldLocator, fieldPathSegments } from '../../src/manifests/field-positions';

const text = `# a comment
apiVersion: batch/v1
kind: CronJob
metadata:
  name: nightly
  annotations:
    cdk8s-batch.io/suppress-x: "reason"
spec:
  schedule: "0 0 * * 7"
  jobTemplate:
    spec:
      template:
        spec:
          containers:
            - name: main
              image: busybox
              resources:
                limits: {memory: 2GB}
---
apiVersion: v1
kind: List
items:
  - apiVersion: batch/v1
    kind: Job
    spec: {}
`;

describe('fieldLocator', () => {
  const locate = fieldLocator(text);

  test.each([
    ['metadata.name', 0, 5, 3],
    ['spec.schedule', 0, 9, 3],
    ['spec.jobTemplate.spec.template.spec.containers[0]', 0, 15, 15],
    ['spec.jobTemplate.spec.template.spec.containers[0].image', 0, 16, 15],
    ['spec.jobTemplate.spec.template.spec.containers[0].resources.limits[memory]', 0, 18, 26],
    ['metadata.annotations[cdk8s-batch.io/suppress-x]', 0, 7, 5],
  ])('%s is at its key', (path, document, line, column) => {
    expect(locate(document, path)).toEqual({ line, column });
  });

  test('a missing field points at its deepest existing ancestor', () => {
    expect(locate(0, 'spec.jobTemplate.spec.ttlSecondsAfterFinished')).toEqual({ line: 11, column: 5 });
    expect(locate(0, 'spec.jobTemplate.spec.template.spec.containers[3].image')).toEqual({ line: 14, column: 11 });
  });

  test('an item of a List is found under items[i]', () => {
    expect(locate(1, 'spec', 0)).toEqual({ line: 25, column: 5 });
    expect(locate(1, 'metadata.name', 0)).toEqual({ line: 23, column: 5 });
  });

  test('a document that does not exist has no position', () => {
    expect(locate(5, 'spec')).toBeUndefined();
  });

  test('JSON text is located like YAML', () => {
    expect(fieldLocator('{\n  "spec": {\n    "schedule": "x"\n  }\n}\n')(0, 'spec.schedule')).toEqual({
      line: 3,
      column: 5,
    });
  });
});

test('fieldPathSegments splits dots and brackets, keeping dots inside brackets', () => {
  expect(fieldPathSegments('a.b[0].c[key.with.dots/x]')).toEqual(['a', 'b', '0', 'c', 'key.with.dots/x']);
});
