/**
 * What Job and CronJob share: the pod they run, with safe defaults, and synth-time validation.
 *
 * Why extend cdk8s-plus's `Workload` and not its `Job`/`CronJob`: those classes hard-wire the L1
 * `KubeJob`/`KubeCronJob`, whose `toJson()` passes the object through the Kubernetes 1.28 schema
 * mapper. That mapper drops every field 1.28 does not know (`managedBy`, `successPolicy`) and
 * anything an escape hatch adds outside that schema, so neither could be emitted or validated.
 * Their `_toKube()` also emits only three JobSpec fields (and no `jobTemplate.metadata`), and
 * their constructors throw on user mistakes (`startingDeadline` under 10 s) instead of reporting
 * findings. `Workload` gives us everything about the pod (containers, init containers, volumes,
 * env from secrets and config maps, service account, security context, DNS, scheduling,
 * `connections`, `permissions`); we emit the whole batch/v1 object ourselves through a plain
 * `ApiObject` with a lazily rendered spec.
 *
 * Pod defaults (each overridable through the usual cdk8s-plus props):
 * - restartPolicy `Never`: the API server rejects `Always` for Jobs, and `podFailurePolicy`
 *   needs `Never`; with `OnFailure` a crash-looping container restarts in place and hides failures
 *   from `backoffLimit` accounting.
 * - every container: Pod Security Standards "restricted" settings and a writable /tmp
 *   (pod-security.ts); resources from props or the chart policy, never a constant (resource-policy.ts);
 *   the API server's pull policy for its image instead of cdk8s-plus's `Always` (pod-defaults.ts).
 * - the pod template carries the workload's labels, chart labels included (pod-defaults.ts).
 * - a dedicated ServiceAccount with no token mounted (service-account.ts).
 */
import { Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { checkConstructRules, ConstructRule, ConstructRuleContext } from '../rules/construct-rule';
import { Finding } from '../rules/finding';
import { suppressionAnnotation } from '../rules/policy';
import { ValidateOptions } from '../rules/registry';
import { BatchPolicy } from './batch-policy';
import { podTemplateLabels, withImagePullPolicy } from './pod-defaults';
import { withRestrictedSecurity, withWritableTmp } from './pod-security';
import { rememberResourceSource, withoutBuiltInResources, withPolicyResources } from './resource-policy';
import { serviceAccountFor } from './service-account';
import { enableSynthScope } from './synth-scope';
import { addRenderedObjectValidation } from './synth-validation';
import { ManifestJson, ObjectMetaJson, PodTemplateJson, renderedLabels } from './manifest-json';

/**
 * Pod props of the batch constructs: cdk8s-plus's `WorkloadProps`, with batch defaults where
 * cdk8s-plus documents others (jsii forbids re-declaring an inherited prop to re-document it):
 * - `restartPolicy` @default RestartPolicy.NEVER (not cdk8s-plus's ALWAYS): the API server rejects
 *   `Always` for Jobs, `podFailurePolicy` requires `Never`, and a failed pod stays inspectable.
 * - `serviceAccount` @default a dedicated ServiceAccount created by the construct, token not
 *   mounted: the pods never share the namespace's `default` account and can be granted exactly
 *   what they need.
 * - `containers` and containers added later: Pod Security Standards "restricted" settings under
 *   your own, and resources from your props or the `BatchPolicy`, never a constant.
 * - `imagePullPolicy` of each container @default IfNotPresent for an image with a tag or digest,
 *   Always for an untagged or `latest` one (the API server's rule, not cdk8s-plus's Always): a
 *   pinned image does not change, and pulling it on every run invites registry rate limits.
 * - `podMetadata` labels @default the workload's labels, the chart's included (Kueue's excepted),
 *   under the pod's own, so pod selectors and cost reports find the pods.
 * - `select` is ignored: Jobs get their selector from the API server.
 * - `spread` is applied once (hostname and zone).
 */
export interface BatchWorkloadProps extends kplus.WorkloadProps {
  /**
   * Mount a writable emptyDir at /tmp into every container whose root filesystem is read-only
   * (the default) and that mounts nothing at /tmp itself.
   * @default true - a read-only root filesystem is part of the restricted profile, and most
   * programs need somewhere to write temporary files
   */
  readonly writableTmp?: boolean;

  /**
   * Size limit of the /tmp emptyDir.
   * @default - no limit of its own (it counts against the container's ephemeral-storage limit, if any)
   */
  readonly tmpSizeLimit?: Size;
}

export abstract class BatchWorkload extends kplus.Workload {
  private readonly writableTmp: boolean;
  private readonly tmpSizeLimit?: Size;
  private readonly spreadPods: boolean;
  /** The construct's own rules, and each rule set with how to read its input, in the order added. */
  private readonly constructRules: ConstructRule<never>[] = [];
  private readonly constructChecks: ((context: ConstructRuleContext, manifest: ManifestJson) => Finding[])[] = [];

  protected constructor(scope: Construct, id: string, props: BatchWorkloadProps) {
    super(scope, id, {
      ...props,
      restartPolicy: props.restartPolicy ?? kplus.RestartPolicy.NEVER,
      // Jobs get their selector from the API server; a user selector needs manualSelector.
      select: false,
      // Workload applies `spread` on every render, duplicating the terms; we apply it once below.
      spread: false,
    });
    this.writableTmp = props.writableTmp ?? true;
    this.tmpSizeLimit = props.tmpSizeLimit;
    this.spreadPods = props.spread ?? false;
    // AbstractPod keeps the account in a readonly field set from props; the dedicated account
    // needs this construct as its scope, which exists only after super().
    (this as { serviceAccount?: kplus.IServiceAccount }).serviceAccount = serviceAccountFor(
      this,
      props.serviceAccount,
      props.metadata?.namespace,
    );
    enableSynthScope(this);
    addRenderedObjectValidation(this, () => this.apiObject, {
      batchObjectOf: (manifest: ManifestJson) => this.validatedObject(manifest),
      manifestFindings: (manifest: ManifestJson, options) => this._manifestFindings(manifest, options),
      constructRules: this.constructRules,
      constructFindings: (context, manifest: ManifestJson) =>
        this.constructChecks.flatMap((check) => check(context, manifest)),
    });
  }

  /**
   * Findings about the rendered manifest that the batch object's rules cannot show, judged in the
   * same pass with the same options (release, policy, validation instant): none for a Job or
   * CronJob; a ScheduledJob judges the Job of its runs.
   * @internal
   */
  protected _manifestFindings(
    _manifest: ManifestJson,
    _options: ValidateOptions & { readonly now: number },
  ): Finding[] {
    return [];
  }

  /**
   * Adds construct rules (construct-rule.ts) over `input`, read at synth time from the emitted
   * manifest (after every escape hatch) and the construct, so later changes count; they run in the
   * construct's one validation pass, under its policy and suppressions.
   * @internal
   */
  protected _addConstructRules<Input>(
    rules: readonly ConstructRule<Input>[],
    input: (manifest: ManifestJson) => Input,
  ): void {
    this.constructRules.push(...rules);
    this.constructChecks.push((context, manifest) => checkConstructRules(rules, input(manifest), context));
  }

  /**
   * The batch/v1 object synth-time validation checks, given this construct's rendered manifest: the
   * manifest itself. A subclass that emits another kind around a JobSpec (a KEDA ScaledJob) returns
   * the Job that kind will create, so the same rules cover it.
   */
  protected validatedObject(manifest: unknown): unknown {
    return manifest;
  }

  /**
   * Suppresses one best-practice rule for this object (a manifest rule, or one of the construct's
   * own rules about its props), with the reason a reviewer will read. The reason is kept in the
   * manifest as the annotation `cdk8s-batch.io/suppress-<rule id>`, which `cdk8s-batch lint`
   * honours too. API-server rules cannot be suppressed (the server would still
   * reject the object); a suppression without a reason, or of an unknown rule, is itself reported.
   */
  public suppressRule(ruleId: string, reason: string): void {
    this.metadata.addAnnotation(suppressionAnnotation(ruleId), reason);
  }

  /** Adds a container with the batch defaults (restricted security, resources from the policy). */
  public addContainer(cont: kplus.ContainerProps): kplus.Container {
    const container = super.addContainer(withImagePullPolicy(withoutBuiltInResources(withRestrictedSecurity(cont))));
    rememberResourceSource(container, cont);
    return container;
  }

  /** Adds an init container with the batch defaults (restricted security, resources from the policy). */
  public addInitContainer(cont: kplus.ContainerProps): kplus.Container {
    const container = super.addInitContainer(
      withImagePullPolicy(withoutBuiltInResources(withRestrictedSecurity(cont))),
    );
    rememberResourceSource(container, cont);
    return container;
  }

  /**
   * The pod template in the API server's JSON: cdk8s-plus's pod spec with policy resources and
   * the writable /tmp, through the L1 mapper (which writes the wire names, e.g. `setHostnameAsFQDN`
   * for the TypeScript `setHostnameAsFqdn`, and unwraps quantities).
   */
  protected renderPodTemplate(): { [field: string]: unknown } | undefined {
    let spec = withPolicyResources(
      this._toPodSpec(),
      this.containers,
      this.initContainers,
      BatchPolicy.of(this).containerResources,
    );
    if (this.writableTmp) spec = withWritableTmp(spec, this.tmpSizeLimit);
    const metadata: unknown = this.podMetadata.toJson();
    const labels = podTemplateLabels(renderedLabels(this.metadata), (metadata as ObjectMetaJson).labels);
    // The L1 mapper types its output `Record<string, any>`; it is the pod template's JSON.
    const template: unknown = kplus.k8s.toJson_PodTemplateSpec({
      metadata: { ...(metadata as ObjectMetaJson), labels },
      spec,
    });
    return template as PodTemplateJson | undefined;
  }

  /**
   * Applies `spread` (once, by hostname and zone) and `isolate`. Both select the pods by their
   * labels, which live on the ApiObject: subclasses call this right after creating it.
   */
  protected placePods(): void {
    if (this.spreadPods) {
      this.scheduling.spread({ topology: kplus.Topology.HOSTNAME });
      this.scheduling.spread({ topology: kplus.Topology.ZONE });
    }
    if (this.isolate) this.connections.isolate();
  }
}
