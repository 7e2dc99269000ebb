/**
 * Structured logs: one JSON object per line, `{"time","level","msg", ...fields}`, the shape log
 * collectors (Loki, Cloud Logging, Elasticsearch) parse without configuration. Records below
 * the configured level are dropped. Errors among the fields are written as their message.
 */
import { Clock } from '../cluster/clock';
import { LogFields, Logger, LogLevel } from '../controller/observer';

const RANK: Readonly<Record<LogLevel, number>> = {
  [LogLevel.DEBUG]: 0,
  [LogLevel.INFO]: 1,
  [LogLevel.WARN]: 2,
  [LogLevel.ERROR]: 3,
};

/** Where the lines go (standard output in production). */
export type LineSink = (line: string) => void;

export class JsonLogger implements Logger {
  public constructor(
    private readonly sink: LineSink,
    private readonly clock: Clock,
    private readonly minimum: LogLevel = LogLevel.INFO,
  ) {}

  public log(level: LogLevel, message: string, fields: LogFields = {}): void {
    if (RANK[level] < RANK[this.minimum]) return;
    const record: { [key: string]: unknown } = { time: new Date(this.clock.now()).toISOString(), level, msg: message };
    for (const [key, value] of Object.entries(fields)) {
      if (key in record || value === undefined) continue;
      record[key] = value instanceof Error ? value.message : value;
    }
    this.sink(`${JSON.stringify(record)}\n`);
  }
}

/** The level named `text` (debug, info, warn, error), or undefined. */
export function parseLogLevel(text: string): LogLevel | undefined {
  return (Object.values(LogLevel) as string[]).includes(text) ? (text as LogLevel) : undefined;
}
