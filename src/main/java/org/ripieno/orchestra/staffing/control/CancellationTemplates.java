package org.ripieno.orchestra.staffing.control;

import java.util.List;
import org.ripieno.orchestra.seed.control.CanonicalSeed;
import org.ripieno.orchestra.staffing.entity.OutboxMessage;

/**
 * Ripieno's default text of the {@code request_cancelled} mail (a pending request the orchestra
 * cancelled, alone or with its project), in Swedish and English. An orchestra changes it by
 * creating its own template of type {@code request_cancelled} or {@code request_cancelled_en} (POST
 * /templates); until then these are used. They are not part of the canonical seed, so the seed, and
 * every orchestra already provisioned from it, stays as it is.
 */
public final class CancellationTemplates {

  private static final String TYPE = OutboxMessage.Kind.REQUEST_CANCELLED.value();

  private static final List<String> VARIABLES =
      List.of("firstName", "position", "projectName", "weekNumber");

  private CancellationTemplates() {}

  /** The two defaults, signed with the orchestra's name. */
  public static List<CanonicalSeed.TemplateSeed> defaults(String orchestraName) {
    String name = orchestraName == null || orchestraName.isBlank() ? "Orkestern" : orchestraName;
    return List.of(
        new CanonicalSeed.TemplateSeed(
            TYPE,
            "Förfrågan återkallad: {{projectName}}",
            String.join(
                "\n",
                "Hej {{firstName}}!",
                "",
                "Vi har återkallat vår förfrågan om {{position}} i {{projectName}}, vecka"
                    + " {{weekNumber}}. Du behöver inte svara, och länken i förfrågan gäller inte"
                    + " längre.",
                "",
                "Med vänliga hälsningar",
                name),
            VARIABLES),
        new CanonicalSeed.TemplateSeed(
            TYPE + "_en",
            "Request withdrawn: {{projectName}}",
            String.join(
                "\n",
                "Hi {{firstName}},",
                "",
                "We have withdrawn our request for {{position}} in {{projectName}}, week"
                    + " {{weekNumber}}. You do not need to answer, and the link in the request no"
                    + " longer works.",
                "",
                "Kind regards,",
                name),
            VARIABLES));
  }
}
