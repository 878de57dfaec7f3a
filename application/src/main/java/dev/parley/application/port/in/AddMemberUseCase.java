package dev.parley.application.port.in;

import dev.parley.application.port.out.MembershipRepository.Member;

/** Adds a user to a server (ADMIN only). */
public interface AddMemberUseCase {
  Member add(AddMemberCommand command);
}
