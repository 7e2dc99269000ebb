/**
 * An S3-compatible server (s3rver) in a process of its own, on 127.0.0.1 and a free port, so the
 * tests' synchronous runs of the AWS CLI cannot block it. Prints `{"port": N}` once listening;
 * stops on SIGTERM. Usage: node s3-server.js DIRECTORY BUCKET
 */
const S3rver = require('s3rver');

const [directory, bucket] = process.argv.slice(2);
const server = new S3rver({
  address: '127.0.0.1',
  port: 0,
  silent: true,
  directory,
  configureBuckets: [{ name: bucket }],
});
server.run().then((address) => process.stdout.write(`${JSON.stringify({ port: address.port })}\n`));
process.on('SIGTERM', () => server.close().then(() => process.exit(0)));
