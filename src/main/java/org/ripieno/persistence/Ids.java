package org.ripieno.persistence;

import java.security.SecureRandom;

/**
 * String primary keys for central rows, shaped like the legacy system's cuids (a leading {@code c}
 * and 24 lower-case base-36 characters), so new and imported ids look alike.
 */
public final class Ids {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final char[] BASE36 = "0123456789abcdefghijklmnopqrstuvwxyz".toCharArray();
  private static final int LENGTH = 25;

  private Ids() {}

  public static String newId() {
    char[] id = new char[LENGTH];
    id[0] = 'c';
    for (int i = 1; i < LENGTH; i++) {
      id[i] = BASE36[RANDOM.nextInt(BASE36.length)];
    }
    return new String(id);
  }
}
