package dev.parley.application.contract;

import dev.parley.application.fakes.InMemoryAttachmentRepository;
import dev.parley.application.fakes.InMemoryBanRepository;
import dev.parley.application.fakes.InMemoryChannelChangeLog;
import dev.parley.application.fakes.InMemoryChannelRepository;
import dev.parley.application.fakes.InMemoryInviteRepository;
import dev.parley.application.fakes.InMemoryMembershipRepository;
import dev.parley.application.fakes.InMemoryMessageExport;
import dev.parley.application.fakes.InMemoryMessageRepository;
import dev.parley.application.fakes.InMemoryMessageSearch;
import dev.parley.application.fakes.InMemoryPinRepository;
import dev.parley.application.fakes.InMemoryReactionRepository;
import dev.parley.application.fakes.InMemoryReadStateRepository;
import dev.parley.application.fakes.InMemoryServerRepository;
import dev.parley.application.fakes.InMemorySessionRepository;
import dev.parley.application.fakes.InMemorySocketTicketStore;
import dev.parley.application.fakes.InMemoryStore;
import dev.parley.application.fakes.InMemoryThreadRepository;
import dev.parley.application.fakes.InMemoryUserRepository;
import dev.parley.application.fakes.InMemoryWebhookStore;

/** The in-memory fakes as {@link OutPorts}; a new one per test, so no test sees another's rows. */
final class InMemoryOutPorts implements OutPorts {
  private final InMemoryStore store = new InMemoryStore();
  private final InMemoryServerRepository servers = new InMemoryServerRepository(store);
  private final InMemoryMembershipRepository memberships = new InMemoryMembershipRepository(store);
  private final InMemoryBanRepository bans = new InMemoryBanRepository(store);
  private final InMemoryInviteRepository invites = new InMemoryInviteRepository(store);
  private final InMemoryChannelRepository channels = new InMemoryChannelRepository(store);
  private final InMemoryMessageRepository messages = new InMemoryMessageRepository(store);
  private final InMemoryReactionRepository reactions = new InMemoryReactionRepository(store);
  private final InMemoryPinRepository pins = new InMemoryPinRepository(store);
  private final InMemoryThreadRepository threads = new InMemoryThreadRepository(store);
  private final InMemoryAttachmentRepository attachments = new InMemoryAttachmentRepository(store);
  private final InMemoryReadStateRepository readStates = new InMemoryReadStateRepository(store);
  private final InMemoryChannelChangeLog changes = new InMemoryChannelChangeLog(store);
  private final InMemoryMessageSearch search = new InMemoryMessageSearch(store);
  private final InMemoryMessageExport exports = new InMemoryMessageExport(store);
  // These two fakes keep their own maps and check no foreign keys, so they take no store.
  private final InMemorySessionRepository sessions = new InMemorySessionRepository();
  private final InMemorySocketTicketStore tickets = new InMemorySocketTicketStore();

  @Override
  public InMemoryUserRepository users() {
    return store.users();
  }

  @Override
  public InMemoryServerRepository servers() {
    return servers;
  }

  @Override
  public InMemoryMembershipRepository memberships() {
    return memberships;
  }

  @Override
  public InMemoryBanRepository bans() {
    return bans;
  }

  @Override
  public InMemoryInviteRepository invites() {
    return invites;
  }

  @Override
  public InMemoryChannelRepository channels() {
    return channels;
  }

  @Override
  public InMemoryMessageRepository messages() {
    return messages;
  }

  @Override
  public InMemoryPinRepository pins() {
    return pins;
  }

  @Override
  public InMemoryThreadRepository threads() {
    return threads;
  }

  @Override
  public InMemoryReactionRepository reactions() {
    return reactions;
  }

  @Override
  public InMemoryAttachmentRepository attachments() {
    return attachments;
  }

  @Override
  public InMemoryReadStateRepository readStates() {
    return readStates;
  }

  @Override
  public InMemoryChannelChangeLog changes() {
    return changes;
  }

  @Override
  public InMemoryMessageExport exports() {
    return exports;
  }

  @Override
  public InMemoryMessageSearch search() {
    return search;
  }

  @Override
  public InMemorySessionRepository sessions() {
    return sessions;
  }

  @Override
  public InMemorySocketTicketStore tickets() {
    return tickets;
  }

  private InMemoryWebhookStore webhooks;

  @Override
  public synchronized InMemoryWebhookStore webhooks() {
    if (webhooks == null) {
      webhooks = new InMemoryWebhookStore(channels(), changes());
    }
    return webhooks;
  }

  /** The same fake as {@link #webhooks}: the two ports share one state, as in the database. */
  @Override
  public InMemoryWebhookStore webhookOutbox() {
    return webhooks();
  }
}
