package dev.parley.application.contract;

import dev.parley.application.port.out.AttachmentRepository;
import dev.parley.application.port.out.BanRepository;
import dev.parley.application.port.out.ChannelChangeLog;
import dev.parley.application.port.out.ChannelRepository;
import dev.parley.application.port.out.InviteRepository;
import dev.parley.application.port.out.MembershipRepository;
import dev.parley.application.port.out.MessageExport;
import dev.parley.application.port.out.MessageRepository;
import dev.parley.application.port.out.MessageSearch;
import dev.parley.application.port.out.PinRepository;
import dev.parley.application.port.out.ReactionRepository;
import dev.parley.application.port.out.ReadStateRepository;
import dev.parley.application.port.out.ServerRepository;
import dev.parley.application.port.out.SessionRepository;
import dev.parley.application.port.out.SocketTicketStore;
import dev.parley.application.port.out.ThreadRepository;
import dev.parley.application.port.out.UserRepository;
import dev.parley.application.port.out.WebhookOutbox;
import dev.parley.application.port.out.WebhookStore;

/** The stored-state out-ports the repository contracts use, all over one store. */
public interface OutPorts {
  UserRepository users();

  ServerRepository servers();

  MembershipRepository memberships();

  BanRepository bans();

  InviteRepository invites();

  ChannelRepository channels();

  MessageRepository messages();

  ReactionRepository reactions();

  PinRepository pins();

  ThreadRepository threads();

  AttachmentRepository attachments();

  ReadStateRepository readStates();

  ChannelChangeLog changes();

  MessageSearch search();

  MessageExport exports();

  SessionRepository sessions();

  SocketTicketStore tickets();

  WebhookStore webhooks();

  WebhookOutbox webhookOutbox();
}
