/**
 * Whether client-node's `KubeConfig.loadFromDefault` finds a configuration: $KUBECONFIG, else
 * ~/.kube/config, else the pod's service account token. With none of them it does not fail: it
 * points at http://localhost:8080, and the first request fails with "HTTP protocol is not allowed
 * when skipTLSVerify is not set or false", which says nothing about the cause. The connection asks
 * here first and says plainly that no configuration was found.
 */
import { join } from 'path';

/** The service account token client-node's in-cluster configuration reads. */
export const SERVICE_ACCOUNT_TOKEN = '/var/run/secrets/kubernetes.io/serviceaccount/token';

/** What the decision reads, so tests can give any machine. */
export interface ConfigurationSurroundings {
  /** $KUBECONFIG. */
  readonly kubeconfigVariable?: string;
  /** The home directory client-node uses (its findHomeDir), if any. */
  readonly home?: string;
  readonly fileExists: (path: string) => boolean;
}

/** Where the default configuration comes from, in client-node's order, or undefined when there is none. */
export function defaultConfigurationSource(surroundings: ConfigurationSurroundings): string | undefined {
  const { kubeconfigVariable, home, fileExists } = surroundings;
  if (kubeconfigVariable !== undefined && kubeconfigVariable !== '') return '$KUBECONFIG';
  if (home !== undefined && fileExists(join(home, '.kube', 'config'))) return join(home, '.kube', 'config');
  if (fileExists(SERVICE_ACCOUNT_TOKEN)) return 'the in-cluster service account';
  return undefined;
}

/** The one-line reason when there is no default configuration. */
export function noConfigurationMessage(home: string | undefined): string {
  const homeConfig =
    home === undefined ? 'no home directory for ~/.kube/config' : `no ${join(home, '.kube', 'config')}`;
  return `no cluster configuration found: no in-cluster service account (${SERVICE_ACCOUNT_TOKEN}), no $KUBECONFIG, ${homeConfig}; give --kubeconfig FILE or set $KUBECONFIG`;
}
