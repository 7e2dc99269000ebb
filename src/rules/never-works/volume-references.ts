/**
 * A volume that names its Secret, ConfigMap or PersistentVolumeClaim by a name no object of that
 * kind can have. The API server checks only that the name is there (validateSecretVolumeSource,
 * validateConfigMapVolumeSource, validatePersistentClaimVolumeSource; a projected volume's Secret or
 * ConfigMap not even that), while every Secret, ConfigMap and claim is named by a DNS-1123
 * subdomain (ValidateObjectMeta with NameIsDNSSubdomain). So the object is never found: the
 * scheduler keeps a pod whose claim is missing Pending ("persistentvolumeclaim ... not found"), and
 * the kubelet cannot mount a Secret or ConfigMap it cannot get, so the pod never starts. The usual
 * cause is a placeholder nobody substituted (`$PVC_NAME`, `<secret-name>`) or capitals.
 *
 * A Secret or ConfigMap marked `optional: true` is mounted empty when it is missing, and one in a
 * volume no container mounts is never fetched (the kubelet skips unused volumes; the scheduler
 * still wants every claim): neither is reported. An empty name is the API server's to refuse
 * (pod-volume-source-invalid), and a projected source without one is left alone.
 */
import { arrayOf, fieldOf, isObject, objectOf, stringOf } from '../support/access';
import { child, index } from '../support/field-path';
import { dns1123SubdomainProblems } from '../support/names';
import { PodTemplate, PodVolume, podTemplate } from '../support/pod-template';
import { Violation } from '../rule';
import { BOTH_KINDS } from '../api-server/api-server-rule';
import { neverWorksRule } from './never-works-rule';

/** One object a volume refers to by name. */
interface Reference {
  /** The object's kind, as messages name it. */
  readonly kind: 'Secret' | 'ConfigMap' | 'PersistentVolumeClaim';
  readonly name: string;
  /** Where the name is written. */
  readonly field: string;
}

const NEVER_FOUND: Record<Reference['kind'], string> = {
  Secret: 'the kubelet never finds it to mount, and the pod never starts',
  ConfigMap: 'the kubelet never finds it to mount, and the pod never starts',
  PersistentVolumeClaim: 'the scheduler keeps every pod Pending ("persistentvolumeclaim ... not found")',
};

/** The names of the volumes some container mounts or uses as a device. */
function usedVolumes(pod: PodTemplate): Set<unknown> {
  const used = new Set<unknown>();
  for (const c of pod.containers)
    for (const list of [c.value.volumeMounts, c.value.volumeDevices])
      for (const use of arrayOf(list) ?? []) used.add(fieldOf(use, 'name'));
  return used;
}

/**
 * The objects `volume` needs to exist, by the name it gives: its claim, and its Secrets and
 * ConfigMaps that are not optional when a container uses the volume (`used`).
 */
function references(volume: PodVolume, used: boolean): Reference[] {
  const found: Reference[] = [];
  const add = (kind: Reference['kind'], source: unknown, nameField: string, path: string) => {
    const fields = objectOf(source);
    const name = stringOf(fields?.[nameField]);
    if (fields === undefined || name === undefined || name === '') return;
    if (kind !== 'PersistentVolumeClaim' && (!used || fields.optional === true)) return;
    found.push({ kind, name, field: child(path, nameField) });
  };
  const { value, path } = volume;
  add('PersistentVolumeClaim', value.persistentVolumeClaim, 'claimName', child(path, 'persistentVolumeClaim'));
  add('Secret', value.secret, 'secretName', child(path, 'secret'));
  add('ConfigMap', value.configMap, 'name', child(path, 'configMap'));
  const sourcesPath = child(child(path, 'projected'), 'sources');
  (arrayOf(objectOf(value.projected)?.sources) ?? []).forEach((source, i) => {
    if (!isObject(source)) return;
    add('Secret', source.secret, 'name', child(index(sourcesPath, i), 'secret'));
    add('ConfigMap', source.configMap, 'name', child(index(sourcesPath, i), 'configMap'));
  });
  return found;
}

export const volumeReferenceNameInvalid = neverWorksRule({
  id: 'pod-volume-reference-name-invalid',
  kinds: BOTH_KINDS,
  summary:
    'A volume names its PersistentVolumeClaim, or the Secret or ConfigMap a container mounts (not optional), by a name no such object can have (not a DNS-1123 subdomain, e.g. an unsubstituted `$PVC_NAME`): the pod never starts.',
  check(input) {
    const pod = podTemplate(input);
    if (pod.volumes.length === 0) return [];
    const used = usedVolumes(pod);
    const violations: Violation[] = [];
    for (const volume of pod.volumes) {
      for (const { kind, name, field } of references(volume, used.has(volume.value.name))) {
        const problems = dns1123SubdomainProblems(name);
        if (problems.length === 0) continue;
        violations.push({
          field,
          message: `${volume.label} names the ${kind} ${JSON.stringify(name)}, a name no ${kind} can have (${problems[0]}), so ${NEVER_FOUND[kind]}.`,
          fix: `Write the ${kind}'s name as it is in the cluster (lowercase letters, digits, '-' and '.'); if this is a placeholder, substitute it before applying.`,
        });
      }
    }
    return violations;
  },
});

export const VOLUME_REFERENCE_NEVER_WORKS_RULES = [volumeReferenceNameInvalid];
