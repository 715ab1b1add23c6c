/**
 * Validation and defaulting of discovery.k8s.io/v1 EndpointSlices, after
 * `pkg/apis/discovery/validation/validation.go` and `pkg/apis/discovery/v1/defaults.go`.
 * @module
 */
import {
  FieldPath, field, required, notSupported, duplicate, tooMany, type FieldError,
  validateLabels, isDNS1123Label, isQualifiedName, nameIsDNSSubdomain,
  fieldImmutableErrorMsg,
} from '../../meta/v1/index.js';
import { ipFamilyOf, nonSpecialIPMessages } from '../../core/v1/validation-helpers.js';
import { validateCoreObjectMeta, validateCoreObjectMetaUpdate } from '../../core/v1/validation.js';
import type { EndpointSlice } from './types.js';

const supportedAddressTypes = ['FQDN', 'IPv4', 'IPv6'];
const supportedPortProtocols = ['SCTP', 'TCP', 'UDP'];
const maxTopologyLabels = 16;
const maxAddresses = 100;
const maxPorts = 20000;
const maxEndpoints = 1000;
const maxZoneHints = 8;
const maxNodeHints = 8;

/** `SetDefaults_EndpointPort`: name `""` and protocol TCP. */
export function defaultEndpointSlice(slice: EndpointSlice): void {
  for (const p of slice.ports ?? []) {
    if (p.name === undefined || p.name === null) p.name = '';
    if (!p.protocol) p.protocol = 'TCP';
  }
}

/** `IsFullyQualifiedDomainName` messages. */
function fqdnErrors(path: FieldPath, name: string): FieldError[] {
  const s = name.endsWith('.') ? name.slice(0, -1) : name;
  if (s.length === 0) return [required(path, '')];
  const errs: FieldError[] = [];
  if (!s.includes('.')) errs.push(field.invalid(path, name, 'should be a domain with at least two segments separated by dots'));
  for (const label of s.split('.')) {
    for (const m of isDNS1123Label(label)) errs.push(field.invalid(path, label, m));
  }
  return errs;
}

/** `ValidateEndpointSliceCreate`. */
export function validateEndpointSlice(slice: EndpointSlice): FieldError[] {
  const errs = validateCoreObjectMeta(slice.metadata ?? {}, { namespaced: true, nameFn: nameIsDNSSubdomain }, FieldPath.root('metadata'));
  const typePath = FieldPath.root('addressType');
  if (!slice.addressType) errs.push(required(typePath, ''));
  else if (!supportedAddressTypes.includes(slice.addressType)) errs.push(notSupported(typePath, slice.addressType, supportedAddressTypes));
  const endpoints = slice.endpoints ?? [];
  const epPath = FieldPath.root('endpoints');
  if (endpoints.length > maxEndpoints) {
    errs.push(tooMany(epPath, endpoints.length, maxEndpoints));
  } else {
    endpoints.forEach((ep, i) => {
      const idx = epPath.index(i);
      const addrPath = idx.child('addresses');
      const addrs = ep.addresses ?? [];
      if (addrs.length === 0) errs.push(required(addrPath, 'must contain at least 1 address'));
      else if (addrs.length > maxAddresses) errs.push(tooMany(addrPath, addrs.length, maxAddresses));
      addrs.forEach((a, j) => {
        const p = addrPath.index(j);
        if (slice.addressType === 'IPv4' || slice.addressType === 'IPv6') {
          const want = slice.addressType === 'IPv4' ? 4 : 6;
          if (ipFamilyOf(a) !== want) errs.push(field.invalid(p, a, `must be a valid ${slice.addressType} address`));
          else for (const m of nonSpecialIPMessages(a)) errs.push(field.invalid(p, a, m));
        } else if (slice.addressType === 'FQDN') {
          errs.push(...fqdnErrors(p, a));
        }
      });
      if (ep.nodeName !== undefined) {
        for (const m of nameIsDNSSubdomain(ep.nodeName, false)) errs.push(field.invalid(idx.child('nodeName'), ep.nodeName, m));
      }
      const topo = ep.deprecatedTopology ?? {};
      if (Object.keys(topo).length > maxTopologyLabels) errs.push(tooMany(idx.child('deprecatedTopology'), Object.keys(topo).length, maxTopologyLabels));
      errs.push(...validateLabels(topo, idx.child('deprecatedTopology')));
      if (ep.zone !== undefined) errs.push(...validateLabels({ 'topology.kubernetes.io/zone': ep.zone }, idx.child('zone')));
      if (ep.hostname !== undefined) for (const m of isDNS1123Label(ep.hostname)) errs.push(field.invalid(idx.child('hostname'), ep.hostname, m));
      if (ep.hints) {
        const hp = idx.child('hints');
        const zones = ep.hints.forZones ?? [];
        if (zones.length > maxZoneHints) errs.push(tooMany(hp.child('forZones'), zones.length, maxZoneHints));
        const seenZones = new Set<string>();
        zones.forEach((z, k) => {
          const zp = hp.child('forZones').index(k).child('name');
          if (seenZones.has(z.name)) errs.push(duplicate(zp, z.name));
          else errs.push(...validateLabels({ 'topology.kubernetes.io/zone': z.name }, zp));
          seenZones.add(z.name);
        });
        const nodes = ep.hints.forNodes ?? [];
        if (nodes.length > maxNodeHints) errs.push(tooMany(hp.child('forNodes'), nodes.length, maxNodeHints));
        const seenNodes = new Set<string>();
        nodes.forEach((n, k) => {
          const np = hp.child('forNodes').index(k).child('name');
          if (seenNodes.has(n.name)) errs.push(duplicate(np, n.name));
          else for (const m of nameIsDNSSubdomain(n.name, false)) errs.push(field.invalid(np, n.name, m));
          seenNodes.add(n.name);
        });
      }
    });
  }
  const ports = slice.ports ?? [];
  const portsPath = FieldPath.root('ports');
  if (ports.length > maxPorts) {
    errs.push(tooMany(portsPath, ports.length, maxPorts));
    return errs;
  }
  const names = new Set<string>();
  ports.forEach((p, i) => {
    const idx = portsPath.index(i);
    const name = p.name ?? '';
    if (name) for (const m of isDNS1123Label(name)) errs.push(field.invalid(idx.child('name'), name, m));
    if (names.has(name)) errs.push(duplicate(idx.child('name'), name));
    else names.add(name);
    if (!p.protocol) errs.push(required(idx.child('protocol'), ''));
    else if (!supportedPortProtocols.includes(p.protocol)) errs.push(notSupported(idx.child('protocol'), p.protocol, supportedPortProtocols));
    if (p.appProtocol !== undefined) for (const m of isQualifiedName(p.appProtocol)) errs.push(field.invalid(idx.child('appProtocol'), p.appProtocol, m));
  });
  return errs;
}

/** `ValidateEndpointSliceUpdate`: addressType is immutable. */
export function validateEndpointSliceUpdate(slice: EndpointSlice, old: EndpointSlice): FieldError[] {
  const errs = validateCoreObjectMetaUpdate(slice.metadata ?? {}, old.metadata ?? {}, FieldPath.root('metadata'));
  errs.push(...validateEndpointSlice(slice));
  if (slice.addressType !== old.addressType) errs.push(field.invalid(FieldPath.root('addressType'), slice.addressType, fieldImmutableErrorMsg));
  return errs;
}
