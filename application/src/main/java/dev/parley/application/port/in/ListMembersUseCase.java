package dev.parley.application.port.in;

import dev.parley.domain.server.Member;
import java.util.List;

/** The members of a server the caller belongs to. */
public interface ListMembersUseCase {
  List<Member> list(long userId, long serverId);
}
