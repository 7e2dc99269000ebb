import { SimulatedClock } from '../support/simulated-clock';
import { LogLevel } from '../../src/controller/observer';
import { JsonLogger, parseLogLevel } from '../../src/runtime/json-logger';

test('one JSON object per line: time, level, msg, then the fields', () => {
  const lines: string[] = [];
  const logger = new JsonLogger((line) => lines.push(line), new SimulatedClock(Date.parse('2026-03-01T10:00:00.123Z')));
  logger.log(LogLevel.INFO, 'created Job', { scheduledJob: 'batch/nightly', job: 'nightly-1', lagSeconds: 0.1 });
  logger.log(LogLevel.WARN, 'sync failed', {
    error: new Error('boom'),
    skipped: undefined,
    msg: 'not allowed to override',
  });
  expect(lines).toEqual([
    '{"time":"2026-03-01T10:00:00.123Z","level":"info","msg":"created Job","scheduledJob":"batch/nightly","job":"nightly-1","lagSeconds":0.1}\n',
    '{"time":"2026-03-01T10:00:00.123Z","level":"warn","msg":"sync failed","error":"boom"}\n',
  ]);
  for (const line of lines) expect(line.endsWith('\n') && !line.slice(0, -1).includes('\n')).toBe(true);
});

test('records below the minimum level are dropped', () => {
  const lines: string[] = [];
  const logger = new JsonLogger((line) => lines.push(line), new SimulatedClock(0), LogLevel.WARN);
  logger.log(LogLevel.DEBUG, 'a');
  logger.log(LogLevel.INFO, 'b');
  logger.log(LogLevel.WARN, 'c');
  logger.log(LogLevel.ERROR, 'd');
  expect(lines.map((l) => JSON.parse(l).msg)).toEqual(['c', 'd']);
});

test('parseLogLevel knows the four levels only', () => {
  expect(['debug', 'info', 'warn', 'error'].map(parseLogLevel)).toEqual([
    LogLevel.DEBUG,
    LogLevel.INFO,
    LogLevel.WARN,
    LogLevel.ERROR,
  ]);
  expect(parseLogLevel('verbose')).toBeUndefined();
});
