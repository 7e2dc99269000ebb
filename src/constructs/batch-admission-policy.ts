/**
 * The best-practice rules in the cluster: ValidatingAdmissionPolicies and bindings for Jobs and
 * CronJobs, generated from the same rules synth and lint run (src/admission/), so YAML that
 * bypasses both (`kubectl apply`, Helm, another pipeline) is checked too.
 */
import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { admissionOptionProblems, admissionPolicyVersion, batchAdmissionPolicies } from '../admission/admission-policy';
import { BatchPolicy } from './batch-policy';

export interface BatchAdmissionPolicyProps {
  /**
   * The release the policies are for (1.30 or later: ValidatingAdmissionPolicy v1); CEL features
   * newer than it are not used.
   * @default - the BatchPolicy's kubernetesVersion (DEFAULT_KUBERNETES_VERSION, "1.35", without one)
   */
  readonly kubernetesVersion?: string;

  /**
   * Bind the rules a BatchPolicy raises to error with Deny (and Audit). Roll out with Warn first.
   * @default false - every rule warns and is audited
   */
  readonly deny?: boolean;

  /**
   * Let a `cdk8s-batch.io/suppress-<rule-id>` annotation with a reason exempt an object, as lint
   * does. Under Deny that lets any author exempt themselves: a cluster admin may turn it off.
   * @default true
   */
  readonly honourSuppressions?: boolean;

  /**
   * Check only namespaces with these labels (keys and values as labels allow; others are synth errors).
   * @default - every namespace
   */
  readonly namespaceLabels?: { [name: string]: string };

  /**
   * Prefix of the policy and binding names; one that makes a name the API server refuses
   * (capitals, `_`, over 244 characters) is a synth error.
   * @default "cdk8s-batch"
   */
  readonly namePrefix?: string;
}

/** A best-practice rule the admission policies do not carry, and why. */
export interface AdmissionPolicyGap {
  /** The rule id. */
  readonly ruleId: string;
  /** Why CEL in an admission policy cannot check it. */
  readonly reason: string;
}

/**
 * Emits the admission policies and bindings. Rule levels come from the BatchPolicy in force where
 * this construct is created (declare the BatchPolicy first): off leaves a rule out, error makes it
 * Deny when `deny` is set.
 */
export class BatchAdmissionPolicy extends Construct {
  /** The rule ids the policies check. */
  public readonly carriedRules: string[];
  /** The best-practice rules they cannot check, with the reason; lint still checks them. */
  public readonly notCarried: AdmissionPolicyGap[];

  public constructor(scope: Construct, id: string, props: BatchAdmissionPolicyProps = {}) {
    super(scope, id);
    const policy = BatchPolicy.of(this);
    const kubernetesVersion = props.kubernetesVersion ?? policy.kubernetesVersion;
    try {
      admissionPolicyVersion(kubernetesVersion);
    } catch (error) {
      // A release without ValidatingAdmissionPolicy v1: one synth error, not a stack trace.
      const message = (error as Error).message;
      this.node.addValidation({ validate: () => [message] });
      this.carriedRules = [];
      this.notCarried = [];
      return;
    }
    const options = {
      kubernetesVersion,
      policy: { rules: policy.rules },
      deny: props.deny,
      honourSuppressions: props.honourSuppressions,
      namespaceLabels: props.namespaceLabels,
      namePrefix: props.namePrefix,
    };
    const generated = batchAdmissionPolicies(options);
    // A name or namespace label the API server would refuse: synth errors, every one, before anything is applied.
    const problems = admissionOptionProblems(options, generated);
    if (problems.length > 0) this.node.addValidation({ validate: () => problems });
    for (const { apiVersion, kind, metadata, spec } of generated.manifests) {
      new ApiObject(this, `${kind}-${metadata.name}`, { apiVersion, kind, metadata: { ...metadata }, spec });
    }
    this.carriedRules = [...generated.carried];
    this.notCarried = generated.notCarried.map((r) => ({ ruleId: r.id, reason: r.reason }));
  }
}
