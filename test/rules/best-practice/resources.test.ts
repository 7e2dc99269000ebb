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
  {
    name: 'no CPU request on a container, beside pod-level memory only (1.34+)',
    rule: 'container-missing-cpu-request',
    bad: (t) => {
      delete t.spec.containers[0].resources.requests.cpu;
      t.spec.resources = { requests: { memory: '1Gi' } };
    },
    fields: ['spec.containers[0].resources.requests[cpu]'],
    // A pod-level CPU limit gives the pod its CPU request: the scheduler places the pod by it.
    good: (t) => {
      delete t.spec.containers[0].resources.requests.cpu;
      t.spec.resources = { limits: { cpu: '2' } };
    },
    kubernetesVersion: '1.35',
  },
  {
    name: 'no memory limit on a container, and pod-level resources the release drops (1.33)',
    rule: 'container-missing-memory-limit',
    bad: (t) => {
      delete t.spec.containers[0].resources.limits.memory;
      t.spec.resources = { limits: { memory: '2Gi' } };
    },
    fields: ['spec.containers[0].resources.limits[memory]'],
    good: (t) => (t.spec.containers[0].resources.limits.memory = '1Gi'),
    kubernetesVersion: '1.33',
  },
  {
    name: 'no memory limit on a container, and a pod-level one that bounds them all (1.34+)',
    rule: 'container-missing-memory-limit',
    bad: (t) => {
      delete t.spec.containers[0].resources.limits.memory;
      t.spec.resources = { requests: { memory: '2Gi' } };
    },
    fields: ['spec.containers[0].resources.limits[memory]'],
    good: (t) => {
      delete t.spec.containers[0].resources.limits.memory;
      t.spec.resources = { limits: { memory: '2Gi' } };
    },
    kubernetesVersion: '1.34',
  },
];

describePodTemplateCases(cases);
