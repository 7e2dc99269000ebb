/**
 * Quoted strings and flow collections continued on lines indented too little, as go-yaml v2 (what
 * kubectl reads manifests with) reads them: test/data/go-yaml-continuations.json holds each text
 * with go-yaml's documents, or that it refuses the text. `lint` must read the same values and
 * refuse the same texts.
 */
import { parseYamlManifest } from '../../src/manifests/parse';
import { readReferenceJson } from '../support/reference-data';

interface GoYamlCase {
  readonly yaml: string;
  /** What go-yaml decodes, as JSON (keys in any order). */
  readonly documents?: unknown[];
  readonly refused?: true;
}

const CASES = readReferenceJson<GoYamlCase[]>('go-yaml-continuations.json');

/** JSON with every object's keys sorted: go-yaml's maps have no order. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.keys(v)
            .sort()
            .map((k) => [k, (v as Record<string, unknown>)[k]]),
        )
      : v,
  );
}

test('the cases hold texts go-yaml reads and texts it refuses', () => {
  expect(CASES.filter((c) => c.refused).length).toBeGreaterThan(100);
  expect(CASES.filter((c) => !c.refused).length).toBeGreaterThan(1000);
});

test.each(CASES.map((c, i) => [i, JSON.stringify(c.yaml), c] as const))('case %i: %s', (_i, _text, c) => {
  const read = parseYamlManifest(c.yaml, 'case.yaml');
  if (c.refused) {
    expect('problem' in read).toBe(true);
  } else {
    if ('problem' in read) throw new Error(read.problem.reason);
    expect(canonical(read.documents.map((d) => d.value))).toBe(canonical(c.documents));
  }
});
