package org.ripieno.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.ServletResponseWrapper;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Every status leaves with its standard reason phrase. Servlet 6 can set only the code, and the
 * server picks the phrase from its own table; Payara's HTTP layer (Grizzly) lacks some standard
 * codes and writes {@code 429 CUSTOM}. So each {@code setStatus} is followed by the phrase of the
 * code (from {@link Response.Status}) handed to the server's own response, where it has a place for
 * one. On a server without that place the code is left as it is (those servers know the phrases
 * themselves).
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class StandardReasonPhrases extends HttpFilter {

  private static final Logger LOG = Logger.getLogger(StandardReasonPhrases.class.getName());

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    chain.doFilter(request, new PhrasedResponse(response));
  }

  /** The standard phrase of a code, or null for a code without one. */
  static String phraseOf(int code) {
    Response.Status status = Response.Status.fromStatusCode(code);
    return status == null ? null : status.getReasonPhrase();
  }

  private static final class PhrasedResponse extends HttpServletResponseWrapper {

    PhrasedResponse(HttpServletResponse response) {
      super(response);
    }

    @Override
    public void setStatus(int code) {
      super.setStatus(code);
      String phrase = phraseOf(code);
      if (phrase != null && !isCommitted()) {
        ServerResponse.setReasonPhrase(getResponse(), code, phrase);
      }
    }
  }

  /**
   * Payara's servlet response (a facade over Catalina's response, which holds Grizzly's) has no
   * public way to the phrase, so it is reached through their members, looked up once for the
   * facade's class: a lookup at every response cost about 1 % of a read's CPU. On any other server
   * the first miss turns this off for good.
   */
  private static final class ServerResponse {

    private static volatile boolean unavailable;

    /**
     * The way from the server's facade to Grizzly's status, found at the first response. Held here
     * rather than in a {@code ClassValue} on the server's class, which would keep this application
     * loaded after an undeploy.
     */
    private static volatile Way way;

    private record Way(Class<?> facade, Field catalina, Method coyote, Method setStatus) {

      static Way of(Class<?> facade) throws ReflectiveOperationException {
        Field catalina = field(facade, "response");
        Method coyote = catalina.getType().getMethod("getCoyoteResponse");
        Method setStatus = coyote.getReturnType().getMethod("setStatus", int.class, String.class);
        return new Way(facade, catalina, coyote, setStatus);
      }

      void set(ServletResponse response, int code, String phrase)
          throws ReflectiveOperationException {
        setStatus.invoke(coyote.invoke(catalina.get(response)), code, phrase);
      }
    }

    static void setReasonPhrase(ServletResponse response, int code, String phrase) {
      if (unavailable) {
        return;
      }
      while (response instanceof ServletResponseWrapper wrapper) {
        response = wrapper.getResponse();
      }
      try {
        Way known = way;
        if (known == null || known.facade() != response.getClass()) {
          known = Way.of(response.getClass());
          way = known;
        }
        known.set(response, code, phrase);
      } catch (ReflectiveOperationException | RuntimeException notThisServer) {
        unavailable = true;
        LOG.log(
            Level.FINE,
            "This server's response has no place for a reason phrase; codes are sent as they are",
            notThisServer);
      }
    }

    private static Field field(Class<?> type, String name) throws NoSuchFieldException {
      for (Class<?> c = type; c != null; c = c.getSuperclass()) {
        try {
          Field field = c.getDeclaredField(name);
          field.setAccessible(true);
          return field;
        } catch (NoSuchFieldException notHere) {
          // look further up
        }
      }
      throw new NoSuchFieldException(name);
    }
  }
}
