/** Findings as tests of single rules want them. */
import { Finding } from '../../src/rules/finding';

/** Each grouped finding replaced by its parts, at the group's severity: one finding per rule and field. */
export function ungrouped(findings: readonly Finding[]): Finding[] {
  return findings.flatMap((f) =>
    f.parts === undefined
      ? [f]
      : f.parts.map((p) => ({ rule: p.rule, severity: f.severity, field: p.field, message: p.message, fix: p.fix })),
  );
}
