package dev.parley.application.port.out;

import dev.parley.application.port.out.WebhookOutbox.PendingEvent;
import java.util.Optional;

/** Posts signed events to webhook targets, refusing targets the network rules forbid. */
public interface WebhookSender {

  /** What the attempt got: an HTTP status, or an error when no answer came. */
  record Outcome(Integer statusCode, String error, long durationMillis) {
    public boolean delivered() {
      return statusCode != null && statusCode >= 200 && statusCode < 300;
    }
  }

  /** Why the URL may not be a target (scheme, or an address the rules refuse); empty if it may. */
  Optional<String> refusal(String url);

  /** Signs and posts the event, checking its target again first. */
  Outcome post(PendingEvent event);
}
