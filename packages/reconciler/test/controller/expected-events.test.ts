import { ExpectedEvents, JobChange } from '../../src/controller/expected-events';

test('an expected event is fulfilled once; an unexpected one is not', () => {
  const expected = new ExpectedEvents();
  expected.expect('ns/a', JobChange.CREATED, 'a-1');
  expected.expect('ns/a', JobChange.DELETED, 'a-0');
  expect(expected.fulfilled('ns/a', JobChange.DELETED, 'a-1')).toBe(false);
  expect(expected.fulfilled('ns/b', JobChange.CREATED, 'a-1')).toBe(false);
  expect(expected.fulfilled('ns/a', JobChange.CREATED, 'a-1')).toBe(true);
  expect(expected.fulfilled('ns/a', JobChange.CREATED, 'a-1')).toBe(false);
  expect(expected.size).toBe(1);
  expect(expected.fulfilled('ns/a', JobChange.DELETED, 'a-0')).toBe(true);
  expect(expected.size).toBe(0);
});

test('reset drops what a failed request left behind', () => {
  const expected = new ExpectedEvents();
  expected.expect('ns/a', JobChange.CREATED, 'a-1');
  expected.reset('ns/a');
  expect(expected.fulfilled('ns/a', JobChange.CREATED, 'a-1')).toBe(false);
  expect(expected.size).toBe(0);
});
