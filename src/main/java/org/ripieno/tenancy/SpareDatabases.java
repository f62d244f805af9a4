package org.ripieno.tenancy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The naming rules of spare orchestra databases: clones of a server's template made ahead of time,
 * so that provisioning renames one ({@code ALTER DATABASE ... RENAME}, a catalog update) instead of
 * cloning while the user waits. A spare is named {@code <prefix>spare_<version>_<n>}: {@code
 * <version>} is a short hash of the template's content version (its schema and seed, as written in
 * the template's comment), so a spare of another version is never taken for a current one (the name
 * a provisioning tries is the current version's only), and {@code <n>} is 1 to {@code count}.
 * Orchestra databases are {@code <prefix>orchestra_...}, so no orchestra is ever taken for a spare.
 *
 * @param prefix put before every database Ripieno creates ({@code
 *     ripieno.provisioning.database-prefix})
 * @param count spares kept per server ({@code ripieno.provisioning.spares}); 0 keeps none
 */
public record SpareDatabases(String prefix, int count) {

  public static final int MAX_COUNT = 8;

  /** After the prefix. */
  static final String MARK = "spare_";

  private static final int TAG_LENGTH = 12;

  public SpareDatabases {
    if (count < 0 || count > MAX_COUNT) {
      throw new IllegalArgumentException(
          "ripieno.provisioning.spares is 0 to " + MAX_COUNT + ", got " + count);
    }
    OrchestraDatabases.requireValidName(
        prefix + MARK + "0".repeat(TAG_LENGTH) + "_" + MAX_COUNT + MAKING);
  }

  /** No spares: every provisioning clones from the template. */
  public static SpareDatabases none(String prefix) {
    return new SpareDatabases(prefix, 0);
  }

  /** Every name a spare of any version may have starts with this. */
  public String namePrefix() {
    return prefix + MARK;
  }

  /** The spare number {@code index} (1 to {@code count}) of a template holding this version. */
  public String name(String templateVersion, int index) {
    if (index < 1 || index > MAX_COUNT) {
      throw new IllegalArgumentException("A spare's number is 1 to " + MAX_COUNT + ": " + index);
    }
    return namePrefix() + tag(templateVersion) + "_" + index;
  }

  /**
   * The name a spare has while it is made, before it is renamed to {@link #name}: no claim looks
   * for it, and a pass drops it when it finds it (a pass that stopped half-way left it).
   */
  public String makingName(String templateVersion, int index) {
    return name(templateVersion, index) + MAKING;
  }

  private static final String MAKING = "_new";

  /** The names of the spares to keep for a template holding this version, first to last. */
  public List<String> names(String templateVersion) {
    List<String> names = new ArrayList<>(count);
    for (int index = 1; index <= count; index++) {
      names.add(name(templateVersion, index));
    }
    return names;
  }

  /** Whether the name is a spare's, of any version and number, made or half-made. */
  public boolean isSpare(String databaseName) {
    return databaseName != null
        && databaseName.startsWith(namePrefix())
        && SUFFIX.matcher(databaseName.substring(namePrefix().length())).matches();
  }

  /**
   * Whether the name is a spare that is not to be kept for a template holding this version: of
   * another version (stale), or numbered beyond {@code count}.
   */
  public boolean isUnwanted(String databaseName, String templateVersion) {
    return isSpare(databaseName) && !names(templateVersion).contains(databaseName);
  }

  private static final Pattern SUFFIX =
      Pattern.compile("[0-9a-f]{" + TAG_LENGTH + "}_[1-9](" + MAKING + ")?");

  private static final Pattern ANY_PREFIX = Pattern.compile(".*" + MARK + SUFFIX.pattern());

  /**
   * Whether the name looks like a spare's whatever the prefix it was made with: the admin tool's
   * configuration usually lacks the deployment's prefix.
   */
  public static boolean looksLikeSpare(String databaseName) {
    return databaseName != null && ANY_PREFIX.matcher(databaseName).matches();
  }

  /** A short, stable hash of the template's content version. */
  static String tag(String templateVersion) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(templateVersion.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest).substring(0, TAG_LENGTH);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }
}
