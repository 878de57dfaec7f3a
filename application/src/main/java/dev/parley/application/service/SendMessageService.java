package dev.parley.application.service;

import dev.parley.application.port.in.SendMessageCommand;
import dev.parley.application.port.in.SendMessageUseCase;
import dev.parley.application.port.out.AttachmentRepository;
import dev.parley.application.port.out.ChatEventPublisher;
import dev.parley.application.port.out.MessageRepository;
import dev.parley.application.port.out.MessageRepository.NewMessage;
import dev.parley.application.port.out.MessageRepository.NonceAlreadyUsed;
import dev.parley.application.port.out.ReadStateRepository;
import dev.parley.application.port.out.ThreadRepository;
import dev.parley.application.port.out.Transactions;
import dev.parley.application.port.out.UserRepository;
import dev.parley.application.service.AccessGuard.ChannelAccess;
import dev.parley.domain.channel.Channel;
import dev.parley.domain.channel.ChannelKind;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * Posts a message: checks the caller may see and write to the channel, stores it with the next seq
 * in one statement, and publishes it only once committed. A nonce seen before returns the stored
 * message and announces it again (delivery passes each change once). Attachments are linked in the
 * same transaction as the append. Sends are pipelined: a send is checked and handed to the store,
 * and the caller may check the next one while it commits; per channel, they are stored and
 * announced in the order they were handed over.
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
  private final ThreadRepository threads;
  private final Executor announcer;
  private final Lane[] lanes = new Lane[1024];

  /** How recent a resent message must be to be announced again (see {@link #duplicate}). */
  static final Duration REANNOUNCE_WITHIN = Duration.ofMinutes(5);

  /**
   * {@code announcer} publishes pipelined sends once stored; it must not run work that waits for
   * other sends ({@code Runnable::run} announces on the thread that completes the append).
   */
  public SendMessageService(
      AccessGuard guard,
      MessageRepository messages,
      UserRepository users,
      ReadStateRepository readStates,
      AttachmentRepository attachments,
      Transactions tx,
      ThreadRepository threads,
      ChatEventPublisher events,
      Clock clock,
      Executor announcer) {
    this.announcer = announcer;
    this.threads = threads;
    this.guard = guard;
    this.messages = messages;
    this.users = users;
    this.readStates = readStates;
    this.attachments = attachments;
    this.tx = tx;
    this.events = events;
    this.clock = clock;
    this.mentions = new Mentions(users, guard);
    for (int i = 0; i < lanes.length; i++) {
      lanes[i] = new Lane();
    }
  }

  @Override
  public SendResult send(SendMessageCommand command) {
    try {
      return sendPipelined(command).join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      throw e;
    }
  }

  @Override
  public CompletableFuture<SendResult> sendPipelined(SendMessageCommand command) {
    ChannelAccess access =
        guard.requirePoster(
            command.userId(), command.channelId(), command.expected(), clock.instant());
    Channel channel = access.channel();
    // Read with the channel and membership, in the same round trip.
    User author = access.caller().orElseThrow(() -> new NotFound("User not found"));
    return post(command, channel, author, null, null);
  }

  /**
   * Posts as an incoming webhook's poster account, shown as {@code displayName}: the webhook's
   * secret authorised it, so no membership is checked; everything after that is a normal send's.
   * The caller has checked that the channel takes messages.
   */
  SendResult sendFromWebhook(
      SendMessageCommand command,
      Channel channel,
      User poster,
      long webhookId,
      String displayName) {
    try {
      return post(command, channel, poster, webhookId, displayName).join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      throw e;
    }
  }

  /** Checks what the message refers to, then stores and announces it (see the class comment). */
  private CompletableFuture<SendResult> post(
      SendMessageCommand command,
      Channel channel,
      User author,
      Long webhookId,
      String displayName) {
    // A plain resend is caught by the append itself (the nonce is unique per author), which saves
    // a query on every send; with a reply or attachments the original must be found before
    // their checks, which a resend would fail (its files are attached already).
    boolean checksDependOnNonce = command.replyToId() != null || !command.attachmentIds().isEmpty();
    if (command.nonce() != null && checksDependOnNonce) {
      Optional<Message> earlier = messages.findByNonce(command.userId(), command.nonce());
      if (earlier.isPresent()) {
        return CompletableFuture.completedFuture(
            duplicate(earlier.get(), command, author, channel));
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
    if (channel.kind() == ChannelKind.THREAD) {
      // Here, on the sender's thread, not once stored: announcing must not wait on the database.
      // A reply that then fails leaves its sender following the thread, which is harmless.
      threads.followImplicitly(channel.id(), command.userId(), clock.instant());
    }
    List<Long> mentioned = mentions.resolve(command.content(), channel, command.userId());
    NewMessage message =
        new NewMessage(
            channel.id(),
            command.userId(),
            command.content(),
            clock.instant(),
            command.replyToId(),
            command.nonce(),
            webhookId,
            displayName);
    Lane lane = lanes[Math.floorMod(Long.hashCode(channel.id()), lanes.length)];
    // The lane's lock orders the appends of its channels; its chain orders their announcements,
    // so every connection on this node receives a channel's messages in seq order.
    synchronized (lane) {
      // A webhook's message is rare and carries columns the batched insert does not: it is stored
      // alone, below, after the sends before it.
      if (mentioned.isEmpty() && files.isEmpty() && webhookId == null) {
        CompletableFuture<Stored> stored =
            messages.appendLater(message).handle((m, failure) -> new Stored(m, failure));
        CompletableFuture<SendResult> sent =
            lane.announced
                .thenCombine(stored, (previous, outcome) -> outcome)
                .thenApplyAsync(
                    outcome -> announce(outcome, command, author, channel, files, mentioned),
                    announcer);
        lane.announced = sent.handle((result, failure) -> null);
        return sent;
      }
      // Mentions and files are written in the message's transaction, which is not batched: the
      // sends before it in this lane go first, so that seqs and announcements stay in order.
      lane.announced.join();
      Stored stored;
      try {
        stored =
            new Stored(
                tx.inTransaction(
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
                    }),
                null);
      } catch (RuntimeException e) {
        stored = new Stored(null, e);
      }
      try {
        return CompletableFuture.completedFuture(
            announce(stored, command, author, channel, files, mentioned));
      } catch (RuntimeException e) {
        return CompletableFuture.failedFuture(e);
      }
    }
  }

  /**
   * Publishes a stored message (and its mentions), or answers a failed append: a reused nonce
   * returns the earlier message, anything else is rethrown.
   */
  private SendResult announce(
      Stored outcome,
      SendMessageCommand command,
      User author,
      Channel channel,
      List<Attachment> files,
      List<Long> mentioned) {
    Throwable failure =
        outcome.failure() instanceof CompletionException wrapped && wrapped.getCause() != null
            ? wrapped.getCause()
            : outcome.failure();
    if (failure instanceof NonceAlreadyUsed) {
      Message earlier =
          messages
              .findByNonce(command.userId(), command.nonce())
              .orElseThrow(() -> new IllegalStateException("nonce conflict without a message"));
      return duplicate(earlier, command, author, channel);
    }
    if (failure instanceof RuntimeException runtime) {
      throw runtime;
    }
    if (failure != null) {
      throw new IllegalStateException("the message could not be stored", failure);
    }
    Message stored = outcome.message();
    PostedMessage posted =
        PostedMessage.of(stored, author, channel)
            .withAttachments(files.stream().map(a -> a.attachedTo(stored.id())).toList());
    events.publish(new MessageCreated(posted, mentioned));
    for (long user : mentioned) {
      events.publish(new MentionCreated(user, posted));
    }
    return new SendResult(posted, false);
  }

  /** An append's outcome: the stored message, or why it was not stored. */
  private record Stored(Message message, Throwable failure) {}

  /**
   * A stripe of channels. Its lock is held while a send is handed to the store; {@code announced}
   * completes once the last send handed over is stored and announced (never exceptionally).
   */
  private static final class Lane {
    private CompletableFuture<Void> announced = CompletableFuture.completedFuture(null);
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
        PostedMessage.of(earlier, author, channel)
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
