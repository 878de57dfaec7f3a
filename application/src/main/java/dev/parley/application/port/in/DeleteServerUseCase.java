package dev.parley.application.port.in;

/** Deletes a server with everything in it (ADMIN only; never the public server). */
public interface DeleteServerUseCase {
  void delete(long actorId, long serverId);
}
