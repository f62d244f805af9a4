package org.ripieno.web;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.sql.SQLTransientConnectionException;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.ripieno.tenancy.CentralDatabase.CentralUnavailableException;
import org.ripieno.tenancy.OrchestraUnavailableException;

/**
 * Every failure leaves as problem+json: the known ones with their status and message, anything else
 * as a 500 whose detail says nothing about the internals (the log has the stack trace).
 */
@Provider
public class ProblemMapper implements ExceptionMapper<Throwable> {

  private static final Logger LOG = Logger.getLogger(ProblemMapper.class.getName());

  @Override
  public Response toResponse(Throwable failure) {
    if (failure instanceof WebApplicationException web) {
      Response.StatusType status = web.getResponse().getStatusInfo();
      Response problem =
          Problem.response(status, status.getStatusCode() < 500 ? web.getMessage() : null);
      // Keep the original headers (for example Allow on 405).
      return Response.fromResponse(web.getResponse())
          .type(Problem.MEDIA_TYPE)
          .entity(problem.getEntity())
          .build();
    }
    Throwable unavailable = cause(failure, OrchestraUnavailableException.class);
    if (unavailable == null) {
      unavailable = cause(failure, CentralUnavailableException.class);
    }
    if (unavailable != null) {
      return Problem.response(Response.Status.SERVICE_UNAVAILABLE, unavailable.getMessage());
    }
    if (cause(failure, SQLTransientConnectionException.class) != null) {
      // The connection ceiling was reached and nothing could be freed in time.
      return Problem.response(
          Response.Status.SERVICE_UNAVAILABLE,
          "The database is busy right now; please try again in a moment.");
    }
    LOG.log(Level.SEVERE, "Unexpected failure", failure);
    return Problem.response(
        Response.Status.INTERNAL_SERVER_ERROR,
        "Something went wrong on our side; it has been logged.");
  }

  private static Throwable cause(Throwable failure, Class<? extends Throwable> type) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (type.isInstance(cause)) {
        return cause;
      }
      if (cause.getCause() == cause) {
        return null;
      }
    }
    return null;
  }
}
