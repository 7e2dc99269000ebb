/** CEL forms of hardening.ts. */
import { CEL, CelForms } from './cel-form';
import { defaultServiceAccount, serviceAccountTokenMounted, writableRootFilesystem } from './hardening';

/** serviceAccountName, else the deprecated serviceAccount, else `default`. */
const SERVICE_ACCOUNT = `(${CEL.podSpec}.?serviceAccountName.orValue('') != '' ? ${CEL.podSpec}.serviceAccountName : ${CEL.podSpec}.?serviceAccount.orValue('') != '' ? ${CEL.podSpec}.serviceAccount : 'default')`;

export const HARDENING_CEL: CelForms = {
  [writableRootFilesystem.id]: {
    violation: `${CEL.podSpec}.?os.?name.orValue('') != 'windows' && ${CEL.allContainers}.exists(c, c.?securityContext.?readOnlyRootFilesystem.orValue(false) != true)`,
    fix: 'Set securityContext.readOnlyRootFilesystem: true on every container, and mount an emptyDir at /tmp and any other path it writes to.',
  },
  [serviceAccountTokenMounted.id]: {
    // A ServiceAccount of its own decides about the token itself, which the Job's manifest does not show.
    violation: `${CEL.podSpec}.?automountServiceAccountToken.orValue(true) != false && ${SERVICE_ACCOUNT} == 'default'`,
    fix: 'Set automountServiceAccountToken: false in the pod template; a Job that calls the Kubernetes API gets a ServiceAccount of its own.',
  },
  [defaultServiceAccount.id]: {
    // Without a token (not mounted automatically, none projected) the default account's grants are out of reach.
    violation: `${SERVICE_ACCOUNT} == 'default' && (${CEL.podSpec}.?automountServiceAccountToken.orValue(true) != false || ${CEL.podSpec}.?volumes.orValue([]).exists(v, v.?projected.?sources.orValue([]).exists(s, has(s.serviceAccountToken))))`,
    fix: 'Create a ServiceAccount for this workload and set serviceAccountName to it.',
  },
};
