/**
 * The files a ConfigMap, Secret, downward API or projected volume writes (validateKeyToPath,
 * validateDownwardAPIVolumeFile, validateProjectionSources): every item has a key (or a fieldRef or
 * resourceFieldRef) and a relative path without "..", a mode from 0 to 0777; downward API files
 * read only metadata fields or a named container's resources with a supported divisor; each
 * projected source names one kind of source, its ConfigMap or Secret, and paths no other source
 * uses; a projected service account token lives 10 minutes to 2^32 seconds at a relative path; a
 * projected ClusterTrustBundle (1.37) names one bundle or one signer.
 * The volume-level fields (source, name, defaultMode) are in volumes.ts.
 */
import { FeatureAvailability, FEATURES, featureEnabled, KubernetesVersion } from '../../kubernetes-version';
import { Violation } from '../../rule';
import { arrayOf, describeValue, integerOf, isAbsent, isObject, objectOf, stringOf } from '../../support/access';
import { child, index } from '../../support/field-path';
import { labelSelectorProblems } from '../../support/labels';
import { localFilePathProblems } from '../../support/local-paths';
import { quotedValues } from '../../support/message-text';
import { dns1123LabelProblems, dns1123SubdomainProblems } from '../../support/names';
import {
  convertedFieldPath,
  fieldRefVersionProblem,
  splitSubscript,
  subscriptProblem,
} from '../../support/downward-api';
import { podTemplate } from '../../support/pod-template';
import { apiServerRule, BOTH_KINDS } from '../api-server-rule';
import { divisorViolation, resourceFieldSupported } from './env';

type Out = Violation[];

const MAX_FILE_MODE = 0o777;
const TOKEN_MIN_SECONDS = 600;
const TOKEN_MAX_SECONDS = 2 ** 32;

const PATH_FIX =
  'Use a relative file name inside the volume, e.g. "config/app.yaml", without ".." and not starting with "..".';
const MODE_FIX = 'Write the mode in decimal in JSON (0644 is 420) or as an octal literal in YAML (0644).';
const DOWNWARD_FIX =
  "Read metadata.name, metadata.namespace, metadata.uid, metadata.labels, metadata.annotations or one entry like metadata.labels['app'] with fieldRef, or a container's limits.cpu, limits.memory, limits.ephemeral-storage (or requests.*) with resourceFieldRef and its containerName.";

/** path: required, relative, no "..". */
function filePathProblems(item: Readonly<Record<string, unknown>>, itemPath: string, out: Out): void {
  const path = item.path;
  const field = child(itemPath, 'path');
  if (isAbsent(path) || path === '') {
    out.push({
      field,
      message: 'The item has no path ("Required value"): the file name inside the volume.',
      fix: PATH_FIX,
    });
    return;
  }
  if (typeof path !== 'string') return;
  for (const p of localFilePathProblems(path))
    out.push({ field, message: `path ${describeValue(path)} ${p}: it names a file inside the volume.`, fix: PATH_FIX });
}

function modeProblem(item: Readonly<Record<string, unknown>>, itemPath: string, out: Out): void {
  const mode = integerOf(item.mode);
  if (mode !== undefined && (mode < 0 || mode > MAX_FILE_MODE))
    out.push({
      field: child(itemPath, 'mode'),
      message: `mode ${mode} "must be a number between 0 and 0777 (octal), both inclusive" (${MAX_FILE_MODE} in decimal).`,
      fix: MODE_FIX,
    });
}

/** validateKeyToPath: a ConfigMap or Secret item. */
function keyToPathProblems(item: Readonly<Record<string, unknown>>, itemPath: string, out: Out): void {
  if (isAbsent(item.key) || item.key === '')
    out.push({
      field: child(itemPath, 'key'),
      message: 'The item has no key ("Required value"): the ConfigMap or Secret entry to write.',
      fix: 'Name the entry to write as key, and the file name as path.',
    });
  filePathProblems(item, itemPath, out);
  modeProblem(item, itemPath, out);
}

const VOLUME_FIELD_PATHS = new Set([
  'metadata.name',
  'metadata.namespace',
  'metadata.labels',
  'metadata.annotations',
  'metadata.uid',
]);

/** Why a downward API volume cannot write this fieldPath; undefined when it can. */
function volumeFieldPathProblem(fieldPath: string): string | undefined {
  const subscripted = splitSubscript(fieldPath);
  if (subscripted) return subscriptProblem(subscripted.path, subscripted.subscript);
  return VOLUME_FIELD_PATHS.has(fieldPath)
    ? undefined
    : `${describeValue(fieldPath)} is not supported in a downward API volume (supported values: "metadata.annotations", "metadata.labels", "metadata.name", "metadata.namespace", "metadata.uid")`;
}

/** validateDownwardAPIVolumeFile. */
function downwardFileProblems(item: Readonly<Record<string, unknown>>, itemPath: string, out: Out): void {
  filePathProblems(item, itemPath, out);
  const fieldRef = objectOf(item.fieldRef);
  const resourceFieldRef = objectOf(item.resourceFieldRef);
  if (fieldRef) {
    const fieldPath = stringOf(fieldRef.fieldPath) ?? '';
    const field = child(child(itemPath, 'fieldRef'), 'fieldPath');
    const problem =
      fieldPath === ''
        ? 'fieldRef has no fieldPath ("Required value")'
        : (fieldRefVersionProblem(fieldRef.apiVersion) ?? volumeFieldPathProblem(convertedFieldPath(fieldPath)));
    if (problem) out.push({ field, message: `${problem}.`, fix: DOWNWARD_FIX });
    if (resourceFieldRef)
      out.push({
        field: itemPath,
        message: 'The item names both a fieldRef and a resourceFieldRef; they "can not be specified simultaneously".',
        fix: 'Write one downward API item per file, each with one fieldRef or one resourceFieldRef.',
      });
  } else if (resourceFieldRef) {
    const refPath = child(itemPath, 'resourceFieldRef');
    const containerName = stringOf(resourceFieldRef.containerName) ?? '';
    const resource = stringOf(resourceFieldRef.resource) ?? '';
    if (containerName === '')
      out.push({
        field: child(refPath, 'containerName'),
        message:
          'A resourceFieldRef in a volume must name its container ("Required value"): a volume belongs to no container.',
        fix: 'Set containerName to the container whose requests or limits the file shows.',
      });
    else if (resource === '')
      out.push({
        field: child(refPath, 'resource'),
        message: 'resourceFieldRef has no resource ("Required value").',
        fix: DOWNWARD_FIX,
      });
    else if (!resourceFieldSupported(resource))
      out.push({
        field: child(refPath, 'resource'),
        message: `resource ${describeValue(resource)} is not supported in resourceFieldRef.`,
        fix: DOWNWARD_FIX,
      });
    const divisor = divisorViolation(resource, resourceFieldRef.divisor, refPath);
    if (divisor) out.push(divisor);
  } else {
    out.push({
      field: itemPath,
      message:
        'The item names neither a fieldRef nor a resourceFieldRef ("one of fieldRef and resourceFieldRef is required").',
      fix: DOWNWARD_FIX,
    });
  }
  modeProblem(item, itemPath, out);
}

/** Records `file` as written by one source of a projected volume, reporting it when another already writes it. */
function claimFilePath(paths: Set<string>, file: string, field: string, out: Out): void {
  if (paths.has(file))
    out.push({
      field,
      message: `Two sources of the projected volume write ${describeValue(file)} ("conflicting duplicate paths").`,
      fix: 'Give every file of a projected volume its own path.',
    });
  paths.add(file);
}

/** Runs `check` on each object item of `items` at `<path>.items[j]`, reporting a repeated path when `paths` is given. */
function eachItem(
  items: unknown,
  path: string,
  check: (item: Readonly<Record<string, unknown>>, itemPath: string, out: Out) => void,
  out: Out,
  paths?: Set<string>,
): void {
  const list = arrayOf(items);
  if (!list) return;
  for (let j = 0; j < list.length; j++) {
    const item = list[j];
    if (!isObject(item)) continue;
    const itemPath = index(child(path, 'items'), j);
    check(item, itemPath, out);
    const file = stringOf(item.path);
    if (paths !== undefined && file) claimFilePath(paths, file, child(itemPath, 'path'), out);
  }
}

const PROJECTED_SOURCES = ['secret', 'configMap', 'downwardAPI', 'serviceAccountToken'] as const;
/** The gated projected sources, counted once their gate is on (dropped before: field-unavailable-in-version). */
export const GATED_PROJECTED_SOURCES: readonly FeatureAvailability[] = [
  FEATURES.clusterTrustBundleProjection,
  FEATURES.podCertificateProjection,
];

function serviceAccountTokenProblems(token: Readonly<Record<string, unknown>>, tokenPath: string, out: Out): void {
  const seconds = integerOf(token.expirationSeconds);
  if (seconds !== undefined && (seconds < TOKEN_MIN_SECONDS || seconds > TOKEN_MAX_SECONDS))
    out.push({
      field: child(tokenPath, 'expirationSeconds'),
      message:
        seconds < TOKEN_MIN_SECONDS
          ? `expirationSeconds ${seconds} is too short: a token "may not specify a duration less than 10 minutes".`
          : `expirationSeconds ${seconds} "may not specify a duration larger than 2^32 seconds".`,
      fix: 'Use at least 600 seconds (the default is 3600); the kubelet refreshes the token before it expires.',
    });
  filePathProblems(token, tokenPath, out);
}

const TRUST_BUNDLE_FIX =
  'Name one ClusterTrustBundle (name) or select bundles by signer (signerName, e.g. "example.com/corp-ca", with an optional labelSelector), and give the file a relative path of its own, e.g. "ca.pem".';

/** ValidateSignerName: `<domain>/<path>`, a domain of at least two DNS labels; why it is refused, or undefined. */
function signerNameProblem(signer: string): string | undefined {
  const parts = signer.split('/');
  if (parts.length !== 2) return "must be a fully qualified domain and path of the form 'example.com/signer-name'";
  const [domain, path] = parts;
  const labels = domain.split('.');
  const badLabel = labels.find((label) => dns1123LabelProblems(label).length > 0);
  if (badLabel !== undefined)
    return `validating label ${JSON.stringify(badLabel)}: ${dns1123LabelProblems(badLabel)[0]}`;
  if (labels.length < 2) return 'should be a domain with at least two segments separated by dots';
  const badPart = path.split('.').find((part) => dns1123SubdomainProblems(part).length > 0);
  return badPart === undefined
    ? undefined
    : `validating label ${JSON.stringify(badPart)}: ${dns1123SubdomainProblems(badPart)[0]}`;
}

/**
 * A clusterTrustBundle projection (ClusterTrustBundleProjection on, 1.37): exactly one of name and
 * signerName, a labelSelector only with signerName, a relative path of its own in the volume. Of a
 * name `<signer>:<suffix>` only the suffix is checked, as a DNS subdomain (upstream derives the
 * signer from the name itself).
 */
function trustBundleProblems(
  bundle: Readonly<Record<string, unknown>>,
  path: string,
  paths: Set<string>,
  out: Out,
): void {
  const problem = (field: string, message: string) => out.push({ field, message, fix: TRUST_BUNDLE_FIX });
  const name = stringOf(bundle.name);
  const signer = stringOf(bundle.signerName);
  if (name !== undefined && signer !== undefined)
    problem(path, 'The bundle names both name and signerName ("only one of name and signerName may be used").');
  else if (name !== undefined) {
    const suffix = name.slice(name.lastIndexOf(':') + 1);
    if (name === '') problem(child(path, 'name'), 'name is empty ("must be a valid object name").');
    else
      for (const p of dns1123SubdomainProblems(suffix))
        problem(child(path, 'name'), `name ${describeValue(name)} is "not a valid clustertrustbundlename": ${p}.`);
    if (!isAbsent(bundle.labelSelector))
      problem(child(path, 'labelSelector'), '"labelSelector must be unset if name is specified".');
  } else if (signer !== undefined) {
    const p = signer === '' ? 'must be a valid signer name' : signerNameProblem(signer);
    if (p) problem(child(path, 'signerName'), `signerName ${describeValue(signer)} is refused: ${p}.`);
    for (const s of labelSelectorProblems(bundle.labelSelector, child(path, 'labelSelector')))
      problem(s.field, `Invalid label selector: ${s.message}.`);
  } else problem(path, 'The bundle names neither name nor signerName ("either name or signerName must be specified").');
  const file = stringOf(bundle.path) ?? '';
  if (file === '') problem(child(path, 'path'), 'The bundle has no path ("Required value").');
  for (const p of localFilePathProblems(file))
    problem(child(path, 'path'), `path ${describeValue(file)} is not valid: ${p}.`);
  claimFilePath(paths, file, child(path, 'path'), out);
}

const POD_CERTIFICATE_KEY_TYPES = ['RSA3072', 'RSA4096', 'ECDSAP256', 'ECDSAP384', 'ECDSAP521', 'ED25519'];
const POD_CERTIFICATE_PATHS = ['credentialBundlePath', 'keyPath', 'certificateChainPath'] as const;
/** maxExpirationSeconds bounds (certificates.MinMaxExpirationSeconds and the two maxima). */
const CERTIFICATE_MIN_SECONDS = 3600;
const CERTIFICATE_MAX_SECONDS = 91 * 86_400;
const KUBERNETES_CERTIFICATE_MAX_SECONDS = 86_400;
const POD_CERTIFICATE_FIX =
  'Name the signer (e.g. "example.com/workload-identity"), a keyType such as ECDSAP256, and the file(s) to write: credentialBundlePath, or keyPath and certificateChainPath.';

/**
 * A podCertificate projection (PodCertificateRequest on, 1.37): a valid signerName, a known
 * keyType, a maxExpirationSeconds from an hour to 91 days (a day for kubernetes.io signers), and at
 * least one relative file path of its own in the volume.
 */
function podCertificateProblems(
  certificate: Readonly<Record<string, unknown>>,
  path: string,
  paths: Set<string>,
  out: Out,
): void {
  const problem = (field: string, message: string) => out.push({ field, message, fix: POD_CERTIFICATE_FIX });
  const signer = stringOf(certificate.signerName) ?? '';
  const signerProblem = signer === '' ? 'must be a valid signer name' : signerNameProblem(signer);
  if (signerProblem)
    problem(child(path, 'signerName'), `signerName ${describeValue(signer)} is refused: ${signerProblem}.`);
  const keyType = stringOf(certificate.keyType) ?? '';
  if (!POD_CERTIFICATE_KEY_TYPES.includes(keyType))
    problem(
      child(path, 'keyType'),
      `keyType ${describeValue(keyType)} is not supported (supported values: ${quotedValues(POD_CERTIFICATE_KEY_TYPES)}).`,
    );
  const seconds = integerOf(certificate.maxExpirationSeconds);
  const domain = signer.split('/')[0];
  const max =
    domain === 'kubernetes.io' || domain.endsWith('.kubernetes.io')
      ? KUBERNETES_CERTIFICATE_MAX_SECONDS
      : CERTIFICATE_MAX_SECONDS;
  if (seconds !== undefined && (seconds < CERTIFICATE_MIN_SECONDS || seconds > max))
    problem(
      child(path, 'maxExpirationSeconds'),
      `maxExpirationSeconds ${seconds} is out of range: "if provided, maxExpirationSeconds must be ${seconds < CERTIFICATE_MIN_SECONDS ? `>= ${CERTIFICATE_MIN_SECONDS}` : `<= ${max}`}".`,
    );
  let files = 0;
  for (const field of POD_CERTIFICATE_PATHS) {
    const file = stringOf(certificate[field]) ?? '';
    if (file === '') continue;
    files++;
    for (const p of localFilePathProblems(file))
      problem(child(path, field), `${field} ${describeValue(file)} is not valid: ${p}.`);
    claimFilePath(paths, file, child(path, field), out);
  }
  if (files === 0)
    problem(
      path,
      'The projection writes no file: "specify at least one of credentialBundlePath, keyPath, and certificateChainPath".',
    );
}

/** validateProjectionSources. */
function projectedProblems(
  projected: Readonly<Record<string, unknown>>,
  path: string,
  version: KubernetesVersion,
  out: Out,
): void {
  const kinds: readonly string[] = [
    ...PROJECTED_SOURCES,
    ...GATED_PROJECTED_SOURCES.filter((f) => featureEnabled(f, version)).map((f) => f.feature),
  ];
  const sources = arrayOf(projected.sources);
  if (!sources) return;
  const paths = new Set<string>();
  sources.forEach((item, k) => {
    const source = objectOf(item);
    if (!source) return;
    const sourcePath = index(child(path, 'sources'), k);
    const named = kinds.filter((s) => !isAbsent(source[s]));
    if (named.length > 1)
      out.push({
        field: sourcePath,
        message: `The projected source names ${named.join(' and ')}; a source "may not specify more than 1 volume type per source".`,
        fix: 'Put each ConfigMap, Secret, downward API or token in its own entry of sources.',
      });
    for (const kind of ['secret', 'configMap'] as const) {
      const spec = objectOf(source[kind]);
      if (!spec) continue;
      const specPath = child(sourcePath, kind);
      if (!stringOf(spec.name))
        out.push({
          field: child(specPath, 'name'),
          message: `The projected ${kind} names no ${kind === 'secret' ? 'Secret' : 'ConfigMap'} ("Required value").`,
          fix: `Set ${kind}.name to the ${kind === 'secret' ? 'Secret' : 'ConfigMap'} to project.`,
        });
      eachItem(spec.items, specPath, keyToPathProblems, out, paths);
    }
    const downward = objectOf(source.downwardAPI);
    if (downward) eachItem(downward.items, child(sourcePath, 'downwardAPI'), downwardFileProblems, out, paths);
    const token = objectOf(source.serviceAccountToken);
    if (token) serviceAccountTokenProblems(token, child(sourcePath, 'serviceAccountToken'), out);
    const bundle = kinds.includes('clusterTrustBundle') ? objectOf(source.clusterTrustBundle) : undefined;
    if (bundle) trustBundleProblems(bundle, child(sourcePath, 'clusterTrustBundle'), paths, out);
    const certificate = kinds.includes('podCertificate') ? objectOf(source.podCertificate) : undefined;
    if (certificate) podCertificateProblems(certificate, child(sourcePath, 'podCertificate'), paths, out);
  });
}

export const podVolumeItemsInvalid = apiServerRule({
  id: 'pod-volume-items-invalid',
  kinds: BOTH_KINDS,
  summary:
    'A ConfigMap, Secret, downward API or projected volume file the API server refuses: no key or path, an absolute or ".." path, a mode outside 0 to 0777, a downward API field or resource a volume cannot show (or without containerName), a projected source of two kinds, without a name, or with a path another source uses, a service account token shorter than 10 minutes, a clusterTrustBundle (1.37+) without exactly one of name and signerName, a podCertificate (1.37+) without a valid signerName, a known keyType, a maxExpirationSeconds from an hour to 91 days or a file path.',
  check(input) {
    const volumes = podTemplate(input).volumes;
    if (volumes.length === 0) return [];
    const out: Out = [];
    for (const volume of volumes) {
      const value = volume.value;
      for (const kind of ['secret', 'configMap'] as const) {
        const spec = objectOf(value[kind]);
        if (spec) eachItem(spec.items, child(volume.path, kind), keyToPathProblems, out);
      }
      const downward = objectOf(value.downwardAPI);
      if (downward) eachItem(downward.items, child(volume.path, 'downwardAPI'), downwardFileProblems, out);
      const projected = objectOf(value.projected);
      if (projected) projectedProblems(projected, child(volume.path, 'projected'), input.version, out);
    }
    return out;
  },
});

export const VOLUME_FILE_RULES = [podVolumeItemsInvalid];
