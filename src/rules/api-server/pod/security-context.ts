/**
 * Security context values the API server refuses (validateSecurityContext, validatePodSecurityContext):
 * user and group ids outside 0 to 2147483647, privileged or CAP_SYS_ADMIN with
 * allowPrivilegeEscalation: false (the two contradict), unknown procMount, fsGroupChangePolicy and
 * seccomp or AppArmor profile types, and a localhostProfile exactly when the type is Localhost.
 */
import { Violation } from '../../rule';
import { arrayOf, describeValue, fieldOf, integerOf, isAbsent, objectOf, stringOf } from '../../support/access';
import { child, index } from '../../support/field-path';
import { podTemplate, SecurityContextAt, securityContexts } from '../../support/pod-template';
import { apiServerRule, BOTH_KINDS } from '../api-server-rule';

const ID_MAX = 2_147_483_647;
const ID_FIELDS = ['runAsUser', 'runAsGroup', 'fsGroup'] as const;
const PROC_MOUNTS = new Set(['Default', 'Unmasked']);
const FS_GROUP_CHANGE_POLICIES = new Set(['OnRootMismatch', 'Always']);
const PROFILE_TYPES = new Set(['RuntimeDefault', 'Unconfined', 'Localhost']);
const SYS_ADMIN = new Set(['SYS_ADMIN', 'CAP_SYS_ADMIN']);

function idProblem(field: string, value: unknown): string | undefined {
  const id = integerOf(value);
  return id !== undefined && (id < 0 || id > ID_MAX)
    ? `${field} ${id} must be between 0 and ${ID_MAX}, inclusive`
    : undefined;
}

/** A seccompProfile or appArmorProfile: a known type, and a localhostProfile exactly for Localhost. */
function profileProblems(profile: unknown, path: string): string[][] {
  const spec = objectOf(profile);
  if (!spec) return [];
  const type = stringOf(spec.type) ?? '';
  const localhost = stringOf(spec.localhostProfile) ?? '';
  if (!PROFILE_TYPES.has(type))
    return [
      [
        child(path, 'type'),
        `type ${describeValue(type)} is not supported (supported values: "Localhost", "RuntimeDefault", "Unconfined")`,
      ],
    ];
  if (type === 'Localhost' && localhost === '')
    return [[child(path, 'localhostProfile'), 'localhostProfile is required when type is Localhost']];
  if (type !== 'Localhost' && localhost !== '')
    return [[child(path, 'localhostProfile'), `localhostProfile can only be set when type is Localhost, not ${type}`]];
  return [];
}

function contextProblems(context: SecurityContextAt): string[][] {
  const { path, value } = context;
  const out: string[][] = [];
  for (const field of ID_FIELDS) {
    const p = idProblem(field, value[field]);
    if (p) out.push([child(path, field), p]);
  }
  (arrayOf(value.supplementalGroups) ?? []).forEach((group, i) => {
    const p = idProblem('supplemental group', group);
    if (p) out.push([index(child(path, 'supplementalGroups'), i), p]);
  });
  if (value.allowPrivilegeEscalation === false) {
    if (value.privileged === true)
      out.push([
        child(path, 'allowPrivilegeEscalation'),
        'cannot set allowPrivilegeEscalation to false and privileged to true',
      ]);
    const added = arrayOf(fieldOf(value.capabilities, 'add')) ?? [];
    if (added.some((c) => typeof c === 'string' && SYS_ADMIN.has(c)))
      out.push([
        child(path, 'allowPrivilegeEscalation'),
        'cannot set allowPrivilegeEscalation to false and add the capability CAP_SYS_ADMIN',
      ]);
  }
  const procMount = value.procMount;
  if (typeof procMount === 'string' && procMount !== '' && !PROC_MOUNTS.has(procMount))
    out.push([
      child(path, 'procMount'),
      `procMount ${describeValue(procMount)} is not supported (supported values: "Default", "Unmasked")`,
    ]);
  const changePolicy = value.fsGroupChangePolicy;
  if (typeof changePolicy === 'string' && changePolicy !== '' && !FS_GROUP_CHANGE_POLICIES.has(changePolicy))
    out.push([
      child(path, 'fsGroupChangePolicy'),
      `fsGroupChangePolicy ${describeValue(changePolicy)} is not supported (supported values: "OnRootMismatch", "Always")`,
    ]);
  out.push(...profileProblems(value.seccompProfile, child(path, 'seccompProfile')));
  if (!isAbsent(value.appArmorProfile))
    out.push(...profileProblems(value.appArmorProfile, child(path, 'appArmorProfile')));
  return out;
}

export const securityContextInvalid = apiServerRule({
  id: 'security-context-invalid',
  kinds: BOTH_KINDS,
  summary:
    'A pod or container security context the API server refuses: an id outside 0 to 2147483647, allowPrivilegeEscalation: false with privileged or CAP_SYS_ADMIN, an unknown procMount, fsGroupChangePolicy or profile type, a localhostProfile without type Localhost or the reverse.',
  check(input) {
    const violations: Violation[] = [];
    for (const context of securityContexts(podTemplate(input)))
      for (const [field, problem] of contextProblems(context))
        violations.push({
          field,
          message: `The security context of ${context.owner} is refused: ${problem}.`,
          fix: 'Correct the value; ids are whole numbers from 0, profile types are RuntimeDefault, Localhost (with localhostProfile) or Unconfined.',
        });
    return violations;
  },
});

export const SECURITY_CONTEXT_RULES = [securityContextInvalid];
