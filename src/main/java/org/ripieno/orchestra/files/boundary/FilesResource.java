package org.ripieno.orchestra.files.boundary;

import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.ripieno.orchestra.files.control.ProjectFiles;
import org.ripieno.security.Allow;
import org.ripieno.security.OrchestraScoped;
import org.ripieno.security.Role;

/** One file: its bytes, or away with it. */
@Path("orchestras/{subdomain}/files/{fileId}")
@OrchestraScoped
@Allow({Role.SUPERADMIN, Role.ADMIN, Role.USER})
@Tag(name = "Files", description = "Files sent with requests and confirmations")
public class FilesResource {

  @Inject ProjectFiles files;

  @GET
  @Produces(MediaType.WILDCARD)
  @Operation(
      summary = "Download a file",
      description = "The bytes with their type and Content-Disposition: attachment.")
  @APIResponse(
      responseCode = "200",
      description = "The file, under its own content type",
      content =
          @Content(
              mediaType = "application/octet-stream",
              schema = @Schema(type = SchemaType.STRING, format = "binary")))
  @APIResponse(responseCode = "404", description = "No such file, or its bytes are elsewhere")
  public Response download(@PathParam("fileId") int fileId) {
    return Download.of(files.download(fileId));
  }

  @DELETE
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Delete a file",
      description =
          "The need's or project's file row; its bytes too when no other file names them (a file"
              + " linked to several needs keeps its bytes until the last goes). Admin only.")
  @APIResponse(responseCode = "204", description = "Deleted")
  @APIResponse(responseCode = "404", description = "No such file")
  public void delete(@PathParam("fileId") int fileId) {
    files.delete(fileId);
  }
}
