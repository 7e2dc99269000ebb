/**
 * Pod readiness and scheduling gates: each readinessGates[].conditionType is a qualified name
 * (validateReadinessGates); each schedulingGates[].name is a qualified name, named once
 * (validateSchedulingGates, reported at `schedulingGates[i]` as upstream does). schedulingGates is
 * the PodSchedulingReadiness field: alpha 1.26, on by default from 1.27, GA 1.30; before that
 * field-unavailable-in-version reports it and its names are not checked here.
 */
import { FEATURES, featureEnabled } from '../../kubernetes-version';
import { Violation } from '../../rule';
import { arrayOf, describeValue, objectOf, stringOf } from '../../support/access';
import { child, index } from '../../support/field-path';
import { qualifiedNameProblems } from '../../support/names';
import { podTemplate } from '../../support/pod-template';
import { apiServerRule, BOTH_KINDS } from '../api-server-rule';

export const podReadinessGatesInvalid = apiServerRule({
  id: 'pod-readiness-gates-invalid',
  kinds: BOTH_KINDS,
  summary: 'A readinessGates conditionType that is not a qualified name (e.g. "example.com/feature-ready").',
  check(input) {
    const pod = podTemplate(input);
    const gates = arrayOf(pod.spec.readinessGates);
    if (gates === undefined || gates.length === 0) return [];
    let out: Violation[] | undefined;
    for (let i = 0; i < gates.length; i++) {
      const gate = objectOf(gates[i]);
      if (!gate) continue;
      const type = gate.conditionType;
      if (type !== undefined && type !== null && typeof type !== 'string') continue;
      for (const p of qualifiedNameProblems(type ?? ''))
        (out ??= []).push({
          field: child(index(child(pod.specPath, 'readinessGates'), i), 'conditionType'),
          message: `readiness gate conditionType ${describeValue(type ?? '')} is not a qualified name: ${p}.`,
          fix: 'Name the pod condition a controller sets, as [prefix/]name, e.g. "example.com/feature-ready".',
        });
    }
    return out ?? [];
  },
});

export const podSchedulingGatesInvalid = apiServerRule({
  id: 'pod-scheduling-gates-invalid',
  kinds: BOTH_KINDS,
  since: FEATURES.schedulingGates,
  summary: 'A schedulingGates name that is not a qualified name, or a gate named twice.',
  check(input) {
    const pod = podTemplate(input);
    const gates = arrayOf(pod.spec.schedulingGates);
    if (gates === undefined || gates.length === 0 || !featureEnabled(FEATURES.schedulingGates, input.version))
      return [];
    const listPath = child(pod.specPath, 'schedulingGates');
    const fix =
      'Name each gate once, as [prefix/]name, e.g. "example.com/quota-check"; the controller that owns it removes it.';
    let out: Violation[] | undefined;
    let seen: Set<string> | undefined;
    for (let i = 0; i < gates.length; i++) {
      const gate = objectOf(gates[i]);
      if (!gate) continue;
      const raw = gate.name;
      if (raw !== undefined && raw !== null && typeof raw !== 'string') continue;
      const name = stringOf(raw) ?? '';
      for (const p of qualifiedNameProblems(name))
        (out ??= []).push({
          field: index(listPath, i),
          message: `scheduling gate name ${describeValue(name)} is not a qualified name: ${p}.`,
          fix,
        });
      if (gates.length === 1) break;
      seen ??= new Set();
      if (seen.has(name))
        (out ??= []).push({
          field: index(listPath, i),
          message: `The scheduling gate ${describeValue(name)} is listed twice (Duplicate value).`,
          fix,
        });
      seen.add(name);
    }
    return out ?? [];
  },
});

export const GATE_RULES = [podReadinessGatesInvalid, podSchedulingGatesInvalid];
