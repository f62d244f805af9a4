package org.ripieno.orchestra.files.boundary;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityPart;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.ripieno.orchestra.files.control.FileLinkInput;
import org.ripieno.orchestra.files.control.FileView;
import org.ripieno.orchestra.files.control.ProjectFiles;
import org.ripieno.security.Allow;
import org.ripieno.security.OrchestraScoped;
import org.ripieno.security.Role;

/** One need's files: uploaded to it, or a project file linked to it (the same bytes). */
@Path("orchestras/{subdomain}/projects/{projectId}/needs/{needId}/files")
@OrchestraScoped
@Allow({Role.SUPERADMIN, Role.ADMIN, Role.USER})
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Files", description = "Files sent with requests and confirmations")
public class NeedFilesResource {

  @Inject ProjectFiles files;

  @GET
  @Operation(summary = "The need's files, newest first")
  @APIResponse(
      responseCode = "200",
      description = "The files",
      content =
          @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = FileView.class)))
  @APIResponse(responseCode = "404", description = "No such project or need")
  public List<FileView> list(
      @PathParam("projectId") int projectId, @PathParam("needId") int needId) {
    return files.list(projectId, needId);
  }

  @POST
  @Consumes(MediaType.MULTIPART_FORM_DATA)
  @Operation(
      summary = "Upload a file to the need",
      description =
          "As a project file, with the need's defaults: fileType sheet_music, sendTiming"
              + " on_accept. Admin only.")
  @RequestBody(
      content =
          @Content(
              mediaType = MediaType.MULTIPART_FORM_DATA,
              schema = @Schema(ref = "FileUploadForm")))
  @APIResponse(
      responseCode = "201",
      description = "The file",
      content = @Content(schema = @Schema(implementation = FileView.class)))
  @APIResponse(
      responseCode = "400",
      description = "No file part, a name with folders, a type not allowed or not the content")
  @APIResponse(responseCode = "404", description = "No such project or need")
  @APIResponse(responseCode = "413", description = "Larger than 10 MB")
  public Response upload(
      @PathParam("projectId") int projectId,
      @PathParam("needId") int needId,
      List<EntityPart> parts,
      @Context UriInfo uri) {
    return FileLocation.created(uri, files.upload(projectId, needId, MultipartUpload.read(parts)));
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Link a project file to this need",
      description =
          "{\"fileId\", \"sendTiming\"?, \"fileType\"?}: the same bytes, one more need"
              + " (defaults sheet_music, on_accept). Admin only.")
  @RequestBody(content = @Content(schema = @Schema(implementation = FileLinkInput.class)))
  @APIResponse(
      responseCode = "201",
      description = "The new file row of the need",
      content = @Content(schema = @Schema(implementation = FileView.class)))
  @APIResponse(responseCode = "400", description = "No fileId, or a file of another project")
  @APIResponse(responseCode = "404", description = "No such project, need or file")
  @APIResponse(responseCode = "409", description = "Already linked to the need")
  public Response link(
      @PathParam("projectId") int projectId,
      @PathParam("needId") int needId,
      FileLinkInput input,
      @Context UriInfo uri) {
    return FileLocation.created(uri, files.link(projectId, needId, input));
  }
}
