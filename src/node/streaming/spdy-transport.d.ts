/**
 * The part of `spdy-transport@3` (MIT, CommonJS, untyped) the streaming server uses: SPDY/3.1
 * connections over any duplex stream, server side (kubectl's exec/attach fallback and
 * port-forward) and client side (tests).
 */
declare module 'spdy-transport' {
  import type { EventEmitter } from 'node:events';
  import type { Duplex } from 'node:stream';

  namespace transport {
    /** One SPDY stream: a duplex whose end sends FIN. Header names arrive lower-cased. */
    interface SpdyStream extends Duplex {
      readonly id: number;
      readonly headers: Record<string, string | string[] | undefined>;
      /** Server side: answers the SYN_STREAM with a SYN_REPLY. */
      respond(status: number, headers: Record<string, string>, callback?: (err?: Error) => void): void;
      /** Sends RST_STREAM. */
      abort(code?: string, callback?: () => void): void;
    }

    /** What a client stream is opened with. */
    interface RequestOptions {
      method: string;
      path: string;
      host?: string;
      headers?: Record<string, string>;
      priority?: { parent?: number; weight?: number; exclusive?: boolean };
    }

    /** A SPDY (or HTTP/2) session. */
    interface Connection extends EventEmitter {
      /** Starts the session (server side: which version to speak, 3.1 here). */
      start(version: number): void;
      /** Client side: opens a stream (SYN_STREAM). */
      request(options: RequestOptions, callback?: (err: Error | null, stream: SpdyStream) => void): SpdyStream;
      /** Sends GOAWAY; closes once every stream has ended. */
      end(callback?: () => void): void;
      destroyStreams(err?: Error): void;
      readonly socket: Duplex;
      /** Internals, for the `:method`/`:path` defaulting the streaming server installs. */
      readonly _spdyState: {
        parser: { parseKVs(buffer: unknown, callback: (err: Error | null, headers?: Record<string, unknown>) => void): void };
      };
    }

    interface ConnectionOptions {
      protocol: 'spdy' | 'http2';
      isServer: boolean;
      /** Receive window of the session and of each stream (default 1 MiB). */
      windowSize?: number;
    }
  }

  const transport: {
    connection: { create(socket: Duplex, options: transport.ConnectionOptions): transport.Connection };
  };
  export = transport;
}
