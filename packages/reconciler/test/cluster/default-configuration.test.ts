/** Whether client-node would find a configuration by default, in its order; and the message when none. */
import {
  defaultConfigurationSource,
  noConfigurationMessage,
  SERVICE_ACCOUNT_TOKEN,
} from '../../src/cluster/default-configuration';

const exists =
  (...paths: string[]) =>
  (path: string) =>
    paths.includes(path);

test.each([
  ['$KUBECONFIG first', { kubeconfigVariable: '/k/a:/k/b', home: '/home/u', fileExists: exists() }, '$KUBECONFIG'],
  [
    'then ~/.kube/config',
    { home: '/home/u', fileExists: exists('/home/u/.kube/config', SERVICE_ACCOUNT_TOKEN) },
    '/home/u/.kube/config',
  ],
  [
    'an empty $KUBECONFIG counts as unset',
    { kubeconfigVariable: '', home: '/home/u', fileExists: exists('/home/u/.kube/config') },
    '/home/u/.kube/config',
  ],
  [
    'then the pod service account',
    { home: '/home/u', fileExists: exists(SERVICE_ACCOUNT_TOKEN) },
    'the in-cluster service account',
  ],
  ['none at all', { home: '/home/u', fileExists: exists() }, undefined],
  ['no home directory and nothing else', { fileExists: exists() }, undefined],
])('%s', (_name, surroundings, expected) => expect(defaultConfigurationSource(surroundings)).toBe(expected));

test('the message names each place looked at and what to do', () => {
  expect(noConfigurationMessage('/home/u')).toBe(
    `no cluster configuration found: no in-cluster service account (${SERVICE_ACCOUNT_TOKEN}), no $KUBECONFIG, no /home/u/.kube/config; give --kubeconfig FILE or set $KUBECONFIG`,
  );
  expect(noConfigurationMessage(undefined)).toMatch(/no home directory for ~\/\.kube\/config;/);
});
