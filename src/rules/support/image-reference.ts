/**
 * Image references as the kubelet reads them before it pulls (ParseNormalizedNamed in
 * github.com/distribution/reference, called through parsers.ParseImageName): the reference grammar
 * `[domain[:port]/]path[:tag][@digest]`, a lowercase repository path of at most 255 characters
 * (the registry does not count; Docker Hub's official images count `library/`, as the kubelet's
 * copy of the library, v0.6.0, measures it), never a bare 64-hex identifier, and a digest of a known algorithm with its exact
 * length (go-digest's Parse). A reference it refuses leaves every pod in
 * InvalidImageName. The patterns are the grammar's own, written out here.
 */
import { describeValue } from './access';

const ALPHANUMERIC = '[a-z0-9]+';
const SEPARATOR = '(?:[._]|__|[-]+)';
const PATH_COMPONENT = `${ALPHANUMERIC}(?:${SEPARATOR}${ALPHANUMERIC})*`;
const DOMAIN_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const DOMAIN_NAME = `${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*`;
const IPV6_ADDRESS = '\\[(?:[a-fA-F0-9:]+)\\]';
const DOMAIN_AND_PORT = `(?:${DOMAIN_NAME}|${IPV6_ADDRESS})(?::[0-9]+)?`;
const NAME = `(?:${DOMAIN_AND_PORT}/)?${PATH_COMPONENT}(?:/${PATH_COMPONENT})*`;
const TAG = '[\\w][\\w.-]{0,127}';
const DIGEST = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*[:][0-9a-fA-F]{32,}';
const REFERENCE = new RegExp(`^(${NAME})(?::${TAG})?(?:@(${DIGEST}))?$`);
/** go-digest: the algorithms the kubelet knows, each with its number of (lowercase) hex digits. */
const DIGEST_HEX_LENGTHS: Readonly<Record<string, number>> = { sha256: 64, sha384: 96, sha512: 128 };
const IDENTIFIER = /^[a-f0-9]{64}$/;
const PATH_MAX_LENGTH = 255;
const DEFAULT_DOMAIN = 'docker.io';
const LEGACY_DEFAULT_DOMAIN = 'index.docker.io';
const OFFICIAL_REPOSITORY_PREFIX = 'library/';

/**
 * splitDockerDomain: the registry the first component names (Docker Hub when it names none, or its
 * legacy name), and the rest, with Docker Hub's official images under `library/`.
 */
function splitDomain(image: string): { readonly domain: string; readonly remainder: string } {
  const slash = image.indexOf('/');
  if (slash < 0) return { domain: DEFAULT_DOMAIN, remainder: OFFICIAL_REPOSITORY_PREFIX + image };
  const first = image.slice(0, slash);
  const isDomain = first === 'localhost' || /[.:]/.test(first) || first.toLowerCase() !== first;
  const domain = !isDomain || first === LEGACY_DEFAULT_DOMAIN ? DEFAULT_DOMAIN : first;
  const remainder = isDomain ? image.slice(slash + 1) : image;
  return {
    domain,
    remainder:
      domain === DEFAULT_DOMAIN && !remainder.includes('/') ? OFFICIAL_REPOSITORY_PREFIX + remainder : remainder,
  };
}

/** Why the kubelet cannot read `image` as a reference, or undefined when it can. */
export function imageReferenceProblem(image: string): string | undefined {
  if (IDENTIFIER.test(image)) return 'a bare 64-character hexadecimal identifier is not a repository name';
  const { domain, remainder } = splitDomain(image);
  const colon = remainder.indexOf(':');
  const repository = colon < 0 ? remainder : remainder.slice(0, colon);
  if (repository.toLowerCase() !== repository)
    return `the repository name ${describeValue(repository)} must be lowercase`;
  const match = REFERENCE.exec(`${domain}/${remainder}`);
  if (!match) return 'it does not follow the reference format [registry[:port]/]name[:tag][@digest]';
  // The path: the name without its registry and the slash after it.
  if (match[1].length - domain.length - 1 > PATH_MAX_LENGTH)
    return `the repository path (the name without its registry) must not be more than ${PATH_MAX_LENGTH} characters`;
  return match[2] === undefined ? undefined : digestProblem(match[2]);
}

/** digest.Parse: a known algorithm with its exact number of lowercase hex digits. */
function digestProblem(digest: string): string | undefined {
  const [algorithm, hex] = digest.split(':');
  const length = DIGEST_HEX_LENGTHS[algorithm];
  if (length === undefined) return `the digest algorithm ${algorithm} is not supported (sha256, sha384 or sha512)`;
  if (hex.length !== length || !/^[a-f0-9]+$/.test(hex))
    return `a ${algorithm} digest has ${length} lowercase hexadecimal digits`;
  return undefined;
}
