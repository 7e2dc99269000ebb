import { parseYamlManifest } from '../../src/manifests/parse';
import { withPlainEnvironment } from '../../src/manifests/plain-environment';

describe('withPlainEnvironment', () => {
  it('gives the parse a plain copy of process.env and puts the real one back', () => {
    const real = process.env;
    const seen = withPlainEnvironment(() => ({ env: process.env, path: process.env.PATH }));
    expect(seen.env).not.toBe(real);
    expect(seen.env).toEqual({ ...real });
    expect(seen.path).toBe(real.PATH);
    expect(process.env).toBe(real);
  });

  it('puts the real process.env back when the parse throws', () => {
    const real = process.env;
    expect(() =>
      withPlainEnvironment(() => {
        throw new Error('parse failed');
      }),
    ).toThrow('parse failed');
    expect(process.env).toBe(real);
  });

  it('parses with process.env as it is when it cannot be replaced', () => {
    const descriptor = Object.getOwnPropertyDescriptor(process, 'env')!;
    Object.defineProperty(process, 'env', { ...descriptor, writable: false });
    try {
      const real = process.env;
      expect(withPlainEnvironment(() => process.env)).toBe(real);
      expect(parseYamlManifest('a: 1\n', 'fine.yaml')).toHaveProperty('documents');
    } finally {
      Object.defineProperty(process, 'env', descriptor);
    }
  });

  it('leaves process.env as it was after reading a manifest, readable or not', () => {
    const real = process.env;
    expect(parseYamlManifest('a: 1\n---\nb: [2\n', 'broken.yaml')).toHaveProperty('problem');
    expect(parseYamlManifest('a: 1\n', 'fine.yaml')).toEqual({
      documents: [{ file: 'fine.yaml', index: 0, line: 1, value: { a: 1 } }],
    });
    expect(process.env).toBe(real);
  });
});
