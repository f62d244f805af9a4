package org.ripieno.tenancy;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.flywaydb.core.api.MigrationVersion;

/**
 * What an orchestra template holds, as written in its database comment ({@link OrchestraTemplate}):
 * the orchestra schema's version, the seed's revision and a hash of the seed's content.
 *
 * <p>Instances of two releases share a server's template during a rolling upgrade. Versions are
 * ordered by schema, then seed revision, so that an instance can tell a template of a newer release
 * and leave it alone instead of rebuilding it to its own (the two would take turns rebuilding it at
 * each provisioning). The content hash has no order: it only tells whether a template of the same
 * schema and revision holds this code's seed.
 *
 * @param schema the latest orchestra migration's version
 * @param seedRevision counts the seed's changes ({@code ProvisionedSeed.REVISION}); 0 in a comment
 *     written before seeds had revisions, which makes it older than any revised seed
 * @param seedContent a hash of the seed's content ({@code ProvisionedSeed.version()})
 */
public record TemplateVersion(String schema, int seedRevision, String seedContent) {

  /**
   * The comment's format; releases before seed revisions wrote it without the {@code seed revision}
   * part. Their refusal to downgrade looks for {@code "; schema <version>;"}, which this format
   * keeps.
   */
  private static final Pattern COMMENT =
      Pattern.compile(
          "ripieno orchestra template; schema ([0-9.]+);(?: seed revision ([0-9]{1,9});)?"
              + " seed (\\S+)");

  public TemplateVersion {
    if (seedRevision < 0) {
      throw new IllegalArgumentException("A seed revision is 0 or more: " + seedRevision);
    }
    if (seedContent.isEmpty() || seedContent.chars().anyMatch(Character::isWhitespace)) {
      throw new IllegalArgumentException(
          "A seed's content hash is one word: '" + seedContent + "'");
    }
  }

  /** The text written as the template's database comment; a spare's name carries its hash. */
  public String comment() {
    return "ripieno orchestra template; schema "
        + schema
        + "; seed revision "
        + seedRevision
        + "; seed "
        + seedContent;
  }

  /**
   * The version a template's comment states, in this release's format or the one before seed
   * revisions (revision 0); empty for no comment or one that is not a template's.
   */
  public static Optional<TemplateVersion> fromComment(String comment) {
    if (comment == null) {
      return Optional.empty();
    }
    Matcher parts = COMMENT.matcher(comment);
    if (!parts.matches()) {
      return Optional.empty();
    }
    int revision = parts.group(2) == null ? 0 : Integer.parseInt(parts.group(2));
    return Optional.of(new TemplateVersion(parts.group(1), revision, parts.group(3)));
  }

  /**
   * Whether this is a newer release's template than {@code other}: a newer schema, or the same
   * schema and a newer seed revision. A different content hash alone is neither newer nor older.
   */
  public boolean isNewerThan(TemplateVersion other) {
    int schemas = schemaOrder(other);
    return schemas > 0 || (schemas == 0 && seedRevision > other.seedRevision);
  }

  /**
   * What makes this version newer than {@code older}, for a message: its schema, or its seed
   * revision when the schemas are the same.
   */
  public String whatIsNewerThan(TemplateVersion older) {
    if (!isNewerThan(older)) {
      throw new IllegalArgumentException(comment() + " is not newer than " + older.comment());
    }
    return schemaOrder(older) > 0
        ? "schema " + schema + ", newer than this instance's " + older.schema
        : "seed revision "
            + seedRevision
            + " (schema "
            + schema
            + "), newer than this instance's "
            + older.seedRevision;
  }

  private int schemaOrder(TemplateVersion other) {
    return MigrationVersion.fromVersion(schema)
        .compareTo(MigrationVersion.fromVersion(other.schema));
  }
}
