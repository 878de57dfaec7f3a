package dev.parley.adapters.web;

import io.micronaut.core.io.ResourceResolver;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.server.types.files.StreamedFile;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Hidden;

/** Serves seed 004's {@code /test} page: log in and chat in a room, by hand. */
@Controller
@Secured(SecurityRule.IS_ANONYMOUS)
@Hidden
public class TestPageController {
  private final ResourceResolver resources;

  TestPageController(ResourceResolver resources) {
    this.resources = resources;
  }

  @Get(value = "/test", produces = MediaType.TEXT_HTML)
  public HttpResponse<StreamedFile> testPage() {
    return resources
        .getResourceAsStream("classpath:public/test.html")
        .map(in -> HttpResponse.ok(new StreamedFile(in, MediaType.TEXT_HTML_TYPE)))
        .orElseGet(HttpResponse::notFound);
  }
}
