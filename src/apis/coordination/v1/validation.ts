/**
 * Validation of coordination.k8s.io/v1 Leases, after `pkg/apis/coordination/validation`.
 * @module
 */
import {
  FieldPath, field, notSupported, type FieldError, validateObjectMeta, validateObjectMetaUpdate, nameIsDNSSubdomain,
} from '../../meta/v1/index.js';
import type { Lease } from './types.js';

/** `ValidateLease`. */
export function validateLease(lease: Lease): FieldError[] {
  const errs = validateObjectMeta(lease.metadata ?? {}, { namespaced: true, nameFn: nameIsDNSSubdomain }, FieldPath.root('metadata'));
  const spec = lease.spec ?? {};
  const p = FieldPath.root('spec');
  if (spec.leaseDurationSeconds !== undefined && spec.leaseDurationSeconds !== null && spec.leaseDurationSeconds <= 0) {
    errs.push(field.invalid(p.child('leaseDurationSeconds'), spec.leaseDurationSeconds, 'must be greater than 0'));
  }
  if (spec.leaseTransitions !== undefined && spec.leaseTransitions !== null && spec.leaseTransitions < 0) {
    errs.push(field.invalid(p.child('leaseTransitions'), spec.leaseTransitions, 'must be greater than or equal to 0'));
  }
  if (spec.strategy !== undefined && spec.strategy !== null) {
    if (spec.strategy === '') errs.push(field.invalid(p.child('strategy'), spec.strategy, 'must not be empty'));
    else if (spec.strategy !== 'OldestEmulationVersion') errs.push(notSupported(p.child('strategy'), spec.strategy, ['OldestEmulationVersion']));
  }
  if (spec.preferredHolder && !spec.strategy) {
    errs.push(field.forbidden(p.child('preferredHolder'), 'may only be specified if `strategy` is defined'));
  }
  return errs;
}

/** `ValidateLeaseUpdate`. */
export function validateLeaseUpdate(lease: Lease, old: Lease): FieldError[] {
  return [...validateObjectMetaUpdate(lease.metadata ?? {}, old.metadata ?? {}, FieldPath.root('metadata')), ...validateLease(lease)];
}
