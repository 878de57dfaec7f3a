package dev.parley.adapters.web.support;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.util.List;

/** Whom the web layer trusts: browser origins (sockets and CORS) and a proxy's X-Forwarded-For. */
@ConfigurationProperties("parley.security")
public class WebSecuritySettings {
  private List<String> allowedOrigins = List.of();
  private boolean allowAnyOrigin;
  private boolean trustForwardedFor;

  /** Exact origins; {@code *} only counts with {@link #isAllowAnyOrigin()}. */
  public List<String> getAllowedOrigins() {
    return allowedOrigins;
  }

  public void setAllowedOrigins(List<String> allowedOrigins) {
    this.allowedOrigins = allowedOrigins == null ? List.of() : allowedOrigins;
  }

  public boolean isAllowAnyOrigin() {
    return allowAnyOrigin;
  }

  public void setAllowAnyOrigin(boolean allowAnyOrigin) {
    this.allowAnyOrigin = allowAnyOrigin;
  }

  /** Only behind a proxy that appends the client's address; otherwise clients could pick theirs. */
  public boolean isTrustForwardedFor() {
    return trustForwardedFor;
  }

  public void setTrustForwardedFor(boolean trustForwardedFor) {
    this.trustForwardedFor = trustForwardedFor;
  }
}
