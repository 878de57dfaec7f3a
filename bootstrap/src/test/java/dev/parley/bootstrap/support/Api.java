package dev.parley.bootstrap.support;

import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/** A plain HTTP client for tests: real requests, raw JSON in and out. */
public final class Api {
  private static final ObjectMapper JSON = ObjectMapper.getDefault();
  private static final AtomicInteger USERS = new AtomicInteger();

  private final URI base;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  public Api(URI base) {
    this.base = base;
  }

  public URI base() {
    return base;
  }

  /** A response with its status, raw body and parsed JSON (null when the body is not JSON). */
  public record Response(int status, String body, HttpResponse<String> raw) {
    public JsonNode json() {
      return parse(body);
    }

    public Optional<String> header(String name) {
      return raw.headers().firstValue(name);
    }

    @Override
    public String toString() {
      return status + " " + body;
    }
  }

  /** A registered, logged-in user. */
  public record Session(long id, String username, String token) {}

  public static JsonNode parse(String body) {
    try {
      return JSON.readValue(body, JsonNode.class);
    } catch (IOException e) {
      return null;
    }
  }

  public static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public Response get(String path, String token) {
    return send("GET", path, null, null, token);
  }

  public Response post(String path, String json, String token) {
    return send("POST", path, "application/json", json, token);
  }

  public Response put(String path, String json, String token) {
    return send("PUT", path, "application/json", json, token);
  }

  public Response patch(String path, String json, String token) {
    return send("PATCH", path, "application/json", json, token);
  }

  public Response delete(String path, String token) {
    return send("DELETE", path, null, null, token);
  }

  public Response postForm(String path, String form) {
    return send("POST", path, "application/x-www-form-urlencoded", form, null);
  }

  public Response send(String method, String path, String contentType, String body, String token) {
    return send(method, path, contentType, body, token, new String[0]);
  }

  /** A request with extra headers, given as name, value, name, value... */
  public Response send(
      String method,
      String path,
      String contentType,
      String body,
      String token,
      String... headers) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(20));
    if (headers.length > 0) {
      request.headers(headers);
    }
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    request.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    try {
      HttpResponse<String> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Response(response.statusCode(), response.body(), response);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A unique, valid username. */
  public static String uniqueName(String prefix) {
    return prefix + USERS.incrementAndGet() + "_" + UUID.randomUUID().toString().substring(0, 6);
  }

  /** Registers a fresh user and logs in. */
  public Session newUser(String prefix) {
    String name = uniqueName(prefix);
    Response registered =
        post(
            "/auth/register", "{\"username\":\"" + name + "\",\"password\":\"password123\"}", null);
    if (registered.status() != 201) {
      throw new IllegalStateException("register failed: " + registered);
    }
    return new Session(registered.json().get("id").getLongValue(), name, login(name));
  }

  /** Logs in with the test password and returns the access token. */
  public String login(String username) {
    Response login =
        post(
            "/auth/login",
            "{\"username\":\"" + username + "\",\"password\":\"password123\"}",
            null);
    if (login.status() != 200) {
      throw new IllegalStateException("login failed: " + login);
    }
    return login.json().get("access_token").getStringValue();
  }
}
