package org.ripieno.central.orchestras.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.persistence.EntityManager;
import java.io.StringReader;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.ripieno.central.orchestras.boundary.OrchestraConfig;
import org.ripieno.central.orchestras.entity.Orchestra;
import org.ripieno.central.systemlog.control.SystemLogWriter;
import org.ripieno.mail.MailSettings;
import org.ripieno.security.Caller;
import org.ripieno.security.control.ChangesAccounts;
import org.ripieno.security.secrets.ApiKeys;
import org.ripieno.security.secrets.SecretBox;
import org.ripieno.tenancy.CentralData;
import org.ripieno.tenancy.CentralTransactional;
import org.ripieno.web.ProblemException;

/**
 * Reads and changes an orchestra's configuration. Secrets are stored encrypted (the entity's
 * converter) and never leave in full; every change is written to the system log with the names of
 * the fields it changed, never their values.
 */
@ApplicationScoped
public class OrchestraConfiguration {

  /** The feature flags an orchestra has (stored only, as in the legacy system). */
  static final Set<String> FEATURES =
      Set.of(
          "enableGroupEmail",
          "enableFileSharing",
          "enableCustomBranding",
          "enableApiAccess",
          "enableWebhooks");

  private static final Pattern COLOR = Pattern.compile("#[0-9A-Fa-f]{6}");
  private static final String GENERATE = "generate";
  private static final int MAX_TEXT = 200;

  @Inject @CentralData EntityManager central;
  @Inject Orchestras orchestras;
  @Inject SystemLogWriter systemLog;

  public OrchestraConfig get(String id) {
    return view(orchestras.find(id), null);
  }

  @ChangesAccounts
  @CentralTransactional
  public OrchestraConfig change(String id, OrchestraConfig change, Caller by) {
    Orchestra orchestra = orchestras.findForUpdate(id);
    Orchestras.refuseIfDeleted(orchestra);
    Changes changes = new Changes();
    String generatedKey = null;
    if (change.email() != null) {
      OrchestraConfig.Email email = change.email();
      changes.text("smtpHost", email.smtpHost(), orchestra::getSmtpHost, orchestra::setSmtpHost);
      if (email.smtpPort() != null) {
        if (email.smtpPort() < 1 || email.smtpPort() > 65535) {
          throw ProblemException.badRequest("smtpPort is 1 to 65535.", "smtpPort är 1 till 65535.");
        }
        changes.set("smtpPort", email.smtpPort(), orchestra::getSmtpPort, orchestra::setSmtpPort);
      }
      changes.text("smtpUser", email.smtpUser(), orchestra::getSmtpUser, orchestra::setSmtpUser);
      if (email.smtpSecurity() != null
          && !email.smtpSecurity().isBlank()
          && !MailSettings.SECURITIES.contains(email.smtpSecurity().trim())) {
        throw ProblemException.badRequest(
            "smtpSecurity is none, starttls or tls.", "smtpSecurity är none, starttls eller tls.");
      }
      changes.text(
          "smtpSecurity",
          email.smtpSecurity(),
          orchestra::getSmtpSecurity,
          orchestra::setSmtpSecurity);
      changes.secret(
          "smtpPassword",
          email.smtpPassword(),
          orchestra::getSmtpPassword,
          orchestra::setSmtpPassword);
      changes.email(
          "fromAddress",
          email.fromAddress(),
          orchestra::getEmailFromAddress,
          orchestra::setEmailFromAddress);
      changes.text(
          "fromName", email.fromName(), orchestra::getEmailFromName, orchestra::setEmailFromName);
      changes.email(
          "replyTo", email.replyTo(), orchestra::getEmailReplyTo, orchestra::setEmailReplyTo);
      changes.secret(
          "resendApiKey",
          email.resendApiKey(),
          orchestra::getResendApiKey,
          orchestra::setResendApiKey);
    }
    if (change.sms() != null) {
      OrchestraConfig.Sms sms = change.sms();
      changes.secret(
          "accountSid",
          sms.accountSid(),
          orchestra::getTwilioAccountSid,
          orchestra::setTwilioAccountSid);
      changes.secret(
          "authToken",
          sms.authToken(),
          orchestra::getTwilioAuthToken,
          orchestra::setTwilioAuthToken);
      changes.text(
          "fromNumber",
          sms.fromNumber(),
          orchestra::getTwilioFromNumber,
          orchestra::setTwilioFromNumber);
      changes.flag(
          "onRequest", sms.onRequest(), orchestra::isSmsOnRequest, orchestra::setSmsOnRequest);
      changes.flag(
          "onReminder", sms.onReminder(), orchestra::isSmsOnReminder, orchestra::setSmsOnReminder);
      changes.flag(
          "onConfirmation",
          sms.onConfirmation(),
          orchestra::isSmsOnConfirmation,
          orchestra::setSmsOnConfirmation);
      changes.flag(
          "onPositionFilled",
          sms.onPositionFilled(),
          orchestra::isSmsOnPositionFilled,
          orchestra::setSmsOnPositionFilled);
      changes.flag(
          "onGroupEmail",
          sms.onGroupEmail(),
          orchestra::isSmsOnGroupEmail,
          orchestra::setSmsOnGroupEmail);
    }
    if (change.features() != null) {
      Map<String, Boolean> features = features(orchestra);
      change
          .features()
          .forEach(
              (name, enabled) -> {
                if (!FEATURES.contains(name) || enabled == null) {
                  throw ProblemException.badRequest(
                      "features are {0}, each true or false.",
                      "features är {0}, var och en true eller false.",
                      String.join(", ", FEATURES.stream().sorted().toList()));
                }
                if (!enabled.equals(features.get(name))) {
                  features.put(name, enabled);
                  changes.changed.add("features." + name);
                }
              });
      // Keys Ripieno does not know (a legacy export may hold some) are kept as they are.
      JsonObjectBuilder json = Json.createObjectBuilder(storedFeatures(orchestra));
      features.forEach(json::add);
      orchestra.setFeatures(json.build().toString());
    }
    if (change.branding() != null) {
      OrchestraConfig.Branding branding = change.branding();
      changes.color(
          "primaryColor",
          branding.primaryColor(),
          orchestra::getPrimaryColor,
          orchestra::setPrimaryColor);
      changes.color(
          "secondaryColor",
          branding.secondaryColor(),
          orchestra::getSecondaryColor,
          orchestra::setSecondaryColor);
      changes.text(
          "customDomain",
          branding.customDomain(),
          orchestra::getCustomDomain,
          orchestra::setCustomDomain);
      changes.url(
          "faviconUrl", branding.faviconUrl(), orchestra::getFaviconUrl, orchestra::setFaviconUrl);
    }
    if (change.integration() != null) {
      OrchestraConfig.Integration integration = change.integration();
      if (GENERATE.equals(integration.apiKey())) {
        ApiKeys.Generated key = ApiKeys.generate(orchestra.getSubdomain());
        orchestra.setApiKey(key.hash());
        orchestra.setApiKeyLast4(key.last4());
        generatedKey = key.key();
        changes.changed.add("apiKey");
      } else if ("".equals(integration.apiKey())) {
        if (orchestra.getApiKey() != null) {
          orchestra.setApiKey(null);
          orchestra.setApiKeyLast4(null);
          changes.changed.add("apiKey");
        }
      } else if (integration.apiKey() != null && !integration.apiKey().contains(SecretBox.MASK)) {
        throw ProblemException.badRequest(
            "apiKey is \"generate\" for a new key or \"\" to remove it; keys are never chosen.",
            "apiKey är \"generate\" för en ny nyckel eller \"\" för att ta bort den.");
      }
      changes.url(
          "webhookUrl",
          integration.webhookUrl(),
          orchestra::getWebhookUrl,
          orchestra::setWebhookUrl);
      changes.secret(
          "webhookSecret",
          integration.webhookSecret(),
          orchestra::getWebhookSecret,
          orchestra::setWebhookSecret);
    }
    central.flush();
    if (!changes.changed.isEmpty()) {
      systemLog.write(
          new SystemLogWriter.Event(
              "info",
              "orchestra_config",
              "Orchestra configuration changed",
              by.userId(),
              orchestra.getId(),
              orchestra.getSubdomain(),
              null,
              Map.of("fields", String.join(", ", changes.changed))));
    }
    return view(orchestra, generatedKey);
  }

  private static OrchestraConfig view(Orchestra orchestra, String generatedKey) {
    return new OrchestraConfig(
        new OrchestraConfig.Email(
            orchestra.getSmtpHost(),
            orchestra.getSmtpPort(),
            orchestra.getSmtpUser(),
            SecretBox.mask(orchestra.getSmtpPassword()),
            orchestra.getSmtpSecurity(),
            orchestra.getEmailFromAddress(),
            orchestra.getEmailFromName(),
            orchestra.getEmailReplyTo(),
            SecretBox.mask(orchestra.getResendApiKey())),
        new OrchestraConfig.Sms(
            SecretBox.mask(orchestra.getTwilioAccountSid()),
            SecretBox.mask(orchestra.getTwilioAuthToken()),
            orchestra.getTwilioFromNumber(),
            orchestra.isSmsOnRequest(),
            orchestra.isSmsOnReminder(),
            orchestra.isSmsOnConfirmation(),
            orchestra.isSmsOnPositionFilled(),
            orchestra.isSmsOnGroupEmail()),
        features(orchestra),
        new OrchestraConfig.Branding(
            orchestra.getPrimaryColor(),
            orchestra.getSecondaryColor(),
            orchestra.getCustomDomain(),
            orchestra.getFaviconUrl()),
        new OrchestraConfig.Integration(
            orchestra.getApiKeyLast4() == null ? null : SecretBox.MASK + orchestra.getApiKeyLast4(),
            generatedKey,
            orchestra.getWebhookUrl(),
            SecretBox.mask(orchestra.getWebhookSecret())));
  }

  /** Every known flag, false unless stored as true. */
  private static Map<String, Boolean> features(Orchestra orchestra) {
    Map<String, Boolean> features = new LinkedHashMap<>();
    FEATURES.stream().sorted().forEach(name -> features.put(name, false));
    storedFeatures(orchestra)
        .forEach(
            (name, value) -> {
              if (FEATURES.contains(name)) {
                features.put(name, value == JsonValue.TRUE);
              }
            });
    return features;
  }

  /** The stored features object; empty when there is none or it is not a JSON object. */
  private static JsonObject storedFeatures(Orchestra orchestra) {
    String stored = orchestra.getFeatures();
    if (stored == null || stored.isBlank()) {
      return JsonValue.EMPTY_JSON_OBJECT;
    }
    try {
      return Json.createReader(new StringReader(stored)).readObject();
    } catch (JsonException | IllegalStateException e) {
      return JsonValue.EMPTY_JSON_OBJECT;
    }
  }

  /** Applies given fields, keeping the names of those that changed. */
  private static final class Changes {
    final List<String> changed = new ArrayList<>();

    <T> void set(String field, T value, Supplier<T> current, Consumer<T> setter) {
      if (!Objects.equals(value, current.get())) {
        setter.accept(value);
        changed.add(field);
      }
    }

    void text(String field, String value, Supplier<String> current, Consumer<String> setter) {
      if (value == null) {
        return;
      }
      String trimmed = value.trim();
      if (trimmed.length() > MAX_TEXT) {
        throw ProblemException.badRequest(
            "{0} has at most 200 characters.", "{0} har högst 200 tecken.", field);
      }
      set(field, trimmed.isEmpty() ? null : trimmed, current, setter);
    }

    void secret(String field, String value, Supplier<String> current, Consumer<String> setter) {
      if (value == null || value.contains(SecretBox.MASK)) {
        return; // a masked value sent back unchanged
      }
      if (value.length() > MAX_TEXT * 5) {
        throw ProblemException.badRequest(
            "{0} has at most 1000 characters.", "{0} har högst 1000 tecken.", field);
      }
      set(field, value.isEmpty() ? null : value, current, setter);
    }

    void flag(String field, Boolean value, Supplier<Boolean> current, Consumer<Boolean> setter) {
      if (value != null) {
        set(field, value, current, setter);
      }
    }

    void email(String field, String value, Supplier<String> current, Consumer<String> setter) {
      if (value != null && !value.isBlank() && !Orchestras.EMAIL.matcher(value.trim()).matches()) {
        throw ProblemException.badRequest(
            "{0} is not an email address.", "{0} är ingen e-postadress.", field);
      }
      text(field, value, current, setter);
    }

    void color(String field, String value, Supplier<String> current, Consumer<String> setter) {
      if (value != null && !COLOR.matcher(value.trim()).matches()) {
        throw ProblemException.badRequest(
            "{0} is a colour written #RRGGBB.", "{0} är en färg skriven #RRGGBB.", field);
      }
      text(field, value, current, setter);
    }

    void url(String field, String value, Supplier<String> current, Consumer<String> setter) {
      if (value != null && !value.isBlank()) {
        String scheme;
        try {
          scheme = URI.create(value.trim()).getScheme();
        } catch (IllegalArgumentException e) {
          scheme = null;
        }
        if (!"https".equals(scheme) && !"http".equals(scheme)) {
          throw ProblemException.badRequest(
              "{0} is an http or https address.", "{0} är en http- eller https-adress.", field);
        }
      }
      text(field, value, current, setter);
    }
  }
}
