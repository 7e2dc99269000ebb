/**
 * What a credential written in plain text looks like, for the secret rules (best-practice/secrets.ts)
 * and the constructs that handle credentials. Pure and deliberately conservative: a finding here
 * says "this is in the manifest in plain text", so everything that is a reference to a secret (a
 * `$(VAR)` expansion, a file path, a secret-manager address, a URL without a password) is left
 * alone, and names are judged by their last word (`DB_PASSWORD` is a password, `PASSWORD_FILE`
 * and `SECRET_NAME` are not).
 */
import { stringOf } from './access';

/** Words that, as the last word of a variable or option name, mean its value is the credential itself. */
const CREDENTIAL_WORDS = new Set([
  'PASSWORD',
  'PASSWD',
  'PASS',
  'PWD',
  'PASSPHRASE',
  'SECRET',
  'TOKEN',
  'APIKEY',
  'CREDENTIAL',
  'CREDENTIALS',
  'AUTH',
  'KEY',
]);

/** Endings that make a single word a credential word (`PGPASSWORD`, `GITHUBTOKEN`, `CLIENTSECRET`). */
const CREDENTIAL_ENDINGS = ['PASSWORD', 'PASSWD', 'SECRET', 'TOKEN', 'APIKEY'];

/**
 * Words before `KEY` that make it the name of something else: a message, cache or database key, a
 * public key, a key's ARN or alias in a key service, the key that identifies a record in another
 * system (a Jira space, project or issue key, a table, column or field key). `API_KEY`,
 * `SECRET_ACCESS_KEY`, `SIGNING_KEY` stay credentials.
 */
const NON_SECRET_KEY_QUALIFIERS = new Set([
  'PUBLIC',
  'ROUTING',
  'CACHE',
  'PARTITION',
  'SORT',
  'RANGE',
  'HASH',
  'OBJECT',
  'S3',
  'BUCKET',
  'PRIMARY',
  'FOREIGN',
  'IDEMPOTENCY',
  'DEDUPLICATION',
  'LOCK',
  'SHARD',
  'GROUP',
  'QUEUE',
  'LIST',
  'STREAM',
  'REDIS',
  'INDEX',
  'LOOKUP',
  'STATE',
  'CONFIG',
  'CONFIGMAP',
  'MAP',
  'KMS',
  'SPACE',
  'PROJECT',
  'ISSUE',
  'TABLE',
  'COLUMN',
  'FIELD',
]);

/** The words of a variable or option name: `dbPassword`, `db-password` and `DB_PASSWORD` all read DB, PASSWORD. */
export function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toUpperCase()
    .split(/[^A-Z0-9]+/)
    .filter((word) => word !== '');
}

/**
 * Whether a variable or option named `name` holds a credential: its last word is a credential word
 * (so `PASSWORD_FILE`, `TOKEN_URL`, `SECRET_NAME` and `AWS_ACCESS_KEY_ID` do not). `PWD` alone is the
 * shell's working directory; `KEY` needs a qualifier that is not a kind of lookup key.
 */
export function isCredentialName(name: string): boolean {
  // Fleets repeat a few variable and option names: answered once per name.
  let answer = credentialNames.get(name);
  if (answer === undefined) {
    if (credentialNames.size >= NAME_MEMO_LIMIT) credentialNames.clear();
    answer = namesCredential(name);
    credentialNames.set(name, answer);
  }
  return answer;
}

const NAME_MEMO_LIMIT = 4096;
const credentialNames = new Map<string, boolean>();

function namesCredential(name: string): boolean {
  const words = nameWords(name);
  const last = words[words.length - 1];
  if (last === undefined) return false;
  if (last === 'KEY') return words.length > 1 && !NON_SECRET_KEY_QUALIFIERS.has(words[words.length - 2]);
  if (last === 'PWD') return words.length > 1;
  return CREDENTIAL_WORDS.has(last) || CREDENTIAL_ENDINGS.some((ending) => last.endsWith(ending));
}

/** Values that switch something on or off rather than being a credential (`USE_TOKEN=true`). */
const SWITCH_VALUES = new Set(['true', 'false', 'yes', 'no', 'on', 'off', 'enabled', 'disabled', 'none', 'null']);

/** Addresses of a secret in a secret manager: the value names the secret, it is not the secret. */
const SECRET_MANAGER_REFERENCE = /^(arn:|vault:|ref\+|secretsmanager:|sm:\/\/|projects\/[^/]+\/secrets\/)/i;

/**
 * A `$(VAR)` expansion (Kubernetes), or `${VAR}` / `$VAR` / a `` `command` `` substitution (a
 * shell): the value comes from elsewhere, at run time.
 */
const REFERENCE = /\$\(|\$\{|\$[A-Za-z_]|`/;

/**
 * Code that computes the value at run time: a call or an index of a named thing
 * (`os.getenv("KEY")`, `os.environ["KEY"]`, `read_secret()`), or Node's `process.env`.
 */
const COMPUTED = /[A-Za-z_][\w.]*\s*[([]|\bprocess\.env\b/;

/** A comment in a shell or Python script: from a `#` that starts a word to the end of its line. */
const SCRIPT_COMMENT = /(^|\s)#[^\n]*/g;

/** A URL, with its user-info when it has any. */
const URL_WITH_USER_INFO = /^[a-z][a-z0-9+.-]*:\/\/(?:([^/\s@]*)@)?/i;

/**
 * Whether `value`, held by a variable or option whose name says credential, is the credential in
 * plain text: not empty, not a reference (`$(VAR)`), a path (`/run/secrets/db`), a switch
 * (`true`), a masked placeholder (`****`), a secret manager's address or a URL without a password.
 */
export function isLiteralCredential(value: string): boolean {
  const text = unquoted(value.trim());
  if (text === '' || REFERENCE.test(text) || COMPUTED.test(text)) return false;
  if (/^(\/|\.\.?\/|~\/|file:)/.test(text)) return false;
  if (SWITCH_VALUES.has(text.toLowerCase()) || /^\*+$/.test(text)) return false;
  if (SECRET_MANAGER_REFERENCE.test(text)) return false;
  const url = URL_WITH_USER_INFO.exec(text);
  if (url) return url[1] !== undefined && literalPassword(url[1].split(':').slice(1).join(':'));
  return true;
}

function unquoted(text: string): string {
  return /^(['"]).*\1$/.test(text) && text.length >= 2 ? text.slice(1, -1) : text;
}

/** A password part of a URL or option that is written out: not empty, a reference, or a mask. */
function literalPassword(password: string): boolean {
  return password !== '' && !REFERENCE.test(password) && !/^\*+$/.test(password) && !/^<[^>]*>$/.test(password);
}

/** A credential recognised by its shape, wherever it appears. */
interface CredentialShape {
  /** What it is, for messages: "a private key". */
  readonly what: string;
  readonly pattern: RegExp;
  /** A further test of the match (e.g. that a URL's password is not a reference). */
  readonly accept?: (match: RegExpExecArray) => boolean;
}

const CREDENTIAL_SHAPES: readonly CredentialShape[] = [
  { what: 'a private key', pattern: /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----/ },
  {
    what: 'a URL with a password',
    pattern: /\b[a-z][a-z0-9+.-]*:\/\/[^/\s:@'"]*:([^/\s@'"]+)@/gi,
    accept: (match) => literalPassword(match[1]),
  },
  { what: 'an AWS access key id', pattern: /\b(?:AKIA|ASIA)[A-Z0-9]{16}\b/ },
  { what: 'a GitHub token', pattern: /\b(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{22,})\b/ },
  { what: 'a GitLab token', pattern: /\bglpat-[A-Za-z0-9_-]{20,}/ },
  { what: 'a Slack token', pattern: /\bxox[abposr]-[A-Za-z0-9-]{10,}/ },
  {
    what: 'a Slack webhook URL',
    pattern: /https:\/\/hooks\.slack\.com\/services\/T[A-Za-z0-9_]+\/B[A-Za-z0-9_]+\/\w+/,
  },
  { what: 'a Stripe secret key', pattern: /\b[sr]k_live_[A-Za-z0-9]{20,}/ },
  { what: 'a Google API key', pattern: /\bAIza[A-Za-z0-9_-]{35}\b/ },
  { what: 'an npm token', pattern: /\bnpm_[A-Za-z0-9]{36}\b/ },
  { what: 'a JSON Web Token', pattern: /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/ },
];

/**
 * Text every credential shape contains (each pattern above needs one of these literally), so that
 * the common argument or value, which has none, is let through after one search instead of one per shape.
 */
const ANY_SHAPE_MARKER =
  /PRIVATE KEY|:\/\/|AKIA|ASIA|gh[pousr]_|github_pat_|glpat-|xox[abposr]-|[sr]k_live_|AIza|npm_|eyJ/;

/** What kind of credential `text` contains by its shape alone (whatever its name), or undefined. */
export function credentialShapeIn(text: string): string | undefined {
  if (!ANY_SHAPE_MARKER.test(text)) return undefined;
  for (const shape of CREDENTIAL_SHAPES) {
    shape.pattern.lastIndex = 0;
    let match = shape.pattern.exec(text);
    while (match) {
      if (!shape.accept || shape.accept(match)) return shape.what;
      if (!shape.pattern.global) break;
      match = shape.pattern.exec(text);
    }
  }
  return undefined;
}

/**
 * Whether option `name` passes `value` as a credential in plain text: its name says credential,
 * the value is written out, and it is not a bare `secret` option whose value is shaped like a
 * Kubernetes object name (lowercase words joined by "-" or "."): tools that create or read a Secret
 * take its name so (`--secret webhook-certs`), and a name is not the credential.
 */
function passesCredential(name: string, value: string): boolean {
  if (!isCredentialName(name) || !isLiteralCredential(value)) return false;
  return !(name.toLowerCase() === 'secret' && /^[a-z0-9]+(?:[-.][a-z0-9]+)+$/.test(value));
}

/** `NAME=value`, `--name=value`, `-name=value` or a Java system property `-Dname=value`, as an argument or a word of a script. */
const ASSIGNMENT = /^(?:-D|-{0,2})([A-Za-z_][A-Za-z0-9_.-]*)=(.+)$/s;

/**
 * The credential assigned in plain text in `text` (an argument, a shell script, an option string
 * such as JAVA_OPTS), described for a message, or undefined: a `NAME=value`, `--password=value`,
 * `-Ddb.password=value` or `PGPASSWORD=value` word whose name says credential.
 */
export function credentialAssignmentIn(text: string): string | undefined {
  if (!text.includes('=')) return undefined;
  for (const word of withoutComments(text).split(/\s+/)) {
    const assignment = ASSIGNMENT.exec(word);
    if (assignment && passesCredential(assignment[1], assignment[2]))
      return `a value for ${nameWords(assignment[1]).join('_')}`;
  }
  return undefined;
}

/**
 * The credential `line[i]` (an argument of a command line: a container's `command`, or its
 * `command` followed by its `args`) passes in plain text, or undefined: a credential by its shape,
 * an assignment of one (credentialAssignmentIn), the value after a separate `--password`, or a
 * credential by its place on the command line (credentialByPosition), as an argument of its own or
 * a word of a script.
 */
export function credentialInArgument(line: readonly unknown[], i: number): string | undefined {
  const arg = line[i];
  if (typeof arg !== 'string') return undefined;
  const found = credentialShapeIn(arg) ?? credentialAssignmentIn(arg) ?? credentialInScript(arg);
  if (found) return found;
  const option = i > 0 ? /^--([A-Za-z][A-Za-z0-9_.-]+)$/.exec(stringOf(line[i - 1]) ?? '') : null;
  // A following option (`--password --verbose`) is not taken for the value: a prompt flag, most likely.
  if (option && !arg.startsWith('-') && passesCredential(option[1], arg)) return `the value of --${option[1]}`;
  return credentialByPosition(line, i);
}

/** A script without its comments, which hold no value the script passes. */
function withoutComments(script: string): string {
  return script.includes('#') ? script.replace(SCRIPT_COMMENT, '$1') : script;
}

/** The first credential a shell script passes by its place on a command line, or undefined. */
function credentialInScript(script: string): string | undefined {
  if (!/\s/.test(script)) return undefined;
  const words = withoutComments(script)
    .trim()
    .split(/\s+/)
    .map((word) => unquoted(word));
  for (let i = 0; i < words.length; i++) {
    const found = credentialByPosition(words, i);
    if (found) return found;
  }
  return undefined;
}

/** Words that end one command of a script and start the next. */
const COMMAND_SEPARATORS = new Set(['&&', '||', ';', '|', '&', '(', '{', 'then', 'do', 'else', 'exec']);

/** The program (its file name) whose command line holds `words[i]`, or undefined at the start of a command. */
function programOf(words: readonly unknown[], i: number): string | undefined {
  const ends = (word: unknown) =>
    typeof word !== 'string' || COMMAND_SEPARATORS.has(word) || /[;&|]$/.test(word) || opensSubstitution(word);
  let start = i;
  while (start > 0 && !ends(words[start - 1])) start--;
  // Variables assigned for the one command (`PGPASSWORD=... psql`) come before its program.
  while (start < i && /^[A-Za-z_][A-Za-z0-9_]*=/.test(stringOf(words[start]) ?? '')) start++;
  return start < i ? (stringOf(words[start]) ?? '').replace(/^.*\//, '') : undefined;
}

/**
 * Whether a word opens a command substitution it does not close (`"ts=$(date`, `` `date ``): the
 * words after it are another program's (`curl ... "$(date -u +%H:%M)"`: that -u is date's).
 */
function opensSubstitution(word: string): boolean {
  const opened = word.split('$(').length - 1;
  const closed = word.split(')').length - 1;
  return opened > closed || (word.split('`').length - 1) % 2 === 1;
}

/** Whether `words[i]` follows one of `options` on `program`'s command line. */
function follows(words: readonly unknown[], i: number, program: string, options: readonly string[]): boolean {
  return i > 0 && options.includes(stringOf(words[i - 1]) ?? '') && programOf(words, i) === program;
}

/**
 * The credential `words[i]` is by its place on a command line, for tools that take one as a word
 * of its own: the secret key in `<client> alias set NAME URL ACCESS-KEY SECRET-KEY` (MinIO's mc and
 * the S3 clients that copy its syntax; `config host add` in older mc), the password in curl's
 * `-u`/`--user USER:PASSWORD`, sshpass's `-p PASSWORD` and redis-cli's `-a PASSWORD`. Other tools'
 * short options (`-p`, `-a`, `-u`) mean other things, so they are read only after these programs.
 */
function credentialByPosition(words: readonly unknown[], i: number): string | undefined {
  const word = words[i];
  if (typeof word !== 'string' || word.startsWith('-')) return undefined;
  const what = positionalCredential(words, i, word);
  return what !== undefined && isLiteralCredential(word) ? what : undefined;
}

/** What `word` (at `words[i]`) would be by its place, before asking whether it is written out. */
function positionalCredential(words: readonly unknown[], i: number, word: string): string | undefined {
  const at = (offset: number) => words[i - offset];
  if (/^https?:\/\//.test(stringOf(at(2)) ?? '')) {
    if (at(5) === 'alias' && at(4) === 'set') return 'the secret key of "alias set"';
    if (at(6) === 'config' && at(5) === 'host' && at(4) === 'add') return 'the secret key of "config host add"';
  }
  if (follows(words, i, 'curl', ['-u', '--user'])) {
    const password = /^[^:]*:(.+)$/.exec(word);
    return password && literalPassword(password[1]) ? "the password of curl's --user" : undefined;
  }
  if (follows(words, i, 'sshpass', ['-p'])) return 'the password of sshpass -p';
  if (follows(words, i, 'redis-cli', ['-a'])) return 'the password of redis-cli -a';
  return undefined;
}
