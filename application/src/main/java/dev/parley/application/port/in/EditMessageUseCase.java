package dev.parley.application.port.in;

import dev.parley.domain.message.PostedMessage;

/** Changes a message's text; only its author may. */
public interface EditMessageUseCase {
  PostedMessage edit(EditMessageCommand command);
}
