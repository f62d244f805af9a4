package org.ripieno.web;

import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.parameters.RequestBody;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

/**
 * Completes the OpenAPI document with what every operation shares, so that each resource need not
 * repeat it: the success answer under its real status (the scanner files a method's return type as
 * {@code default}), and the problem+json refusals every operation can give, with their schema.
 * Registered as {@code mp.openapi.filter}.
 */
public class OpenApiAnswers implements OASFilter {

  static final String PROBLEM_SCHEMA = "Problem";

  /**
   * The extension that marks an operation anyone may call (the resource method is {@code @Public}):
   * it answers no 401 or 403, and the document lists no security for it.
   */
  public static final String PUBLIC = "x-public";

  private static final Map<String, String> REFUSALS =
      Map.of(
          "400", "Invalid input: a parameter or the body (the detail says which)",
          "401", "No valid token",
          "403", "The caller's role or orchestra may not do this",
          "404", "Nothing at this address (or not in the caller's orchestra)");

  @Override
  public void filterOpenAPI(OpenAPI openAPI) {
    if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
      return;
    }
    for (Map.Entry<String, PathItem> path : openAPI.getPaths().getPathItems().entrySet()) {
      for (Operation operation : path.getValue().getOperations().values()) {
        complete(path.getKey(), operation);
      }
    }
  }

  private static void complete(String path, Operation operation) {
    RequestBody body = operation.getRequestBody();
    if (body != null && body.getContent() != null && body.getContent().getMediaTypes() != null) {
      // The scanner adds */* (from @Consumes or the default) next to the types the resource names
      // with their schemas; it says nothing they do not.
      Map<String, MediaType> types = body.getContent().getMediaTypes();
      if (types.size() > 1 && types.containsKey("*/*")) {
        body.getContent().removeMediaType("*/*");
      }
      // An upload's parts (a List<EntityPart>) come only as multipart/form-data; the scanner's
      // JSON reading of that list describes nothing the operation takes.
      if (types.containsKey("multipart/form-data")) {
        for (String type : List.copyOf(types.keySet())) {
          if (!type.equals("multipart/form-data")) {
            body.getContent().removeMediaType(type);
          }
        }
      }
    }
    APIResponses responses = operation.getResponses();
    if (responses == null) {
      responses = OASFactory.createAPIResponses();
      operation.setResponses(responses);
    }
    APIResponse fallback = responses.getDefaultValue();
    boolean hasSuccess =
        responses.getAPIResponses() != null
            && responses.getAPIResponses().keySet().stream().anyMatch(code -> code.startsWith("2"));
    if (fallback != null && !hasSuccess) {
      // What JAX-RS answers for a method's returned value: 200 with it, 204 without one.
      responses.removeAPIResponse(APIResponses.DEFAULT);
      boolean hasBody = !isEmpty(fallback.getContent());
      if ("Default Response.".equals(fallback.getDescription())) {
        fallback.setDescription(hasBody ? "The answer" : "Done");
      }
      responses.addAPIResponse(hasBody ? "200" : "204", fallback);
    }
    boolean isPublic =
        operation.getExtensions() != null && operation.getExtensions().containsKey(PUBLIC);
    if (isPublic) {
      operation.setSecurity(List.of());
    }
    boolean takesInput =
        operation.getRequestBody() != null
            || (operation.getParameters() != null && !operation.getParameters().isEmpty());
    for (String code : List.of("400", "401", "403", "404")) {
      boolean applies =
          switch (code) {
            case "400" -> takesInput;
            case "401", "403" -> !isPublic;
            default -> path.contains("{");
          };
      APIResponse declared = responses.getAPIResponse(code);
      if (declared == null && applies) {
        responses.addAPIResponse(
            code, OASFactory.createAPIResponse().description(REFUSALS.get(code)));
      }
    }
    // Every refusal, declared by the resource or added here, is problem+json.
    for (Map.Entry<String, APIResponse> response : responses.getAPIResponses().entrySet()) {
      // The scanner copies the operation's extensions onto its answers too.
      if (response.getValue().getExtensions() != null) {
        response.getValue().removeExtension(PUBLIC);
      }
      char kind = response.getKey().charAt(0);
      if ((kind == '4' || kind == '5') && isEmpty(response.getValue().getContent())) {
        response.getValue().setContent(problemContent());
      }
    }
  }

  private static boolean isEmpty(Content content) {
    return content == null || content.getMediaTypes() == null || content.getMediaTypes().isEmpty();
  }

  private static Content problemContent() {
    return OASFactory.createContent()
        .addMediaType(
            Problem.MEDIA_TYPE,
            OASFactory.createMediaType()
                .schema(OASFactory.createSchema().ref("#/components/schemas/" + PROBLEM_SCHEMA)));
  }
}
