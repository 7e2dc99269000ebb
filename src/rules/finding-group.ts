/**
 * One finding per root cause. Some best-practice rules each report one setting of a larger whole
 * (Pod Security "restricted" is seven settings; declared resources are three): a manifest written
 * without that whole in mind breaks all of them at once, and a reader wants one finding that says
 * so and lists the settings. Rules name their group (Rule.group); when two or more findings of one
 * group and one severity come from the same object, the registry reports them as one finding whose
 * `parts` are the individual findings. A single finding stays as it is, under its own rule id.
 *
 * Levels and suppression work per setting (the member rule's id) and for the whole group (the
 * group's id), so a team can accept one setting and keep the rest.
 */
import { Finding, FindingPart } from './finding';

/** A root cause that several best-practice rules report one setting of. */
export interface FindingGroup {
  /** Stable, kebab-case; usable wherever a rule id is (policy levels, suppression annotations). */
  readonly id: string;
  /** One line for the rule table: what the member rules have in common. */
  readonly summary: string;
  /**
   * What the grouped finding says before its list of settings, given the settings' own findings,
   * e.g. `The pod misses Pod Security "restricted" in 4 settings`.
   */
  readonly headline: (parts: readonly FindingPart[]) => string;
  /** Why the whole matters, given the settings' own findings: one sentence appended after the list. */
  readonly consequence: (parts: readonly FindingPart[]) => string;
}

/** A finding as the registry collects it, with the group of the rule that reported it. */
export interface GroupableFinding {
  readonly finding: Finding;
  readonly group: FindingGroup | undefined;
}

/**
 * The findings with each group's findings of one severity merged into one, placed where the
 * group's first finding was. Findings outside groups keep their order.
 */
export function groupFindings(collected: readonly GroupableFinding[]): Finding[] {
  const buckets = new Map<string, Finding[]>();
  for (const { finding, group } of collected) {
    if (group === undefined) continue;
    const key = `${group.id} ${finding.severity}`;
    const bucket = buckets.get(key);
    if (bucket === undefined) buckets.set(key, [finding]);
    else bucket.push(finding);
  }
  const findings: Finding[] = [];
  for (const { finding, group } of collected) {
    if (group === undefined) {
      findings.push(finding);
      continue;
    }
    const key = `${group.id} ${finding.severity}`;
    const bucket = buckets.get(key);
    if (bucket === undefined) continue; // already reported as part of its group
    buckets.delete(key);
    findings.push(bucket.length === 1 ? finding : groupedFinding(group, bucket));
  }
  return findings;
}

function groupedFinding(group: FindingGroup, members: readonly Finding[]): Finding {
  const field = commonAncestor(members.map((m) => m.field));
  const parts: FindingPart[] = members.map(({ rule, field: f, message, fix }) => ({ rule, field: f, message, fix }));
  const settings = uniqueInOrder(parts.map((p) => relativeField(field, p.field))).join(', ');
  return {
    rule: group.id,
    severity: members[0].severity,
    field,
    message: `${group.headline(parts)}: ${settings}. ${group.consequence(parts)}`,
    fix: uniqueInOrder(firstFixPerField(parts)).join(' '),
    parts,
  };
}

/**
 * One piece of advice per field, the first part's: two rules about one field (a starting deadline
 * that is missing, and one that lets missed starts pile up) would otherwise say "set it" twice.
 * Each part keeps its own fix.
 */
function firstFixPerField(parts: readonly FindingPart[]): string[] {
  const fields = new Set<string>();
  const fixes: string[] = [];
  for (const { field, fix } of parts) {
    if (fields.has(field)) continue;
    fields.add(field);
    fixes.push(fix);
  }
  return fixes;
}

function uniqueInOrder(texts: readonly string[]): string[] {
  return [...new Set(texts)];
}

const LIST_INDEX = /^\[\d+\]$/;

/** `spec.a[0].b` as segments `spec`, `a`, `[0]`, `b`; a bracketed key may hold dots (`[nvidia.com/gpu]`). */
function segments(field: string): string[] {
  return field.match(/\[[^\]]*\]|[^.[]+/g) ?? [];
}

function joinSegments(parts: readonly string[]): string {
  return parts.map((s, i) => (i === 0 || s.startsWith('[') ? s : `.${s}`)).join('');
}

/**
 * The deepest field every path lies in (or is), e.g. the pod spec for settings across the pod and
 * its containers. Below the root, never a list itself: its items are named with the list
 * (`volumes[0].hostPath`, not `[0].hostPath` under `volumes`).
 */
export function commonAncestor(fields: readonly string[]): string {
  const all = fields.map(segments);
  const [first, ...rest] = all;
  let length = first.length;
  for (const other of rest) {
    let i = 0;
    while (i < length && i < other.length && other[i] === first[i]) i++;
    length = i;
  }
  while (length > 1 && all.some((s) => LIST_INDEX.test(s[length] ?? ''))) length--;
  return joinSegments(first.slice(0, length));
}

/** `field` below `ancestor`, as the list in a grouped finding's message shows it. */
function relativeField(ancestor: string, field: string): string {
  if (field === ancestor || ancestor === '') return field;
  const rest = field.slice(ancestor.length);
  return rest.startsWith('.') ? rest.slice(1) : rest;
}
