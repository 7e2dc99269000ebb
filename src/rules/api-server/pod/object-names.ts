/**
 * The objects a pod spec names by name (ValidatePodSpec): runtimeClassName (checked whenever it is
 * set, even empty), serviceAccountName and nodeName (when not empty) are DNS-1123 subdomains. The
 * deprecated serviceAccount is copied into serviceAccountName when that is empty
 * (Convert_v1_PodSpec_To_core_PodSpec), so it is checked then, and reported where it is written
 * (the API server reports it at serviceAccountName). schedulerName is not checked upstream.
 */
import { Violation } from '../../rule';
import { describeValue } from '../../support/access';
import { child } from '../../support/field-path';
import { dns1123SubdomainProblems } from '../../support/names';
import { podTemplate } from '../../support/pod-template';
import { apiServerRule, BOTH_KINDS } from '../api-server-rule';

export const podNamesInvalid = apiServerRule({
  id: 'pod-names-invalid',
  kinds: BOTH_KINDS,
  summary:
    'A runtimeClassName, serviceAccountName (or deprecated serviceAccount) or nodeName that is not a DNS-1123 subdomain, or an empty runtimeClassName.',
  check(input) {
    const pod = podTemplate(input);
    const { runtimeClassName, serviceAccountName, serviceAccount, nodeName } = pod.spec;
    if (
      runtimeClassName === undefined &&
      serviceAccountName === undefined &&
      serviceAccount === undefined &&
      nodeName === undefined
    )
      return [];
    let out: Violation[] | undefined;
    const check = (field: string, value: string, noun: string, fix: string, note = '') => {
      for (const p of dns1123SubdomainProblems(value))
        (out ??= []).push({
          field: child(pod.specPath, field),
          message: `${field} ${describeValue(value)} cannot name ${noun}: ${p}${note}.`,
          fix,
        });
    };
    if (typeof runtimeClassName === 'string')
      check(
        'runtimeClassName',
        runtimeClassName,
        'a RuntimeClass',
        'Use the name of a RuntimeClass (kubectl get runtimeclasses), e.g. "gvisor", or leave runtimeClassName out for the default runtime.',
      );
    const accountFix =
      'Use the name of a ServiceAccount in the namespace, e.g. "report-writer" (lowercase letters, digits, "-" and ".").';
    if (typeof serviceAccountName === 'string' && serviceAccountName !== '')
      check('serviceAccountName', serviceAccountName, 'a ServiceAccount', accountFix);
    else if (typeof serviceAccount === 'string' && serviceAccount !== '')
      check(
        'serviceAccount',
        serviceAccount,
        'a ServiceAccount',
        'Write the name in serviceAccountName (serviceAccount is its deprecated alias), e.g. "report-writer".',
        ' (the API server copies it into serviceAccountName and reports it there)',
      );
    if (typeof nodeName === 'string' && nodeName !== '')
      check(
        'nodeName',
        nodeName,
        'a Node',
        'Use a node name as kubectl get nodes shows it, or better, leave nodeName out and use a nodeSelector or node affinity.',
      );
    return out ?? [];
  },
});

export const OBJECT_NAME_RULES = [podNamesInvalid];
