package org.ripieno.orchestra.rankings.boundary;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.ripieno.orchestra.instruments.control.Names;
import org.ripieno.orchestra.rankings.control.RankingLists;
import org.ripieno.security.Allow;
import org.ripieno.security.OrchestraScoped;
import org.ripieno.security.Role;
import org.ripieno.web.Created;
import org.ripieno.web.Page;
import org.ripieno.web.ProblemException;

/** The standard A/B/C ranking lists of each position and the musicians on them, by rank. */
@Path("orchestras/{subdomain}/ranking-lists")
@OrchestraScoped
@Allow({Role.SUPERADMIN, Role.ADMIN, Role.USER})
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class RankingListsResource {

  @Inject RankingLists lists;

  @GET
  public RankingOverview overview() {
    return lists.overview();
  }

  @POST
  @APIResponse(
      responseCode = "201",
      description = "The list",
      content =
          @Content(
              mediaType = "application/json",
              schema = @Schema(implementation = RankingListView.class)))
  public Response create(RankingListInput input, @Context UriInfo uri) {
    RankingListView created = lists.create(orEmpty(input));
    return Created.at(uri, created.id(), created);
  }

  @GET
  @Path("{id}")
  public RankingListView get(@PathParam("id") String id) {
    return lists.get(id(id));
  }

  @PUT
  @Path("{id}")
  public RankingListView describe(@PathParam("id") String id, RankingListInput input) {
    return lists.describe(id(id), orEmpty(input));
  }

  @DELETE
  @Path("{id}")
  @APIResponse(responseCode = "204", description = "Deleted")
  public void delete(@PathParam("id") String id) {
    lists.delete(id(id));
  }

  @POST
  @Path("{id}/musicians")
  @APIResponse(
      responseCode = "201",
      description = "The list with the musician added last",
      content =
          @Content(
              mediaType = "application/json",
              schema = @Schema(implementation = RankingListView.class)))
  public Response add(@PathParam("id") String id, MemberInput input, @Context UriInfo uri) {
    if (input != null && input.musicianIds() != null) {
      throw ProblemException.badRequest(
          "Add one musician at a time with musicianId.",
          "Lägg till en musiker i taget med musicianId.");
    }
    RankingListView list = lists.add(id(id), input == null ? null : input.musicianId());
    return Created.at(uri, input.musicianId(), list);
  }

  @DELETE
  @Path("{id}/musicians/{musicianId}")
  public RankingListView remove(
      @PathParam("id") String id, @PathParam("musicianId") String musicianId) {
    return lists.remove(
        id(id),
        Names.id(
            musicianId, "Musician {0} is not on this list.", "Musiker {0} finns inte på listan."));
  }

  @DELETE
  @Path("{id}/musicians")
  public RankingListView clear(@PathParam("id") String id) {
    return lists.clear(id(id));
  }

  /** Every current member's musician id, first to ask first. */
  @PUT
  @Path("{id}/order")
  public RankingListView reorder(@PathParam("id") String id, MemberInput input) {
    if (input != null && input.musicianId() != null) {
      throw ProblemException.badRequest(
          "Give the new order as musicianIds.", "Ange den nya ordningen som musicianIds.");
    }
    return lists.reorder(id(id), input == null ? null : input.musicianIds());
  }

  @GET
  @Path("{id}/available")
  public Page<RankedMusician> available(
      @PathParam("id") String id,
      @QueryParam("page") @DefaultValue("1") int page,
      @QueryParam("size") @DefaultValue("50") int size) {
    return lists.available(id(id), page, size);
  }

  private static int id(String id) {
    return Names.id(id, "There is no ranking list {0}.", "Det finns ingen rankningslista {0}.");
  }

  private static RankingListInput orEmpty(RankingListInput input) {
    return input == null ? new RankingListInput(null, null, null) : input;
  }
}
