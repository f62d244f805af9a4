package org.ripieno.orchestra.staffing.boundary;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirements;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.ripieno.orchestra.staffing.control.ResponseDetails;
import org.ripieno.security.Public;
import org.ripieno.web.OpenApiAnswers;

/**
 * A musician's answer link as JSON (api.md "Public responses"); no login: the token is the
 * credential and names its orchestra. Every refusal is a sentence for the musician, in their
 * language.
 */
@Path("public/responses/{token}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Public responses", description = "Musicians answering requests through their link")
@SecurityRequirements
public class PublicResponsesResource {

  /** {@code {"response": "accepted" | "declined"}}. */
  public record AnswerInput(String response) {}

  /**
   * {@code status} is {@code accepted} or {@code declined}; {@code message} is for the musician.
   */
  public record AnswerTaken(String status, String message) {}

  @Inject ResponseDesk desk;

  @GET
  @Public
  @Extension(name = OpenApiAnswers.PUBLIC, value = "true")
  @Operation(
      summary = "What a musician's link asks",
      description = "The project, position, dates, schedule, deadline and the musician's language.")
  @APIResponse(
      responseCode = "200",
      description = "The pending request",
      content = @Content(schema = @Schema(implementation = ResponseDetails.class)))
  @APIResponse(responseCode = "404", description = "Unknown link")
  @APIResponse(responseCode = "409", description = "Already answered")
  @APIResponse(
      responseCode = "410",
      description =
          "Expired, no longer pending (also when the position was filled), or the orchestra is"
              + " not taking answers now")
  public ResponseDetails details(
      @PathParam("token") String token,
      @Parameter(description = "The orchestra's subdomain, for links of adopted legacy databases")
          @QueryParam("org")
          String org) {
    return desk.details(token, org);
  }

  @POST
  @Public
  @Extension(name = OpenApiAnswers.PUBLIC, value = "true")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Answer a request",
      description =
          "Accepts or declines. An accept beyond the need's quantity is refused (410, the"
              + " position was filled); a decline sends the replacement the strategy asks for.")
  @RequestBody(content = @Content(schema = @Schema(implementation = AnswerInput.class)))
  @APIResponse(
      responseCode = "200",
      description = "The answer was taken",
      content = @Content(schema = @Schema(implementation = AnswerTaken.class)))
  @APIResponse(responseCode = "400", description = "response is neither accepted nor declined")
  @APIResponse(responseCode = "404", description = "Unknown link")
  @APIResponse(responseCode = "409", description = "Already answered")
  @APIResponse(
      responseCode = "410",
      description =
          "Expired, no longer pending, the position was filled, or the orchestra is not taking"
              + " answers now")
  public AnswerTaken answer(
      @PathParam("token") String token,
      @Parameter(description = "The orchestra's subdomain, for links of adopted legacy databases")
          @QueryParam("org")
          String org,
      AnswerInput input) {
    return desk.answer(token, org, ResponseDesk.parse(input == null ? null : input.response()))
        .taken();
  }
}
