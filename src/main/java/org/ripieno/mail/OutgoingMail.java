package org.ripieno.mail;

/**
 * One mail ready to go: recipient, subject, a plain-text and an HTML body, and the {@code
 * Message-ID} that stays the same on every attempt.
 */
public record OutgoingMail(String to, String subject, String text, String html, String messageId) {}
