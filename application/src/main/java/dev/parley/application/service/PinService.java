package dev.parley.application.service;

import dev.parley.application.port.in.PinCommand;
import dev.parley.application.port.in.PinUseCase;
import dev.parley.application.port.out.AttachmentRepository;
import dev.parley.application.port.out.ChannelChangeLog;
import dev.parley.application.port.out.ChatEventPublisher;
import dev.parley.application.port.out.MessageRepository;
import dev.parley.application.port.out.PinRepository;
import dev.parley.application.port.out.PinRepository.StoredPin;
import dev.parley.application.port.out.Transactions;
import dev.parley.application.port.out.UserRepository;
import dev.parley.application.service.AccessGuard.ChannelAccess;
import dev.parley.domain.channel.ChannelExpectation;
import dev.parley.domain.error.Conflict;
import dev.parley.domain.error.PermissionDenied;
import dev.parley.domain.event.PinChanged;
import dev.parley.domain.message.Message;
import dev.parley.domain.message.Pin;
import dev.parley.domain.message.PostedMessage;
import dev.parley.domain.server.Permission;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Pins and unpins messages. A message the caller cannot see is "not found", like its channel; in a
 * server only roles with {@link Permission#PIN_MESSAGES} pin, in a conversation every participant.
 * Each change takes a position in the channel's change log in the same transaction, so resume and
 * REST catch-up replay it like an edit or a reaction.
 */
public final class PinService implements PinUseCase {
  /** Discord's limit: enough for a channel's reference messages, small enough to show at once. */
  public static final int DEFAULT_MAX_PER_CHANNEL = 50;

  private final AccessGuard guard;
  private final MessageRepository messages;
  private final PinRepository pins;
  private final UserRepository users;
  private final AttachmentRepository attachments;
  private final ChannelChangeLog changes;
  private final Transactions tx;
  private final ChatEventPublisher events;
  private final Clock clock;
  private final int maxPerChannel;

  public PinService(
      AccessGuard guard,
      MessageRepository messages,
      PinRepository pins,
      UserRepository users,
      AttachmentRepository attachments,
      ChannelChangeLog changes,
      Transactions tx,
      ChatEventPublisher events,
      Clock clock,
      int maxPerChannel) {
    this.guard = guard;
    this.messages = messages;
    this.pins = pins;
    this.users = users;
    this.attachments = attachments;
    this.changes = changes;
    this.tx = tx;
    this.events = events;
    this.clock = clock;
    this.maxPerChannel = maxPerChannel;
  }

  @Override
  public PinChanged pin(PinCommand command) {
    VisibleMessage target =
        VisibleMessage.require(messages, guard, command.userId(), command.messageId(), null);
    Message message = target.message();
    ChannelAccess access = target.access();
    if (access.membership() != null && !access.membership().allows(Permission.PIN_MESSAGES)) {
      throw new PermissionDenied("Only moderators and admins can pin or unpin messages");
    }
    AccessGuard.requireNotTimedOut(access, clock.instant());
    Instant at = clock.instant();
    Long pos = tx.inTransaction(() -> apply(command, message.channelId(), at));
    if (pos == null) {
      return null;
    }
    PinChanged changed =
        new PinChanged(
            message.channelId(),
            access.channel().serverId(),
            message.id(),
            command.userId(),
            nameOf(command.userId()),
            command.pinned(),
            at,
            pos);
    events.publish(changed);
    return changed;
  }

  /** The log position of the change; null when the message was already so. */
  private Long apply(PinCommand command, long channelId, Instant at) {
    if (command.pinned()) {
      switch (pins.pin(channelId, command.messageId(), command.userId(), at, maxPerChannel)) {
        case ALREADY -> {
          return null;
        }
        case FULL ->
            throw new Conflict(
                "This channel already has "
                    + maxPerChannel
                    + " pinned messages, the most allowed; unpin one first");
        case PINNED -> {}
      }
    } else if (!pins.unpin(command.messageId())) {
      return null;
    }
    return changes.record(
        channelId,
        new ChannelChangeLog.Pinned(command.messageId(), command.userId(), command.pinned(), at));
  }

  @Override
  public List<Pin> pins(long userId, long channelId, ChannelExpectation expectation) {
    ChannelAccess access = guard.requireChannel(userId, channelId, expectation);
    List<StoredPin> stored = pins.inChannel(channelId);
    Set<Long> people = new HashSet<>();
    stored.forEach(
        p -> {
          people.add(p.message().authorId());
          people.add(p.pinnedBy());
        });
    Authors names = Authors.of(users, people);
    List<PostedMessage> posted = new ArrayList<>(stored.size());
    for (StoredPin pin : stored) {
      posted.add(names.posted(pin.message(), access.channel()));
    }
    Map<Long, PostedMessage> withFiles =
        MessageAttachments.fill(attachments, posted).stream()
            .collect(Collectors.toMap(p -> p.message().id(), Function.identity()));
    return stored.stream()
        .map(
            p ->
                new Pin(
                    withFiles.get(p.message().id()),
                    p.pinnedBy(),
                    names.name(p.pinnedBy()),
                    p.pinnedAt()))
        .toList();
  }

  private String nameOf(long userId) {
    return users.findById(userId).map(u -> u.username().value()).orElse("user-" + userId);
  }
}
