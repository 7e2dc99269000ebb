import { describePodTemplateCases, PodTemplateCase } from './fixtures';

const cases: PodTemplateCase[] = [
  {
    name: 'no CPU request on a container and an init container',
    rule: 'container-missing-cpu-request',
    bad: (t) => {
      delete t.spec.containers[0].resources.requests.cpu;
      delete t.spec.initContainers[0].resources;
    },
    fields: ['spec.containers[0].resources.requests[cpu]', 'spec.initContainers[0].resources.requests[cpu]'],
    // The API server copies a limit into a missing request; ephemeral containers may not set resources.
    good: (t) => {
      t.spec.containers[0].resources = { limits: { cpu: '1', memory: '512Mi' } };
      t.spec.ephemeralContainers = [{ name: 'debug', image: 'busybox:1.36' }];
    },
  },
  {
    name: 'an empty memory request and no limit to default it from',
    rule: 'container-missing-memory-request',
    bad: (t) => (t.spec.containers[0].resources = { requests: { cpu: '250m', memory: '' } }),
    fields: ['spec.containers[0].resources.requests[memory]'],
    good: (t) => {
      delete t.spec.containers[0].resources.requests.memory;
      t.spec.containers[0].resources.limits.memory = '1Gi';
    },
  },
  {
    name: 'no memory limit (a CPU limit does not count)',
    rule: 'container-missing-memory-limit',
    bad: (t) => (t.spec.initContainers[0].resources.limits = { cpu: '1' }),
    fields: ['spec.initContainers[0].resources.limits[memory]'],
    good: (t) => (t.spec.initContainers[0].resources.limits = { memory: 536_870_912 }),
  },
];

describePodTemplateCases(cases);
