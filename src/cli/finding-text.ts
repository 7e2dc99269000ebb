/** One finding as the plain text of an annotation or a code-scanning result. */
import { Finding } from '../rules/finding';

/**
 * A finding as one plain-text message: the field, what is wrong and the fix; for a grouped
 * finding, each setting on a line of its own, since viewers show only the message.
 */
export function findingText(finding: Finding): string {
  const head = `${finding.field}: ${finding.message}`;
  if (finding.parts === undefined) return `${head} Fix: ${finding.fix}`;
  const parts = finding.parts.map((p) => `- ${p.field}: ${p.message} [${p.rule}] Fix: ${p.fix}`);
  return [head, ...parts].join('\n');
}
