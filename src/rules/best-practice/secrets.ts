/**
 * Credentials in plain text. A manifest is read by far more people and tools than a Secret (Git
 * history for GitOps users, CI logs, `kubectl get -o yaml` with read access to Jobs), and a value in
 * `env[].value`, `command` or `args` is shown to anyone who can read the pod. A credential belongs
 * in a Secret, read through `valueFrom.secretKeyRef`, `envFrom` or a mounted file. What counts as a
 * credential, and what is only a reference to one, is decided in support/secrets.ts.
 */
import { Violation } from '../rule';
import { arrayOf, fieldOf, isObject, stringOf } from '../support/access';
import { child, index } from '../support/field-path';
import { capitalise } from '../support/message-text';
import { podTemplate } from '../support/pod-template';
import {
  credentialAssignmentIn,
  credentialInArgument,
  credentialShapeIn,
  isCredentialName,
  isLiteralCredential,
} from '../support/secrets';
import { bestPracticeRule, JOBS_AND_CRONJOBS } from './best-practice-rule';

/** The env var's credential in plain text, described for a message (never quoting it), or undefined. */
export function plainCredentialInEnvVar(name: string, value: string): string | undefined {
  const shape = credentialShapeIn(value);
  if (shape) return `holds ${shape}`;
  if (isCredentialName(name)) return isLiteralCredential(value) ? 'is named like a credential' : undefined;
  // An option string (JAVA_OPTS, PGOPTIONS) may assign one: -Dspring.datasource.password=...
  const assignment = credentialAssignmentIn(value);
  return assignment === undefined ? undefined : `holds ${assignment}`;
}

export const envSecretLiteral = bestPracticeRule({
  id: 'container-env-secret-literal',
  kinds: JOBS_AND_CRONJOBS,
  summary:
    'No environment variable holds a credential as a literal value (a name such as `*PASSWORD*`, `*SECRET*`, `*TOKEN*`, `*_KEY`, or a value shaped like a private key, a URL with a password or a known token); use valueFrom.secretKeyRef, envFrom or a mounted Secret.',
  check(input) {
    const violations: Violation[] = [];
    for (const c of podTemplate(input).containers) {
      (arrayOf(c.value.env) ?? []).forEach((entry, i) => {
        if (!isObject(entry)) return;
        const name = stringOf(entry.name) ?? '';
        const value = stringOf(entry.value);
        const problem = value === undefined ? undefined : plainCredentialInEnvVar(name, value);
        if (problem === undefined) return;
        violations.push({
          field: child(index(child(c.path, 'env'), i), 'value'),
          message: `${capitalise(c.label)} sets ${name || 'an environment variable'}, which ${problem}, as a literal value: it is in plain text in the manifest (and in Git, for GitOps) and visible to anyone who can read the pod.`,
          fix: `Keep it in a Secret and read it with env[].valueFrom.secretKeyRef (EnvValue.fromSecretValue in cdk8s), envFrom.secretRef, or a Secret volume whose path the program reads (e.g. ${name ? `${name}_FILE` : 'a *_FILE variable'}); rotate a credential that was committed.`,
        });
      });
    }
    return violations;
  },
});

export const argsSecretLiteral = bestPracticeRule({
  id: 'container-args-secret-literal',
  kinds: JOBS_AND_CRONJOBS,
  summary:
    'No command or args item passes a credential in plain text (a URL with a password, --password=..., PGPASSWORD=... in a script, a private key, a known token, or a password by its place on a command line: curl -u user:password, mc alias set ... ACCESS SECRET).',
  check(input) {
    const violations: Violation[] = [];
    for (const c of podTemplate(input).containers) {
      const command = arrayOf(c.value.command) ?? [];
      for (const list of ['command', 'args'] as const) {
        const items = arrayOf(c.value[list]) ?? [];
        // Arguments are read on the whole command line, so `args` see the program in `command`.
        const line = list === 'args' && command.length > 0 ? [...command, ...items] : items;
        items.forEach((_item, i) => {
          const what = credentialInArgument(line, line.length - items.length + i);
          if (what === undefined) return;
          violations.push({
            field: index(child(c.path, list), i),
            message: `${capitalise(c.label)} passes ${what} in ${list}[${i}]: it is in plain text in the manifest and in the pod spec, and on the node in the process list.`,
            fix: 'Put the credential in a Secret, expose it to the container as an environment variable (valueFrom.secretKeyRef) or a file, and let the program read it from there (or write $(NAME) here, so the manifest holds only the reference).',
          });
        });
      }
    }
    return violations;
  },
});

const secretName = (ref: Record<string, unknown>) => JSON.stringify(stringOf(ref.name) ?? '');

/** A finding for each Secret a container reads into its environment (an env entry or an envFrom source), at the field that names it. */
function secretsReadIntoEnvironment(container: Readonly<Record<string, unknown>>, path: string): Violation[] {
  const reads: { field: string; secret: string }[] = [];
  (arrayOf(container.env) ?? []).forEach((entry, i) => {
    const ref = fieldOf(fieldOf(entry, 'valueFrom'), 'secretKeyRef');
    if (isObject(ref))
      reads.push({
        field: child(child(index(child(path, 'env'), i), 'valueFrom'), 'secretKeyRef'),
        secret: secretName(ref),
      });
  });
  (arrayOf(container.envFrom) ?? []).forEach((source, i) => {
    const ref = fieldOf(source, 'secretRef');
    if (isObject(ref))
      reads.push({ field: child(index(child(path, 'envFrom'), i), 'secretRef'), secret: secretName(ref) });
  });
  return reads.map(({ field, secret }) => ({
    field,
    message: `Secret ${secret} is read into an environment variable, which every child process inherits, crash reports and debug endpoints print, and /proc/<pid>/environ shows; it also keeps its old value until the pod restarts.`,
    fix: 'Mount the Secret as a volume (read-only) and have the program read the file, e.g. through a *_FILE variable holding its path; for a BackupCronJob, set passwordAsFile: true.',
  }));
}

export const secretInEnvironment = bestPracticeRule({
  id: 'container-secret-in-env',
  kinds: JOBS_AND_CRONJOBS,
  optIn: true,
  summary:
    'No Secret is read into environment variables (valueFrom.secretKeyRef, envFrom.secretRef); mount it as a file instead. Off unless a policy turns it on.',
  check: (input) => podTemplate(input).containers.flatMap((c) => secretsReadIntoEnvironment(c.value, c.path)),
});

/** The rules about credentials written in plain text, which constructs that handle credentials make errors. */
export const PLAIN_SECRET_RULES = [envSecretLiteral, argsSecretLiteral];

export const SECRET_RULES = [...PLAIN_SECRET_RULES, secretInEnvironment];
