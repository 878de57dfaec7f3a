package dev.parley.bootstrap.config;

import dev.parley.application.port.in.AddMemberCommand;
import dev.parley.application.port.in.AddMemberUseCase;
import dev.parley.application.port.in.CreateChannelCommand;
import dev.parley.application.port.in.CreateChannelUseCase;
import dev.parley.application.port.in.CreateServerCommand;
import dev.parley.application.port.in.CreateServerUseCase;
import dev.parley.application.port.in.ListChannelsUseCase;
import dev.parley.application.port.in.ListMembersUseCase;
import dev.parley.application.port.in.ListServersUseCase;
import dev.parley.application.port.in.RegisterUserCommand;
import dev.parley.application.port.in.RegisterUserUseCase;
import dev.parley.application.port.out.UserRepository;
import dev.parley.domain.channel.Channel;
import dev.parley.domain.channel.ChannelKind;
import dev.parley.domain.server.Server;
import dev.parley.domain.server.ServerWithRole;
import dev.parley.domain.user.User;
import dev.parley.domain.user.Username;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Seeds what the seeds' sample scripts create, through the ordinary use cases: users {@code admin},
 * {@code user1}, {@code user2} (seed 004); servers "General Discussion", "Gaming Hub" and "Work &
 * Projects" with text and voice channels and every user a member (seeds 000/001); rooms General,
 * Random and Tech Talk (seed 004). Idempotent; on only when the settings say so.
 */
@Singleton
public class DemoData implements ApplicationEventListener<StartupEvent> {
  private static final Logger LOG = LoggerFactory.getLogger(DemoData.class);

  /** A channel the demo servers should have. */
  private record ChannelSeed(String name, ChannelKind kind) {}

  /** The demo admin: by default the public server's operator when demo data is on. */
  public static final String ADMIN = "admin";

  private static final Map<String, String> USERS =
      Map.of(ADMIN, "admin123", "user1", "password123", "user2", "password123");

  private static final Map<String, List<ChannelSeed>> SERVERS = new LinkedHashMap<>();

  static {
    SERVERS.put(
        "General Discussion",
        List.of(
            new ChannelSeed("general", ChannelKind.TEXT),
            new ChannelSeed("random", ChannelKind.TEXT),
            new ChannelSeed("introductions", ChannelKind.TEXT),
            new ChannelSeed("Lounge", ChannelKind.VOICE)));
    SERVERS.put(
        "Gaming Hub",
        List.of(
            new ChannelSeed("general", ChannelKind.TEXT),
            new ChannelSeed("looking-for-group", ChannelKind.TEXT),
            new ChannelSeed("Game Night", ChannelKind.VOICE)));
    SERVERS.put(
        "Work & Projects",
        List.of(
            new ChannelSeed("announcements", ChannelKind.TEXT),
            new ChannelSeed("projects", ChannelKind.TEXT),
            new ChannelSeed("Meeting Room", ChannelKind.VOICE)));
  }

  private static final List<String> ROOMS = List.of("General", "Random", "Tech Talk");

  private final ParleySettings settings;
  private final UserRepository users;
  private final RegisterUserUseCase register;
  private final ListServersUseCase listServers;
  private final CreateServerUseCase createServer;
  private final ListChannelsUseCase listChannels;
  private final CreateChannelUseCase createChannel;
  private final ListMembersUseCase listMembers;
  private final AddMemberUseCase addMember;

  DemoData(
      ParleySettings settings,
      UserRepository users,
      RegisterUserUseCase register,
      ListServersUseCase listServers,
      CreateServerUseCase createServer,
      ListChannelsUseCase listChannels,
      CreateChannelUseCase createChannel,
      ListMembersUseCase listMembers,
      AddMemberUseCase addMember) {
    this.settings = settings;
    this.users = users;
    this.register = register;
    this.listServers = listServers;
    this.createServer = createServer;
    this.listChannels = listChannels;
    this.createChannel = createChannel;
    this.listMembers = listMembers;
    this.addMember = addMember;
  }

  @Override
  public void onApplicationEvent(StartupEvent event) {
    if (settings.demoData()) {
      seed();
    }
  }

  void seed() {
    Map<String, User> demoUsers = new LinkedHashMap<>();
    for (String name : List.of(ADMIN, "user1", "user2")) {
      demoUsers.put(
          name,
          users
              .findByUsername(new Username(name))
              .orElseGet(
                  () ->
                      register.register(
                          RegisterUserCommand.of(name, null, USERS.get(name), null))));
    }
    User admin = demoUsers.get(ADMIN);
    List<ServerWithRole> adminServers = listServers.list(admin.id());
    for (var entry : SERVERS.entrySet()) {
      Server server =
          adminServers.stream()
              .map(ServerWithRole::server)
              .filter(s -> s.name().equals(entry.getKey()))
              .findFirst()
              .orElseGet(
                  () ->
                      createServer.create(
                          new CreateServerCommand(admin.id(), entry.getKey(), null, null)));
      ensureChannels(admin, server, entry.getValue());
      for (User user : demoUsers.values()) {
        boolean member =
            listMembers.list(admin.id(), server.id()).stream()
                .anyMatch(m -> m.membership().userId() == user.id());
        if (!member) {
          addMember.add(new AddMemberCommand(admin.id(), server.id(), user.id(), null, null));
        }
      }
    }
    adminServers.stream()
        .map(ServerWithRole::server)
        .filter(Server::isPublic)
        .findFirst()
        .ifPresent(
            rooms ->
                ensureChannels(
                    admin,
                    rooms,
                    ROOMS.stream().map(r -> new ChannelSeed(r, ChannelKind.TEXT)).toList()));
    LOG.info("Demo data ready: users admin/admin123, user1/password123, user2/password123");
  }

  private void ensureChannels(User admin, Server server, List<ChannelSeed> wanted) {
    List<String> existing =
        listChannels.list(admin.id(), server.id()).stream().map(Channel::name).toList();
    for (ChannelSeed channel : wanted) {
      if (!existing.contains(channel.name())) {
        createChannel.create(
            new CreateChannelCommand(
                admin.id(), server.id(), channel.name(), channel.kind(), null, null, null));
      }
    }
  }
}
