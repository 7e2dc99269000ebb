/**
 * RBAC beside the workload: permissions for a workload's own ServiceAccount, declared as typed
 * verbs on API resources and emitted as the narrowest objects that grant them: a Role and a
 * RoleBinding in one namespace, or, only when asked, a ClusterRole and a ClusterRoleBinding.
 *
 * Why not cdk8s-plus's `Role.bind(workload)`: it renders one rule per resource exactly as
 * given (repeated verbs included), names the subject without a namespace (which a
 * ClusterRoleBinding rejects), and `Workload.permissions` grants others access to the workload,
 * not the workload access to others. Here rules for the same resource are merged, verbs are
 * de-duplicated in a fixed order, and the subject's namespace is the workload's.
 *
 * The pods can only use these permissions with a ServiceAccount token mounted, which the batch
 * constructs turn off by default: set `automountServiceAccountToken: true` on the workload and
 * suppress `pod-service-account-token-mounted` with the reason (CleanupCronJob does both).
 */
import { ApiObject } from 'cdk8s';
import { AbstractPod, IApiResource, k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { constructRuleErrors } from '../synth-validation';
import { WORKLOAD_ACCESS_RULES } from './workload-access-rules';
import { lazyValue } from '../manifest-json';

/** The Kubernetes API verbs a rule can allow. */
export enum ApiVerb {
  GET = 'get',
  LIST = 'list',
  WATCH = 'watch',
  CREATE = 'create',
  UPDATE = 'update',
  PATCH = 'patch',
  DELETE = 'delete',
  DELETE_COLLECTION = 'deletecollection',
}

/** Where the permissions apply. */
export enum AccessScope {
  /** In one namespace: a Role and a RoleBinding. */
  NAMESPACE = 'Namespace',
  /** In every namespace: a ClusterRole and a ClusterRoleBinding. Only when truly needed. */
  CLUSTER = 'Cluster',
}

/** Verbs allowed on resources, e.g. `{ verbs: [ApiVerb.LIST, ApiVerb.DELETE], resources: [ApiResource.JOBS] }`. */
export interface AccessRule {
  /** The verbs to allow. */
  readonly verbs: ApiVerb[];
  /**
   * The resources: `ApiResource.JOBS`, `ApiResource.custom({...})`, or a cdk8s-plus resource
   * construct (which narrows the rule to that one object by name).
   */
  readonly resources: IApiResource[];
}

export interface WorkloadAccessProps {
  /**
   * The permissions; more can be added with `allow`.
   * @default - none yet (a WorkloadAccess left without rules is reported at synth)
   */
  readonly rules?: AccessRule[];

  /**
   * Namespace or cluster-wide.
   * @default AccessScope.NAMESPACE - the narrowest
   */
  readonly scope?: AccessScope;

  /**
   * The namespace the permissions apply in (AccessScope.NAMESPACE).
   * @default - the workload's namespace (metadata.namespace; when unset, the namespace the
   * manifests are applied to)
   */
  readonly namespace?: string;
}

/** One rule of a Role or ClusterRole, as the API server reads it. */
export interface RenderedPolicyRule {
  readonly apiGroups: string[];
  readonly resources: string[];
  readonly resourceNames?: string[];
  readonly verbs: string[];
}

const VERB_ORDER: readonly string[] = Object.values(ApiVerb);

/**
 * Rules as the API server reads them: one per resource (and object name), in the order first
 * named, with every verb granted on it once, in the order of `ApiVerb`.
 */
export function renderPolicyRules(rules: readonly AccessRule[]): RenderedPolicyRule[] {
  const byResource = new Map<string, { group: string; type: string; name?: string; verbs: Set<string> }>();
  for (const rule of rules) {
    for (const resource of rule.resources) {
      const group = resource.apiGroup === 'core' ? '' : resource.apiGroup;
      const type = resource.resourceType;
      const name = resource.resourceName;
      const key = JSON.stringify([group, type, name ?? null]);
      const entry = byResource.get(key) ?? { group, type, name, verbs: new Set<string>() };
      rule.verbs.forEach((verb) => entry.verbs.add(verb));
      byResource.set(key, entry);
    }
  }
  return [...byResource.values()].map((entry) => ({
    apiGroups: [entry.group],
    resources: [entry.type],
    resourceNames: entry.name === undefined ? undefined : [entry.name],
    verbs: [...entry.verbs].sort((a, b) => VERB_ORDER.indexOf(a) - VERB_ORDER.indexOf(b)),
  }));
}

/** Permissions for a workload's ServiceAccount, emitted as a Role and RoleBinding (or their cluster kinds). */
export class WorkloadAccess extends Construct {
  /** Where the permissions apply. */
  public readonly scope: AccessScope;
  private readonly rules: AccessRule[];
  private readonly workload: AbstractPod;
  private readonly namespace?: string;

  public constructor(workload: AbstractPod, id: string, props: WorkloadAccessProps = {}) {
    super(workload, id);
    this.workload = workload;
    this.scope = props.scope ?? AccessScope.NAMESPACE;
    this.rules = [...(props.rules ?? [])];
    this.namespace = props.namespace;

    const cluster = this.scope === AccessScope.CLUSTER;
    const roleKind = cluster ? 'ClusterRole' : 'Role';
    const role = new ApiObject(this, 'Role', {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: roleKind,
      metadata: cluster ? {} : { namespace: this.targetNamespace() },
      rules: lazyValue(() => renderPolicyRules(this.rules)),
    });
    new ApiObject(this, 'Binding', {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: cluster ? 'ClusterRoleBinding' : 'RoleBinding',
      metadata: cluster ? {} : { namespace: this.targetNamespace() },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: roleKind, name: role.name },
      subjects: lazyValue(() => [this.subject()]),
    });
    this.node.addValidation({
      validate: () =>
        constructRuleErrors(this, WORKLOAD_ACCESS_RULES, {
          rules: this.rules.map((rule) => ({ verbs: rule.verbs.length, resources: rule.resources.length })),
          cluster,
          namespace: this.namespace,
          workloadNamespace: workload.metadata.namespace,
          hasServiceAccount: workload.serviceAccount !== undefined,
        }),
    });
  }

  /** Allows `verbs` on `resources`, in addition to the rules so far. */
  public allow(verbs: ApiVerb[], ...resources: IApiResource[]): void {
    this.rules.push({ verbs, resources });
  }

  /** The namespace of the Role and RoleBinding: the given one, else the workload's. */
  private targetNamespace(): string | undefined {
    return this.namespace ?? this.workload.metadata.namespace;
  }

  /** The workload's ServiceAccount, in the workload's namespace (where its pods look it up). */
  private subject(): k8s.Subject {
    return {
      kind: 'ServiceAccount',
      name: this.workload.serviceAccount?.name ?? 'default',
      namespace: this.workload.metadata.namespace,
    };
  }
}
