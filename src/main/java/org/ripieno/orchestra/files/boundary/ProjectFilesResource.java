package org.ripieno.orchestra.files.boundary;

import jakarta.inject.Inject;
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
import org.ripieno.orchestra.files.control.FileView;
import org.ripieno.orchestra.files.control.ProjectFiles;
import org.ripieno.security.Allow;
import org.ripieno.security.OrchestraScoped;
import org.ripieno.security.Role;

/** A project's files: general ones and, listed here too, those of its needs. */
@Path("orchestras/{subdomain}/projects/{projectId}/files")
@OrchestraScoped
@Allow({Role.SUPERADMIN, Role.ADMIN, Role.USER})
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Files", description = "Files sent with requests and confirmations")
public class ProjectFilesResource {

  @Inject ProjectFiles files;

  @GET
  @Operation(summary = "All the project's files, its needs' too, newest first")
  @APIResponse(
      responseCode = "200",
      description = "The files",
      content =
          @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = FileView.class)))
  @APIResponse(responseCode = "404", description = "No such project")
  public List<FileView> list(@PathParam("projectId") int projectId) {
    return files.list(projectId, null);
  }

  @POST
  // No @Consumes: a body of another type is refused when read, after the caller's rights are
  // checked, so nobody learns about the endpoint without a token.
  @Operation(
      summary = "Upload a general project file",
      description =
          "multipart/form-data: file (at most 10 MB; pdf, jpg, jpeg, png, gif, doc, docx, txt,"
              + " xml, mxl, musicxml, checked by content too), fileName (display name),"
              + " fileType (general_info, the default, or sheet_music), sendTiming (on_request,"
              + " the default, or on_accept). Admin only.")
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
  @APIResponse(responseCode = "404", description = "No such project")
  @APIResponse(responseCode = "413", description = "Larger than 10 MB")
  public Response upload(
      @PathParam("projectId") int projectId, List<EntityPart> parts, @Context UriInfo uri) {
    FileView created = files.upload(projectId, null, MultipartUpload.read(parts));
    return FileLocation.created(uri, created);
  }

  /** The parts of an upload, as the OpenAPI document describes them. */
  @Schema(
      name = "FileUploadForm",
      description =
          "multipart/form-data: the file, and optionally its display name, type and when"
              + " it is sent",
      requiredProperties = "file")
  public record UploadForm(
      @Schema(type = SchemaType.STRING, format = "binary") String file,
      String fileName,
      String fileType,
      String sendTiming) {}
}
