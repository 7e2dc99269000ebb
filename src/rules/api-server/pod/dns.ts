/**
 * DNS settings (validateDNSPolicy, validatePodDNSConfig): a known dnsPolicy; with None, a dnsConfig
 * with at least one nameserver; at most 3 nameservers, each an IP address as the legacy IP fields
 * read it (support/ip.ts: leading zeros allowed until 1.36); at most 32 search
 * domains of 2048 characters in all (6 and 256 before ExpandedDNSConfig was on by default in
 * 1.26), each a DNS-1123 subdomain once a trailing "." is dropped (from 1.33, with
 * RelaxedDNSSearchValidation on by default, labels may also hold "_" and a lone "." is allowed);
 * and every resolver option named.
 */
import { isAtLeast } from '../../kubernetes-version';
import { Violation } from '../../rule';
import { arrayOf, describeValue, objectOf, stringOf } from '../../support/access';
import { child, index } from '../../support/field-path';
import { legacyIpProblem, STRICT_IP_VALIDATION_SINCE } from '../../support/ip';
import { dns1123SubdomainProblems, dns1123SubdomainWithUnderscoreProblems } from '../../support/names';
import { podTemplate } from '../../support/pod-template';
import { apiServerRule, BOTH_KINDS } from '../api-server-rule';

const DNS_POLICIES = new Set(['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None']);
const MAX_NAMESERVERS = 3;
const EXPANDED_DNS_CONFIG_SINCE = 26;
/** RelaxedDNSSearchValidation: alpha 1.32, on by default from 1.33. */
const RELAXED_DNS_SEARCH_SINCE = 33;
const FIX =
  'With dnsPolicy None give dnsConfig at least one nameserver; keep to 3 nameservers (IP addresses) and 32 search domains.';

export const podDnsInvalid = apiServerRule({
  id: 'pod-dns-invalid',
  kinds: BOTH_KINDS,
  summary:
    'An unknown dnsPolicy, dnsPolicy None without a dnsConfig nameserver, more than 3 nameservers or one that is not an IP, too many or too long search domains or one that is not a DNS name, or a resolver option without a name.',
  check(input) {
    const pod = podTemplate(input);
    const violations: Violation[] = [];
    const problem = (field: string, message: string) =>
      violations.push({ field: child(pod.specPath, field), message, fix: FIX });
    const policy = pod.spec.dnsPolicy;
    if (typeof policy === 'string' && policy !== '' && !DNS_POLICIES.has(policy))
      problem(
        'dnsPolicy',
        `dnsPolicy ${describeValue(policy)} is not supported (supported values: "ClusterFirstWithHostNet", "ClusterFirst", "Default", "None").`,
      );
    const config = objectOf(pod.spec.dnsConfig);
    const nameservers = arrayOf(config?.nameservers) ?? [];
    if (policy === 'None' && !config)
      problem('dnsConfig', 'dnsPolicy is None, so the pod "must provide dnsConfig" (Required value).');
    else if (policy === 'None' && nameservers.length === 0)
      problem('dnsConfig', 'dnsPolicy is None, so dnsConfig "must provide at least one DNS nameserver".');
    if (!config) return violations;
    if (nameservers.length > MAX_NAMESERVERS)
      problem(
        'dnsConfig.nameservers',
        `dnsConfig has ${nameservers.length} nameservers; it "must not have more than ${MAX_NAMESERVERS}".`,
      );
    const strictIp = isAtLeast(input.version, STRICT_IP_VALIDATION_SINCE);
    nameservers.forEach((server, i) => {
      const ipProblem = typeof server === 'string' ? legacyIpProblem(server, strictIp) : undefined;
      if (ipProblem) problem(index('dnsConfig.nameservers', i), `nameserver ${describeValue(server)} ${ipProblem}.`);
    });
    const expanded = isAtLeast(input.version, EXPANDED_DNS_CONFIG_SINCE);
    const maxSearches = expanded ? 32 : 6;
    const maxSearchLength = expanded ? 2048 : 256;
    const searches = (arrayOf(config.searches) ?? []).filter((s): s is string => typeof s === 'string');
    if (searches.length > maxSearches)
      problem(
        'dnsConfig.searches',
        `dnsConfig has ${searches.length} search domains; it "must not have more than ${maxSearches}".`,
      );
    const relaxed = isAtLeast(input.version, RELAXED_DNS_SEARCH_SINCE);
    (arrayOf(config.searches) ?? []).forEach((search, i) => {
      if (typeof search !== 'string' || (relaxed && search === '.')) return;
      const domain = search.endsWith('.') ? search.slice(0, -1) : search;
      const problems = relaxed ? dns1123SubdomainWithUnderscoreProblems(domain) : dns1123SubdomainProblems(domain);
      for (const p of problems)
        violations.push({
          field: child(pod.specPath, index('dnsConfig.searches', i)),
          message: `search domain ${describeValue(search)} is not valid: ${p}${!relaxed && (search === '.' || search.includes('_')) ? ` (Kubernetes 1.${input.version.minor} does not yet allow "_" or a lone "."; 1.33 does)` : ''}.`,
          fix: relaxed
            ? 'Write each search domain as a DNS name, e.g. "svc.cluster.local" (a trailing "." is allowed).'
            : 'Write each search domain as a lowercase DNS name, e.g. "svc.cluster.local" (a trailing "." is allowed).',
        });
    });
    const length = searches.join(' ').length;
    if (length > maxSearchLength)
      problem(
        'dnsConfig.searches',
        `the search domains are ${length} characters together; they "must not have more than ${maxSearchLength} characters (including spaces)".`,
      );
    (arrayOf(config.options) ?? []).forEach((option, i) => {
      if (objectOf(option) && !stringOf(objectOf(option)?.name))
        problem(child(index('dnsConfig.options', i), 'name'), 'The resolver option has no name ("Required value").');
    });
    return violations;
  },
});

export const DNS_RULES = [podDnsInvalid];
