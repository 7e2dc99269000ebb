/**
 * Generic ephemeral volumes (validateEphemeralVolumeSource): a `volumeClaimTemplate` is required,
 * and it is validated as the PersistentVolumeClaim it becomes (ValidatePersistentVolumeClaimTemplate):
 * its metadata may hold only labels and annotations, both valid; its spec needs at least one
 * access mode, each a known one and ReadWriteOncePod alone; a positive storage request; a storage
 * class that is a DNS subdomain; volumeMode Block or Filesystem; a valid selector; and data sources
 * that name what they read and agree. The storage request is reported at
 * `resources.requests[storage]`, where the API server says `resources[storage]`. Limits and other
 * requests are not validated upstream.
 */
import { Violation } from '../../rule';
import { arrayOf, describeValue, isAbsent, objectOf, stringOf } from '../../support/access';
import { child, key } from '../../support/field-path';
import { labelMapProblems, labelSelectorProblems } from '../../support/labels';
import { dns1123LabelProblems, dns1123SubdomainProblems, qualifiedNameProblems } from '../../support/names';
import { podTemplate } from '../../support/pod-template';
import { quantityOf } from '../../support/quantity';
import { apiServerRule, BOTH_KINDS } from '../api-server-rule';

const ACCESS_MODES = new Set(['ReadWriteOnce', 'ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOncePod']);
const VOLUME_MODES = new Set(['Block', 'Filesystem']);
const TEMPLATE_METADATA_FIELDS = new Set(['labels', 'annotations']);
const FIX =
  'Give the ephemeral volume a volumeClaimTemplate like { spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "10Gi" } } } }, with only labels and annotations in its metadata.';

/** The problems of one claim template at `path` (`volumes[i].ephemeral.volumeClaimTemplate`). */
function claimTemplateProblems(template: Readonly<Record<string, unknown>>, path: string, out: Violation[]): void {
  const problem = (field: string, message: string) => out.push({ field, message, fix: FIX });
  const metadataPath = child(path, 'metadata');
  const metadata = objectOf(template.metadata) ?? {};
  for (const field of Object.keys(metadata)) {
    if (!TEMPLATE_METADATA_FIELDS.has(field) && !isAbsent(metadata[field]))
      problem(child(metadataPath, field), `metadata.${field} "cannot be set for an ephemeral volume".`);
  }
  for (const p of labelMapProblems(metadata.labels, child(metadataPath, 'labels')))
    problem(p.field, `Invalid label: ${p.message}.`);
  for (const annotation of Object.keys(objectOf(metadata.annotations) ?? {}))
    for (const p of qualifiedNameProblems(annotation.toLowerCase()))
      problem(child(metadataPath, 'annotations'), `Invalid annotation key ${describeValue(annotation)}: ${p}.`);

  const specPath = child(path, 'spec');
  const spec = objectOf(template.spec) ?? {};
  const modes = (arrayOf(spec.accessModes) ?? []).map(stringOf);
  const modesPath = child(specPath, 'accessModes');
  if (modes.length === 0) problem(modesPath, 'The claim template needs "at least 1 access mode".');
  for (const mode of modes)
    if (mode === undefined || !ACCESS_MODES.has(mode))
      problem(
        modesPath,
        `Access mode ${describeValue(mode)} is not supported (supported values: "ReadOnlyMany", "ReadWriteMany", "ReadWriteOnce", "ReadWriteOncePod").`,
      );
  if (modes.includes('ReadWriteOncePod') && modes.some((m) => m !== 'ReadWriteOncePod' && ACCESS_MODES.has(m ?? '')))
    problem(modesPath, 'The claim template "may not use ReadWriteOncePod with other access modes".');

  const storagePath = key(child(child(specPath, 'resources'), 'requests'), 'storage');
  const storage = objectOf(objectOf(spec.resources)?.requests)?.storage;
  const quantity = quantityOf(storage);
  if (isAbsent(storage)) problem(storagePath, 'The claim template requests no storage ("Required value").');
  else if (quantity !== undefined && quantity.sign <= 0)
    problem(storagePath, `The storage request ${describeValue(storage)} "must be greater than zero".`);

  const storageClass = stringOf(spec.storageClassName);
  if (storageClass)
    for (const p of dns1123SubdomainProblems(storageClass))
      problem(
        child(specPath, 'storageClassName'),
        `storageClassName ${describeValue(storageClass)} is not valid: ${p}.`,
      );
  const volumeMode = spec.volumeMode;
  if (typeof volumeMode === 'string' && !VOLUME_MODES.has(volumeMode))
    problem(
      child(specPath, 'volumeMode'),
      `volumeMode ${describeValue(volumeMode)} is not supported (supported values: "Block", "Filesystem").`,
    );
  for (const p of labelSelectorProblems(spec.selector, child(specPath, 'selector')))
    problem(p.field, `Invalid label selector: ${p.message}.`);
  dataSourceProblems(spec, specPath, problem);
}

/**
 * validateDataSource and validateDataSourceRef, and how the two agree: each names a kind and a name,
 * an apiGroup that is a DNS subdomain, or none only for a PersistentVolumeClaim; dataSourceRef a
 * namespace that is a DNS label; dataSource absent beside a namespaced dataSourceRef, else equal to it.
 */
function dataSourceProblems(
  spec: Readonly<Record<string, unknown>>,
  specPath: string,
  problem: (field: string, message: string) => void,
): void {
  const sources = (['dataSource', 'dataSourceRef'] as const).map((field) => [field, objectOf(spec[field])] as const);
  for (const [field, source] of sources) {
    if (!source) continue;
    const at = child(specPath, field);
    for (const part of ['name', 'kind'] as const)
      if (!stringOf(source[part])) problem(child(at, part), `${field} has no ${part} ("Required value").`);
    const group = stringOf(source.apiGroup) ?? '';
    const kind = stringOf(source.kind) ?? '';
    if (group === '' && kind !== '' && kind !== 'PersistentVolumeClaim')
      problem(
        at,
        `${field} names kind ${describeValue(kind)} without an apiGroup: it "must be 'PersistentVolumeClaim' when referencing the default apiGroup".`,
      );
    for (const p of group === '' ? [] : dns1123SubdomainProblems(group))
      problem(child(at, 'apiGroup'), `apiGroup ${describeValue(group)} is not valid: ${p}.`);
  }
  const [[, dataSource], [, dataSourceRef]] = sources;
  const namespace = stringOf(dataSourceRef?.namespace) ?? '';
  for (const p of namespace === '' ? [] : dns1123LabelProblems(namespace))
    problem(
      child(child(specPath, 'dataSourceRef'), 'namespace'),
      `namespace ${describeValue(namespace)} is not valid: ${p}.`,
    );
  if (!dataSource || !dataSourceRef) return;
  if (namespace !== '')
    problem(
      child(specPath, 'dataSource'),
      'dataSource "may not be specified when dataSourceRef.namespace is specified": a cross-namespace source is named in dataSourceRef alone.',
    );
  else if (
    (stringOf(dataSource.apiGroup) ?? '') !== (stringOf(dataSourceRef.apiGroup) ?? '') ||
    dataSource.kind !== dataSourceRef.kind ||
    dataSource.name !== dataSourceRef.name
  )
    problem(
      child(specPath, 'dataSource'),
      'dataSource names another object than dataSourceRef ("must match dataSourceRef").',
    );
}

export const podEphemeralVolumeInvalid = apiServerRule({
  id: 'pod-ephemeral-volume-invalid',
  kinds: BOTH_KINDS,
  summary:
    'A generic ephemeral volume without a volumeClaimTemplate, or whose claim template the API server refuses: metadata besides labels and annotations, no or unknown access modes, ReadWriteOncePod with another mode, no positive storage request, an invalid storageClassName, volumeMode or selector, or a dataSource or dataSourceRef without kind and name, with a core kind other than PersistentVolumeClaim, or disagreeing with each other.',
  check(input) {
    const violations: Violation[] = [];
    for (const volume of podTemplate(input).volumes) {
      const ephemeral = objectOf(volume.value.ephemeral);
      if (!ephemeral) continue;
      const path = child(child(volume.path, 'ephemeral'), 'volumeClaimTemplate');
      const template = objectOf(ephemeral.volumeClaimTemplate);
      if (template) claimTemplateProblems(template, path, violations);
      else
        violations.push({
          field: path,
          message: `${volume.label} is an ephemeral volume without a volumeClaimTemplate ("Required value").`,
          fix: FIX,
        });
    }
    return violations;
  },
});

export const EPHEMERAL_VOLUME_RULES = [podEphemeralVolumeInvalid];
