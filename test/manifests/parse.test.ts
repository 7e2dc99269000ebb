import { ManifestReadResult } from '../../src/manifests/document';
import { indentContinuationLines } from '../../src/manifests/flow-continuations';
import {
  decodeManifestText,
  MAX_JSON_DEPTH,
  MAX_YAML_DEPTH,
  nestingExceeds,
  parseJsonManifest,
  parseManifestBytes,
  parseYamlManifest,
  syntaxForFile,
} from '../../src/manifests/parse';

function documentsOf(result: ManifestReadResult) {
  if ('problem' in result) throw new Error(`unexpected problem: ${result.problem.reason}`);
  return result.documents;
}

function problemOf(result: ManifestReadResult) {
  if (!('problem' in result)) throw new Error('expected a problem');
  return result.problem;
}

const bytes = (...values: number[]) => Uint8Array.from(values);

/** The classic "billion laughs": nine levels of nine aliases, 9^9 strings once expanded. */
const BILLION_LAUGHS = [
  'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
  ...'bcdefghi'.split('').map((name, i) => {
    const previous = 'abcdefghi'[i];
    return `${name}: &${name} [${Array(9).fill(`*${previous}`).join(',')}]`;
  }),
].join('\n');

describe('YAML streams', () => {
  test('every document, with its index and the line its content starts on', () => {
    const text = 'apiVersion: v1\nkind: ConfigMap\n---\n# a comment\nkind: Job\n---\n---\n- 1\n';
    const docs = documentsOf(parseYamlManifest(text, 'a.yaml'));
    expect(docs.map((d) => [d.index, d.line, d.value])).toEqual([
      [0, 1, { apiVersion: 'v1', kind: 'ConfigMap' }],
      [1, 5, { kind: 'Job' }],
      [2, 6, null], // an empty document starts at its marker
      [3, 8, [1]],
    ]);
    expect(docs.every((d) => d.file === 'a.yaml')).toBe(true);
  });

  test.each([
    ['an empty file', ''],
    ['only comments', '# nothing here\n# at all\n'],
    ['only whitespace', '\n\n   \n'],
  ])('%s has no documents', (_name, text) => {
    expect(documentsOf(parseYamlManifest(text, 'e.yaml'))).toEqual([]);
  });

  test('a file of only separators has only empty documents', () => {
    const docs = documentsOf(parseYamlManifest('---\n---\n', 'e.yaml'));
    expect(docs.map((d) => d.value)).toEqual([null, null]);
  });

  test('scalars are read as Kubernetes reads them (YAML 1.1 through go-yaml v2), keys included', () => {
    const [doc] = documentsOf(
      parseYamlManifest(
        'mode: 0644\non: yes\noff: off\nday: 2026-01-01\ntime: 12:30\nhex: 0x1F\nquoted: "0644"\n',
        'k.yaml',
      ),
    );
    expect(doc.value).toEqual({
      mode: 420,
      true: true,
      false: false,
      day: '2026-01-01',
      time: '12:30',
      hex: 31,
      quoted: '0644',
    });
  });

  test('floats are what go-yaml v2 reads as floats: a lone dot, a bare exponent or stray underscores stay text', () => {
    const [doc] = documentsOf(
      parseYamlManifest(
        [
          'dot: .',
          'dotUnderscore: ._',
          'plusDot: +.',
          'exponentOnly: e5',
          'dotExponent: .e5',
          'underscoreAfterDot: .5_0',
          'twoDots: 1.5.5',
          'half: .5',
          'signedHalf: +.5',
          'trailingDot: 1.',
          'grouped: 1_000.5',
          'exponent: 0.5e+5',
          'infinity: -.Inf',
          'notANumber: .NaN',
        ].join('\n'),
        'f.yaml',
      ),
    );
    expect(doc.value).toEqual({
      dot: '.',
      dotUnderscore: '._',
      plusDot: '+.',
      exponentOnly: 'e5',
      dotExponent: '.e5',
      underscoreAfterDot: '.5_0',
      twoDots: '1.5.5',
      half: 0.5,
      signedHalf: 0.5,
      trailingDot: 1,
      grouped: 1000.5,
      exponent: 50000,
      infinity: -Infinity,
      notANumber: NaN,
    });
  });

  test('plain YAML 1.2, for configuration files, keeps off and 0644 as written', () => {
    const [doc] = documentsOf(parseYamlManifest('rule: off\nmode: 0644\n', 'policy.yaml', 'yaml'));
    expect(doc.value).toEqual({ rule: 'off', mode: 644 });
  });

  test('a %YAML directive other than 1.1 makes the file unread, as go-yaml (kubectl) refuses it; 1.1 is read as before', () => {
    for (const version of ['1.2', '1.3', '2.0'])
      expect(problemOf(parseYamlManifest(`kind: Job\n---\n...\n%YAML ${version}\n---\non: yes\n`, 'd.yaml'))).toEqual({
        file: 'd.yaml',
        line: 4,
        column: 1,
        reason: `YAML version directive %YAML ${version}: kubectl's YAML reader (go-yaml) takes only %YAML 1.1 ("found incompatible YAML document"); remove the directive`,
      });
    const docs = documentsOf(
      parseYamlManifest('%YAML 1.1\n---\non: yes\n---\non: yes\n...\n%YAML 1.01\n---\non: yes\n', 'd.yaml'),
    );
    expect(docs.map((d) => d.value)).toEqual([{ true: true }, { true: true }, { true: true }]);
    // Our own configuration files are plain YAML, where a 1.2 directive is fine.
    expect(documentsOf(parseYamlManifest('%YAML 1.2\n---\nrule: off\n', 'policy.yaml', 'yaml'))).toHaveLength(1);
  });

  test('merge keys work, as in go-yaml', () => {
    const [doc] = documentsOf(parseYamlManifest('base: &b {a: 1}\nderived:\n  <<: *b\n  c: 2\n', 'm.yaml'));
    expect((doc.value as any).derived).toEqual({ a: 1, c: 2 });
  });

  test('a syntax error names the line and column of the first error', () => {
    const problem = problemOf(parseYamlManifest('kind: Job\nspec:\n  template: [a,\nmetadata: x: y\n', 'bad.yaml'));
    expect(problem.file).toBe('bad.yaml');
    expect(problem.line).toBe(4);
    expect(problem.column).toBe(1);
    expect(problem.reason).toMatch(/^YAML syntax error: .+ \(and 1 more error\)$/);
    expect(problem.reason).not.toContain('\n');
  });

  test('an error in a later document rejects the whole file, at that document', () => {
    const problem = problemOf(parseYamlManifest('kind: Job\n---\nkind: CronJob\n  bad: indent\n', 'b.yaml'));
    expect(problem.line).toBeGreaterThanOrEqual(3);
  });

  test('a repeated key is read as kubectl reads it: the last value counts, and where it repeats is kept', () => {
    const text = 'kind: Job\nspec:\n  template:\n    spec: {}\n  "template": {metadata: {}}\nkind: CronJob\n';
    const [document] = documentsOf(parseYamlManifest(text, 'dup.yaml'));
    expect(document.value).toEqual({ kind: 'CronJob', spec: { template: { metadata: {} } } });
    expect(document.duplicateKeys).toEqual([
      { key: 'template', line: 5, column: 3 },
      { key: 'kind', line: 6, column: 1 },
    ]);
  });

  test('a document without repeated keys has no duplicateKeys', () => {
    expect(documentsOf(parseYamlManifest('kind: Job\n', 'a.yaml'))[0]).not.toHaveProperty('duplicateKeys');
  });

  test('our own configuration files stay strict: a repeated key is a problem there', () => {
    const problem = problemOf(parseYamlManifest('rules: {}\nrules: {}\n', 'policy.yaml', 'yaml'));
    expect(problem).toMatchObject({ line: 2, column: 1 });
    expect(problem.reason).toMatch(/unique/);
  });

  test('a repeated key beside a real syntax error: the file is refused for the syntax error', () => {
    const problem = problemOf(parseYamlManifest('kind: Job\nkind: Job\nspec: [a,\n', 'bad.yaml'));
    expect(problem.reason).not.toMatch(/unique/);
  });

  test('an alias bomb is refused quickly, naming its document', () => {
    const started = Date.now();
    const problem = problemOf(parseYamlManifest(`kind: ConfigMap\n---\n${BILLION_LAUGHS}\n`, 'bomb.yaml'));
    expect(Date.now() - started).toBeLessThan(2000);
    expect(problem.line).toBe(3);
    expect(problem.reason).toMatch(/^YAML document 1 cannot be expanded: .*alias/i);
  });

  test('a few aliases, as real manifests use them, are fine', () => {
    const [doc] = documentsOf(
      parseYamlManifest('labels: &l {app: x}\nspec: {selector: *l, template: {labels: *l}}\n', 'ok.yaml'),
    );
    expect((doc.value as any).spec.template.labels).toEqual({ app: 'x' });
  });

  test('an unresolvable alias is a problem, not an exception', () => {
    expect(problemOf(parseYamlManifest('a: *nowhere\n', 'x.yaml')).reason).toMatch(/nowhere/);
  });

  test('absurdly deep nesting is a problem, not a stack overflow', () => {
    const depth = 5000;
    const problem = problemOf(parseYamlManifest(`${'['.repeat(depth)}${']'.repeat(depth)}\n`, 'deep.yaml'));
    expect(problem.line).toBe(1);
  });

  describe('strings and flow collections continued on lines indented too little, which go-yaml (kubectl) reads', () => {
    // The values go-yaml v2 gives for each (checked with sigs.k8s.io/yaml's go-yaml fork).
    test.each([
      ['a double-quoted list item', 'args:\n  - "echo one &&\n  echo two"\n', { args: ['echo one && echo two'] }],
      ["a single-quoted one, with ''", "args:\n  - 'it''s one &&\n  two'\n", { args: ["it's one && two"] }],
      ['a flow sequence', 'command: ["sh", "-c",\n"echo hi"]\n', { command: ['sh', '-c', 'echo hi'] }],
      [
        'an annotation in a flow mapping',
        'metadata:\n  annotations: {note: "first\n  second", b: c}\n',
        { metadata: { annotations: { note: 'first second', b: 'c' } } },
      ],
      [
        'beside a block scalar holding quotes, which keeps its text',
        'script: |\n  "quoted start\n  still block\nargs: ["a",\n"b"]\n',
        { script: '"quoted start\nstill block\n', args: ['a', 'b'] },
      ],
    ])('%s', (_name, text, value) => {
      const docs = documentsOf(parseYamlManifest(text, 'k.yaml'));
      expect(docs.map((d) => [d.line, d.value])).toEqual([[1, value]]);
    });

    test('a plain scalar continued too little stays an error, as it is for go-yaml', () => {
      const problem = problemOf(parseYamlManifest('args:\n  - echo one &&\n  echo two: x\n', 'p.yaml'));
      expect(problem.reason).toMatch(/^YAML syntax error/);
    });

    test('padding that would land outside a string or flow collection is not used: the error stays', () => {
      // The scan takes `- "y` inside a plain scalar for a quote and pads the next line, which then
      // reads as a continuation of that plain scalar: valid YAML, but not what go-yaml reads.
      const text = 'a: x - "y\nb\n';
      const padded = indentContinuationLines(text);
      expect(padded).toEqual({ text: 'a: x - "y\n b\n', paddedLines: [1] });
      expect(documentsOf(parseYamlManifest(padded!.text, 'g.yaml')).map((d) => d.value)).toEqual([{ a: 'x - "y b' }]);
      expect(problemOf(parseYamlManifest(text, 'g.yaml'))).toMatchObject({ line: 2, reason: /^YAML syntax error/ });
    });

    test('our own configuration files stay strict YAML', () => {
      expect(problemOf(parseYamlManifest('args:\n  - "a\n  b"\n', 'policy.yaml', 'yaml')).reason).toMatch(/YAML/);
    });
  });

  test('5,000 documents are read in order', () => {
    const text = Array.from({ length: 5000 }, (_, i) => `kind: Job\nmetadata: {name: job-${i}}\n`).join('---\n');
    const docs = documentsOf(parseYamlManifest(text, 'many.yaml'));
    expect(docs).toHaveLength(5000);
    expect(docs[4999]).toMatchObject({ index: 4999, line: 4999 * 3 + 1, value: { metadata: { name: 'job-4999' } } });
  });

  test('YAML nested deeper than any Kubernetes object is refused before it is built, with its place', () => {
    const sequences = (depth: number) => `${'- '.repeat(depth)}x\n`;
    const flows = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}\n`;
    const maps = (depth: number) => Array.from({ length: depth }, (_, i) => `${' '.repeat(i)}k:`).join('\n') + ' v\n';
    for (const deep of [sequences, flows, maps]) {
      // Far deeper than the stack allows, twice in a row: each answer is a problem, never a crash.
      for (let twice = 0; twice < 2; twice++)
        expect(problemOf(parseYamlManifest(`kind: Job\n---\n${deep(5000)}`, 'deep.yaml')).reason).toBe(
          `YAML nested more than ${MAX_YAML_DEPTH} levels deep; no Kubernetes object is`,
        );
      expect(documentsOf(parseYamlManifest(deep(MAX_YAML_DEPTH), 'ok.yaml'))).toHaveLength(1);
      expect(problemOf(parseYamlManifest(deep(MAX_YAML_DEPTH + 1), 'deep.yaml')).reason).toMatch(/nested more than/);
    }
    // The column is where the first collection too deep starts.
    expect(problemOf(parseYamlManifest(sequences(MAX_YAML_DEPTH + 1), 'deep.yaml')).column).toBe(
      2 * MAX_YAML_DEPTH + 1,
    );
    // The go-yaml leniency does not re-read a file refused for its depth.
    expect(problemOf(parseYamlManifest(`a: "x\n y"\nb: ${flows(5000)}`, 'deep.yaml')).reason).toMatch(
      /nested more than/,
    );
  });
});

describe('JSON files', () => {
  test('one document, on the line where it starts', () => {
    expect(documentsOf(parseJsonManifest('\n\n{"kind": "Job"}\n', 'j.json'))).toEqual([
      { file: 'j.json', index: 0, line: 3, value: { kind: 'Job' } },
    ]);
  });

  test('a blank file has no documents', () => {
    expect(documentsOf(parseJsonManifest('  \n', 'j.json'))).toEqual([]);
  });

  test('a syntax error names its line and column', () => {
    const problem = problemOf(parseJsonManifest('{\n  "kind": "Job"\n  "spec": {}\n}\n', 'j.json'));
    expect(problem).toMatchObject({ file: 'j.json', line: 3, column: 3 });
    expect(problem.reason).toMatch(/^JSON syntax error: Expected ',' or '}' after property value$/);
  });

  test('an error V8 reports without a position still reads as one line', () => {
    const problem = problemOf(parseJsonManifest('{\n  "kind": "Job",\n  "spec": }\n', 'j.json'));
    expect(problem.reason).toMatch(/^JSON syntax error: Unexpected token/);
    expect(problem.reason).not.toContain('\n');
  });

  test('a truncated file points at its end', () => {
    expect(problemOf(parseJsonManifest('{\n  "kind": "Job"', 'j.json'))).toMatchObject({ line: 2, column: 16 });
  });

  test('nesting deeper than any Kubernetes object is refused', () => {
    const deep = `${'['.repeat(MAX_JSON_DEPTH + 1)}${']'.repeat(MAX_JSON_DEPTH + 1)}`;
    expect(problemOf(parseJsonManifest(deep, 'deep.json')).reason).toMatch(/nested more than 1000 levels/);
    const fine = `${'['.repeat(MAX_JSON_DEPTH)}${']'.repeat(MAX_JSON_DEPTH)}`;
    expect(documentsOf(parseJsonManifest(fine, 'ok.json'))).toHaveLength(1);
  });

  test('nestingExceeds measures objects and arrays alike', () => {
    expect(nestingExceeds({ a: [{ b: 1 }] }, 3)).toBe(false);
    expect(nestingExceeds({ a: [{ b: {} }] }, 3)).toBe(true);
    expect(nestingExceeds('scalar', 0)).toBe(false);
  });

  test('the syntax follows the file name', () => {
    expect(syntaxForFile('a/b.JSON')).toBe('json');
    expect(syntaxForFile('a/b.yaml')).toBe('kubernetes-yaml');
    expect(syntaxForFile('json.txt')).toBe('kubernetes-yaml');
    expect(syntaxForFile('policy.yml', 'yaml')).toBe('yaml');
  });
});

describe('bytes that are not manifest text', () => {
  const PNG = bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52);

  test('a PNG image', () => {
    const problem = problemOf(parseManifestBytes(PNG, 'logo.yaml', 'kubernetes-yaml'));
    expect(problem).toMatchObject({ file: 'logo.yaml', line: 3 }); // the PNG signature holds two line feeds
    expect(problem.reason).toMatch(/^binary data, not YAML or JSON text \(a NUL byte at byte offset 8\)$/);
  });

  test('a NUL byte in otherwise plain text', () => {
    expect(
      problemOf(parseManifestBytes(Buffer.from('kind: Job\nname: a\0b\n'), 'n.yaml', 'kubernetes-yaml')),
    ).toMatchObject({ line: 2 });
  });

  test('invalid UTF-8 is located even after a genuine U+FFFD', () => {
    const text = Buffer.from('a: "\ufffd"\nb: x');
    const problem = problemOf(
      parseManifestBytes(Buffer.concat([text, bytes(0xc3, 0x28)]), 'l.yaml', 'kubernetes-yaml'),
    );
    expect(problem.line).toBe(2);
    expect(problem.reason).toBe(
      `not UTF-8 text (an invalid byte at byte offset ${text.length}); save the file as UTF-8`,
    );
  });

  test('Latin-1 text', () => {
    expect(
      problemOf(parseManifestBytes(Buffer.from('name: caf\xe9\n', 'latin1'), 'l.yaml', 'kubernetes-yaml')).reason,
    ).toMatch(/^not UTF-8 text/);
  });

  test('random bytes never throw', () => {
    let seed = 42;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % 256;
    for (let n = 0; n < 50; n++) {
      const data = Uint8Array.from({ length: 200 }, random);
      expect(() => parseManifestBytes(data, 'r.yaml', 'kubernetes-yaml')).not.toThrow();
      expect(() => parseManifestBytes(data, 'r.json', 'json')).not.toThrow();
    }
  });

  test('UTF-16 and UTF-32 are named', () => {
    expect(decodeManifestText(bytes(0xff, 0xfe, 0x6b, 0x00))).toEqual({
      reason: 'UTF-16 text is not supported; save the file as UTF-8',
    });
    expect(decodeManifestText(bytes(0xfe, 0xff, 0x00, 0x6b))).toEqual({
      reason: 'UTF-16 text is not supported; save the file as UTF-8',
    });
    expect(decodeManifestText(bytes(0xff, 0xfe, 0x00, 0x00))).toEqual({
      reason: 'UTF-32 text is not supported; save the file as UTF-8',
    });
  });

  test('a UTF-8 byte order mark is dropped', () => {
    expect(decodeManifestText(Buffer.from('\ufeffkind: Job'))).toBe('kind: Job');
  });

  test('a view into a larger buffer is decoded from its own bytes', () => {
    const whole = Buffer.from('\0\0kind: Job\0');
    expect(decodeManifestText(whole.subarray(2, 11))).toBe('kind: Job');
  });
});
