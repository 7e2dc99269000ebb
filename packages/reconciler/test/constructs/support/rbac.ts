/**
 * Kubernetes RBAC authorization, enough to judge the reconciler's requests against the Roles and
 * ClusterRoles a chart holds: a request is allowed when a rule of a role bound to the subject
 * matches its API group, resource (with `/status` for the subresource), verb and, where the rule
 * names resources, its object name (never for create, list or watch: the authorizer has no name
 * for them). A ClusterRole bound by a ClusterRoleBinding applies everywhere, a Role only in its
 * namespace, and a request across all namespaces needs a ClusterRole.
 */
export interface ApiRequest {
  readonly verb: string;
  readonly group: string;
  /** `scheduledjobs`, or `scheduledjobs/status` for the subresource. */
  readonly resource: string;
  /** Undefined: across every namespace. */
  readonly namespace?: string;
  readonly name?: string;
}

interface Rule {
  readonly apiGroups: string[];
  readonly resources: string[];
  readonly verbs: string[];
  readonly resourceNames?: string[];
}

interface Grant {
  /** Undefined: every namespace (a ClusterRole through a ClusterRoleBinding). */
  readonly namespace?: string;
  readonly rules: readonly Rule[];
}

/** The grants of `serviceAccount` (in `namespace`) among the chart's manifests. */
export function grantsOf(manifests: readonly any[], serviceAccount: string, namespace: string): Grant[] {
  return grantsOfSubject(manifests, { kind: 'ServiceAccount', name: serviceAccount, namespace });
}

/** A RoleBinding subject: a ServiceAccount (with its namespace), a User or a Group. */
export interface Subject {
  readonly kind: 'ServiceAccount' | 'User' | 'Group';
  readonly name: string;
  readonly namespace?: string;
}

/** The grants of `subject` among the chart's manifests. */
export function grantsOfSubject(manifests: readonly any[], subject: Subject): Grant[] {
  const bound = (binding: any) =>
    (binding.subjects ?? []).some(
      (s: any) =>
        s.kind === subject.kind &&
        s.name === subject.name &&
        (subject.kind !== 'ServiceAccount' || s.namespace === subject.namespace),
    );
  const role = (kind: string, name: string, ns?: string) =>
    manifests.find(
      (m) => m.kind === kind && m.metadata.name === name && (ns === undefined || m.metadata.namespace === ns),
    );
  const grants: Grant[] = [];
  for (const binding of manifests.filter((m) => m.kind === 'ClusterRoleBinding' && bound(m))) {
    grants.push({ rules: role('ClusterRole', binding.roleRef.name)?.rules ?? [] });
  }
  for (const binding of manifests.filter((m) => m.kind === 'RoleBinding' && bound(m))) {
    const ns = binding.metadata.namespace;
    const rules =
      binding.roleRef.kind === 'ClusterRole'
        ? role('ClusterRole', binding.roleRef.name)?.rules
        : role('Role', binding.roleRef.name, ns)?.rules;
    grants.push({ namespace: ns, rules: rules ?? [] });
  }
  return grants;
}

const NAMELESS_VERBS = ['create', 'list', 'watch', 'deletecollection'];

export function isAllowed(grants: readonly Grant[], request: ApiRequest): boolean {
  return grants.some(
    (grant) =>
      (grant.namespace === undefined || (request.namespace !== undefined && grant.namespace === request.namespace)) &&
      grant.rules.some(
        (rule) =>
          rule.apiGroups.includes(request.group) &&
          rule.resources.includes(request.resource) &&
          rule.verbs.includes(request.verb) &&
          (rule.resourceNames === undefined ||
            (!NAMELESS_VERBS.includes(request.verb) &&
              request.name !== undefined &&
              rule.resourceNames.includes(request.name))),
      ),
  );
}

/** Every (group, resource, verb) the grants allow, as `group/resource verb`. */
export function grantedVerbs(grants: readonly Grant[]): string[] {
  const all = new Set<string>();
  for (const grant of grants)
    for (const rule of grant.rules)
      for (const group of rule.apiGroups)
        for (const resource of rule.resources) for (const verb of rule.verbs) all.add(`${group}/${resource} ${verb}`);
  return [...all].sort();
}
