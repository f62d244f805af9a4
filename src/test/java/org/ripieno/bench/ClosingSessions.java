package org.ripieno.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The PostgreSQL sessions on this machine whose client has already closed its end: the server's
 * socket is in {@code CLOSE_WAIT} (the client's FIN came, the backend has not closed yet, which it
 * does only as its process exits). {@code pg_stat_activity} still lists such a backend, with the
 * state it had before, until it has run its exit; the kernel's socket table is the only place that
 * tells it apart from an open session. Read from {@code /proc/net/tcp} and {@code tcp6}, so only
 * for a server on the same Linux machine; elsewhere nothing is known to be closing.
 */
final class ClosingSessions {

  /** The kernel's TCP state {@code CLOSE_WAIT}, as {@code /proc/net/tcp} writes it. */
  private static final String CLOSE_WAIT = "08";

  private static final List<Path> TABLES =
      List.of(Path.of("/proc/net/tcp"), Path.of("/proc/net/tcp6"));

  private ClosingSessions() {}

  /** The client ports of the server's sessions whose client has closed its end. */
  static Set<Integer> clientPorts(int serverPort) {
    Set<Integer> ports = new HashSet<>();
    for (Path table : TABLES) {
      try {
        for (String line : Files.readAllLines(table)) {
          ports.addAll(closing(line, serverPort));
        }
      } catch (IOException e) {
        // No such table (not Linux, or no IPv6): nothing known to be closing there.
      }
    }
    return ports;
  }

  /** The client port of one line of the table, when it is a closing session of the server. */
  static Set<Integer> closing(String line, int serverPort) {
    String[] fields = line.trim().split("\\s+");
    if (fields.length < 4 || !fields[0].endsWith(":")) {
      return Set.of();
    }
    if (port(fields[1]) != serverPort || !CLOSE_WAIT.equals(fields[3])) {
      return Set.of();
    }
    return Set.of(port(fields[2]));
  }

  private static int port(String address) {
    return Integer.parseInt(address.substring(address.lastIndexOf(':') + 1), 16);
  }
}
