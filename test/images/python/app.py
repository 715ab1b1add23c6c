"""Stand-in for the training/webapp image: answers every HTTP request on
port 5000 with "Hello world!". Uses only modules shipped in python3-minimal
(no http.server there), so it speaks just enough HTTP/1.1 by hand."""

import os
import signal
import socket
import sys

PORT = int(os.environ.get("PORT", "5000"))
BODY = b"Hello world!"


def on_term(signum, frame):
    # As PID 1 a process gets no default signal actions: exit explicitly.
    print("received signal %d, exiting" % signum, flush=True)
    sys.exit(0)


def read_request(conn):
    data = b""
    while b"\r\n\r\n" not in data and len(data) < 65536:
        chunk = conn.recv(4096)
        if not chunk:
            break
        data += chunk
    return data


def serve():
    srv = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    srv.bind(("0.0.0.0", PORT))
    srv.listen(64)
    print(" * Running on http://0.0.0.0:%d/" % PORT, flush=True)
    while True:
        conn, addr = srv.accept()
        with conn:
            conn.settimeout(5)
            try:
                request = read_request(conn)
                line = request.split(b"\r\n", 1)[0].decode("latin-1")
                head = line.startswith("HEAD ")
                conn.sendall(
                    b"HTTP/1.1 200 OK\r\n"
                    b"Content-Type: text/html; charset=utf-8\r\n"
                    b"Content-Length: %d\r\n"
                    b"Connection: close\r\n\r\n" % len(BODY)
                    + (b"" if head else BODY)
                )
                print('%s - - "%s" 200 -' % (addr[0], line), flush=True)
            except OSError as err:
                print("%s - - error: %s" % (addr[0], err), flush=True)


if __name__ == "__main__":
    signal.signal(signal.SIGTERM, on_term)
    signal.signal(signal.SIGINT, on_term)
    serve()
