package dev.parley.adapters.web;

import io.micronaut.core.io.ResourceResolver;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Hidden;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Serves seed 004's {@code /test} page: log in and chat in a room, by hand. Its Content-Security-
 * Policy allows exactly the page's own inline script and style (by hash) and talks only to this
 * server, so injected markup could run nothing.
 */
@Controller
@Secured(SecurityRule.IS_ANONYMOUS)
@Hidden
public class TestPageController {
  private static final Pattern SCRIPT = Pattern.compile("<script>(.*?)</script>", Pattern.DOTALL);
  private static final Pattern STYLE = Pattern.compile("<style>(.*?)</style>", Pattern.DOTALL);
  private static final Pattern SAFE_HOST = Pattern.compile("[A-Za-z0-9.\\-:\\[\\]]{1,262}");

  private final byte[] page;
  private final String scriptSources;
  private final String styleSources;

  TestPageController(ResourceResolver resources) {
    this.page =
        resources.getResourceAsStream("classpath:public/test.html").map(this::read).orElse(null);
    String html = page == null ? "" : new String(page, StandardCharsets.UTF_8);
    this.scriptSources = hashes(SCRIPT, html);
    this.styleSources = hashes(STYLE, html);
  }

  @Get(value = "/test", produces = MediaType.TEXT_HTML)
  public HttpResponse<byte[]> testPage(HttpRequest<?> request) {
    if (page == null) {
      return HttpResponse.notFound();
    }
    return HttpResponse.ok(page)
        .contentType(MediaType.TEXT_HTML + ";charset=utf-8")
        .header("Content-Security-Policy", policy(request.getHeaders().get(HttpHeaders.HOST)));
  }

  private String policy(String host) {
    // 'self' covers same-host sockets only in newer browsers; name them for the others.
    String sockets =
        host != null && SAFE_HOST.matcher(host).matches() ? " ws://" + host + " wss://" + host : "";
    return "default-src 'none'; script-src "
        + scriptSources
        + "; style-src "
        + styleSources
        + "; connect-src 'self'"
        + sockets
        + "; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
  }

  private byte[] read(InputStream in) {
    try (in) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The CSP sources allowing exactly the page's inline blocks of one kind. */
  private static String hashes(Pattern block, String html) {
    List<String> sources = new ArrayList<>();
    Matcher m = block.matcher(html);
    while (m.find()) {
      sources.add("'sha256-" + sha256(m.group(1)) + "'");
    }
    return sources.isEmpty() ? "'none'" : String.join(" ", sources);
  }

  private static String sha256(String text) {
    try {
      return Base64.getEncoder()
          .encodeToString(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
