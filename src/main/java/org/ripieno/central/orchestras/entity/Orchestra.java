package org.ripieno.central.orchestras.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.PrePersist;
import jakarta.persistence.Table;
import java.time.Instant;
import org.ripieno.persistence.Ids;
import org.ripieno.persistence.JsonbConverter;
import org.ripieno.persistence.Timestamped;
import org.ripieno.security.secrets.EncryptedString;

/**
 * A tenant: the legacy central {@code "Orchestra"} row (configuration, branding, email and SMS
 * settings) plus Ripieno's registry columns (provisioning state and where its database lives).
 */
@Entity
@Table(name = "Orchestra")
@NamedQuery(
    name = "Orchestra.bySubdomain",
    query = "SELECT o FROM Orchestra o WHERE o.subdomain = :subdomain")
public class Orchestra extends Timestamped {

  /** The status of an orchestra the platform removed. */
  public static final String DELETED = "deleted";

  @Id private String id;

  private String orchestraId;
  private String name;
  private String subdomain;
  private String databaseUrl;
  private String status = "pending";
  private String contactName;
  private String contactEmail;
  private String plan = "medium";
  private int maxMusicians = 200;
  private int maxProjects = 20;
  private int pricePerMonth = 4990;
  private String logoUrl;

  @Convert(converter = EncryptedString.class)
  private String resendApiKey;

  private String emailFromAddress;
  private String emailFromName;
  private String emailReplyTo;

  private String twilioAccountSid;

  @Convert(converter = EncryptedString.class)
  private String twilioAuthToken;

  private String twilioFromNumber;
  private boolean smsOnRequest;
  private boolean smsOnReminder;
  private boolean smsOnConfirmation;
  private boolean smsOnPositionFilled;
  private boolean smsOnGroupEmail;

  @Convert(converter = JsonbConverter.class)
  private String features = "{}";

  private String primaryColor = "#3B82F6";
  private String secondaryColor = "#1E40AF";
  private String customDomain;
  private String faviconUrl;

  private String apiKey;

  /** The last four characters of the API key, for display; the key itself is only hashed. */
  private String apiKeyLast4;

  private String webhookUrl;

  private String smtpHost;
  private Integer smtpPort;
  private String smtpUser;

  /** {@code none}, {@code starttls}, {@code tls}, or null (by the port: see OrchestraMail). */
  private String smtpSecurity;

  @Convert(converter = EncryptedString.class)
  private String smtpPassword;

  @Convert(converter = EncryptedString.class)
  private String webhookSecret;

  @Enumerated(EnumType.STRING)
  private ProvisioningState provisioningState = ProvisioningState.REQUESTED;

  private String provisioningError;

  @Enumerated(EnumType.STRING)
  private ProvisioningState provisioningFailedStep;

  private int provisioningAttempts;
  private Instant provisioningRetryAt;

  private String schemaVersion;
  private String lastMigrationResult;
  private Instant lastMigratedAt;

  // The staffing jobs' bookkeeping, written only by their own SQL (lowered concurrently, never
  // raised): read-only here, so saving a stale entity can never overwrite a lower due time.
  @Column(insertable = false, updatable = false)
  private Instant jobsDueAt;

  @Column(insertable = false, updatable = false)
  private Instant jobsLastRunAt;

  @Column(insertable = false, updatable = false)
  private String jobsLastResult;

  private String databaseServer;
  private String databaseHost;
  private Integer databasePort;
  private String databaseName;
  private String databaseUser;

  @Convert(converter = EncryptedString.class)
  private String databasePassword;

  @PrePersist
  void prePersist() {
    if (id == null) {
      id = Ids.newId();
    }
    if (orchestraId == null) {
      orchestraId = Ids.newId();
    }
  }

  public String getId() {
    return id;
  }

  public void setId(String id) {
    this.id = id;
  }

  public String getOrchestraId() {
    return orchestraId;
  }

  public void setOrchestraId(String orchestraId) {
    this.orchestraId = orchestraId;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public String getSubdomain() {
    return subdomain;
  }

  public void setSubdomain(String subdomain) {
    this.subdomain = subdomain;
  }

  public String getDatabaseUrl() {
    return databaseUrl;
  }

  public void setDatabaseUrl(String databaseUrl) {
    this.databaseUrl = databaseUrl;
  }

  public String getStatus() {
    return status;
  }

  /** Removed by the platform: the row stays, the database is gone, nothing routes to it. */
  public boolean isDeleted() {
    return DELETED.equals(status);
  }

  public void setStatus(String status) {
    this.status = status;
  }

  public String getContactName() {
    return contactName;
  }

  public void setContactName(String contactName) {
    this.contactName = contactName;
  }

  public String getContactEmail() {
    return contactEmail;
  }

  public void setContactEmail(String contactEmail) {
    this.contactEmail = contactEmail;
  }

  public String getPlan() {
    return plan;
  }

  public void setPlan(String plan) {
    this.plan = plan;
  }

  public int getMaxMusicians() {
    return maxMusicians;
  }

  public void setMaxMusicians(int maxMusicians) {
    this.maxMusicians = maxMusicians;
  }

  public int getMaxProjects() {
    return maxProjects;
  }

  public void setMaxProjects(int maxProjects) {
    this.maxProjects = maxProjects;
  }

  public int getPricePerMonth() {
    return pricePerMonth;
  }

  public void setPricePerMonth(int pricePerMonth) {
    this.pricePerMonth = pricePerMonth;
  }

  public String getLogoUrl() {
    return logoUrl;
  }

  public void setLogoUrl(String logoUrl) {
    this.logoUrl = logoUrl;
  }

  public String getResendApiKey() {
    return resendApiKey;
  }

  public void setResendApiKey(String resendApiKey) {
    this.resendApiKey = resendApiKey;
  }

  public String getEmailFromAddress() {
    return emailFromAddress;
  }

  public void setEmailFromAddress(String emailFromAddress) {
    this.emailFromAddress = emailFromAddress;
  }

  public String getEmailFromName() {
    return emailFromName;
  }

  public void setEmailFromName(String emailFromName) {
    this.emailFromName = emailFromName;
  }

  public String getEmailReplyTo() {
    return emailReplyTo;
  }

  public void setEmailReplyTo(String emailReplyTo) {
    this.emailReplyTo = emailReplyTo;
  }

  public String getTwilioAccountSid() {
    return twilioAccountSid;
  }

  public void setTwilioAccountSid(String twilioAccountSid) {
    this.twilioAccountSid = twilioAccountSid;
  }

  public String getTwilioAuthToken() {
    return twilioAuthToken;
  }

  public void setTwilioAuthToken(String twilioAuthToken) {
    this.twilioAuthToken = twilioAuthToken;
  }

  public String getTwilioFromNumber() {
    return twilioFromNumber;
  }

  public void setTwilioFromNumber(String twilioFromNumber) {
    this.twilioFromNumber = twilioFromNumber;
  }

  public boolean isSmsOnRequest() {
    return smsOnRequest;
  }

  public void setSmsOnRequest(boolean smsOnRequest) {
    this.smsOnRequest = smsOnRequest;
  }

  public boolean isSmsOnReminder() {
    return smsOnReminder;
  }

  public void setSmsOnReminder(boolean smsOnReminder) {
    this.smsOnReminder = smsOnReminder;
  }

  public boolean isSmsOnConfirmation() {
    return smsOnConfirmation;
  }

  public void setSmsOnConfirmation(boolean smsOnConfirmation) {
    this.smsOnConfirmation = smsOnConfirmation;
  }

  public boolean isSmsOnPositionFilled() {
    return smsOnPositionFilled;
  }

  public void setSmsOnPositionFilled(boolean smsOnPositionFilled) {
    this.smsOnPositionFilled = smsOnPositionFilled;
  }

  public boolean isSmsOnGroupEmail() {
    return smsOnGroupEmail;
  }

  public void setSmsOnGroupEmail(boolean smsOnGroupEmail) {
    this.smsOnGroupEmail = smsOnGroupEmail;
  }

  public String getFeatures() {
    return features;
  }

  public void setFeatures(String features) {
    this.features = features;
  }

  public String getPrimaryColor() {
    return primaryColor;
  }

  public void setPrimaryColor(String primaryColor) {
    this.primaryColor = primaryColor;
  }

  public String getSecondaryColor() {
    return secondaryColor;
  }

  public void setSecondaryColor(String secondaryColor) {
    this.secondaryColor = secondaryColor;
  }

  public String getCustomDomain() {
    return customDomain;
  }

  public void setCustomDomain(String customDomain) {
    this.customDomain = customDomain;
  }

  public String getFaviconUrl() {
    return faviconUrl;
  }

  public void setFaviconUrl(String faviconUrl) {
    this.faviconUrl = faviconUrl;
  }

  public String getApiKey() {
    return apiKey;
  }

  public void setApiKey(String apiKey) {
    this.apiKey = apiKey;
  }

  public String getWebhookUrl() {
    return webhookUrl;
  }

  public void setWebhookUrl(String webhookUrl) {
    this.webhookUrl = webhookUrl;
  }

  public String getWebhookSecret() {
    return webhookSecret;
  }

  public void setWebhookSecret(String webhookSecret) {
    this.webhookSecret = webhookSecret;
  }

  public ProvisioningState getProvisioningState() {
    return provisioningState;
  }

  public void setProvisioningState(ProvisioningState provisioningState) {
    this.provisioningState = provisioningState;
  }

  public String getProvisioningError() {
    return provisioningError;
  }

  public void setProvisioningError(String provisioningError) {
    this.provisioningError = provisioningError;
  }

  public String getSchemaVersion() {
    return schemaVersion;
  }

  public void setSchemaVersion(String schemaVersion) {
    this.schemaVersion = schemaVersion;
  }

  public String getLastMigrationResult() {
    return lastMigrationResult;
  }

  public void setLastMigrationResult(String lastMigrationResult) {
    this.lastMigrationResult = lastMigrationResult;
  }

  public Instant getLastMigratedAt() {
    return lastMigratedAt;
  }

  public void setLastMigratedAt(Instant lastMigratedAt) {
    this.lastMigratedAt = lastMigratedAt;
  }

  public String getDatabaseServer() {
    return databaseServer;
  }

  public void setDatabaseServer(String databaseServer) {
    this.databaseServer = databaseServer;
  }

  public String getDatabaseHost() {
    return databaseHost;
  }

  public void setDatabaseHost(String databaseHost) {
    this.databaseHost = databaseHost;
  }

  public Integer getDatabasePort() {
    return databasePort;
  }

  public void setDatabasePort(Integer databasePort) {
    this.databasePort = databasePort;
  }

  public String getDatabaseName() {
    return databaseName;
  }

  public void setDatabaseName(String databaseName) {
    this.databaseName = databaseName;
  }

  public String getDatabaseUser() {
    return databaseUser;
  }

  public void setDatabaseUser(String databaseUser) {
    this.databaseUser = databaseUser;
  }

  /** The encrypted password, or null to use the configured credentials of the database server. */
  public String getDatabasePassword() {
    return databasePassword;
  }

  public void setDatabasePassword(String databasePassword) {
    this.databasePassword = databasePassword;
  }

  public String getApiKeyLast4() {
    return apiKeyLast4;
  }

  public void setApiKeyLast4(String apiKeyLast4) {
    this.apiKeyLast4 = apiKeyLast4;
  }

  public ProvisioningState getProvisioningFailedStep() {
    return provisioningFailedStep;
  }

  public void setProvisioningFailedStep(ProvisioningState provisioningFailedStep) {
    this.provisioningFailedStep = provisioningFailedStep;
  }

  public int getProvisioningAttempts() {
    return provisioningAttempts;
  }

  public Instant getProvisioningRetryAt() {
    return provisioningRetryAt;
  }

  public String getSmtpHost() {
    return smtpHost;
  }

  public void setSmtpHost(String smtpHost) {
    this.smtpHost = smtpHost;
  }

  public Integer getSmtpPort() {
    return smtpPort;
  }

  public void setSmtpPort(Integer smtpPort) {
    this.smtpPort = smtpPort;
  }

  public String getSmtpSecurity() {
    return smtpSecurity;
  }

  public void setSmtpSecurity(String smtpSecurity) {
    this.smtpSecurity = smtpSecurity;
  }

  /** The orchestra's own mail settings, for delivery (secrets decrypted). */
  public org.ripieno.mail.OrchestraMail mail() {
    return new org.ripieno.mail.OrchestraMail(
        smtpHost,
        smtpPort,
        smtpUser,
        smtpPassword,
        smtpSecurity,
        resendApiKey,
        emailFromAddress,
        emailFromName,
        emailReplyTo);
  }

  /** The orchestra's SMS account and per-event toggles, for delivery (the token decrypted). */
  public org.ripieno.sms.SmsSettings sms() {
    return new org.ripieno.sms.SmsSettings(
        twilioAccountSid,
        twilioAuthToken,
        twilioFromNumber,
        smsOnRequest,
        smsOnReminder,
        smsOnConfirmation,
        smsOnPositionFilled,
        smsOnGroupEmail);
  }

  public String getSmtpUser() {
    return smtpUser;
  }

  public void setSmtpUser(String smtpUser) {
    this.smtpUser = smtpUser;
  }

  public String getSmtpPassword() {
    return smtpPassword;
  }

  public void setSmtpPassword(String smtpPassword) {
    this.smtpPassword = smtpPassword;
  }

  /** When the staffing jobs next have work in this orchestra; null when nothing is known due. */
  public Instant getJobsDueAt() {
    return jobsDueAt;
  }

  public Instant getJobsLastRunAt() {
    return jobsLastRunAt;
  }

  public String getJobsLastResult() {
    return jobsLastResult;
  }
}
