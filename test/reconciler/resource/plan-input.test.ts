/**
 * A ScheduledJob, its Jobs and an instant read into the plan's input (plan-input.ts), and a plan
 * case read by being turned into exactly those (plan-case.ts): the same input either way, and
 * every problem reported once, under the path of what the user wrote.
 */
import { readFileSync } from 'fs';
import { join } from 'path';
import { JobPhase, OverlapPolicy } from '../../../src/reconciler/plan/types';
import { parsePlanCase, readPlanCase } from '../../../src/reconciler/resource/plan-case';
import { readPlanInput } from '../../../src/reconciler/resource/plan-input';

const t = (iso: string) => Date.parse(iso);
const NOW = t('2026-03-01T10:00:00.1Z');
const TEMPLATE = { spec: { template: { spec: { containers: [{ name: 'main', image: 'busybox:1.36' }] } } } };
const scheduledJob = (extra: Record<string, unknown> = {}) => ({
  apiVersion: 'scheduling.cdk8s-batch.io/v1alpha1',
  kind: 'ScheduledJob',
  metadata: { name: 'report', namespace: 'ns', creationTimestamp: '2026-03-01T00:00:00Z' },
  spec: { schedule: '0 * * * *', overlapPolicy: 'CancelOther', jobTemplate: TEMPLATE },
  ...extra,
});
const fields = (problems: readonly { field: string }[]) => problems.map((p) => p.field);

describe('readPlanInput', () => {
  test('metadata, spec, status and the owned Jobs, as the plan reads them', () => {
    const read = readPlanInput({
      object: scheduledJob({ status: { active: [{ name: 'report-1' }], lastScheduleTime: '2026-03-01T09:00:00Z' } }),
      jobs: [
        { metadata: { name: 'report-1' }, status: { startTime: '2026-03-01T09:00:01Z' } },
        {
          metadata: { name: 'report-0' },
          status: { completionTime: '2026-03-01T08:20:00Z', conditions: [{ type: 'Complete', status: 'True' }] },
        },
      ],
      now: NOW,
    });
    expect(read.problems).toEqual([]);
    expect(read.input).toEqual({
      name: 'report',
      creationTimestamp: t('2026-03-01T00:00:00Z'),
      spec: { schedule: '0 * * * *', overlapPolicy: OverlapPolicy.CANCEL_OTHER },
      status: { active: ['report-1'], lastScheduleTime: t('2026-03-01T09:00:00Z') },
      jobs: [
        { name: 'report-1', phase: JobPhase.RUNNING, startTime: t('2026-03-01T09:00:01Z') },
        { name: 'report-0', phase: JobPhase.SUCCEEDED, finishedAt: t('2026-03-01T08:20:00Z') },
      ],
      now: NOW,
    });
  });

  test('no creationTimestamp: as created at the assumed time (a manifest not applied yet), else now; deletion is noticed', () => {
    const object = { ...scheduledJob(), metadata: { name: 'report', deletionTimestamp: '2026-03-01T09:59:00Z' } };
    expect(readPlanInput({ object, jobs: [], now: NOW }).input).toMatchObject({
      creationTimestamp: NOW,
      beingDeleted: true,
    });
    expect(readPlanInput({ object, jobs: [], now: NOW, assumedCreation: 5 }).input?.creationTimestamp).toBe(5);
  });

  test('every problem at once: metadata, spec, status, Jobs, and the plan checks of a spec that was read', () => {
    const read = readPlanInput({
      object: {
        metadata: { name: '', creationTimestamp: '2026-02-30T00:00:00Z' },
        spec: { schedule: 5, jobTemplate: TEMPLATE },
        status: { lastScheduleTime: 'then' },
      },
      jobs: [
        { metadata: { name: 'a' }, status: { startTime: 'soon', conditions: 'done' } },
        { metadata: { name: 'a', finalizers: [1] } },
        'b',
        {},
      ],
      now: NOW,
    });
    expect(read.input).toBeUndefined();
    expect(fields(read.problems)).toEqual([
      'metadata.name',
      'metadata.creationTimestamp',
      'spec.schedule',
      'status.lastScheduleTime',
      'jobs[0].status.startTime',
      'jobs[0].status.conditions',
      'jobs[1].metadata.finalizers[0]',
      'jobs[1].metadata.name',
      'jobs[2]',
      'jobs[3].metadata',
    ]);
    const plan = readPlanInput({
      object: scheduledJob({ spec: { schedule: '0 * * * *', bufferLimit: 0, jobTemplate: TEMPLATE } }),
      jobs: [],
      now: NOW,
      jobPath: (i) => `Job ${i}`,
    });
    expect(plan.problems).toEqual([
      { field: 'spec.bufferLimit', message: 'must be a whole number from 1 to 100, not 0' },
      { field: 'spec.bufferLimit', message: 'applies to overlapPolicy BufferAll only' },
    ]);
  });

  test('not an object, or no metadata', () => {
    expect(readPlanInput({ object: [], jobs: [], now: NOW }).problems).toEqual([
      { field: '', message: 'must be an object, not a list' },
    ]);
    expect(fields(readPlanInput({ object: { spec: {} }, jobs: [], now: NOW }).problems)).toEqual([
      'metadata',
      'spec.schedule',
      'spec.jobTemplate',
    ]);
  });
});

describe('a plan case is the ScheduledJob and Jobs it describes', () => {
  test('the upstream-replace case reads exactly as its resource form does', () => {
    const text = readFileSync(join(__dirname, '..', '..', 'fixtures', 'plan', 'upstream-replace.json'), 'utf8');
    const fromCase = readPlanCase(text);
    expect(fromCase.problems).toEqual([]);
    const owned = (name: string, status: unknown) => ({
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name },
      status,
    });
    const fromResource = readPlanInput({
      object: {
        metadata: { name: 'report', creationTimestamp: '2026-03-01T00:00:00Z' },
        spec: {
          schedule: '0 * * * *',
          overlapPolicy: 'CancelOther',
          successfulJobsHistoryLimit: 3,
          failedJobsHistoryLimit: 1,
          jobTemplate: TEMPLATE,
        },
        status: { active: [{ name: 'report-29539260' }], lastScheduleTime: '2026-03-01T09:00:00Z' },
      },
      jobs: [
        owned('report-29539260', {}),
        owned('report-29539200', {
          startTime: '2026-03-01T08:00:01Z',
          completionTime: '2026-03-01T08:20:00Z',
          conditions: [{ type: 'Complete', status: 'True' }],
        }),
        ...['report-29539140', 'report-29539080'].map((name, i) =>
          owned(name, {
            startTime: `2026-03-01T0${7 - i}:00:01Z`,
            conditions: [{ type: 'Failed', status: 'True', lastTransitionTime: `2026-03-01T0${7 - i}:20:00Z` }],
          }),
        ),
      ],
      now: NOW,
    });
    expect(fromResource.problems).toEqual([]);
    expect(fromCase.input).toEqual(fromResource.input);
  });

  const good = {
    cronJob: { schedule: '0 * * * *' },
    creationTimestamp: '2026-03-01T00:00:00Z',
    now: '2026-03-01T10:00:00Z',
  };

  test("problems of the translated parts come back under the case's own paths", () => {
    const read = parsePlanCase({
      ...good,
      cronJob: { name: '', schedule: '0 * * * *', exclusions: [{ dates: ['2026-02-30'] }] },
      lastSuccessfulTime: 'yesterday',
      activeJobs: [{ name: 'a' }, { name: 7, existsInCluster: false }, { name: 'z', startTime: 1 }],
      finishedJobs: [
        { name: 'b', succeeded: true, finishedAt: '2026-13-01T00:00:00Z' },
        { name: 'c', succeeded: false, finishedAt: 'later' },
      ],
      status: { backfill: { from: '2026-03-01T00:00:00Z' } },
    });
    expect(read.problems).toEqual([
      // the ScheduledJob: metadata, then status in the order of its fields (the spec reads cleanly)
      { field: 'cronJob.name', message: 'must not be empty' },
      { field: 'activeJobs[1].name', message: 'must be a string, not 7' },
      { field: 'lastSuccessfulTime', message: expect.stringMatching(/^must be an RFC 3339 instant/) },
      { field: 'status.backfill.to', message: "Required value: the request's last instant (RFC 3339)" },
      // its Jobs
      { field: 'activeJobs[2].startTime', message: 'must be a string, not 1' },
      { field: 'finishedJobs[0].finishedAt', message: expect.stringMatching(/^must be an RFC 3339 instant/) },
      { field: 'finishedJobs[1].finishedAt', message: expect.stringMatching(/^must be an RFC 3339 instant/) },
      // the plan's own checks of the spec
      { field: 'cronJob.exclusions[0].dates[0]', message: expect.stringContaining('"2026-02-30" is not a date') },
    ]);
  });

  test('what only a case has is checked as it is translated', () => {
    const read = parsePlanCase({
      ...good,
      beingDeleted: 'yes',
      cronJob: { schedule: '0 * * * *', concurrencyPolicy: 'Never' },
      activeJobs: [
        { name: 'a', existsInCluster: false, inStatusActive: false },
        { name: 'b', scheduledTime: 'x' },
      ],
      status: { active: [], lastScheduleTime: '2026-03-01T09:00:00Z', queue: [] },
      ' odd key': 1,
    });
    expect(fields(read.problems)).toEqual([
      '[" odd key"]',
      'beingDeleted',
      'cronJob.concurrencyPolicy',
      'activeJobs[0]',
      'activeJobs[1].scheduledTime',
      'status.active',
      'status.lastScheduleTime',
    ]);
  });

  test('a cronJob that is not an object, and a case that is not JSON', () => {
    expect(parsePlanCase({ ...good, cronJob: ['0 * * * *'] }).problems).toEqual([
      { field: 'cronJob', message: 'must be an object, not a list' },
    ]);
    expect(readPlanCase('{"now": ').problems).toEqual([{ field: '', message: expect.stringMatching(/^not JSON: /) }]);
  });
});
