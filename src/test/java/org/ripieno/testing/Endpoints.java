package org.ripieno.testing;

import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.ripieno.security.Public;

/**
 * Every resource method of the application, found by reading the compiled classes, so an endpoint
 * added later is swept by the security tests without anyone listing it.
 */
public final class Endpoints {

  /**
   * One resource method: HTTP method, path template under /api, whether it is public, and whether
   * it reads a request body (a parameter without a JAX-RS annotation).
   */
  public record Endpoint(String method, String template, boolean isPublic, boolean takesBody) {

    /** The path with {subdomain} set and every other parameter given a placeholder value. */
    public String path(String subdomain) {
      return "/api/"
          + template
              .replace("{subdomain}", subdomain)
              .replaceAll("\\{[^}]+}", "c0000000000000000000nope");
    }

    /** The path with {subdomain} set and every other parameter set to the given id. */
    public String path(String subdomain, String id) {
      return "/api/" + template.replace("{subdomain}", subdomain).replaceAll("\\{[^}]+}", id);
    }

    public boolean inOrchestra() {
      return template.startsWith("orchestras/{subdomain}");
    }

    public boolean onPlatform() {
      return template.startsWith("platform/");
    }

    /** A JSON body for the methods that take one. */
    public String body() {
      return method.equals("POST") || method.equals("PUT") || method.equals("PATCH") ? "{}" : null;
    }

    public boolean reads() {
      return method.equals("GET") || method.equals("HEAD");
    }

    @Override
    public String toString() {
      return method + " /api/" + template;
    }
  }

  private Endpoints() {}

  public static List<Endpoint> all() throws IOException, URISyntaxException {
    List<Endpoint> endpoints = new ArrayList<>();
    // Main and test classes sit in different directories: read every one of them.
    for (URL root :
        Collections.list(Endpoints.class.getClassLoader().getResources("org/ripieno"))) {
      if ("file".equals(root.getProtocol())) {
        endpoints.addAll(endpointsUnder(Paths.get(root.toURI())));
      }
    }
    endpoints.sort(Comparator.comparing(Endpoint::toString));
    return endpoints;
  }

  private static List<Endpoint> endpointsUnder(java.nio.file.Path root) throws IOException {
    List<Endpoint> endpoints = new ArrayList<>();
    java.nio.file.Path base = root.getParent().getParent();
    try (Stream<java.nio.file.Path> files = Files.walk(root)) {
      for (java.nio.file.Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
        String name =
            base.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
        Class<?> type;
        try {
          type = Class.forName(name, false, Endpoints.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError notLoadable) {
          continue;
        }
        Path classPath = type.getAnnotation(Path.class);
        if (classPath == null || type.getName().contains("Test") || type.getName().endsWith("IT")) {
          continue;
        }
        for (Method method : type.getDeclaredMethods()) {
          String http = httpMethod(method);
          if (http == null) {
            continue;
          }
          Path methodPath = method.getAnnotation(Path.class);
          String template =
              trim(classPath.value()) + (methodPath == null ? "" : "/" + trim(methodPath.value()));
          boolean isPublic = method.isAnnotationPresent(Public.class);
          endpoints.add(new Endpoint(http, template, isPublic, takesBody(method)));
        }
      }
    }
    return endpoints;
  }

  private static String httpMethod(Method method) {
    for (Annotation annotation : method.getAnnotations()) {
      HttpMethod http = annotation.annotationType().getAnnotation(HttpMethod.class);
      if (http != null) {
        return http.value();
      }
    }
    return null;
  }

  private static boolean takesBody(Method method) {
    for (Annotation[] annotations : method.getParameterAnnotations()) {
      boolean jaxRs = false;
      for (Annotation annotation : annotations) {
        String type = annotation.annotationType().getName();
        jaxRs |= type.startsWith("jakarta.ws.rs.") && !type.equals("jakarta.ws.rs.DefaultValue");
      }
      if (!jaxRs) {
        return true;
      }
    }
    return false;
  }

  private static String trim(String path) {
    return path.replaceAll("^/+|/+$", "");
  }
}
