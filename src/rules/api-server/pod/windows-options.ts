/**
 * Windows security options, which the API server checks on every pod template whatever its os:
 * - validateWindowsSecurityContextOptions, on the pod's and each container's windowsOptions:
 *   gmsaCredentialSpecName a DNS subdomain, gmsaCredentialSpec neither empty nor 64 KiB or more,
 *   runAsUserName `[DOMAIN\]USER` with a NetBIOS or DNS domain under 256 characters and a user of 1
 *   to 104 characters without control or reserved characters;
 * - validateWindowsHostProcessPod: a container's hostProcess equal to the pod's when both are set,
 *   and once any container is a HostProcess container, all of them are, with hostNetwork: true.
 *   (Whether the cluster allows privileged containers at all is its own setting, not checked.)
 */
import { Violation } from '../../rule';
import { describeValue, fieldOf, objectOf, stringOf } from '../../support/access';
import { child } from '../../support/field-path';
import { dns1123SubdomainProblems, hasControlCharacter } from '../../support/names';
import { podTemplate, securityContexts } from '../../support/pod-template';
import { apiServerRule, BOTH_KINDS } from '../api-server-rule';

const GMSA_SPEC_MAX_BYTES = 64 * 1024;
const DOMAIN_MAX_LENGTH = 256;
const USER_MAX_LENGTH = 104;
const NETBIOS_DOMAIN = /^[^\\/:*?"<>|.][^\\/:*?"<>|]{0,14}$/;
const DNS_LABEL = '[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?';
const DNS_DOMAIN = new RegExp(`^${DNS_LABEL}(?:\\.${DNS_LABEL})*$`);
const ONLY_PERIODS_OR_SPACES = /^[. ]+$/;
const RESERVED_USER_CHARACTERS = /["/\\:;|=,+*?<>@[\]]/;

const FIX =
  'Write runAsUserName as USER or DOMAIN\\USER (e.g. "ContainerUser" or "CORP\\batch-runner"), name the GMSA credential spec as a DNS subdomain, and give every container the same hostProcess value with hostNetwork: true.';

/** Why runAsUserName is refused, in the API server's words (the first problems only, as upstream reports them). */
function runAsUserNameProblems(name: string): string[] {
  if (name === '') return ['runAsUserName cannot be an empty string'];
  if (hasControlCharacter(name)) return ['runAsUserName cannot contain control characters'];
  const parts = name.split('\\');
  if (parts.length > 2) return ['runAsUserName cannot contain more than one backslash'];
  const [domain, user] = parts.length === 2 ? parts : [undefined, parts[0]];
  const problems: string[] = [];
  if (domain !== undefined) {
    if (domain.length >= DOMAIN_MAX_LENGTH) problems.push("runAsUserName's Domain length must be under 256 characters");
    if (!NETBIOS_DOMAIN.test(domain) && !DNS_DOMAIN.test(domain))
      problems.push("runAsUserName's Domain doesn't match the NetBios nor the DNS format");
  }
  if (user.length === 0) problems.push("runAsUserName's User cannot be empty");
  else if (user.length > USER_MAX_LENGTH)
    problems.push("runAsUserName's User length must not be longer than 104 characters");
  if (ONLY_PERIODS_OR_SPACES.test(user)) problems.push("runAsUserName's User cannot contain only periods or spaces");
  if (RESERVED_USER_CHARACTERS.test(user))
    problems.push('runAsUserName\'s User cannot contain the following characters: "/\\:;|=,+*?<>@[]');
  return problems;
}

export const podWindowsOptionsInvalid = apiServerRule({
  id: 'pod-windows-options-invalid',
  kinds: BOTH_KINDS,
  summary:
    "Windows options the API server refuses: a gmsaCredentialSpecName that is not a DNS subdomain, an empty gmsaCredentialSpec or one over 64 KiB, a runAsUserName not of the form [DOMAIN\\]USER, a container hostProcess unlike the pod's, or HostProcess containers beside others or without hostNetwork.",
  check(input) {
    const pod = podTemplate(input);
    let out: Violation[] | undefined;
    const problem = (field: string, message: string) => (out ??= []).push({ field, message, fix: FIX });
    for (const context of securityContexts(pod)) {
      const options = objectOf(context.value.windowsOptions);
      if (!options) continue;
      const at = child(context.path, 'windowsOptions');
      const specName = stringOf(options.gmsaCredentialSpecName);
      if (specName !== undefined)
        for (const p of dns1123SubdomainProblems(specName))
          problem(
            child(at, 'gmsaCredentialSpecName'),
            `gmsaCredentialSpecName ${describeValue(specName)} is not valid: ${p}.`,
          );
      const spec = stringOf(options.gmsaCredentialSpec);
      if (spec === '') problem(child(at, 'gmsaCredentialSpec'), '"gmsaCredentialSpec cannot be an empty string".');
      else if (spec !== undefined && Buffer.byteLength(spec) > GMSA_SPEC_MAX_BYTES)
        problem(child(at, 'gmsaCredentialSpec'), '"gmsaCredentialSpec size must be under 64 KiB".');
      const user = stringOf(options.runAsUserName);
      if (user !== undefined)
        for (const p of runAsUserNameProblems(user))
          problem(child(at, 'runAsUserName'), `runAsUserName ${describeValue(user)} is refused: "${p}".`);
    }
    const podHostProcess = fieldOf(fieldOf(pod.securityContext, 'windowsOptions'), 'hostProcess');
    let hostProcessContainers = 0;
    for (const container of pod.containers) {
      const own = fieldOf(fieldOf(container.securityContext, 'windowsOptions'), 'hostProcess');
      if (typeof podHostProcess === 'boolean' && typeof own === 'boolean' && own !== podHostProcess)
        problem(
          child(container.securityContextPath, 'windowsOptions.hostProcess'),
          `${container.label} sets hostProcess ${own}, but the pod sets ${podHostProcess}: "pod hostProcess value must be identical if both are specified".`,
        );
      if (own === true || (own === undefined && podHostProcess === true)) hostProcessContainers++;
    }
    if (hostProcessContainers > 0) {
      if (hostProcessContainers !== pod.containers.length)
        problem(
          pod.specPath,
          `${hostProcessContainers} of ${pod.containers.length} containers are HostProcess containers: "If pod contains any hostProcess containers then all containers must be HostProcess containers".`,
        );
      if (pod.spec.hostNetwork !== true)
        problem(
          child(pod.specPath, 'hostNetwork'),
          'The pod has HostProcess containers without hostNetwork: true ("hostNetwork must be true if pod contains any hostProcess containers").',
        );
    }
    return out ?? [];
  },
});

export const WINDOWS_OPTIONS_RULES = [podWindowsOptionsInvalid];
