package org.ripieno.tenancy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SynchronousCloseSocketFactoryTest {

  @Test
  void closeReturnsOnlyAfterThePeerHasClosedItsEnd() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      // Like a backend: it reads until the client's end-of-file, exits a while later, and only
      // then is its socket closed.
      CompletableFuture<Long> peerClosedAt =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  Socket backend = server.accept();
                  InputStream in = backend.getInputStream();
                  while (in.read() >= 0) {}
                  Thread.sleep(300);
                  long closing = System.nanoTime();
                  backend.close();
                  return closing;
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              });
      Socket client = new SynchronousCloseSocketFactory().createSocket();
      client.connect(
          new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort()));
      client.getOutputStream().write(new byte[] {'X', 0, 0, 0, 4});

      client.close();
      long closedAt = System.nanoTime();

      assertTrue(client.isClosed());
      assertTrue(
          closedAt - peerClosedAt.get(5, TimeUnit.SECONDS) >= 0,
          "close() returned before the peer had closed");
    }
  }

  @Test
  void closeWaitsNoLongerThanItsBoundForAPeerThatStaysOpen() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      CompletableFuture<Socket> backend =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return server.accept();
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              });
      Socket client =
          new SynchronousCloseSocketFactory.SynchronousCloseSocket(Duration.ofMillis(200));
      client.connect(
          new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort()));
      try (Socket busy = backend.get(5, TimeUnit.SECONDS)) {
        long started = System.nanoTime();

        client.close();

        long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        assertTrue(waited >= 150 && waited < 2_000, "waited " + waited + " ms");
        assertTrue(client.isClosed());
        // The busy peer still sees the client's end-of-file when it reads again.
        assertEquals(-1, busy.getInputStream().read());
      }
    }
  }

  @Test
  void closingTwiceWaitsOnce() throws Exception {
    Socket unconnected = new SynchronousCloseSocketFactory().createSocket();
    unconnected.close();
    unconnected.close();
    assertTrue(unconnected.isClosed());
  }
}
