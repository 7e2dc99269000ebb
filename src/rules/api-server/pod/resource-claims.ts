/**
 * Dynamic resource allocation claims (validatePodResourceClaims, validateResourceClaimNames), as
 * shaped from 1.31 (resourceClaimName and resourceClaimTemplateName directly on the entry): each
 * pod claim has a name that is a DNS-1123 label, used once, and exactly one of resourceClaimName
 * and resourceClaimTemplateName, each a DNS-1123 subdomain; each container resources.claims entry
 * names one of them, once, whole or by requests (each a DNS-1123 label), not both. The fields
 * belong to DynamicResourceAllocation (alpha 1.26, beta off 1.32, GA and on by default from 1.34);
 * before 1.34 the create strategy drops them and field-unavailable-in-version reports them, so
 * nothing is checked here.
 */
import { FEATURES, featureEnabled } from '../../kubernetes-version';
import { Violation } from '../../rule';
import { arrayOf, describeValue, isAbsent, objectOf, stringOf } from '../../support/access';
import { child, index } from '../../support/field-path';
import { dns1123LabelProblems, dns1123SubdomainProblems } from '../../support/names';
import { ContainerList, podTemplate } from '../../support/pod-template';
import { apiServerRule, BOTH_KINDS } from '../api-server-rule';

const SOURCES = ['resourceClaimName', 'resourceClaimTemplateName'] as const;
const FIX =
  "Give each claim a unique lowercase name and exactly one of resourceClaimName (an existing ResourceClaim) or resourceClaimTemplateName (a ResourceClaimTemplate), and list those names in the containers' resources.claims.";

export const podResourceClaimsInvalid = apiServerRule({
  id: 'pod-resource-claims-invalid',
  kinds: BOTH_KINDS,
  since: FEATURES.podResourceClaims,
  summary:
    'A pod resourceClaims entry without a valid unique name or without exactly one of resourceClaimName and resourceClaimTemplateName, or a container resources.claims entry that names no pod claim.',
  check(input) {
    const pod = podTemplate(input);
    const claims = arrayOf(pod.spec.resourceClaims);
    let containerClaims = false;
    for (const c of pod.containers)
      if (!isAbsent(objectOf(c.value.resources)?.claims)) {
        containerClaims = true;
        break;
      }
    if ((claims === undefined || claims.length === 0) && !containerClaims) return [];
    if (!featureEnabled(FEATURES.podResourceClaims, input.version)) return [];
    let out: Violation[] | undefined;
    const problem = (field: string, message: string) => (out ??= []).push({ field, message, fix: FIX });
    const listPath = child(pod.specPath, 'resourceClaims');
    const names = new Set<string>();
    for (let i = 0; i < (claims?.length ?? 0); i++) {
      const claim = objectOf(claims?.[i]);
      if (!claim) continue;
      const at = index(listPath, i);
      const name = claim.name;
      if (isAbsent(name) || name === '')
        problem(child(at, 'name'), 'The resource claim has no name ("Required value").');
      else if (typeof name === 'string') {
        if (names.has(name))
          problem(child(at, 'name'), `The resource claim name ${describeValue(name)} is used twice (Duplicate value).`);
        else {
          for (const p of dns1123LabelProblems(name))
            problem(child(at, 'name'), `resource claim name ${describeValue(name)} is not valid: ${p}.`);
          names.add(name);
        }
      }
      const set = SOURCES.filter((s) => !isAbsent(claim[s]));
      if (set.length === 2)
        problem(at, '"at most one of `resourceClaimName` or `resourceClaimTemplateName` may be specified".');
      else if (set.length === 0)
        problem(at, 'The resource claim "must specify one of: `resourceClaimName`, `resourceClaimTemplateName`".');
      for (const source of set) {
        const value = stringOf(claim[source]);
        if (value === undefined) continue;
        for (const p of dns1123SubdomainProblems(value))
          problem(child(at, source), `${source} ${describeValue(value)} cannot name an object: ${p}.`);
      }
    }
    if (!containerClaims) return out ?? [];
    const known = names.size === 0 ? ' which is empty' : `: ${[...names].sort().join(', ')}`;
    for (const c of pod.containers) {
      if (c.list === ContainerList.EPHEMERAL_CONTAINERS) continue;
      const list = arrayOf(objectOf(c.value.resources)?.claims);
      if (!list) continue;
      const claimsPath = child(child(c.path, 'resources'), 'claims');
      const seen = new Set<string>();
      for (let k = 0; k < list.length; k++) {
        const entry = objectOf(list[k]);
        if (!entry) continue;
        const name = entry.name;
        if (isAbsent(name) || name === '') {
          problem(index(claimsPath, k), `${c.label} lists a resource claim without a name ("Required value").`);
          continue;
        }
        if (typeof name !== 'string') continue;
        // validateResourceClaimNames: a whole claim ("c") and its requests ("c/r") may not overlap.
        const request = stringOf(entry.request) ?? '';
        const key = request === '' ? name : `${name}/${request}`;
        for (const p of request === '' ? [] : dns1123LabelProblems(request))
          problem(
            child(index(claimsPath, k), 'request'),
            `${c.label}: request ${describeValue(request)} is not valid: ${p}.`,
          );
        const overlaps =
          seen.has(name) || seen.has(key) || (request === '' && [...seen].some((s) => s.startsWith(`${name}/`)));
        if (overlaps)
          problem(
            index(claimsPath, k),
            `${c.label} lists the resource claim ${describeValue(key)} twice, or both whole and by request (Duplicate value).`,
          );
        seen.add(key);
        if (!names.has(name))
          problem(
            index(claimsPath, k),
            `${c.label} uses the resource claim ${describeValue(name)} (Not found): it "must be one of the names in pod.spec.resourceClaims${known}".`,
          );
      }
    }
    return out ?? [];
  },
});

export const RESOURCE_CLAIM_RULES = [podResourceClaimsInvalid];
