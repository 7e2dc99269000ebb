/**
 * The body of every stub program pod-runner.ts puts on PATH: records its argv (and the variables
 * named in STUB_RECORD_ENV) as one JSON line in STUB_LOG, then behaves as asked:
 * - dump: writes STUB_DUMP_OUTPUT to stdout and exits with STUB_DUMP_EXIT (default 0).
 * - probe: fails the first STUB_PROBE_FAILURES calls (default 0), then succeeds.
 * - aws: `s3api list-objects-v2` prints the file STUB_S3_LISTING; `s3 cp` fails when STUB_AWS_CP_EXIT
 *   is set; every other call succeeds silently.
 * - kubectl: `get` prints the file STUB_KUBECTL_OUTPUT; every other call succeeds silently.
 */
const fs = require('fs');
const path = require('path');

module.exports = function stub(program, behaviour) {
  const argv = process.argv.slice(2);
  const env = {};
  for (const name of (process.env.STUB_RECORD_ENV || '').split(' ').filter(Boolean)) env[name] = process.env[name];
  fs.appendFileSync(process.env.STUB_LOG, JSON.stringify({ program, argv, env }) + '\n');

  switch (behaviour) {
    case 'dump':
      process.stdout.write(process.env.STUB_DUMP_OUTPUT || 'CREATE TABLE orders (id integer);\n');
      process.exitCode = Number(process.env.STUB_DUMP_EXIT || 0);
      return;
    case 'probe': {
      const counter = path.join(process.env.STUB_SANDBOX, '.probe-count');
      const count = (fs.existsSync(counter) ? Number(fs.readFileSync(counter, 'utf8')) : 0) + 1;
      fs.writeFileSync(counter, String(count));
      process.exitCode = count > Number(process.env.STUB_PROBE_FAILURES || 0) ? 0 : 1;
      return;
    }
    case 'aws':
      if (argv.includes('list-objects-v2') && process.env.STUB_S3_LISTING)
        process.stdout.write(fs.readFileSync(process.env.STUB_S3_LISTING, 'utf8'));
      if (argv.includes('cp') && process.env.STUB_AWS_CP_EXIT) process.exitCode = Number(process.env.STUB_AWS_CP_EXIT);
      return;
    case 'kubectl':
      if (argv[0] === 'get' && process.env.STUB_KUBECTL_OUTPUT)
        process.stdout.write(fs.readFileSync(process.env.STUB_KUBECTL_OUTPUT, 'utf8'));
      return;
    default:
      throw new Error(`unknown stub behaviour ${behaviour}`);
  }
};
