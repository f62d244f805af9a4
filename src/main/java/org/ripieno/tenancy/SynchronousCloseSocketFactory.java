package org.ripieno.tenancy;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import javax.net.SocketFactory;

/**
 * Sockets for pgjdbc (its {@code socketFactory} property) whose {@code close()} returns only once
 * the server's backend has exited. pgjdbc closes a connection by sending {@code Terminate} and
 * closing the socket, and returns at once; the backend still runs its exit afterwards, and
 * PostgreSQL lists it in {@code pg_stat_activity} (and counts it against {@code max_connections})
 * until it has. A permit of the {@link ConnectionBudget} given back at that moment could let a new
 * connection in beside a backend still there: one more than the budget on the server.
 *
 * <p>PostgreSQL keeps a backend's socket open until its process is gone, so that a client can close
 * synchronously: shut its own side (the backend reads end-of-file, the same as after {@code
 * Terminate}) and wait for the server's end-of-file. This socket does that, for at most {@link
 * #EXIT_WAIT}: a backend busy with a statement (a connection aborted while in use) notices the
 * closed client only at its next read, and closing must not hang on it.
 */
public final class SynchronousCloseSocketFactory extends SocketFactory {

  /** A backend's exit takes milliseconds; this only bounds a busy or unreachable one. */
  static final Duration EXIT_WAIT = Duration.ofSeconds(2);

  /** pgjdbc instantiates the factory by its class name, once per connection. */
  public SynchronousCloseSocketFactory() {}

  @Override
  public Socket createSocket() {
    return new SynchronousCloseSocket(EXIT_WAIT);
  }

  @Override
  public Socket createSocket(String host, int port) throws IOException {
    return connected(new InetSocketAddress(host, port));
  }

  @Override
  public Socket createSocket(String host, int port, InetAddress localHost, int localPort)
      throws IOException {
    Socket socket = createSocket();
    socket.bind(new InetSocketAddress(localHost, localPort));
    socket.connect(new InetSocketAddress(host, port));
    return socket;
  }

  @Override
  public Socket createSocket(InetAddress host, int port) throws IOException {
    return connected(new InetSocketAddress(host, port));
  }

  @Override
  public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
      throws IOException {
    Socket socket = createSocket();
    socket.bind(new InetSocketAddress(localAddress, localPort));
    socket.connect(new InetSocketAddress(address, port));
    return socket;
  }

  private Socket connected(InetSocketAddress address) throws IOException {
    Socket socket = createSocket();
    socket.connect(address);
    return socket;
  }

  /** A socket that, on close, waits until the peer has closed its end (or the wait is over). */
  static final class SynchronousCloseSocket extends Socket {
    private final Duration exitWait;
    private final Object closing = new Object();

    SynchronousCloseSocket(Duration exitWait) {
      this.exitWait = exitWait;
    }

    @Override
    public void close() throws IOException {
      // pgjdbc closes its streams one after the other, and each closes the socket: wait once.
      synchronized (closing) {
        if (isClosed()) {
          return;
        }
        try {
          awaitPeerClosed();
        } finally {
          super.close();
        }
      }
    }

    private void awaitPeerClosed() {
      if (!isConnected() || isInputShutdown()) {
        return;
      }
      long deadline = System.nanoTime() + exitWait.toNanos();
      try {
        if (!isOutputShutdown()) {
          shutdownOutput();
        }
        InputStream in = getInputStream();
        byte[] discarded = new byte[512];
        while (true) {
          long left = deadline - System.nanoTime();
          if (left <= 0) {
            return;
          }
          setSoTimeout((int) Math.max(1, Duration.ofNanos(left).toMillis()));
          if (in.read(discarded) < 0) {
            return;
          }
        }
      } catch (SocketTimeoutException e) {
        // The backend did not exit in time: close anyway (see EXIT_WAIT).
      } catch (IOException e) {
        // Reset or already gone: nothing left to wait for.
      }
    }
  }
}
