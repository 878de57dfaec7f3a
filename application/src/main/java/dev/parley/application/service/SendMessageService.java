package dev.parley.application.service;

import dev.parley.application.port.in.SendMessageCommand;
import dev.parley.application.port.in.SendMessageUseCase;
import dev.parley.application.port.out.AttachmentRepository;
import dev.parley.application.port.out.ChatEventPublisher;
import dev.parley.application.port.out.MessageRepository;
import dev.parley.application.port.out.MessageRepository.NewMessage;
import dev.parley.application.port.out.MessageRepository.NonceAlreadyUsed;
import dev.parley.application.port.out.ReadStateRepository;
import dev.parley.application.port.out.Transactions;
import dev.parley.application.port.out.UserRepository;
import dev.parley.application.service.AccessGuard.ChannelAccess;
import dev.parley.domain.channel.Channel;
import dev.parley.domain.error.Conflict;
import dev.parley.domain.error.InvalidInput;
import dev.parley.domain.error.NotFound;
import dev.parley.domain.event.MentionCreated;
import dev.parley.domain.event.MessageCreated;
import dev.parley.domain.message.Attachment;
import dev.parley.domain.message.Message;
import dev.parley.domain.message.PostedMessage;
import dev.parley.domain.user.User;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Posts a message: checks the caller may see and write to the channel, stores it with the next seq
 * in one statement, and publishes it only once committed. A nonce seen before returns the stored
 * message and announces it again (delivery passes each change once). Attachments are linked in the
 * same transaction as the append.
 */
public final class SendMessageService implements SendMessageUseCase {
  private final AccessGuard guard;
  private final MessageRepository messages;
  private final UserRepository users;
  private final ChatEventPublisher events;
  private final Clock clock;
  private final Mentions mentions;
  private final ReadStateRepository readStates;
  private final AttachmentRepository attachments;
  private final Transactions tx;
  private final Object[] channelLocks = new Object[1024];

  /** How recent a resent message must be to be announced again (see {@link #duplicate}). */
  static final Duration REANNOUNCE_WITHIN = Duration.ofMinutes(5);

  public SendMessageService(
      AccessGuard guard,
      MessageRepository messages,
      UserRepository users,
      ReadStateRepository readStates,
      AttachmentRepository attachments,
      Transactions tx,
      ChatEventPublisher events,
      Clock clock) {
    this.guard = guard;
    this.messages = messages;
    this.users = users;
    this.readStates = readStates;
    this.attachments = attachments;
    this.tx = tx;
    this.events = events;
    this.clock = clock;
    this.mentions = new Mentions(users, guard);
    for (int i = 0; i < channelLocks.length; i++) {
      channelLocks[i] = new Object();
    }
  }

  @Override
  public SendResult send(SendMessageCommand command) {
    ChannelAccess access =
        guard.requirePoster(
            command.userId(), command.channelId(), command.expectedServerId(), clock.instant());
    Channel channel = access.channel();
    // Read with the channel and membership, in the same round trip.
    User author = access.caller().orElseThrow(() -> new NotFound("User not found"));
    // A plain resend is caught by the append itself (the nonce is unique per author), which saves
    // a query on every send; with a reply or attachments the original must be found before
    // their checks, which a resend would fail (its files are attached already).
    boolean checksDependOnNonce = command.replyToId() != null || !command.attachmentIds().isEmpty();
    if (command.nonce() != null && checksDependOnNonce) {
      Optional<Message> earlier = messages.findByNonce(command.userId(), command.nonce());
      if (earlier.isPresent()) {
        return duplicate(earlier.get(), command, author, channel);
      }
    }
    if (command.replyToId() != null) {
      Message replied =
          messages
              .findById(command.replyToId())
              .filter(m -> m.channelId() == channel.id())
              .orElseThrow(
                  () -> new InvalidInput("reply_to", "reply_to must be a message of this channel"));
      if (replied.isDeleted()) {
        throw new InvalidInput("reply_to", "cannot reply to a deleted message");
      }
    }
    List<Attachment> files = attachable(command, channel);
    // Append and publish under the channel's lock: the store serialises writers by seq anyway,
    // and this way every connection on this node receives a channel's messages in seq order.
    Object lock = channelLocks[Math.floorMod(Long.hashCode(channel.id()), channelLocks.length)];
    List<Long> mentioned = mentions.resolve(command.content(), channel, command.userId());
    NewMessage message =
        new NewMessage(
            channel.id(),
            command.userId(),
            command.content(),
            clock.instant(),
            command.replyToId(),
            command.nonce());
    synchronized (lock) {
      Message stored;
      try {
        stored =
            mentioned.isEmpty() && files.isEmpty()
                ? messages.append(message)
                : tx.inTransaction(
                    () -> {
                      Message m = messages.append(message);
                      if (!mentioned.isEmpty()) {
                        readStates.addMentions(m.id(), m.channelId(), m.seq(), mentioned);
                      }
                      if (!files.isEmpty()
                          && attachments.attachToMessage(command.attachmentIds(), m.id())
                              != files.size()) {
                        // Rolls the message back: a concurrent send took one of the files.
                        throw new InvalidInput(
                            "attachment_ids", "an attachment was just sent with another message");
                      }
                      return m;
                    });
      } catch (NonceAlreadyUsed raced) {
        Message earlier =
            messages
                .findByNonce(command.userId(), command.nonce())
                .orElseThrow(() -> new IllegalStateException("nonce conflict without a message"));
        return duplicate(earlier, command, author, channel);
      }
      PostedMessage posted =
          PostedMessage.of(stored, author.username().value(), channel)
              .withAttachments(files.stream().map(a -> a.attachedTo(stored.id())).toList());
      events.publish(new MessageCreated(posted, mentioned));
      for (long user : mentioned) {
        events.publish(new MentionCreated(user, posted));
      }
      return new SendResult(posted, false);
    }
  }

  /**
   * The caller's uploads the message is to carry, checked before anything is written. Another
   * user's upload is reported as not being the caller's, whether it exists or not.
   */
  private List<Attachment> attachable(SendMessageCommand command, Channel channel) {
    List<Attachment> files = new ArrayList<>();
    for (long id : command.attachmentIds()) {
      Attachment file =
          attachments
              .findById(id)
              .filter(a -> a.uploaderId() == command.userId())
              .orElseThrow(
                  () ->
                      new InvalidInput(
                          "attachment_ids", "attachment " + id + " is not one of your uploads"));
      if (file.channelId() != channel.id()) {
        throw new InvalidInput(
            "attachment_ids", "attachment " + id + " was uploaded to another channel");
      }
      if (file.isAttached()) {
        throw new InvalidInput(
            "attachment_ids", "attachment " + id + " is already attached to a message");
      }
      files.add(file);
    }
    return files;
  }

  private SendResult duplicate(
      Message earlier, SendMessageCommand command, User author, Channel channel) {
    if (earlier.channelId() != command.channelId()) {
      throw new Conflict("This nonce was already used for a message in another channel");
    }
    PostedMessage posted =
        PostedMessage.of(earlier, author.username().value(), channel)
            .withAttachments(attachments.findByMessageIds(List.of(earlier.id())));
    if (Duration.between(earlier.createdAt(), clock.instant()).compareTo(REANNOUNCE_WITHIN) < 0) {
      // The first attempt may have committed without being announced (its node lost the commit's
      // answer, or died right after it). Announcing again is safe: each node delivers a change
      // once, by its position, so clients that had it do not get it twice.
      events.publish(new MessageCreated(posted));
    }
    return new SendResult(posted, true);
  }
}
