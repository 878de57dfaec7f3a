package dev.parley.application.port.in;

import dev.parley.application.port.out.MembershipRepository.Member;
import java.util.List;

/** The members of a server the caller belongs to. */
public interface ListMembersUseCase {
  List<Member> list(long userId, long serverId);
}
