/** `cdk8s-batch lint` on plain YAML: credentials in plain text are reported; Secret references are not. */
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { runCli } from '../../src/cli/main';
import { fakeIo } from '../support/fake-io';

const SECRET_RULES = ['container-env-secret-literal', 'container-args-secret-literal'];

const job = (container: string, volumes = '') => `apiVersion: batch/v1
kind: Job
metadata:
  name: orders-export
  namespace: shop
spec:
  template:
    spec:
      restartPolicy: Never
      containers:
${container}${volumes}`;

const PLAIN = job(`        - name: export
          image: postgres:17.2-alpine
          args: ["--dbname=postgresql://admin:hunter2@orders-db/orders"]
          env:
            - name: PGPASSWORD
              value: hunter2
`);

const CLEAN = job(
  `        - name: export
          image: postgres:17.2-alpine
          args: ["--dbname=postgresql://admin@orders-db/orders", "--exclude-table=audit_log"]
          env:
            - name: PGPASSWORD
              valueFrom:
                secretKeyRef: {name: orders-db, key: password}
            - name: PGPASSFILE
              value: /tmp/pgpass
            - name: API_TOKEN_FILE
              value: /var/run/secrets/tokens/api
            - name: SECRET_NAME
              value: orders-db
          envFrom:
            - secretRef: {name: orders-export-env}
          volumeMounts:
            - {name: api-token, mountPath: /var/run/secrets/tokens}
`,
  `      volumes:
        - name: api-token
          projected:
            sources:
              - serviceAccountToken: {path: api, audience: orders-api, expirationSeconds: 3600}
`,
);

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'cdk8s-batch-lint-secrets-'));
  writeFileSync(join(dir, 'plain.yaml'), PLAIN);
  writeFileSync(join(dir, 'clean.yaml'), CLEAN);
  writeFileSync(join(dir, 'policy.yaml'), `rules:\n${SECRET_RULES.map((id) => `  ${id}: error\n`).join('')}`);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function lint(...args: string[]) {
  const io = fakeIo();
  const code = await runCli(['lint', '--format', 'json', ...args], io);
  const report = JSON.parse(io.stdout());
  return { code, secrets: report.findings.filter((f: any) => SECRET_RULES.includes(f.rule)) };
}

test('a literal PGPASSWORD and a password in a connection string are reported with their rule ids, fields and fixes', async () => {
  const { code, secrets } = await lint(join(dir, 'plain.yaml'));
  expect(code).toBe(0);
  expect(secrets.map((f: any) => [f.rule, f.severity, f.field])).toEqual([
    ['container-env-secret-literal', 'warning', 'spec.template.spec.containers[0].env[0].value'],
    ['container-args-secret-literal', 'warning', 'spec.template.spec.containers[0].args[0]'],
  ]);
  for (const f of secrets) {
    expect(f.fix).toMatch(/Secret/);
    expect(`${f.message} ${f.fix}`).not.toContain('hunter2');
  }
});

test('a policy file that makes them errors fails lint', async () => {
  const { code, secrets } = await lint('--policy', join(dir, 'policy.yaml'), join(dir, 'plain.yaml'));
  expect(code).toBe(1);
  expect(secrets.map((f: any) => f.severity)).toEqual(['error', 'error']);
});

test('secretKeyRef, envFrom with a Secret, a projected service-account token and *_FILE paths give no finding', async () => {
  const { code, secrets } = await lint('--policy', join(dir, 'policy.yaml'), join(dir, 'clean.yaml'));
  expect(secrets).toEqual([]);
  expect(code).toBe(0);
});
