package dev.parley.application.port.in;

import dev.parley.domain.server.ServerWithRole;
import java.util.List;

/** The servers the caller belongs to, with their role in each. */
public interface ListServersUseCase {
  List<ServerWithRole> list(long userId);
}
