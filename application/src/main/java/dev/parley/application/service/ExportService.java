package dev.parley.application.service;

import dev.parley.application.port.in.ExportDataUseCase;
import dev.parley.application.port.out.ChannelRepository;
import dev.parley.application.port.out.MessageExport;
import dev.parley.application.port.out.RateBudget;
import dev.parley.application.port.out.ServerRepository;
import dev.parley.application.port.out.ThreadRepository;
import dev.parley.application.port.out.UserRepository;
import dev.parley.domain.channel.Channel;
import dev.parley.domain.channel.ChannelKind;
import dev.parley.domain.channel.MessageThread;
import dev.parley.domain.error.NotFound;
import dev.parley.domain.error.PermissionDenied;
import dev.parley.domain.error.RateLimited;
import dev.parley.domain.message.PostedMessage;
import dev.parley.domain.server.Server;
import dev.parley.domain.user.User;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** Builds account and server exports whose messages are read page by page as they are written. */
public final class ExportService implements ExportDataUseCase {
  private final UserRepository users;
  private final ServerRepository servers;
  private final ChannelRepository channels;
  private final ThreadRepository threads;
  private final MessageExport messages;
  private final AccessGuard guard;
  private final RateBudget budget;
  private final Clock clock;
  private final int pageSize;

  public ExportService(
      UserRepository users,
      ServerRepository servers,
      ChannelRepository channels,
      ThreadRepository threads,
      MessageExport messages,
      AccessGuard guard,
      RateBudget budget,
      Clock clock,
      int pageSize) {
    if (pageSize < 1) {
      throw new IllegalArgumentException("the export page size must be positive");
    }
    this.users = users;
    this.servers = servers;
    this.channels = channels;
    this.threads = threads;
    this.messages = messages;
    this.guard = guard;
    this.budget = budget;
    this.clock = clock;
    this.pageSize = pageSize;
  }

  @Override
  public User accountToExport(long userId) {
    return users.findById(userId).orElseThrow(() -> new NotFound("User not found"));
  }

  @Override
  public AccountExport exportAccount(long userId) {
    User account = accountToExport(userId);
    take("account:" + userId, "Your data was exported moments ago");
    Iterable<PostedMessage> written =
        new Paged<>(
            (after, limit) -> messages.byAuthor(userId, after, limit),
            m -> m.message().id(),
            pageSize);
    return new AccountExport(
        clock.instant(),
        account,
        servers.listForUser(userId),
        channels.conversationsOf(userId),
        written);
  }

  @Override
  public void checkServerExport(long userId, long serverId) {
    ownedServer(userId, serverId);
  }

  private Server ownedServer(long userId, long serverId) {
    guard.requireMember(userId, serverId);
    Server server = servers.findById(serverId).orElseThrow(() -> new NotFound("Server not found"));
    if (!server.isOwnedBy(userId)) {
      throw new PermissionDenied("Only the server's owner can export it");
    }
    return server;
  }

  @Override
  public ServerExport exportServer(long userId, long serverId) {
    Server server = ownedServer(userId, serverId);
    take("server:" + serverId, "This server was exported moments ago");
    // The server's channels, then their threads (kind THREAD), each with its own messages.
    List<ChannelMessages> all =
        Stream.concat(
                channels.listByServer(serverId).stream(),
                threads.channelsOfServer(serverId).stream())
            .map(this::channelMessages)
            .toList();
    return new ServerExport(clock.instant(), server, all);
  }

  private ChannelMessages channelMessages(Channel channel) {
    long id = channel.id();
    Iterable<PostedMessage> read =
        channel.kind().carriesMessages()
            ? new Paged<>(
                (after, limit) -> messages.inChannel(id, after, limit),
                m -> m.message().seq(),
                pageSize)
            : List.of();
    // A thread names its parent; an export is rare and rate limited, so one read per thread.
    MessageThread thread =
        channel.kind() == ChannelKind.THREAD ? threads.findById(id).orElse(null) : null;
    return new ChannelMessages(channel, thread, read);
  }

  /** Refused, not queued: an export is heavy, and a client retrying at once should wait. */
  private void take(String key, String refusal) {
    Optional<Duration> wait = budget.tryTake(key);
    if (wait.isPresent()) {
      throw new RateLimited(refusal + "; try again later", wait.get());
    }
  }
}
