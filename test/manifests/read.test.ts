import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { Readable } from 'stream';
import { createDirectory } from '../../src/manifests/directories';
import {
  listManifestFiles,
  ManifestFileEntry,
  readManifestFile,
  readStream,
  tooLargeReason,
} from '../../src/manifests/read';

let root: string;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'cdk8s-batch-read-'));
  const files: Record<string, string> = {
    'b.yaml': 'kind: Job\n',
    'a.yml': 'kind: Job\n',
    'C.json': '{"kind": "Job"}',
    'notes.txt': 'not a manifest',
    'Z.YAML': 'kind: Job\n',
    'sub/x.yaml': 'kind: Job\n',
    'sub-dir/y.yaml': 'kind: Job\n',
    'node_modules/pkg/package.json': '{}',
    '.git/config.yaml': 'kind: Job\n',
    'empty/.keep': '',
  };
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  symlinkSync(join(root, 'sub'), join(root, 'sub', 'loop'));
  symlinkSync(join(root, 'missing.yaml'), join(root, 'dangling.yaml'));
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

const relative = (entries: ManifestFileEntry[]) =>
  entries.map((e) => ('file' in e ? e.file.slice(root.length + 1) : `problem: ${e.problem.reason}`));

describe('listManifestFiles', () => {
  test('a directory gives its .yaml, .yml and .json files, sorted by code unit, recursively', () => {
    expect(relative(listManifestFiles([root]))).toEqual([
      'C.json',
      'Z.YAML',
      'a.yml',
      'b.yaml',
      'sub/x.yaml',
      'sub-dir/y.yaml',
    ]);
  });

  test('the same directory listed twice gives the same order', () => {
    expect(listManifestFiles([root])).toEqual(listManifestFiles([root]));
  });

  test('node_modules and hidden directories are not entered, and symbolic-link loops end', () => {
    const files = relative(listManifestFiles([root]));
    expect(files.some((f) => f.includes('node_modules') || f.includes('.git') || f.includes('loop'))).toBe(false);
  });

  test('a file named explicitly is read whatever its extension, in argument order, once', () => {
    const entries = listManifestFiles([
      join(root, 'notes.txt'),
      join(root, 'sub'),
      join(root, 'notes.txt'),
      join(root, 'sub', 'x.yaml'),
    ]);
    expect(relative(entries)).toEqual(['notes.txt', 'sub/x.yaml']);
  });

  test('a missing path is a problem in its place, and the rest is still listed', () => {
    const entries = listManifestFiles([join(root, 'nope.yaml'), join(root, 'a.yml')]);
    expect(entries).toEqual([
      { problem: { file: join(root, 'nope.yaml'), reason: 'no such file or directory' } },
      { file: join(root, 'a.yml') },
    ]);
  });

  test('a directory without manifests gives nothing, and no problem', () => {
    expect(listManifestFiles([join(root, 'empty')])).toEqual([]);
  });

  test('- stands for standard input, kept in its place, once', () => {
    expect(listManifestFiles(['-', join(root, 'a.yml'), '-'])).toEqual([{ file: '-' }, { file: join(root, 'a.yml') }]);
  });
});

describe('readManifestFile', () => {
  test('JSON by name, YAML otherwise', () => {
    expect(readManifestFile(join(root, 'C.json'))).toEqual({
      documents: [{ file: join(root, 'C.json'), index: 0, line: 1, value: { kind: 'Job' } }],
    });
    expect(readManifestFile(join(root, 'notes.txt'))).toMatchObject({ documents: [{ value: 'not a manifest' }] });
  });

  test('a file that cannot be read is a problem, not an exception', () => {
    expect(readManifestFile(join(root, 'nope.yaml'))).toEqual({
      problem: { file: join(root, 'nope.yaml'), reason: 'no such file or directory' },
    });
    expect(readManifestFile(join(root, 'sub'))).toEqual({
      problem: { file: join(root, 'sub'), reason: 'is a directory' },
    });
  });
});

test('readStream reads bytes whole, so binary input stays recognisable', async () => {
  const read = await readStream(Readable.from([Buffer.from([0xc3]), Buffer.from([0x28, 0x00])]));
  expect('bytes' in read && [...read.bytes]).toEqual([0xc3, 0x28, 0x00]);
});

test('readStream stops past the limit, and the limit itself is still read', async () => {
  const chunks = () => Readable.from([Buffer.alloc(4), Buffer.alloc(4), Buffer.alloc(4)]);
  expect(await readStream(chunks(), 11)).toEqual({ tooLarge: true });
  expect(await readStream(chunks(), 12)).toEqual({ bytes: Buffer.alloc(12) });
});

test('readManifestFile bounds what it reads, also from a device that never ends', () => {
  const reason = 'larger than 1 KiB, the limit on one input (--max-bytes sets it)';
  expect(readManifestFile('/dev/zero', undefined, { bytes: 1024, option: '--max-bytes' })).toEqual({
    problem: { file: '/dev/zero', reason },
  });
  const file = join(mkdtempSync(join(tmpdir(), 'cdk8s-batch-read-')), 'job.yaml');
  writeFileSync(file, 'a: b\n');
  expect(readManifestFile(file, undefined, { bytes: 5 })).toEqual({
    documents: [{ file, index: 0, line: 1, value: { a: 'b' } }],
  });
  expect(readManifestFile(file, undefined, { bytes: 4 })).toEqual({ problem: { file, reason: tooLargeReason(4) } });
});

test('the reason names the flag that sets the limit only where there is one', () => {
  expect(tooLargeReason(4)).toBe('larger than 4 bytes, the limit on one input');
  expect(readManifestFile('/dev/zero')).toEqual({
    problem: { file: '/dev/zero', reason: 'larger than 64 MiB, the limit on one input' },
  });
});

test('createDirectory creates missing parents, and refuses where the system refuses, without looping', () => {
  const root = mkdtempSync(join(tmpdir(), 'cdk8s-batch-dir-'));
  expect(createDirectory(join(root, 'a', 'b'))).toBeUndefined();
  expect(createDirectory(join(root, 'a', 'b'))).toBeUndefined();
  writeFileSync(join(root, 'file'), '');
  expect(createDirectory(join(root, 'file'))).toBe(`${join(root, 'file')} exists and is not a directory`);
  expect(createDirectory(join(root, 'file', 'x'))).toMatch(/^cannot create .*file\/x: ENOTDIR$/);
  expect(createDirectory('/proc/nope/x')).toBe('cannot create /proc/nope: ENOENT');
});
