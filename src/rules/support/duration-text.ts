/** Durations in messages: Go-style below two days (`1h30m`), with a day unit above (`100d`, `4d4h`). */
import { formatSeconds } from '../../schedule/describe';

const DAY = 86_400;

export function describeDuration(seconds: number): string {
  if (seconds < 2 * DAY) return formatSeconds(seconds);
  const days = Math.floor(seconds / DAY);
  const rest = seconds - days * DAY;
  return rest === 0 ? `${days}d` : `${days}d${formatSeconds(rest)}`;
}
