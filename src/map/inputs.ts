/**
 * The documents a map is drawn from: every manifest file the paths name (a directory means every
 * `.yaml`, `.yml` and `.json` below it, as for `lint`), read whole, with the files that could not
 * be read reported rather than thrown.
 */
import { ManifestDocument, ManifestProblem } from '../manifests/document';
import { listManifestFiles, readManifestFile } from '../manifests/read';

export interface MapInputs {
  readonly documents: ManifestDocument[];
  readonly problems: ManifestProblem[];
}

export function readMapInputs(paths: readonly string[]): MapInputs {
  const documents: ManifestDocument[] = [];
  const problems: ManifestProblem[] = [];
  for (const entry of listManifestFiles(paths)) {
    const read = 'problem' in entry ? entry : readManifestFile(entry.file);
    if ('problem' in read) problems.push(read.problem);
    else documents.push(...read.documents);
  }
  return { documents, problems };
}
