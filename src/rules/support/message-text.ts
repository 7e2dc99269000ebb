/** Wording helpers shared by rule messages. */
import { formatSeconds } from '../../schedule/describe';

const DAY = 86_400;

/** A duration: Go-style below two days (`1h30m`), with a day unit above (`100d`, `4d4h`). */
export function describeDuration(seconds: number): string {
  if (seconds < 2 * DAY) return formatSeconds(seconds);
  const days = Math.floor(seconds / DAY);
  const rest = seconds - days * DAY;
  return rest === 0 ? `${days}d` : `${days}d${formatSeconds(rest)}`;
}

/** `the pod` -> `The pod`, for a label that starts a sentence. */
export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** `a`, `a and b`, `a, b and c`. */
export function joinWords(words: readonly string[]): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

/** `"a", "b"`: the values an API-server "supported values" list quotes. */
export function quotedValues(values: readonly string[]): string {
  return values.map((v) => JSON.stringify(v)).join(', ');
}
