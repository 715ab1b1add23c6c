/**
 * node/lifecycle: container lifecycle hooks (issue #7) — postStart right after a container
 * starts, preStop before the stop signal within the grace period — with exec, httpGet and sleep
 * handlers, as pkg/kubelet/lifecycle and kuberuntime's killContainer run them.
 */
export { HandlerRunner, type HandlerRunnerDeps } from './handler-runner.js';
export { executePreStopHook, remainingGracePeriodSeconds, minimumGracePeriodSeconds, type PreStopRequest } from './pre-stop.js';
