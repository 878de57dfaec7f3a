package dev.parley.application.port.in;

/** Removes a member (ADMIN), or lets a member leave; the owner stays. */
public interface RemoveMemberUseCase {
  void remove(long actorId, long serverId, long userId);
}
