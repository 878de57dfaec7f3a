package dev.parley.application.service;

import dev.parley.application.port.in.IncomingHooksUseCase;
import dev.parley.application.port.in.SendMessageCommand;
import dev.parley.application.port.in.SendMessageUseCase.SendResult;
import dev.parley.application.port.out.ChannelRepository;
import dev.parley.application.port.out.IncomingHookRepository;
import dev.parley.application.port.out.IncomingHookRepository.ActiveHook;
import dev.parley.application.port.out.IncomingHookRepository.NewHook;
import dev.parley.application.port.out.RateBudget;
import dev.parley.application.port.out.Transactions;
import dev.parley.application.port.out.UserRepository;
import dev.parley.application.port.out.UserRepository.NewUser;
import dev.parley.application.service.AccessGuard.ChannelAccess;
import dev.parley.domain.channel.Channel;
import dev.parley.domain.channel.ChannelExpectation;
import dev.parley.domain.channel.ChannelKind;
import dev.parley.domain.error.Conflict;
import dev.parley.domain.error.InvalidInput;
import dev.parley.domain.error.NotFound;
import dev.parley.domain.error.PermissionDenied;
import dev.parley.domain.error.RateLimited;
import dev.parley.domain.message.MessageText;
import dev.parley.domain.server.Permission;
import dev.parley.domain.user.User;
import dev.parley.domain.user.Username;
import dev.parley.domain.webhook.IncomingHook;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Incoming webhooks. Each webhook posts as a bot account of its own that belongs to no server: it
 * is in no member list, cannot be kicked, signs in nowhere (no password, no token), and its nonces
 * are its own, so a retried post returns the first message by the same unique index that makes a
 * person's sends idempotent. Posting goes through {@link SendMessageService}'s own path (storage,
 * change log, fan-out, mentions), minus the membership check the secret stands in for.
 */
public final class IncomingHookService implements IncomingHooksUseCase {
  /** What marks a webhook secret. */
  static final String SECRET_PREFIX = "pwh_";

  /** Active webhooks a channel may have. */
  static final int MAX_PER_CHANNEL = 10;

  /** The answer to every post that cannot be authorised, whatever the reason. */
  private static final String MISSING = "Webhook not found";

  private static final SecureRandom RANDOM = new SecureRandom();

  private final AccessGuard guard;
  private final ChannelRepository channels;
  private final UserRepository users;
  private final IncomingHookRepository hooks;
  private final SendMessageService sender;
  private final RateBudget budget;
  private final Transactions tx;
  private final Clock clock;

  /** {@code budget} limits the posts of each webhook, keyed by its id. */
  public IncomingHookService(
      AccessGuard guard,
      ChannelRepository channels,
      UserRepository users,
      IncomingHookRepository hooks,
      SendMessageService sender,
      RateBudget budget,
      Transactions tx,
      Clock clock) {
    this.guard = guard;
    this.channels = channels;
    this.users = users;
    this.hooks = hooks;
    this.sender = sender;
    this.budget = budget;
    this.tx = tx;
    this.clock = clock;
  }

  @Override
  public HookWithSecret create(long actorId, long channelId, String name) {
    Channel channel = requireManager(actorId, channelId);
    String valid = IncomingHook.validName("name", name);
    if (hooks.activeInChannel(channel.id()).size() >= MAX_PER_CHANNEL) {
      throw new Conflict(
          "A channel has at most " + MAX_PER_CHANNEL + " webhooks; revoke one first");
    }
    String secret = Secrets.random(SECRET_PREFIX);
    Instant now = clock.instant();
    IncomingHook hook =
        tx.inTransaction(
            () -> {
              User poster = users.create(new NewUser(posterName(), null, valid, null, now, true));
              return hooks.create(
                  new NewHook(
                      channel.id(), poster.id(), valid, Secrets.hash(secret), actorId, now));
            });
    return new HookWithSecret(hook, secret);
  }

  @Override
  public List<IncomingHook> list(long actorId, long channelId) {
    requireManager(actorId, channelId);
    return hooks.activeInChannel(channelId);
  }

  @Override
  public void revoke(long actorId, long channelId, long hookId) {
    requireHook(actorId, channelId, hookId);
    if (!hooks.revoke(hookId, clock.instant())) {
      throw new NotFound(MISSING); // revoked concurrently
    }
  }

  @Override
  public HookWithSecret rotateSecret(long actorId, long channelId, long hookId) {
    IncomingHook hook = requireHook(actorId, channelId, hookId);
    String secret = Secrets.random(SECRET_PREFIX);
    if (!hooks.replaceSecret(hookId, Secrets.hash(secret))) {
      throw new NotFound(MISSING);
    }
    return new HookWithSecret(hook, secret);
  }

  @Override
  public SendResult post(long hookId, String secret, HookPost post) {
    // The stored hash is compared with the presented secret's in constant time: a timing
    // difference would tell how much of a guess was right.
    IncomingHook hook =
        hooks
            .findActive(hookId)
            .filter(h -> secret != null && Secrets.sameHash(h.secretHash(), Secrets.hash(secret)))
            .map(ActiveHook::hook)
            .orElseThrow(() -> new NotFound(MISSING));
    Optional<Duration> wait = budget.tryTake("hook:" + hook.id());
    if (wait.isPresent()) {
      throw new RateLimited("Too many posts to this webhook; try again later", wait.get());
    }
    if (post == null) {
      throw new InvalidInput("text", "message text must not be empty");
    }
    MessageText text = new MessageText(post.text());
    String shownAs =
        post.username() == null ? hook.name() : IncomingHook.validName("username", post.username());
    SendMessageCommand command =
        new SendMessageCommand(
            hook.posterId(), hook.channelId(), ChannelExpectation.ANY, text, post.nonce(), null);
    // Deleting the channel deletes its webhooks, and a poster account is never removed; either
    // missing means the webhook went away meanwhile.
    Channel channel = channels.findById(hook.channelId()).orElseThrow(() -> new NotFound(MISSING));
    User poster = users.findById(hook.posterId()).orElseThrow(() -> new NotFound(MISSING));
    return sender.sendFromWebhook(command, channel, poster, hook.id(), shownAs);
  }

  /**
   * The channel, when the caller is an admin of its server and it is a text channel. A channel they
   * may not see is NotFound; a voice channel or a conversation cannot have webhooks.
   */
  private Channel requireManager(long actorId, long channelId) {
    ChannelAccess access = guard.requireChannel(actorId, channelId, ChannelExpectation.ANY);
    Channel channel = access.channel();
    if (channel.kind() != ChannelKind.TEXT) {
      throw new InvalidInput(
          "channelId",
          switch (channel.kind()) {
            case DM, GROUP -> "Webhooks post to text channels of a server, not to conversations";
            case THREAD -> "Webhooks post to text channels, not to threads";
            default -> "Webhooks post to text channels, not to voice channels";
          });
    }
    if (!access.membership().allows(Permission.MANAGE_CHANNELS)) {
      throw new PermissionDenied("Only admins can manage the channel's webhooks");
    }
    guard.requireActive(access.membership());
    return channel;
  }

  /** An active webhook of a channel the caller manages. */
  private IncomingHook requireHook(long actorId, long channelId, long hookId) {
    requireManager(actorId, channelId);
    return hooks
        .findActive(hookId)
        .map(ActiveHook::hook)
        .filter(h -> h.channelId() == channelId)
        .orElseThrow(() -> new NotFound(MISSING));
  }

  /** A unique name for a poster account (people see the webhook's name, never this one). */
  private static Username posterName() {
    byte[] bytes = new byte[8];
    RANDOM.nextBytes(bytes);
    return new Username("webhook-" + HexFormat.of().formatHex(bytes));
  }
}
