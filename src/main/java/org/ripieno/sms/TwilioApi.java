package org.ripieno.sms;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Form;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Twilio's REST API, the one call Ripieno makes (a MicroProfile Rest Client interface). The path is
 * on the method only: an interface with a class-level {@code @Path} is taken for one of the
 * application's own resources by the server's scanning.
 */
public interface TwilioApi {

  /** Creates (sends) a message: form fields {@code To}, {@code From}, {@code Body}. */
  @POST
  @Path("/2010-04-01/Accounts/{accountSid}/Messages.json")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  @Produces(MediaType.APPLICATION_JSON)
  Response createMessage(
      @PathParam("accountSid") String accountSid,
      @HeaderParam("Authorization") String authorization,
      Form message);
}
