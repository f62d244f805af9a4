package org.ripieno.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP relay between the application and PostgreSQL that counts SQL round trips: the messages
 * after which a client waits for the server, that is every Sync of the extended protocol (one per
 * prepared-statement execution, as pgjdbc sends them) and every simple Query. Only the frontend's
 * message headers are read; the bytes pass unchanged. It needs an unencrypted connection, so the
 * application is pointed at it with {@code sslmode=disable}.
 *
 * <p>It costs a relay hop per message, so the harness measures speed on a direct instance and
 * counts round trips on a second instance behind this relay.
 */
final class RoundTripProxy implements AutoCloseable {

  private static final int SSL_REQUEST = 80877103;
  private static final int GSS_REQUEST = 80877104;

  private final ServerSocket server;
  private final String targetHost;
  private final int targetPort;
  private final AtomicLong roundTrips = new AtomicLong();
  private final List<String> statements = new CopyOnWriteArrayList<>();
  private volatile boolean recording;
  private final StringBuffer messages = new StringBuffer();
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private volatile boolean closed;

  RoundTripProxy(String targetHost, int targetPort) throws IOException {
    this.targetHost = targetHost;
    this.targetPort = targetPort;
    this.server = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(this::accept, "bench-proxy-accept-" + port());
    acceptor.setDaemon(true);
    acceptor.start();
  }

  int port() {
    return server.getLocalPort();
  }

  /** Round trips relayed since the start. */
  long roundTrips() {
    return roundTrips.get();
  }

  /**
   * Starts keeping the SQL text the application sends (what it parses or sends as a simple query).
   * pgjdbc parses a statement again only until it prepares it on the server (after five uses), so
   * record the first calls after a start.
   */
  void record(boolean on) {
    if (on) {
      statements.clear();
      messages.setLength(0);
    }
    recording = on;
  }

  /** The frontend message types sent while recording (P parse, B bind, E execute, S sync...). */
  String messages() {
    return messages.toString();
  }

  /** The SQL texts kept while recording, in the order sent. */
  List<String> statements() {
    return List.copyOf(statements);
  }

  private void accept() {
    while (!closed) {
      try {
        Socket client = server.accept();
        client.setTcpNoDelay(true);
        Socket upstream = new Socket();
        upstream.connect(new InetSocketAddress(targetHost, targetPort), 5_000);
        upstream.setTcpNoDelay(true);
        sockets.add(client);
        sockets.add(upstream);
        relay("bench-proxy-up", () -> countingCopy(client, upstream), client, upstream);
        relay("bench-proxy-down", () -> copy(upstream, client), client, upstream);
      } catch (IOException e) {
        if (!closed) {
          System.out.println("  (proxy: " + e + ")");
        }
      }
    }
  }

  private interface Pump {
    void run() throws IOException;
  }

  private void relay(String name, Pump pump, Socket a, Socket b) {
    Thread thread =
        new Thread(
            () -> {
              try {
                pump.run();
              } catch (IOException ended) {
                // one side closed
              } finally {
                closeQuietly(a);
                closeQuietly(b);
                sockets.remove(a);
                sockets.remove(b);
              }
            },
            name);
    thread.setDaemon(true);
    thread.start();
  }

  private static void copy(Socket from, Socket to) throws IOException {
    InputStream in = from.getInputStream();
    OutputStream out = to.getOutputStream();
    byte[] buffer = new byte[64 * 1024];
    int read;
    while ((read = in.read(buffer)) >= 0) {
      out.write(buffer, 0, read);
      out.flush();
    }
  }

  /**
   * Copies the frontend's bytes and walks its message framing: untyped startup packets (a length,
   * then the body) until the real startup message, then typed messages (a type byte, a length that
   * counts itself, the body).
   */
  private void countingCopy(Socket from, Socket to) throws IOException {
    InputStream in = from.getInputStream();
    OutputStream out = to.getOutputStream();
    byte[] buffer = new byte[64 * 1024];
    boolean startup = true;
    byte[] header = new byte[8];
    int headerHave = 0;
    long skip = 0;
    java.io.ByteArrayOutputStream text = null;
    byte textType = 0;
    int read;
    while ((read = in.read(buffer)) >= 0) {
      int at = 0;
      while (at < read) {
        if (skip > 0) {
          int n = (int) Math.min(skip, read - at);
          if (text != null && text.size() < 16 * 1024) {
            text.write(buffer, at, n);
          }
          at += n;
          skip -= n;
          if (skip == 0 && text != null) {
            keep(textType, text.toByteArray());
            text = null;
          }
          continue;
        }
        int headerSize = startup ? 8 : 5;
        int n = Math.min(headerSize - headerHave, read - at);
        System.arraycopy(buffer, at, header, headerHave, n);
        headerHave += n;
        at += n;
        if (headerHave < headerSize) {
          continue;
        }
        headerHave = 0;
        if (startup) {
          int length = readInt(header, 0);
          int code = readInt(header, 4);
          skip = length - 8L;
          if (code != SSL_REQUEST && code != GSS_REQUEST) {
            startup = false;
          }
        } else {
          byte type = header[0];
          int length = readInt(header, 1);
          skip = length - 4L;
          if (type == 'S' || type == 'Q') {
            roundTrips.incrementAndGet();
          }
          if (recording) {
            messages.append((char) type);
          }
          if (recording && (type == 'P' || type == 'Q' || type == 'B') && skip > 0) {
            text = new java.io.ByteArrayOutputStream();
            textType = type;
          }
        }
      }
      out.write(buffer, 0, read);
      out.flush();
    }
  }

  /**
   * A Parse message is a statement name and the SQL; a simple Query is the SQL alone; a Bind names
   * a portal and the prepared statement it runs.
   */
  private void keep(byte type, byte[] body) {
    int start = 0;
    if (type == 'B') {
      while (start < body.length && body[start] != 0) {
        start++;
      }
      int name = ++start;
      while (start < body.length && body[start] != 0) {
        start++;
      }
      statements.add(
          "(bind "
              + new String(body, name, start - name, java.nio.charset.StandardCharsets.UTF_8)
              + ")");
      return;
    }
    String named = "";
    if (type == 'P') {
      while (start < body.length && body[start] != 0) {
        start++;
      }
      named =
          start == 0
              ? ""
              : "(" + new String(body, 0, start, java.nio.charset.StandardCharsets.UTF_8) + ") ";
      start++;
    }
    int end = start;
    while (end < body.length && body[end] != 0) {
      end++;
    }
    statements.add(
        named
            + (start < end
                ? new String(body, start, end - start, java.nio.charset.StandardCharsets.UTF_8)
                : "(empty statement)"));
  }

  private static int readInt(byte[] bytes, int offset) {
    return ((bytes[offset] & 0xff) << 24)
        | ((bytes[offset + 1] & 0xff) << 16)
        | ((bytes[offset + 2] & 0xff) << 8)
        | (bytes[offset + 3] & 0xff);
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException ignored) {
      // closing anyway
    }
  }

  @Override
  public void close() throws IOException {
    closed = true;
    server.close();
    for (Socket socket : sockets) {
      closeQuietly(socket);
    }
  }
}
