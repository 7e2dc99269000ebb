#!/usr/bin/env node
/**
 * `cdk8s-batch-reconciler`: the cdk8s-batch command with the cluster behind it. Every library
 * command works as in `cdk8s-batch`; `reconcile` runs the controller, and `reconcile`, `trigger`,
 * `backfill` and `launch` reach a live cluster (in-cluster config, or --kubeconfig). The runtime's
 * API for Node code is index.ts.
 */
import { BACKFILL_USAGE, runBackfill } from 'cdk8s-batch/lib/src/cli/backfill';
import { CliCommand, COMMANDS, runCliProcess } from 'cdk8s-batch/lib/src/cli/main';
import { runTrigger, TRIGGER_USAGE } from 'cdk8s-batch/lib/src/cli/trigger';
import { LAUNCH_USAGE, runLaunch } from 'cdk8s-batch/lib/src/cli/launch';
import { CLIENT_DEPENDENCIES, ClientDependencies, clusterCommandDependencies } from './cli/cluster-connection';
import { RECONCILE_USAGE, runReconcile } from './cli/reconcile';

/** The library's command table with the cluster commands served by `deps`. */
export function runtimeCommands(deps: ClientDependencies = CLIENT_DEPENDENCIES): Readonly<Record<string, CliCommand>> {
  const cluster = clusterCommandDependencies(deps);
  return {
    ...COMMANDS,
    reconcile: { run: (args, io) => runReconcile(args, io), usage: RECONCILE_USAGE },
    trigger: { run: (args, io) => runTrigger(args, io, cluster), usage: TRIGGER_USAGE },
    backfill: { run: (args, io) => runBackfill(args, io, cluster), usage: BACKFILL_USAGE },
    launch: { run: (args, io) => runLaunch(args, io, cluster), usage: LAUNCH_USAGE },
  };
}

if (require.main === module) runCliProcess(runtimeCommands());
