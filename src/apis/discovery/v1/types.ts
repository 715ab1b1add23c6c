/**
 * TypeScript shapes of the discovery/v1 API types, field for field as k8s.io/api serializes them.
 * @module
 */
// Generated from the Kubernetes OpenAPI definitions (field lists, descriptions, required lists)
// plus the k8s.io/api struct tags (patchMergeKey/patchStrategy, +listType/+listMapKey).
// Edit by hand with care: strict field validation, `kubectl explain` and strategic merge patch read these.

import type { ListMeta, ObjectMeta } from '../../meta/v1/index.js';
import type { ObjectReference } from '../../core/v1/types.js';

/**
 * EndpointConditions represents the current condition of an endpoint.
 * @see io.k8s.api.discovery.v1.EndpointConditions
 */
export interface EndpointConditions {
  /** ready indicates that this endpoint is ready to receive traffic, according to whatever system is managing the endpoint. */
  ready?: boolean;
  /** serving indicates that this endpoint is able to receive traffic, according to whatever system is managing the endpoint. */
  serving?: boolean;
  /** terminating indicates that this endpoint is terminating. */
  terminating?: boolean;
}

/**
 * ForNode provides information about which nodes should consume this endpoint.
 * @see io.k8s.api.discovery.v1.ForNode
 */
export interface ForNode {
  /** name represents the name of the node. */
  name: string;
}

/**
 * ForZone provides information about which zones should consume this endpoint.
 * @see io.k8s.api.discovery.v1.ForZone
 */
export interface ForZone {
  /** name represents the name of the zone. */
  name: string;
}

/**
 * EndpointHints provides hints describing how an endpoint should be consumed.
 * @see io.k8s.api.discovery.v1.EndpointHints
 */
export interface EndpointHints {
  /** forNodes indicates the node(s) this endpoint should be consumed by when using topology aware routing. */
  forNodes?: ForNode[];
  /** forZones indicates the zone(s) this endpoint should be consumed by when using topology aware routing. */
  forZones?: ForZone[];
}

/**
 * Endpoint represents a single logical "backend" implementing a service.
 * @see io.k8s.api.discovery.v1.Endpoint
 */
export interface Endpoint {
  /** addresses of this endpoint. */
  addresses: string[];
  /** conditions contains information about the current status of the endpoint. */
  conditions?: EndpointConditions;
  /** deprecatedTopology contains topology information part of the v1beta1 API. */
  deprecatedTopology?: Record<string, string>;
  /** hints contains information associated with how an endpoint should be consumed. */
  hints?: EndpointHints;
  /** hostname of this endpoint. */
  hostname?: string;
  /** nodeName represents the name of the Node hosting this endpoint. */
  nodeName?: string;
  /** targetRef is a reference to a Kubernetes object that represents this endpoint. */
  targetRef?: ObjectReference;
  /** zone is the name of the Zone this endpoint exists in. */
  zone?: string;
}

/**
 * EndpointPort represents a Port used by an EndpointSlice
 * @see io.k8s.api.discovery.v1.EndpointPort
 */
export interface EndpointPort {
  /** The application protocol for this port. */
  appProtocol?: string;
  /** name represents the name of this port. */
  name?: string;
  /** port represents the port number of the endpoint. */
  port?: number;
  /** protocol represents the IP protocol for this port. */
  protocol?: 'SCTP' | 'TCP' | 'UDP';
}

/**
 * EndpointSlice represents a set of service endpoints.
 * @see io.k8s.api.discovery.v1.EndpointSlice
 */
export interface EndpointSlice {
  /** addressType specifies the type of address carried by this EndpointSlice. */
  addressType: 'FQDN' | 'IPv4' | 'IPv6';
  /** APIVersion defines the versioned schema of this representation of an object. */
  apiVersion?: string;
  /** endpoints is a list of unique endpoints in this slice. */
  endpoints?: Endpoint[];
  /** Kind is a string value representing the REST resource this object represents. */
  kind?: string;
  /** Standard object's metadata. */
  metadata: ObjectMeta;
  /** ports specifies the list of network ports exposed by each endpoint in this slice. */
  ports?: EndpointPort[];
}

/**
 * EndpointSliceList represents a list of endpoint slices
 * @see io.k8s.api.discovery.v1.EndpointSliceList
 */
export interface EndpointSliceList {
  /** APIVersion defines the versioned schema of this representation of an object. */
  apiVersion?: string;
  /** items is the list of endpoint slices */
  items: EndpointSlice[];
  /** Kind is a string value representing the REST resource this object represents. */
  kind?: string;
  /** Standard list metadata. */
  metadata?: ListMeta;
}
