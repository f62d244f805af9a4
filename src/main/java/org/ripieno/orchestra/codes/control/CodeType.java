package org.ripieno.orchestra.codes.control;

/**
 * The entities that carry a human-readable code ({@code MUS001}), each with its {@code
 * IdSequence.entityType} and prefix (legacy-system.md §1.6).
 */
public enum CodeType {
  MUSICIAN("musician", "MUS"),
  PROJECT("project", "PROJ"),
  REQUEST("request", "REQ"),
  INSTRUMENT("instrument", "INST"),
  POSITION("position", "POS"),
  RANKING_LIST("rankingList", "RANK"),
  RANKING("ranking", "RNK"),
  PROJECT_NEED("projectNeed", "NEED"),
  EMAIL_TEMPLATE("emailTemplate", "TMPL"),
  COMMUNICATION_LOG("communicationLog", "COMM"),
  PROJECT_FILE("projectFile", "FILE"),
  AUDIT_LOG("auditLog", "AUDIT"),
  CUSTOM_LIST("customList", "CLIST");

  private final String entityType;
  private final String prefix;

  CodeType(String entityType, String prefix) {
    this.entityType = entityType;
    this.prefix = prefix;
  }

  public String entityType() {
    return entityType;
  }

  public String prefix() {
    return prefix;
  }

  /** {@code MUS001} … {@code MUS999}, then {@code MUS1000}. */
  public String format(int number) {
    return prefix + String.format("%03d", number);
  }
}
