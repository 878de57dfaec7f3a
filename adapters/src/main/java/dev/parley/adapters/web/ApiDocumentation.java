package dev.parley.adapters.web;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Hidden;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import java.net.URI;

/** Describes the REST API for the OpenAPI generator and sends {@code /docs} to its UI. */
@OpenAPIDefinition(
    info =
        @Info(
            title = "Parley",
            version = "0.1.0",
            description =
                "Real-time chat backend. The socket protocol is described in docs/protocol.md."),
    security = @SecurityRequirement(name = "bearer"))
@SecurityScheme(
    name = "bearer",
    type = SecuritySchemeType.HTTP,
    scheme = "bearer",
    bearerFormat = "JWT")
@Controller
@Secured(SecurityRule.IS_ANONYMOUS)
@Hidden
public class ApiDocumentation {

  @Get("/docs")
  public HttpResponse<?> docs() {
    return HttpResponse.seeOther(URI.create("/swagger-ui/index.html"));
  }
}
