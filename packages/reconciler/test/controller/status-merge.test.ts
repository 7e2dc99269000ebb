import { mergeStatus, sameJson } from '../../src/controller/status-merge';

test('fields the plan changed take its value; fields it left alone keep the fresh value', () => {
  const basis = { activeCount: 0, lastScheduleTime: '2026-03-01T09:00:00Z', consecutiveFailures: 2 };
  const ours = {
    active: [{ name: 'a-1' }],
    activeCount: 1,
    lastScheduleTime: '2026-03-01T10:00:00Z',
    consecutiveFailures: 2,
  };
  // Meanwhile someone reset the failure count and another writer set a condition.
  const fresh = {
    activeCount: 0,
    lastScheduleTime: '2026-03-01T09:00:00Z',
    consecutiveFailures: 0,
    conditions: [{ type: 'X' }],
  };
  expect(mergeStatus(basis, ours, fresh)).toEqual({
    active: [{ name: 'a-1' }],
    activeCount: 1,
    lastScheduleTime: '2026-03-01T10:00:00Z',
    consecutiveFailures: 0,
    conditions: [{ type: 'X' }],
  });
});

test('a field the plan removed stays removed; one the fresh status removed is not revived', () => {
  expect(mergeStatus({ queue: ['t'], a: 1 }, { a: 1 } as never, { queue: ['t'], a: 1 })).toEqual({ a: 1 });
  expect(mergeStatus({ a: 1, b: 2 }, { a: 1, b: 2 } as never, { a: 1 })).toEqual({ a: 1 });
});

test('no status to start from: ours wins wherever it says something', () => {
  expect(mergeStatus(undefined, { activeCount: 1 }, undefined)).toEqual({ activeCount: 1 });
  expect(mergeStatus(undefined, { activeCount: 1 }, { activeCount: 0, lastScheduleTime: 'x' })).toEqual({
    activeCount: 1,
    lastScheduleTime: 'x',
  });
});

test('sameJson ignores key order and undefined fields, not array order', () => {
  expect(sameJson({ a: 1, b: { c: [1, 2] } }, { b: { c: [1, 2] }, a: 1 })).toBe(true);
  expect(sameJson({ a: 1, x: undefined }, { a: 1 })).toBe(true);
  expect(sameJson({ c: [1, 2] }, { c: [2, 1] })).toBe(false);
  expect(sameJson({ a: 1 }, { a: '1' })).toBe(false);
  expect(sameJson([], {})).toBe(false);
  expect(sameJson(null, {})).toBe(false);
});
