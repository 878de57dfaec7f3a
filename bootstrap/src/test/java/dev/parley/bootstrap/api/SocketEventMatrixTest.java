package dev.parley.bootstrap.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.adapters.web.chat.NativeGateway;
import dev.parley.bootstrap.support.Api;
import dev.parley.bootstrap.support.Api.Response;
import dev.parley.bootstrap.support.Api.Session;
import dev.parley.bootstrap.support.ApiTestBase;
import dev.parley.bootstrap.support.Fixtures;
import dev.parley.bootstrap.support.WsClient;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The access matrix of the native gateway: every client frame type, sent by an outsider, a member,
 * a moderator and an admin of a server, is answered or refused exactly as the rules say, and an
 * outsider's open socket never receives a frame about that server from any of it.
 */
@MicronautTest(transactional = false)
class SocketEventMatrixTest extends ApiTestBase {
  /** Who sends. */
  enum Who {
    OUTSIDER,
    MEMBER,
    MODERATOR,
    ADMIN,
    /** A member under a timeout: reads, and writes nothing. */
    TIMED_OUT
  }

  /**
   * What a frame type expects: who may send it, the frame, and how success shows: a frame of {@code
   * answer} on the sender's socket, or, when {@code seenByBystander}, on a bystander's.
   */
  record Rule(Set<Who> allowed, String frame, String answer, boolean seenByBystander) {}

  private static final Set<Who> EVERYONE = EnumSet.allOf(Who.class);
  private static final Set<Who> MEMBERS = EnumSet.of(Who.MEMBER, Who.MODERATOR, Who.ADMIN);
  private static final Set<Who> AUTHOR = EnumSet.of(Who.MEMBER);
  private static final Set<Who> MODERATORS = EnumSet.of(Who.MODERATOR, Who.ADMIN);
  private static final String EMOJI = "👍";
  private static final Duration QUIET = Duration.ofMillis(700);

  private static final Map<String, Rule> RULES = new LinkedHashMap<>();

  static {
    String channel = "\"serverId\":{server},\"channelId\":{channel}";
    RULES.put(
        "send_message",
        new Rule(
            MEMBERS,
            "{\"type\":\"send_message\"," + channel + ",\"text\":\"hi\",\"nonce\":\"{nonce}\"}",
            "message_ack",
            false));
    RULES.put(
        "typing_start",
        new Rule(MEMBERS, "{\"type\":\"typing_start\"," + channel + "}", "typing_start", true));
    RULES.put(
        "typing_stop",
        new Rule(MEMBERS, "{\"type\":\"typing_stop\"," + channel + "}", "typing_stop", true));
    RULES.put("heartbeat", new Rule(EVERYONE, "{\"type\":\"heartbeat\"}", "heartbeat_ack", false));
    RULES.put("ping", new Rule(EVERYONE, "{\"type\":\"ping\"}", "heartbeat_ack", false));
    RULES.put(
        "edit_message",
        new Rule(
            AUTHOR,
            "{\"type\":\"edit_message\",\"messageId\":{message},\"text\":\"edited\"}",
            "message_updated",
            false));
    RULES.put(
        "delete_message",
        new Rule(
            MEMBERS,
            "{\"type\":\"delete_message\",\"messageId\":{message}}",
            "message_deleted",
            false));
    RULES.put(
        "add_reaction",
        new Rule(
            MEMBERS,
            "{\"type\":\"add_reaction\",\"messageId\":{message},\"emoji\":\"" + EMOJI + "\"}",
            "reaction_added",
            false));
    RULES.put(
        "remove_reaction",
        new Rule(
            MEMBERS,
            "{\"type\":\"remove_reaction\",\"messageId\":{message},\"emoji\":\"" + EMOJI + "\"}",
            "reaction_removed",
            false));
    RULES.put(
        "pin_message",
        new Rule(
            MODERATORS,
            "{\"type\":\"pin_message\",\"messageId\":{message}}",
            "message_pinned",
            false));
    RULES.put(
        "unpin_message",
        new Rule(
            MODERATORS,
            "{\"type\":\"unpin_message\",\"messageId\":{message}}",
            "message_unpinned",
            false));
    RULES.put(
        "mark_read",
        new Rule(
            EnumSet.of(Who.MEMBER, Who.MODERATOR, Who.ADMIN, Who.TIMED_OUT),
            "{\"type\":\"mark_read\",\"channelId\":{channel}}",
            "read_state",
            false));
    // A status is the user's own: anyone may set it; who hears it is the fan-out check below.
    RULES.put(
        "set_status",
        new Rule(EVERYONE, "{\"type\":\"set_status\",\"status\":\"dnd\"}", null, false));
    // Resume replays only channels the user can see: proven by resumeReplaysOnlyVisibleChannels.
    RULES.put(
        "resume", new Rule(EVERYONE, "{\"type\":\"resume\",\"channels\":{}}", "resumed", false));
  }

  private Fixtures fixtures;
  private final Map<Who, Session> users = new EnumMap<>(Who.class);
  private final Map<Who, WsClient> sockets = new EnumMap<>(Who.class);
  private Session bystander;
  private WsClient bystanderSocket;
  private long server;
  private long channel;
  private long thread;

  @BeforeAll
  void world() {
    fixtures = new Fixtures(api);
    for (Who who : Who.values()) {
      users.put(who, api.newUser(who.name().toLowerCase().substring(0, 3)));
    }
    bystander = api.newUser("bys");
    Session admin = users.get(Who.ADMIN);
    server = fixtures.server(admin, "socket-matrix");
    fixtures.member(admin, server, users.get(Who.MODERATOR));
    fixtures.member(admin, server, users.get(Who.MEMBER));
    fixtures.member(admin, server, bystander);
    fixtures.member(admin, server, users.get(Who.TIMED_OUT));
    assertThat(
            api.post(
                    "/chat/servers/"
                        + server
                        + "/members/"
                        + users.get(Who.TIMED_OUT).id()
                        + "/timeout",
                    "{\"duration_seconds\":3600}",
                    admin.token())
                .status())
        .isEqualTo(200);
    assertThat(
            api.patch(
                    "/chat/servers/" + server + "/members/" + users.get(Who.MODERATOR).id(),
                    "{\"role\":\"MODERATOR\"}",
                    admin.token())
                .status())
        .isEqualTo(200);
    channel = fixtures.channel(admin, server, "general", "text");
    for (Who who : Who.values()) {
      sockets.put(who, fixtures.gateway(users.get(who)));
    }
    bystanderSocket = fixtures.gateway(bystander);
    // Started once every socket is open, so the outsider's would hear of it if it could.
    Response started =
        api.post("/chat/messages/" + freshMessage(channel) + "/thread", "{}", admin.token());
    assertThat(started.status()).isEqualTo(201);
    thread = started.json().get("id").getLongValue();
  }

  @AfterAll
  void close() {
    sockets.values().forEach(WsClient::close);
    bystanderSocket.close();
  }

  @Test
  void everyClientFrameTypeHasAnExpectationAndEverySenderGetsExactlyIt() {
    assertThat(new TreeSet<>(RULES.keySet()))
        .as("client frame types of the native gateway vs the expectations here")
        .isEqualTo(new TreeSet<>(NativeGateway.CLIENT_FRAME_TYPES));

    List<String> wrong = new ArrayList<>();
    List<JsonNode> outsiderSaw = new ArrayList<>();
    for (Map.Entry<String, Rule> entry : RULES.entrySet()) {
      String type = entry.getKey();
      Rule rule = entry.getValue();
      for (Who who : Who.values()) {
        String outcome = send(type, rule, who, channel, outsiderSaw);
        boolean allowed = rule.allowed().contains(who);
        if (allowed ? !outcome.equals("passed") : !outcome.startsWith("refused")) {
          wrong.add(type + " from " + who + ": " + outcome + (allowed ? " (should pass)" : ""));
        }
      }
    }
    assertThat(wrong).as("frames whose outcome breaks the access rules").isEmpty();

    // Fan-out: everything the members did above, the outsider heard nothing of.
    outsiderSaw.addAll(sockets.get(Who.OUTSIDER).drain(QUIET));
    assertThat(outsiderSaw)
        .as("frames about a server the outsider is not in")
        .noneMatch(this::aboutTheServer);
  }

  /** A thread's messages obey the parent channel's rules, frame by frame, and stay in it. */
  @Test
  void everyMessageFrameInAThreadObeysTheChannelsRules() {
    List<String> wrong = new ArrayList<>();
    List<JsonNode> outsiderSaw = new ArrayList<>();
    for (String type :
        List.of(
            "send_message",
            "typing_start",
            "edit_message",
            "delete_message",
            "add_reaction",
            "pin_message",
            "mark_read")) {
      Rule rule = RULES.get(type);
      for (Who who : Who.values()) {
        String outcome = send(type, rule, who, thread, outsiderSaw);
        boolean allowed = rule.allowed().contains(who);
        if (allowed ? !outcome.equals("passed") : !outcome.startsWith("refused")) {
          wrong.add(type + " in a thread from " + who + ": " + outcome);
        }
      }
    }
    assertThat(wrong).as("thread frames whose outcome breaks the access rules").isEmpty();
    outsiderSaw.addAll(sockets.get(Who.OUTSIDER).drain(QUIET));
    assertThat(outsiderSaw)
        .as("frames about a thread of a server the outsider is not in")
        .noneMatch(this::aboutTheServer);
  }

  @Test
  void resumeReplaysOnlyVisibleChannels() {
    Response sent = fixtures.send(users.get(Who.MEMBER), server, channel, "missed while away");
    assertThat(sent.status()).isEqualTo(201);
    for (Who who : EnumSet.of(Who.OUTSIDER, Who.MEMBER)) {
      try (WsClient resuming =
          WsClient.connect(api.base(), "/chat/ws?resume=1&token=" + users.get(who).token())) {
        resuming.send("{\"type\":\"resume\",\"channels\":{\"" + channel + "\":0}}");
        List<JsonNode> frames = new ArrayList<>();
        JsonNode frame;
        do {
          frame = resuming.next(WsClient.WAIT);
          assertThat(frame).as("resume of " + who + " ends").isNotNull();
          frames.add(frame);
        } while (!type(frame).equals("resumed") && !type(frame).equals("error"));
        boolean replayed =
            frames.stream().anyMatch(f -> type(f).equals("new_message") && aboutTheServer(f));
        assertThat(replayed).as("replay of the channel to " + who).isEqualTo(who == Who.MEMBER);
      }
    }
  }

  /** Sends one frame as {@code who}; "passed", or "refused: ..." with the error, or what else. */
  private String send(String type, Rule rule, Who who, long target, List<JsonNode> outsiderSaw) {
    Session sender = users.get(who);
    WsClient socket = sockets.get(who);
    WsClient opened = null;
    if (type.equals("resume")) {
      opened = WsClient.connect(api.base(), "/chat/ws?resume=1&token=" + sender.token());
      socket = opened;
    }
    try {
      long message = freshMessage(target);
      if (type.equals("remove_reaction")) {
        // Something to remove where the sender may react at all.
        api.put(
            "/chat/messages/"
                + message
                + "/reactions/"
                + URLEncoder.encode(EMOJI, StandardCharsets.UTF_8),
            null,
            sender.token());
      }
      if (type.equals("unpin_message")) {
        // Something to unpin: pinned by the admin, whoever tries to unpin it.
        assertThat(
                api.put("/chat/messages/" + message + "/pin", null, users.get(Who.ADMIN).token())
                    .status())
            .isEqualTo(204);
      }
      collect(outsiderSaw);
      socket.drain(Duration.ofMillis(50));
      bystanderSocket.drain(Duration.ofMillis(50));
      socket.send(
          rule.frame()
              .replace("{server}", Long.toString(server))
              .replace("{channel}", Long.toString(target))
              .replace("{message}", Long.toString(message))
              .replace("{nonce}", UUID.randomUUID().toString()));
      List<JsonNode> own = socket.drain(QUIET);
      if (who == Who.OUTSIDER) {
        outsiderSaw.addAll(own);
      }
      for (JsonNode frame : own) {
        if (type(frame).equals("error")) {
          return "refused: " + frame.get("code").getStringValue();
        }
      }
      if (rule.answer() == null) {
        return "passed";
      }
      List<JsonNode> seen = rule.seenByBystander() ? bystanderSocket.drain(QUIET) : own;
      long senderId = sender.id();
      boolean answered =
          seen.stream()
              .anyMatch(
                  f ->
                      type(f).equals(rule.answer())
                          && (!rule.seenByBystander()
                              || f.get("userId").getLongValue() == senderId));
      return answered
          ? "passed"
          : "neither answered nor refused: " + own.stream().map(Api::json).toList();
    } finally {
      if (opened != null) {
        opened.close();
      }
    }
  }

  /** A new message by the member, so edits and deletes never find it already gone. */
  private long freshMessage(long target) {
    Response sent = fixtures.send(users.get(Who.MEMBER), server, target, "target");
    assertThat(sent.status()).isEqualTo(201);
    return sent.json().get("id").getLongValue();
  }

  private void collect(List<JsonNode> outsiderSaw) {
    outsiderSaw.addAll(sockets.get(Who.OUTSIDER).drain(Duration.ofMillis(1)));
  }

  private boolean aboutTheServer(JsonNode frame) {
    return Api.json(frame).contains("\"serverId\":" + server)
        || Api.json(frame).contains("\"channelId\":" + channel)
        || (thread != 0 && Api.json(frame).contains("\"channelId\":" + thread));
  }

  private static String type(JsonNode frame) {
    return frame.get("type").getStringValue();
  }
}
