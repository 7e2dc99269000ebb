/**
 * Settings shared by every Job and CronJob below a scope, declared once on the App or a Chart:
 * the Kubernetes release to validate for, the rule levels, and the container resources to use when
 * a container sets none. Nearest wins: a Chart's policy overrides the App's field by field (rule
 * levels merge, the chart's level winning). Looked up at synth time, so a policy may be declared
 * before or after the constructs it governs.
 */
import { ContainerResources } from 'cdk8s-plus-28';
import { Construct, IConstruct } from 'constructs';
import { DEFAULT_KUBERNETES_VERSION, readKubernetesVersion } from '../rules/kubernetes-version';
import { RuleLevel } from '../rules/policy';
import { ALL_RULES } from '../rules/registry';
import { BATCH_POLICY_RULES } from './batch-policy-rules';
import { knownConstructRules } from './construct-rules';
import { GitOpsTool } from './gitops';
import { constructRuleErrors, printNote } from './synth-validation';

export interface BatchPolicyProps {
  /**
   * The Kubernetes release whose API rules and fields apply, e.g. `"1.36"` (1.25 or later). Fields
   * newer than this release are errors that name the version they need. A newer minor than the
   * library knows is checked as the newest one it knows, and synth prints a one-line note saying so.
   * @default - the enclosing scope's policy, else the oldest release upstream supports when this
   * package is released ("1.35", DEFAULT_KUBERNETES_VERSION)
   */
  readonly kubernetesVersion?: string;

  /**
   * Levels for best-practice rules by rule id: raise one to an error, lower it to a warning or
   * turn it off (the constructs' own best-practice rules are errors by default). API-server rules,
   * and construct rules for what cannot work, are always errors. Merged over the enclosing scope's
   * levels.
   * @default - every best-practice rule is a warning
   */
  readonly rules?: { [ruleId: string]: RuleLevel };

  /**
   * Requests and limits for every container (and init container) that sets no `resources` of its
   * own. There is deliberately no built-in value: sizes depend on the workload, and a silent
   * constant (cdk8s-plus-28's 1000m/512Mi) hides the decision. Without either, the resources
   * best-practice rule warns.
   * @default - the enclosing scope's policy, else none
   */
  readonly containerResources?: ContainerResources;

  /**
   * Print warning findings to stderr during synth (errors always fail the synth).
   * @default - the enclosing scope's policy, else true
   */
  readonly printWarnings?: boolean;

  /**
   * The GitOps tool that applies the manifests. Under Argo CD or Flux a standalone Job runs once
   * per change of its content: it gets no default TTL (both tools put back a Job its TTL deleted,
   * which runs it again) and a name hashed from its spec (a changed Job is a new Job instead of an
   * "immutable field" error). An Argo CD resource hook keeps its TTL under Argo CD. See gitops.ts.
   * @default - the enclosing scope's policy, else GitOpsTool.NONE (a standalone Job keeps its
   * 3-day TTL and its name)
   */
  readonly gitOpsTool?: GitOpsTool;
}

/** The policy in force for one construct, after merging every enclosing `BatchPolicy`. */
export interface EffectiveBatchPolicy {
  /** The Kubernetes release, e.g. "1.35". */
  readonly kubernetesVersion: string;
  /** Levels for best-practice rules by rule id. */
  readonly rules: { [ruleId: string]: RuleLevel };
  /** Resources for containers that set none; undefined means none. */
  readonly containerResources?: ContainerResources;
  /** Whether warnings are printed during synth. */
  readonly printWarnings: boolean;
  /** The GitOps tool that applies the manifests. */
  readonly gitOpsTool: GitOpsTool;
}

/** Declares batch settings for every Job and CronJob below `scope` (an App, a Chart or any construct). */
export class BatchPolicy extends Construct {
  /** The construct id a policy takes; there is at most one per scope. */
  public static readonly ID = 'BatchPolicy';

  /** The policy in force at `scope`: every enclosing `BatchPolicy` merged, nearest first. */
  public static of(scope: IConstruct): EffectiveBatchPolicy {
    const chain: BatchPolicyProps[] = [];
    for (let node: IConstruct | undefined = scope; node; node = node.node.scope) {
      const policy = node.node.tryFindChild(BatchPolicy.ID);
      if (policy instanceof BatchPolicy) chain.push(policy.props);
    }
    let rules: { [ruleId: string]: RuleLevel } = {};
    for (let i = chain.length - 1; i >= 0; i--) rules = { ...rules, ...chain[i].rules };
    const nearest = <K extends keyof BatchPolicyProps>(key: K): BatchPolicyProps[K] =>
      chain.find((p) => p[key] !== undefined)?.[key];
    return {
      kubernetesVersion: nearest('kubernetesVersion') ?? DEFAULT_KUBERNETES_VERSION,
      rules,
      containerResources: nearest('containerResources'),
      printWarnings: nearest('printWarnings') ?? true,
      gitOpsTool: nearest('gitOpsTool') ?? GitOpsTool.NONE,
    };
  }

  private readonly props: BatchPolicyProps;

  public constructor(scope: Construct, props: BatchPolicyProps = {}) {
    super(scope, BatchPolicy.ID);
    this.props = props;
    this.node.addValidation({
      validate: () => {
        const note = props.kubernetesVersion && readKubernetesVersion(props.kubernetesVersion)?.note;
        if (note && BatchPolicy.of(this).printWarnings) printNote(this, note);
        return constructRuleErrors(this, BATCH_POLICY_RULES, {
          kubernetesVersion: props.kubernetesVersion,
          levels: props.rules ?? {},
          knownRules: [...ALL_RULES, ...knownConstructRules()],
        });
      },
    });
  }
}
