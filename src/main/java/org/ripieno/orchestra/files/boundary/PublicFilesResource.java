package org.ripieno.orchestra.files.boundary;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirements;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.ripieno.orchestra.files.control.AttachmentLinks;
import org.ripieno.security.Public;
import org.ripieno.security.boundary.ResponseLinkEntry;
import org.ripieno.web.OpenApiAnswers;

/**
 * A file a mail links to instead of attaching it (its attachments would pass 7 MB). No login: the
 * token is the whole secret and names its orchestra, as an answer link does.
 */
@Path("public/files/{token}")
@Tag(name = "Public responses", description = "Musicians answering requests through their link")
@SecurityRequirements
public class PublicFilesResource {

  @Inject ResponseLinkEntry entry;
  @Inject AttachmentLinks links;

  @GET
  @Public
  @Extension(name = OpenApiAnswers.PUBLIC, value = "true")
  @Produces(MediaType.WILDCARD)
  @Operation(
      summary = "Download a file a mail links to",
      description =
          "Works while the mail's request does: pending before its deadline, or accepted.")
  @APIResponse(
      responseCode = "200",
      description = "The file, as an attachment under its own content type",
      content =
          @Content(
              mediaType = "application/octet-stream",
              schema = @Schema(type = SchemaType.STRING, format = "binary")))
  @APIResponse(responseCode = "404", description = "Unknown link")
  @APIResponse(responseCode = "410", description = "The request is over")
  public Response download(@PathParam("token") String token) {
    entry.enter(token, null);
    return Download.of(links.download(token));
  }
}
