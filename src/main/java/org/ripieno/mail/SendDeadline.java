package org.ripieno.mail;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import javax.net.SocketFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;

/**
 * A limit on one whole send. Jakarta Mail's timeouts bound each connect, read and write, not the
 * send: a server answering every step just in time, or taking a large attachment at a trickle,
 * could stretch one send without end. The sockets of the send are made through this deadline's
 * factories (Jakarta Mail's {@code mail.<protocol>.socketFactory} and {@code .ssl.socketFactory},
 * instances given in the session's properties); when the deadline passes, {@link #expire} closes
 * them, and whatever the send was blocked in fails at once.
 */
final class SendDeadline {

  private final List<Socket> sockets = new ArrayList<>();
  private boolean expired;

  /** Makes the plain sockets (and the one under STARTTLS). */
  SocketFactory plain() {
    return new PlainFactory();
  }

  /** Makes the TLS sockets (implicit TLS, and the layer STARTTLS puts over the plain one). */
  SSLSocketFactory tls() {
    try {
      return new TlsFactory(SSLContext.getDefault().getSocketFactory());
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("No default TLS context", e);
    }
  }

  /** Closes every socket of the send; later ones are closed as soon as they are made. */
  synchronized void expire() {
    expired = true;
    sockets.forEach(SendDeadline::closeQuietly);
  }

  synchronized boolean expired() {
    return expired;
  }

  private synchronized <S extends Socket> S track(S socket) {
    sockets.add(socket);
    if (expired) {
      closeQuietly(socket);
    }
    return socket;
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // Closing is all that is wanted; a socket that fails to close is broken anyway.
    }
  }

  private final class PlainFactory extends SocketFactory {

    private final SocketFactory sockets = SocketFactory.getDefault();

    @Override
    public Socket createSocket() throws IOException {
      return track(sockets.createSocket());
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
      return track(sockets.createSocket(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress local, int localPort)
        throws IOException {
      return track(sockets.createSocket(host, port, local, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
      return track(sockets.createSocket(host, port));
    }

    @Override
    public Socket createSocket(InetAddress host, int port, InetAddress local, int localPort)
        throws IOException {
      return track(sockets.createSocket(host, port, local, localPort));
    }
  }

  private final class TlsFactory extends SSLSocketFactory {

    private final SSLSocketFactory tls;

    TlsFactory(SSLSocketFactory tls) {
      this.tls = tls;
    }

    @Override
    public String[] getDefaultCipherSuites() {
      return tls.getDefaultCipherSuites();
    }

    @Override
    public String[] getSupportedCipherSuites() {
      return tls.getSupportedCipherSuites();
    }

    @Override
    public Socket createSocket() throws IOException {
      return track(tls.createSocket());
    }

    @Override
    public Socket createSocket(Socket under, String host, int port, boolean autoClose)
        throws IOException {
      return track(tls.createSocket(under, host, port, autoClose));
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
      return track(tls.createSocket(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress local, int localPort)
        throws IOException {
      return track(tls.createSocket(host, port, local, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
      return track(tls.createSocket(host, port));
    }

    @Override
    public Socket createSocket(InetAddress host, int port, InetAddress local, int localPort)
        throws IOException {
      return track(tls.createSocket(host, port, local, localPort));
    }
  }
}
