/**
 * `JobTemplateAccess`: lets an identity outside the template's pods (a Lambda or a cloud function
 * through IRSA/EKS access entries or Workload Identity, a webhook's ServiceAccount, a person or a
 * group) launch one JobTemplate: exactly the requests a launch makes (launch-job.ts in the
 * runtime), in the template's namespace:
 *
 * - `get` on that one `jobtemplates` object (by name): to read the template;
 * - `create` on `jobs`: the launched Job;
 * - `get` on `jobs`: a retried launch reads the Job its key names (names are digests, unknown in advance).
 *
 * RBAC cannot look inside a create, so `create jobs` lets the identity create any Job in that
 * namespace: give on-demand templates a namespace of their own (the README explains the trade-off).
 */
import { ApiObject } from 'cdk8s';
import { ApiResource } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { ApiVerb, renderPolicyRules } from '../../constructs/rbac/workload-access';
import { constructRuleErrors } from '../../constructs/synth-validation';
import { ConstructRule } from '../../rules/construct-rule';
import { RuleOrigin } from '../../rules/rule';
import { JobTemplate } from './job-template';
import { lazyValue } from '../../constructs/manifest-json';
import { registerConstructRules } from '../../constructs/construct-rules';

/** Who may launch: a ServiceAccount, a user or a group, as a RoleBinding names them. */
export class LaunchSubject {
  /** A ServiceAccount (a webhook or service in the cluster; a pod elsewhere with federated identity). */
  public static serviceAccount(name: string, namespace: string): LaunchSubject {
    return new LaunchSubject('ServiceAccount', name, namespace);
  }

  /** A user, e.g. what an EKS access entry maps a Lambda's IAM role to, or a GKE Google service account e-mail. */
  public static user(name: string): LaunchSubject {
    return new LaunchSubject('User', name);
  }

  /** A group, e.g. an EKS access entry's Kubernetes group for a Lambda's IAM role. */
  public static group(name: string): LaunchSubject {
    return new LaunchSubject('Group', name);
  }

  private constructor(
    /** `ServiceAccount`, `User` or `Group`. */
    public readonly kind: string,
    public readonly name: string,
    /** ServiceAccounts only. */
    public readonly namespace?: string,
  ) {}

  /** The RoleBinding subject. @internal */
  public _toSubject(): { [key: string]: string } {
    return this.kind === 'ServiceAccount'
      ? { kind: this.kind, name: this.name, namespace: this.namespace ?? '' }
      : { apiGroup: 'rbac.authorization.k8s.io', kind: this.kind, name: this.name };
  }
}

export interface JobTemplateAccessProps {
  /** The template that may be launched. */
  readonly template: JobTemplate;
  /**
   * Who may launch it; more can be added with `grant`.
   * @default - none yet (a JobTemplateAccess left without subjects is reported at synth)
   */
  readonly subjects?: LaunchSubject[];
}

/** What the access rule judges. */
export interface LaunchAccessPlan {
  readonly subjects: readonly { readonly kind: string; readonly name: string; readonly namespace?: string }[];
}

export const JOB_TEMPLATE_ACCESS_RULES: readonly ConstructRule<LaunchAccessPlan>[] = [
  {
    id: 'job-template-access-subject-invalid',
    origin: RuleOrigin.CONSTRUCT,
    constructs: ['JobTemplateAccess'],
    summary:
      'A JobTemplateAccess without subjects, or a subject with an empty name or a ServiceAccount without a namespace.',
    check: ({ subjects }) => [
      ...(subjects.length === 0
        ? [
            {
              field: 'subjects',
              message: 'nobody is allowed to launch the template, so the binding would be empty.',
              fix: 'add subjects, e.g. LaunchSubject.group("invoice-launchers").',
            },
          ]
        : []),
      ...subjects.flatMap((s, i) =>
        s.name.trim() === '' || (s.kind === 'ServiceAccount' && !s.namespace)
          ? [
              {
                field: `subjects[${i}]`,
                message: `the ${s.kind} subject has no ${s.name.trim() === '' ? 'name' : 'namespace'}.`,
                fix: "name the subject (and a ServiceAccount's namespace) as the cluster knows it.",
              },
            ]
          : [],
      ),
    ],
  },
];
registerConstructRules(JOB_TEMPLATE_ACCESS_RULES);

export class JobTemplateAccess extends Construct {
  private readonly subjects: LaunchSubject[];

  public constructor(scope: Construct, id: string, props: JobTemplateAccessProps) {
    super(scope, id);
    this.subjects = [...(props.subjects ?? [])];
    const template = props.template;
    const namespace = template.metadata.namespace;
    const role = new ApiObject(this, 'Role', {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'Role',
      metadata: { namespace },
      rules: lazyValue(() =>
        renderPolicyRules([
          { verbs: [ApiVerb.GET], resources: [template] },
          { verbs: [ApiVerb.CREATE, ApiVerb.GET], resources: [ApiResource.JOBS] },
        ]),
      ),
    });
    new ApiObject(this, 'Binding', {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: { namespace },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: role.name },
      subjects: lazyValue(() => this.subjects.map((s) => s._toSubject())),
    });
    this.node.addValidation({
      validate: () =>
        constructRuleErrors(this, JOB_TEMPLATE_ACCESS_RULES, {
          subjects: this.subjects.map((s) => ({ kind: s.kind, name: s.name, namespace: s.namespace })),
        }),
    });
  }

  /** Lets more subjects launch the template. */
  public grant(...subjects: LaunchSubject[]): void {
    this.subjects.push(...subjects);
  }
}
