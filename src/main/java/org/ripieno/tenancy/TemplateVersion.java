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
 * <p>The comment names the revision only from revision 2 on: releases before seed revisions wrote
 * {@code "ripieno orchestra template; schema <v>; seed <hash>"}, and they compare comments as text.
 * Revision 1 is the seed they built, so its comment is theirs, word for word: the upgrade from them
 * to the first release with revisions neither rebuilds the template nor renames its spares, and a
 * comment without a revision reads as revision 1.
 *
 * @param schema the latest orchestra migration's version
 * @param seedRevision counts the seed's changes ({@code ProvisionedSeed.REVISION}), from 1
 * @param seedContent a hash of the seed's content ({@code ProvisionedSeed.version()})
 */
public record TemplateVersion(String schema, int seedRevision, String seedContent) {

  /** The revision of a comment that names none: the seed releases before revisions built. */
  private static final int UNNAMED_REVISION = 1;

  private static final String PREFIX = "ripieno orchestra template;";

  /**
   * Where releases before seed revisions look for the schema to refuse a newer template, and so
   * where every release writes it. The parts are found rather than the whole comment matched: a
   * later release may add to the comment, and this one must still read its schema and revision.
   */
  private static final Pattern SCHEMA = Pattern.compile("; schema ([0-9]+(?:\\.[0-9]+)*);");

  private static final String REVISION_PART = "; seed revision";
  private static final Pattern REVISION = Pattern.compile("; seed revision ([0-9]{1,9})(?:;|$)");

  public TemplateVersion {
    if (seedRevision < UNNAMED_REVISION) {
      throw new IllegalArgumentException("A seed revision is 1 or more: " + seedRevision);
    }
    if (seedContent.isEmpty() || seedContent.matches(".*[\\s;].*")) {
      throw new IllegalArgumentException(
          "A seed's content hash is one word: '" + seedContent + "'");
    }
  }

  /** The text written as the template's database comment; a spare's name carries its hash. */
  public String comment() {
    String revision = seedRevision == UNNAMED_REVISION ? "" : REVISION_PART + " " + seedRevision;
    return PREFIX + " schema " + schema + revision + "; seed " + seedContent;
  }

  /**
   * What, in a template's comment, makes the template a newer release's than this version, for the
   * message refusing to rebuild it: a newer schema, or the same schema and a newer seed revision.
   * Empty when this version's instance may rebuild it: no comment, one that is not a template's, or
   * an older or equal schema and revision (a different content hash alone is neither newer nor
   * older).
   *
   * <p>A template's comment this release cannot read is taken for a later release's, whose format
   * it does not know, rather than rebuilt back and forth: one whose schema cannot be read, or of
   * this schema with a seed revision that cannot be read.
   */
  public Optional<String> whatIsNewerIn(String comment) {
    if (comment == null || !comment.startsWith(PREFIX)) {
      return Optional.empty();
    }
    Matcher held = SCHEMA.matcher(comment);
    if (!held.find()) {
      return Optional.of("a schema this instance cannot read ('" + comment + "')");
    }
    String heldSchema = held.group(1);
    int schemas =
        MigrationVersion.fromVersion(heldSchema).compareTo(MigrationVersion.fromVersion(schema));
    if (schemas != 0) {
      return schemas > 0
          ? Optional.of("schema " + heldSchema + ", newer than this instance's " + schema)
          : Optional.empty();
    }
    Optional<Integer> heldRevision = revisionIn(comment);
    if (heldRevision.isEmpty()) {
      return Optional.of(
          "a seed revision this instance cannot read (schema " + schema + ": '" + comment + "')");
    }
    return heldRevision.get() > seedRevision
        ? Optional.of(
            "seed revision "
                + heldRevision.get()
                + " (schema "
                + schema
                + "), newer than this instance's "
                + seedRevision)
        : Optional.empty();
  }

  /** The comment's seed revision; empty when it names one that cannot be read. */
  private static Optional<Integer> revisionIn(String comment) {
    if (!comment.contains(REVISION_PART)) {
      return Optional.of(UNNAMED_REVISION);
    }
    Matcher revision = REVISION.matcher(comment);
    return revision.find() ? Optional.of(Integer.parseInt(revision.group(1))) : Optional.empty();
  }
}
