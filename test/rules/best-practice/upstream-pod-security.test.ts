/**
 * Pod Security admission's own fixtures (test/data/upstream-pod-security.json): pods each level
 * allows or refuses at a release, written out as Jobs. A pod the level allows gets no pss finding
 * of that level (or below); a pod it refuses gets one from the rule for the check it breaks.
 */
import { parseManifestBytes } from '../../../src/manifests/parse';
import { validateBatchObject } from '../../../src/rules/registry';
import { POD_SECURITY_BASELINE_RULES } from '../../../src/rules/best-practice/pod-security-baseline';
import { POD_SECURITY_RESTRICTED_RULES } from '../../../src/rules/best-practice/pod-security-restricted';
import { ungrouped } from '../../support/findings';
import { readReferenceJson } from '../../support/reference-data';

interface PodSecurityCase {
  readonly name: string;
  readonly release: string;
  readonly level: 'baseline' | 'restricted';
  readonly verdict: 'allowed' | 'refused';
  /** The upstream check a refused pod breaks, as its fixture is named (lower case). */
  readonly check?: string;
  readonly yaml: string;
}

const CASES = readReferenceJson<PodSecurityCase[]>('upstream-pod-security.json');

/** The rules that report each upstream check (restricted tightens some baseline checks). */
const RULES_FOR_CHECK: Readonly<Record<string, readonly string[]>> = {
  allowprivilegeescalation: ['pss-allow-privilege-escalation'],
  apparmorprofile: ['pss-apparmor-profile'],
  capabilities_baseline: ['pss-baseline-capabilities'],
  capabilities_restricted: ['pss-capabilities-drop-all', 'pss-restricted-capabilities'],
  hostnamespaces: ['pss-host-namespaces'],
  hostpathvolumes: ['pss-host-path-volume'],
  hostports: ['pss-host-ports'],
  hostprobesandhostlifecycle: ['pss-probe-host'],
  privileged: ['pss-privileged-container'],
  procmount: ['pss-proc-mount'],
  procmount_restricted: ['pss-proc-mount', 'pss-restricted-proc-mount'],
  restrictedvolumes: ['pss-restricted-volume-type', 'pss-host-path-volume'],
  runasnonroot: ['pss-run-as-non-root'],
  runasuser: ['pss-run-as-root-user'],
  seccompprofile_baseline: ['pss-seccomp-unconfined'],
  seccompprofile_restricted: ['pss-seccomp-profile-missing', 'pss-seccomp-unconfined'],
  selinuxoptions: ['pss-selinux-options'],
  sysctls: ['pss-unsafe-sysctls'],
  windowshostprocess: ['pss-host-process'],
};

const BASELINE_IDS = POD_SECURITY_BASELINE_RULES.map((r) => r.id);
const LEVEL_IDS = {
  baseline: new Set(BASELINE_IDS),
  restricted: new Set([...BASELINE_IDS, ...POD_SECURITY_RESTRICTED_RULES.map((r) => r.id)]),
};

/** The pss findings (rule and field) of a case's Job at its release. */
function podSecurityFindings(c: PodSecurityCase): string[] {
  const read = parseManifestBytes(Buffer.from(c.yaml), `${c.name}.yaml`, 'kubernetes-yaml');
  if ('problem' in read) throw new Error(`${c.name}: ${read.problem.reason}`);
  return ungrouped(validateBatchObject(read.documents[0].value, { kubernetesVersion: c.release }))
    .filter((f) => LEVEL_IDS[c.level].has(f.rule))
    .map((f) => `${f.rule} ${f.field}`);
}

test('the fixtures hold both verdicts at both levels, and every check has its rules', () => {
  for (const level of ['baseline', 'restricted'])
    for (const verdict of ['allowed', 'refused'])
      expect(CASES.filter((c) => c.level === level && c.verdict === verdict).length).toBeGreaterThan(10);
  const checks = new Set(CASES.flatMap((c) => (c.check ? [c.check] : [])));
  expect([...checks].filter((check) => RULES_FOR_CHECK[check] === undefined)).toEqual([]);
});

test.each(CASES.filter((c) => c.verdict === 'allowed').map((c) => [c.name, c] as const))(
  '%s: allowed, no finding of its level',
  (_name, c) => {
    expect(podSecurityFindings(c)).toEqual([]);
  },
);

test.each(CASES.filter((c) => c.verdict === 'refused').map((c) => [c.name, c] as const))(
  '%s: refused, reported by the rule for its check',
  (_name, c) => {
    const rules = RULES_FOR_CHECK[c.check!];
    expect(podSecurityFindings(c).filter((f) => rules.includes(f.split(' ')[0]))).not.toEqual([]);
  },
);
