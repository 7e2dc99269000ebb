/**
 * /etc/hosts entries (ValidateHostAliases): each ip an IP address as the legacy IP fields read it
 * (support/ip.ts: ParseIPSloppy, leading zeros allowed until strict IP validation is on by default in
 * 1.36), each hostname a DNS-1123 subdomain (no trailing "."). No check ties hostAliases to
 * hostNetwork.
 */
import { Violation } from '../../rule';
import { arrayOf, describeValue, objectOf, stringOf } from '../../support/access';
import { child, index } from '../../support/field-path';
import { isAtLeast } from '../../kubernetes-version';
import { legacyIpProblem, STRICT_IP_VALIDATION_SINCE } from '../../support/ip';
import { dns1123SubdomainProblems } from '../../support/names';
import { podTemplate } from '../../support/pod-template';
import { apiServerRule, BOTH_KINDS } from '../api-server-rule';

const FIX =
  'Write each entry as { ip: "10.1.2.3", hostnames: ["db.internal", "db"] }: an IPv4 or IPv6 address and lowercase DNS names.';

export const podHostAliasesInvalid = apiServerRule({
  id: 'pod-host-aliases-invalid',
  kinds: BOTH_KINDS,
  summary:
    'A hostAliases entry whose ip is not an IP address (from 1.36 also one with leading zeros or IPv4-mapped IPv6), or with a hostname that is not a DNS-1123 subdomain.',
  check(input) {
    const pod = podTemplate(input);
    const aliases = arrayOf(pod.spec.hostAliases);
    if (aliases === undefined || aliases.length === 0) return [];
    const listPath = child(pod.specPath, 'hostAliases');
    let out: Violation[] | undefined;
    const strictIp = isAtLeast(input.version, STRICT_IP_VALIDATION_SINCE);
    for (let i = 0; i < aliases.length; i++) {
      const alias = objectOf(aliases[i]);
      if (!alias) continue;
      const ip = alias.ip;
      const ipProblem =
        ip === undefined || ip === null || typeof ip === 'string' ? legacyIpProblem(ip ?? '', strictIp) : undefined;
      if (ipProblem)
        (out ??= []).push({
          field: child(index(listPath, i), 'ip'),
          message:
            ip === undefined || ip === null || ip === ''
              ? 'The host alias has no ip; it "must be a valid IP address".'
              : `ip ${describeValue(ip)} "${ipProblem}".`,
          fix: FIX,
        });
      const hostnames = arrayOf(alias.hostnames);
      if (hostnames === undefined) continue;
      for (let j = 0; j < hostnames.length; j++) {
        const hostname = stringOf(hostnames[j]);
        if (hostname === undefined) continue;
        for (const p of dns1123SubdomainProblems(hostname))
          (out ??= []).push({
            field: index(child(index(listPath, i), 'hostnames'), j),
            message: `hostname ${describeValue(hostname)} is not a valid DNS name: ${p}.`,
            fix: FIX,
          });
      }
    }
    return out ?? [];
  },
});

export const HOST_ALIAS_RULES = [podHostAliasesInvalid];
