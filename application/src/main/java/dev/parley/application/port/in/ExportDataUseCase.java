package dev.parley.application.port.in;

import dev.parley.domain.channel.Channel;
import dev.parley.domain.channel.MessageThread;
import dev.parley.domain.message.PostedMessage;
import dev.parley.domain.server.Server;
import dev.parley.domain.server.ServerWithRole;
import dev.parley.domain.user.User;
import java.time.Instant;
import java.util.List;

/**
 * Data exports: a user's own account and every message they wrote, and a whole server for its
 * owner. Messages come as iterables that read the store a page at a time while they are walked, so
 * an export of any size holds one page in memory; walk each at most once, soon after the call.
 */
public interface ExportDataUseCase {

  /** The caller's account, their servers and conversations, and the messages they wrote, by id. */
  record AccountExport(
      Instant exportedAt,
      User account,
      List<ServerWithRole> servers,
      List<Channel> conversations,
      Iterable<PostedMessage> messages) {}

  /** A server with each of its channels' messages, oldest first within a channel. */
  record ServerExport(Instant exportedAt, Server server, List<ChannelMessages> channels) {}

  /**
   * One channel of a server export and its messages, read when walked; {@code thread} says where a
   * thread branches from (null for the server's own channels).
   */
  record ChannelMessages(Channel channel, MessageThread thread, Iterable<PostedMessage> messages) {}

  /** Everything the user wrote; RateLimited when they exported too recently. */
  AccountExport exportAccount(long userId);

  /**
   * The account {@link #exportAccount} would export, without exporting or spending the rate limit
   * (what a HEAD request asks).
   */
  User accountToExport(long userId);

  /**
   * The whole server, for its owner only: NotFound for a non-member (as every server route),
   * PermissionDenied for a member who is not the owner, RateLimited when exported too recently.
   */
  ServerExport exportServer(long userId, long serverId);

  /**
   * Whether {@link #exportServer} would be allowed, as its NotFound or PermissionDenied, without
   * exporting or spending the rate limit (what a HEAD request asks).
   */
  void checkServerExport(long userId, long serverId);
}
