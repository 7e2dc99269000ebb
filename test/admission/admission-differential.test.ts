/**
 * The generated admission policies against the rule engine, object by object: the engine on each
 * object as written, the policies' CEL (under a JavaScript CEL evaluator) on the object as the API
 * server would show it to admission (our model of its defaulting, null fields dropped). For every
 * carried rule that applies to the object's kind, "the engine reports it" must equal "the policy's
 * validation fails". Objects the API server would reject never reach admission and are not compared;
 * Jobs owned by a CronJob are left out by the policy's match condition. What this does and does not
 * prove: the README's "Admission policies" section.
 */
import { batchAdmissionPolicies, celExpressionsIn } from '../../src/admission/admission-policy';
import { defaultBatchObject } from '../../src/rules/defaults';
import { DEFAULT_KUBERNETES_VERSION } from '../../src/rules/kubernetes-version';
import { RuleLevel, RulePolicy, SUPPRESSION_ANNOTATION_PREFIX } from '../../src/rules/policy';
import { ALL_RULES, batchKindOf, resolveKubernetesVersion, validateBatchObject } from '../../src/rules/registry';
import { RuleOrigin } from '../../src/rules/rule';
import { ungrouped } from '../support/findings';
import { compileRe2, evaluatePolicy, re2AgreesWithJs, regexLiterals } from './cel-evaluator';
import { CorpusObject, exampleObjects, fixtureObjects, referenceDataObjects } from './corpus';
import { mutationsOf } from './mutations';

const VERSIONS = ['1.30', DEFAULT_KUBERNETES_VERSION];
/** The opt-in rule joins the comparison. */
const POLICY: RulePolicy = { rules: { 'container-secret-in-env': RuleLevel.WARNING } };
const NOW = Date.UTC(2026, 0, 1);
const API_SERVER_RULE_IDS = new Set(ALL_RULES.filter((r) => r.origin === RuleOrigin.API_SERVER).map((r) => r.id));

/** A copy without null fields: the API server's decoder drops them. */
function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, v]) => v !== null)
      .map(([k, v]) => [k, withoutNulls(v)]),
  );
}

function withoutSuppressions(object: any): any {
  const annotations = Object.entries(object.metadata?.annotations ?? {}).filter(
    ([k]) => !k.startsWith(SUPPRESSION_ANNOTATION_PREFIX),
  );
  return { ...object, metadata: { ...object.metadata, annotations: Object.fromEntries(annotations) } };
}

interface Tally {
  comparisons: number;
  objects: number;
  rejectedByApiServer: number;
  ownedByCronJob: number;
  disagreements: string[];
}

/** Compares engine and policies on each object at one release; `engineView` is what the engine is given. */
function compare(
  corpus: readonly CorpusObject[],
  version: string,
  honourSuppressions: boolean,
  engineView: (o: any) => any = (o) => o,
): Tally {
  const { manifests } = batchAdmissionPolicies({ kubernetesVersion: version, policy: POLICY, honourSuppressions });
  const policies = manifests.filter((m) => m.kind === 'ValidatingAdmissionPolicy') as any[];
  const parsed = resolveKubernetesVersion(version);
  const tally: Tally = { comparisons: 0, objects: 0, rejectedByApiServer: 0, ownedByCronJob: 0, disagreements: [] };
  for (const { source, object } of corpus) {
    const kind = batchKindOf(object)!;
    // Policies check rule by rule: a grouped finding counts as each of its parts.
    const findings = ungrouped(
      validateBatchObject(engineView(object), {
        kubernetesVersion: version,
        policy: POLICY,
        now: NOW,
        // Each policy carries one rule's verdict, also where lint leaves it to the root cause.
        yieldToRootCause: false,
      }),
    );
    if (findings.some((f) => API_SERVER_RULE_IDS.has(f.rule))) {
      tally.rejectedByApiServer++;
      continue;
    }
    tally.objects++;
    const reported = new Set(findings.map((f) => f.rule));
    const view = withoutNulls(defaultBatchObject(kind, object, parsed));
    const resource = kind === 'Job' ? 'jobs' : 'cronjobs';
    for (const policy of policies.filter((p) => p.spec.matchConstraints.resourceRules[0].resources[0] === resource)) {
      let verdict;
      try {
        verdict = evaluatePolicy(policy, view);
      } catch (error) {
        tally.disagreements.push(`${source} (${version}): ${(error as Error).message}`);
        continue;
      }
      if (!verdict.matched) {
        tally.ownedByCronJob++;
        continue;
      }
      for (const [id, failed] of verdict.failed) {
        tally.comparisons++;
        if (failed !== reported.has(id))
          tally.disagreements.push(`${source} (${version}): ${id}: engine ${reported.has(id)}, CEL ${failed}`);
      }
    }
  }
  return tally;
}

/** Disagreements counted by rule and direction, with the first example of each: a readable failure. */
function summary(disagreements: readonly string[]): Record<string, string> {
  const groups = new Map<string, string[]>();
  for (const d of disagreements) {
    const key = d.slice(d.indexOf('): ') + 3).replace(/ in .*$/s, '');
    groups.set(key, [...(groups.get(key) ?? []), d]);
  }
  return Object.fromEntries([...groups].map(([key, all]) => [key, `${all.length}x, e.g. ${all[0]}`]));
}

const BASE: CorpusObject[] = [...exampleObjects(), ...fixtureObjects(), ...referenceDataObjects()];
const CORPUS: CorpusObject[] = [
  ...BASE,
  ...BASE.flatMap(({ source, object }) =>
    mutationsOf(object).map((m) => ({ source: `${source} / ${m.name}`, object: m.object })),
  ),
];

describe('admission policies agree with the rule engine', () => {
  test('the corpus has the examples app, the fixtures and the reference data', () => {
    expect(exampleObjects().length).toBeGreaterThanOrEqual(5);
    expect(fixtureObjects().length).toBeGreaterThan(5);
    expect(referenceDataObjects().length).toBeGreaterThan(100);
  });

  test.each(VERSIONS)('on every object, every carried rule, Kubernetes %s', (version) => {
    const tally = compare(CORPUS, version, true);
    console.log(
      `admission differential, Kubernetes ${version}: ${tally.comparisons} comparisons on ${tally.objects} objects (${CORPUS.length} in the corpus; ${tally.rejectedByApiServer} rejected by API-server rules, ${tally.ownedByCronJob} Jobs left out as owned by a CronJob), ${tally.disagreements.length} disagreements`,
    );
    expect(summary(tally.disagreements)).toEqual({});
    expect(tally.comparisons).toBeGreaterThan(10_000);
    expect(tally.ownedByCronJob).toBeGreaterThan(0);
  });

  test('with suppression turned off, the policies agree with the engine on the objects without their suppressions', () => {
    const suppressed = CORPUS.filter(({ object }) => JSON.stringify(object).includes(SUPPRESSION_ANNOTATION_PREFIX));
    const tally = compare(suppressed, DEFAULT_KUBERNETES_VERSION, false, withoutSuppressions);
    console.log(`admission differential, suppression off: ${tally.comparisons} comparisons`);
    expect(summary(tally.disagreements)).toEqual({});
  });
});

describe('regexes mean the same in RE2 (cel-go) and JavaScript (the evaluator)', () => {
  const { manifests } = batchAdmissionPolicies({ policy: POLICY });
  const expressions = celExpressionsIn(JSON.stringify(manifests));
  const patterns = [...new Set(expressions.flatMap(regexLiterals))];
  const images = [
    ...new Set(CORPUS.flatMap(({ object }) => JSON.stringify(object).match(/"image":"[^"]*"/g) ?? [])),
  ].map((m) => JSON.parse(m.slice('"image":'.length)) as string);

  test('every regex literal compiles in RE2', () => {
    expect(patterns.length).toBeGreaterThan(0);
    for (const p of patterns) expect(() => compileRe2(p)).not.toThrow();
  });

  test('RE2 and RegExp find the same matches on every image in the corpus', () => {
    const differ = patterns.flatMap((p) => images.filter((i) => !re2AgreesWithJs(p, i)).map((i) => `${p} on ${i}`));
    expect(differ).toEqual([]);
  });
});
