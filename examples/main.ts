/**
 * The examples app: one chart per construct, synthesized by `npx cdk8s synth` into dist/.
 */
import { App, ApiObject, Chart } from 'cdk8s';

const app = new App();
const chart = new Chart(app, 'nightly-report');
new ApiObject(chart, 'cronjob', {
  apiVersion: 'batch/v1',
  kind: 'CronJob',
  metadata: { name: 'nightly-report' },
  spec: {
    schedule: '0 3 * * *',
    timeZone: 'Etc/UTC',
    concurrencyPolicy: 'Forbid',
    jobTemplate: {
      spec: {
        template: {
          spec: {
            restartPolicy: 'Never',
            containers: [{ name: 'report', image: 'busybox:1.36', command: ['sh', '-c', 'echo report'] }],
          },
        },
      },
    },
  },
});
app.synth();
