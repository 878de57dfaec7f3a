package dev.parley.bootstrap.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.bootstrap.support.Api;
import dev.parley.bootstrap.support.Api.Response;
import dev.parley.bootstrap.support.Api.Session;
import dev.parley.bootstrap.support.ApiTestBase;
import dev.parley.bootstrap.support.Fixtures;
import dev.parley.bootstrap.support.Handshake;
import dev.parley.bootstrap.support.RawHttp;
import dev.parley.bootstrap.support.WsClient;
import io.micronaut.http.MediaType;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.web.router.Router;
import io.micronaut.web.router.UriRouteInfo;
import jakarta.inject.Inject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The access-control matrix: every route the router knows, found at test time, called as an
 * anonymous user, a signed-in outsider, a member, a moderator and an admin of a server. A route
 * with no expectation here fails the build, so a new route cannot ship without a decision.
 */
@MicronautTest(transactional = false)
class AccessMatrixTest extends ApiTestBase {
  /** Who calls. */
  enum Who {
    ANONYMOUS,
    OUTSIDER,
    MEMBER,
    MODERATOR,
    ADMIN
  }

  /** Whose token a call carries. */
  enum Caller {
    /** The shared user of the role. */
    ROLE,
    /** A user registered for this one call: the route ends the caller's session or account. */
    FRESH
  }

  /** What a route expects: who gets through, the body it is called with, whose token. */
  record Rule(Set<Who> allowed, String body, Caller caller) {}

  private static final Set<Who> EVERYONE = EnumSet.allOf(Who.class);
  private static final Set<Who> SIGNED_IN = EnumSet.complementOf(EnumSet.of(Who.ANONYMOUS));
  private static final Set<Who> MEMBERS = EnumSet.of(Who.MEMBER, Who.MODERATOR, Who.ADMIN);
  private static final Set<Who> MODERATORS = EnumSet.of(Who.MODERATOR, Who.ADMIN);
  private static final Set<Who> ADMINS = EnumSet.of(Who.ADMIN);
  private static final Set<Who> AUTHOR = EnumSet.of(Who.MEMBER);
  private static final Set<Who> AUTHOR_OR_MODERATORS = MEMBERS;

  private static final String EMOJI = URLEncoder.encode("👍", StandardCharsets.UTF_8);
  private static final Duration SETTLE = Duration.ofMillis(1500);

  /** Every route's expectation, by "METHOD /template" (plus the media type it consumes). */
  private static final Map<String, Rule> RULES = new LinkedHashMap<>();

  private static void rule(String route, Set<Who> allowed) {
    rule(route, allowed, null);
  }

  private static void rule(String route, Set<Who> allowed, String body) {
    rule(route, allowed, body, Caller.ROLE);
  }

  private static void rule(String route, Set<Who> allowed, String body, Caller caller) {
    if (RULES.put(route, new Rule(allowed, body, caller)) != null) {
      throw new IllegalStateException("two rules for " + route);
    }
  }

  static {
    // Open to anyone: sign-up, sign-in, refresh (the refresh token is the credential), docs.
    String register = "{\"username\":\"{fresh}\",\"password\":\"password123\"}";
    rule("POST /auth/register", EVERYONE, register);
    rule("POST /api/auth/signup", EVERYONE, register);
    String login = "{\"username\":\"{me}\",\"password\":\"password123\"}";
    rule("POST /auth/login", EVERYONE, login, Caller.FRESH);
    rule(
        "POST /auth/login <application/x-www-form-urlencoded>",
        EVERYONE,
        "username={me}&password=password123",
        Caller.FRESH);
    rule("POST /api/auth/login", EVERYONE, login, Caller.FRESH);
    rule("POST /auth/refresh", EVERYONE, "{\"refresh_token\":\"{refresh}\"}", Caller.FRESH);
    rule("GET /docs", EVERYONE);
    rule("GET /test", EVERYONE);
    rule("GET /health", EVERYONE);
    rule("GET /health/{selector}", EVERYONE);
    // Open from this machine when no metrics token is set; MetricsTest covers the token and the
    // refusal of remote callers, which a loopback matrix cannot be.
    rule("GET /metrics", EVERYONE);

    // The caller's own account and sessions: any signed-in user, on themselves only.
    rule("GET /users/me", SIGNED_IN);
    rule("GET /api/auth/me", SIGNED_IN);
    rule("POST /auth/logout", SIGNED_IN, "{}", Caller.FRESH);
    rule(
        "POST /auth/password",
        SIGNED_IN,
        "{\"current_password\":\"password123\",\"new_password\":\"password456\"}",
        Caller.FRESH);
    rule("DELETE /users/me", SIGNED_IN, "{\"password\":\"password123\"}", Caller.FRESH);
    rule("POST /auth/socket-ticket", SIGNED_IN, "{}");
    rule("GET /chat/read-state", SIGNED_IN);
    rule("GET /chat/presence", SIGNED_IN);
    rule("PUT /chat/presence", SIGNED_IN, "{\"status\":\"online\"}");
    rule("GET /chat/search", SIGNED_IN);
    rule("GET /users/me/export", SIGNED_IN);
    rule("GET /chat/threads", SIGNED_IN);

    // Lists that show each caller their own servers or conversations; creating one's own.
    rule("GET /chat/servers", SIGNED_IN);
    rule("POST /chat/servers", SIGNED_IN, "{\"name\":\"Mine\"}");
    rule("GET /servers", SIGNED_IN);
    rule("POST /servers", SIGNED_IN, "{\"name\":\"Mine\"}");
    rule("GET /chat/conversations", SIGNED_IN);
    rule("POST /chat/conversations", SIGNED_IN, "{\"participant_ids\":[{target}]}");
    rule("GET /api/chat/conversations", SIGNED_IN);
    rule("POST /api/chat/conversations", SIGNED_IN, "{\"participant_ids\":[\"{target}\"]}");

    // Rooms are the public server's channels: every account is a member.
    rule("GET /api/rooms", SIGNED_IN);
    rule("POST /api/rooms", SIGNED_IN, "{\"name\":\"room-{n}\"}");
    rule("GET /api/rooms/{roomId}", SIGNED_IN);
    rule("GET /api/messages/{roomId}", SIGNED_IN);
    rule("GET /api/messages/{roomId}/recent", SIGNED_IN);

    // Reading and writing inside a server: members only; outsiders see nothing (404).
    rule("GET /chat/servers/{serverId}/channels", MEMBERS);
    rule("GET /chat/servers/{serverId}/members", MEMBERS);
    rule("GET /chat/servers/{serverId}/channels/{channelId}/messages", MEMBERS);
    rule("GET /chat/servers/{serverId}/channels/{channelId}/changes", MEMBERS);
    rule("GET /chat/servers/{serverId}/channels/{channelId}/pins", MEMBERS);
    rule(
        "POST /chat/servers/{serverId}/channels/{channelId}/messages",
        MEMBERS,
        "{\"text\":\"hello\"}");
    rule("GET /servers/{serverId}/channels", MEMBERS);
    rule("GET /channels/{channelId}/messages", MEMBERS);
    rule("POST /channels/{channelId}/messages", MEMBERS, "{\"content\":\"hello\"}");
    rule("POST /chat/channels/{channelId}/read", MEMBERS, "{}");
    rule("POST /chat/channels/{channelId}/attachments <multipart/form-data>", MEMBERS, "{file}");
    rule("GET /chat/attachments/{attachmentId}", MEMBERS);
    rule("GET /chat/attachments/{attachmentId}/meta", MEMBERS);
    rule("PUT /chat/messages/{messageId}/reactions/{emoji}", MEMBERS);
    // Threads: whoever sees the parent channel (starting one is sending to it).
    rule("POST /chat/messages/{messageId}/thread", MEMBERS, "{}");
    rule("GET /chat/threads/{threadId}", MEMBERS);
    rule("GET /chat/servers/{serverId}/channels/{channelId}/threads", MEMBERS);
    rule("PUT /chat/threads/{threadId}/follow", MEMBERS);
    rule("DELETE /chat/threads/{threadId}/follow", MEMBERS);
    rule("GET /chat/threads/{threadId}/messages", MEMBERS);
    rule("POST /chat/threads/{threadId}/messages", MEMBERS, "{\"text\":\"hello\"}");
    rule("GET /chat/threads/{threadId}/changes", MEMBERS);
    rule("GET /chat/threads/{threadId}/pins", MEMBERS);
    rule("DELETE /chat/messages/{messageId}/reactions/{emoji}", MEMBERS);

    // Messages: the author edits; the author or a moderator deletes.
    rule("PATCH /chat/messages/{messageId}", AUTHOR, "{\"text\":\"edited\"}");
    rule("DELETE /chat/messages/{messageId}", AUTHOR_OR_MODERATORS);
    // Pins: moderators and admins of the message's server.
    rule("PUT /chat/messages/{messageId}/pin", MODERATORS);
    rule("DELETE /chat/messages/{messageId}/pin", MODERATORS);

    // Moderation and invites: moderators.
    rule("POST /chat/servers/{serverId}/members/{userId}/kick", MODERATORS, "{}");
    rule(
        "POST /chat/servers/{serverId}/members/{userId}/timeout",
        MODERATORS,
        "{\"duration_seconds\":60}");
    rule("POST /chat/servers/{serverId}/invites", MODERATORS, "{}");
    rule("GET /chat/servers/{serverId}/invites", MODERATORS);
    rule("DELETE /chat/invites/{code}", MODERATORS);

    // Anyone signed in who holds a code may look at it and join with it.
    rule("GET /chat/invites/{code}", SIGNED_IN);
    rule("POST /chat/invites/{code}/join", SIGNED_IN, "{}");

    // Administration: admins.
    rule("PATCH /chat/servers/{serverId}", ADMINS, "{\"name\":\"Renamed\"}");
    rule("DELETE /chat/servers/{serverId}", ADMINS);
    // The owner only; in this world the admin created the server, so owns it.
    rule("GET /chat/servers/{serverId}/export", ADMINS);
    rule(
        "POST /chat/servers/{serverId}/channels",
        ADMINS,
        "{\"name\":\"new-{n}\",\"type\":\"text\"}");
    rule("POST /servers/{serverId}/channels", ADMINS, "{\"name\":\"new-{n}\"}");
    rule("PATCH /chat/servers/{serverId}/channels/{channelId}", ADMINS, "{\"name\":\"renamed\"}");
    rule("DELETE /chat/servers/{serverId}/channels/{channelId}", ADMINS);
    rule("POST /chat/servers/{serverId}/members", ADMINS, "{\"user_id\":{candidate}}");
    rule("PATCH /chat/servers/{serverId}/members/{userId}", ADMINS, "{\"role\":\"MODERATOR\"}");
    rule("DELETE /chat/servers/{serverId}/members/{userId}", ADMINS);
    rule("GET /chat/servers/{serverId}/bans", ADMINS);
    rule("PUT /chat/servers/{serverId}/bans/{userId}", ADMINS, "{\"reason\":\"spam\"}");
    rule("DELETE /chat/servers/{serverId}/bans/{userId}", ADMINS);
    // Bots: the server's admins make and manage them.
    rule("POST /chat/servers/{serverId}/bots", ADMINS, "{\"name\":\"bot-{n}\"}");
    rule("GET /chat/servers/{serverId}/bots", ADMINS);
    rule("POST /chat/servers/{serverId}/bots/{botId}/token", ADMINS, "{}");
    rule("DELETE /chat/servers/{serverId}/bots/{botId}/token", ADMINS);
    // Outgoing webhooks: admins.
    rule(
        "POST /chat/servers/{serverId}/webhooks",
        ADMINS,
        "{\"url\":\"http://127.0.0.1:9/hook\",\"events\":[\"message.created\"]}");
    rule("GET /chat/servers/{serverId}/webhooks", ADMINS);
    rule("PATCH /chat/servers/{serverId}/webhooks/{webhookId}", ADMINS, "{\"active\":false}");
    rule("DELETE /chat/servers/{serverId}/webhooks/{webhookId}", ADMINS);
    rule("POST /chat/servers/{serverId}/webhooks/{webhookId}/secret", ADMINS, "{}");
    rule("GET /chat/servers/{serverId}/webhooks/{webhookId}/deliveries", ADMINS);
    // Incoming webhooks: the admins of the channel's server manage them; whoever holds the URL
    // posts, with no account (the secret in the path is the credential).
    rule("POST /chat/channels/{channelId}/webhooks", ADMINS, "{\"name\":\"hook-{n}\"}");
    rule("GET /chat/channels/{channelId}/webhooks", ADMINS);
    rule("DELETE /chat/channels/{channelId}/webhooks/{hookId}", ADMINS);
    rule("POST /chat/channels/{channelId}/webhooks/{hookId}/secret", ADMINS, "{}");
    rule("POST /chat/webhooks/{hookId}/{secret}", EVERYONE, "{\"text\":\"from a hook\"}");

    // Conversations: their participants (the group holds the member, moderator and admin).
    rule("GET /chat/conversations/{conversationId}/messages", MEMBERS);
    rule("GET /chat/conversations/{conversationId}/changes", MEMBERS);
    rule("GET /chat/conversations/{conversationId}/pins", MEMBERS);
    rule("GET /chat/conversations/{conversationId}/threads", MEMBERS);
    rule("POST /chat/conversations/{conversationId}/messages", MEMBERS, "{\"text\":\"hi\"}");
    rule("GET /api/chat/conversations/{conversationId}/messages", MEMBERS);

    // Sockets: the upgrade itself is the route.
    rule("GET /chat/ws", SIGNED_IN);
    rule("GET /ws/{userId}/{serverId}/{channelId}", MEMBERS);
    rule("GET /api/chat/ws/{conversationId}", MEMBERS);
    rule("GET /ws/chat/{roomId}", SIGNED_IN);
  }

  /** Query strings some routes need to be a valid call, by path template. */
  private static final Map<String, String> QUERIES =
      Map.of("/chat/presence", "?user_ids={target}", "/chat/search", "?q=original");

  private static final Set<String> SOCKETS =
      Set.of(
          "GET /chat/ws",
          "GET /ws/{userId}/{serverId}/{channelId}",
          "GET /api/chat/ws/{conversationId}",
          "GET /ws/chat/{roomId}");

  @Inject Router router;

  @Override
  protected Map<String, String> extraProperties() {
    // Each export route is called by GET and HEAD for every caller: the budget is not the point.
    // Webhooks: loopback targets may be created, and nothing polls or sends (not the point here).
    return Map.of(
        "parley.export.burst",
        "1000",
        "parley.webhooks.allowed-hosts",
        "127.0.0.1",
        "parley.webhooks.enabled",
        "false");
  }

  private Fixtures fixtures;
  private final Map<Who, Session> users = new LinkedHashMap<>();
  private Session target;
  private Session candidate;
  private Session banned;
  private long room;
  private int worlds;

  /** The ids a call's path and body are filled with: one server and what lives in it. */
  record World(
      long server,
      long channel,
      long message,
      long conversation,
      String invite,
      long attachment,
      long bot,
      long webhook,
      long hook,
      String hookSecret,
      long thread) {}

  @BeforeAll
  void people() {
    fixtures = new Fixtures(api);
    for (Who who : Who.values()) {
      if (who != Who.ANONYMOUS) {
        users.put(who, api.newUser(who.name().toLowerCase().substring(0, 3)));
      }
    }
    target = api.newUser("tgt");
    candidate = api.newUser("cand");
    banned = api.newUser("ban");
    room =
        api.post("/api/rooms", "{\"name\":\"matrix\"}", users.get(Who.MEMBER).token())
            .json()
            .get("id")
            .getLongValue();
  }

  private World newWorld() {
    worlds++;
    Session admin = users.get(Who.ADMIN);
    Session member = users.get(Who.MEMBER);
    long server = fixtures.server(admin, "matrix-" + worlds);
    fixtures.member(admin, server, users.get(Who.MODERATOR));
    fixtures.member(admin, server, member);
    fixtures.member(admin, server, target);
    expect(
        api.patch(
            "/chat/servers/" + server + "/members/" + users.get(Who.MODERATOR).id(),
            "{\"role\":\"MODERATOR\"}",
            admin.token()),
        200);
    long channel = fixtures.channel(admin, server, "general", "text");
    Response sent = fixtures.send(member, server, channel, "original");
    expect(sent, 201);
    long message = sent.json().get("id").getLongValue();
    Response group =
        api.post(
            "/chat/conversations",
            "{\"name\":\"trio\",\"participant_ids\":["
                + member.id()
                + ","
                + users.get(Who.MODERATOR).id()
                + "]}",
            admin.token());
    expect(group, 201);
    Response invite = api.post("/chat/servers/" + server + "/invites", "{}", admin.token());
    expect(invite, 201);
    Response upload = upload(member.token(), channel);
    expect(upload, 201);
    long attachment = upload.json().get("id").getLongValue();
    // Until a message carries it, an upload is its uploader's alone.
    expect(
        api.post(
            "/chat/servers/" + server + "/channels/" + channel + "/messages",
            "{\"text\":\"file\",\"attachment_ids\":[" + attachment + "]}",
            member.token()),
        201);
    expect(
        api.put(
            "/chat/servers/" + server + "/bans/" + banned.id(),
            "{\"reason\":\"x\"}",
            admin.token()),
        204);
    Response bot =
        api.post(
            "/chat/servers/" + server + "/bots",
            "{\"name\":\"" + Api.uniqueName("mbot") + "\"}",
            admin.token());
    expect(bot, 201);
    Response webhook =
        api.post(
            "/chat/servers/" + server + "/webhooks",
            "{\"url\":\"http://127.0.0.1:9/hook\",\"events\":[\"member.joined\"]}",
            admin.token());
    expect(webhook, 201);
    Response hook =
        api.post("/chat/channels/" + channel + "/webhooks", "{\"name\":\"CI\"}", admin.token());
    expect(hook, 201);
    Response thread = api.post("/chat/messages/" + message + "/thread", "{}", admin.token());
    expect(thread, 201);
    return new World(
        server,
        channel,
        message,
        group.json().get("id").getLongValue(),
        invite.json().get("code").getStringValue(),
        attachment,
        bot.json().get("id").getLongValue(),
        webhook.json().get("id").getLongValue(),
        hook.json().get("id").getLongValue(),
        hook.json().get("secret").getStringValue(),
        thread.json().get("id").getLongValue());
  }

  @Test
  void everyRouteHasAnExpectationAndEveryCallerGetsExactlyIt() {
    Map<String, UriRouteInfo<?, ?>> routes = new LinkedHashMap<>();
    router.uriRoutes().forEach(route -> routes.putIfAbsent(key(route), route));
    Map<String, Rule> rules = new LinkedHashMap<>(RULES);
    // Micronaut answers HEAD wherever it answers GET: the same rule holds for both.
    routes.keySet().stream()
        .filter(route -> route.startsWith("HEAD "))
        .map(route -> route.substring("HEAD ".length()))
        .filter(path -> rules.containsKey("GET " + path) && !SOCKETS.contains("GET " + path))
        .forEach(path -> rules.putIfAbsent("HEAD " + path, rules.get("GET " + path)));

    Set<String> unexpected = new TreeSet<>(routes.keySet());
    unexpected.removeAll(rules.keySet());
    assertThat(unexpected)
        .as("routes without an access expectation in AccessMatrixTest.RULES")
        .isEmpty();
    Set<String> stale = new TreeSet<>(rules.keySet());
    stale.removeAll(routes.keySet());
    assertThat(stale).as("expectations for routes that no longer exist").isEmpty();

    List<String> wrong = new ArrayList<>();
    World shared = newWorld();
    World world = newWorld();
    for (Map.Entry<String, Rule> entry : rules.entrySet()) {
      String route = entry.getKey();
      Rule rule = entry.getValue();
      boolean reads = route.startsWith("GET ") || route.startsWith("HEAD ");
      for (Who who : Who.values()) {
        World used = reads ? shared : world;
        boolean allowed = rule.allowed().contains(who);
        int status = call(route, rule, who, used);
        // 3xx passes: /docs redirects to its page.
        boolean passed =
            SOCKETS.contains(route) ? status == 101 : status / 100 == 2 || status / 100 == 3;
        boolean refused = who == Who.ANONYMOUS ? status == 401 : status == 403 || status == 404;
        if (allowed ? !passed : !refused) {
          wrong.add(
              route
                  + " as "
                  + who
                  + ": "
                  + status
                  + (allowed ? " (should pass)" : " (should be refused)"));
        }
        if (!reads && passed) {
          world = newWorld(); // the call may have changed or removed what the next one needs
        }
      }
    }
    assertThat(wrong).as("calls whose outcome breaks the access rules").isEmpty();
  }

  /**
   * The "ticket bearer": a socket ticket (and a token in the query) is good for one socket upgrade
   * on a socket route and nothing else, even when the REST call claims to be an upgrade. The last
   * ticket, never spent by those calls, then opens exactly one socket.
   */
  @Test
  void aSocketTicketAuthenticatesNoRestRouteAndOnlyOneSocket() throws Exception {
    World world = newWorld();
    List<String> wrong = new ArrayList<>();
    String unspent = null;
    for (Map.Entry<String, Rule> entry : RULES.entrySet()) {
      String route = entry.getKey();
      Rule rule = entry.getValue();
      if (SOCKETS.contains(route) || rule.allowed().contains(Who.ANONYMOUS)) {
        continue; // sockets are the tickets' place; open routes need no credential at all
      }
      Session holder = rule.caller() == Caller.FRESH ? api.newUser("tix") : users.get(Who.ADMIN);
      String[] parts = route.split(" ", 3);
      String path = fill(parts[1] + QUERIES.getOrDefault(parts[1], ""), world, holder, null);
      String body = rule.body() == null ? null : fill(rule.body(), world, holder, null);
      String separator = path.contains("?") ? "&" : "?";
      String headerTicket = ticket(holder);
      int asBearer =
          rawCall(
              parts[0], path, body, "Authorization: Bearer " + headerTicket, "Upgrade: websocket");
      int asQueryTicket =
          rawCall(
              parts[0], path + separator + "ticket=" + ticket(holder), body, "Upgrade: websocket");
      int asQueryToken =
          rawCall(
              parts[0], path + separator + "token=" + holder.token(), body, "Upgrade: websocket");
      if (asBearer != 401 || asQueryTicket != 401 || asQueryToken != 401) {
        wrong.add(
            route
                + ": bearer ticket "
                + asBearer
                + ", ?ticket= "
                + asQueryTicket
                + ", ?token= "
                + asQueryToken);
      }
      if (rule.caller() == Caller.ROLE) {
        unspent = headerTicket;
      }
    }
    assertThat(wrong).as("REST calls that took a socket ticket or a query token").isEmpty();

    assertThat(unspent).isNotNull();
    try (Handshake first =
        Handshake.send(api.base(), "/chat/ws", "Authorization: Bearer " + unspent)) {
      assertThat(first.status()).as("the ticket opens its one socket").isEqualTo(101);
    }
    try (Handshake second =
        Handshake.send(api.base(), "/chat/ws", "Authorization: Bearer " + unspent)) {
      assertThat(second.status()).as("and only one").isEqualTo(401);
    }
  }

  private String ticket(Session holder) {
    Response minted = api.post("/auth/socket-ticket", "{}", holder.token());
    expect(minted, 200);
    return minted.json().get("ticket").getStringValue();
  }

  /** A REST call by hand, so it can carry an Upgrade header; uploads get a real multipart body. */
  private int rawCall(String method, String path, String body, String... headers) {
    if (!"{file}".equals(body)) {
      return RawHttp.status(api.base(), method, path, body, headers);
    }
    String boundary = "----matrix" + UUID.randomUUID();
    String multipart =
        "--"
            + boundary
            + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"note.txt\"\r\n"
            + "Content-Type: text/plain\r\n\r\nhello\r\n--"
            + boundary
            + "--\r\n";
    String[] all = java.util.Arrays.copyOf(headers, headers.length + 1);
    all[headers.length] = "Content-Type: multipart/form-data; boundary=" + boundary;
    return RawHttp.status(api.base(), method, path, multipart, all);
  }

  /** Calls one route as {@code who}; the HTTP status, or 101 for an accepted socket. */
  private int call(String route, Rule rule, Who who, World world) {
    Session caller = who == Who.ANONYMOUS ? null : users.get(who);
    String refresh = null;
    if (rule.caller() == Caller.FRESH) {
      String name = Api.uniqueName("fresh");
      expect(
          api.post(
              "/auth/register",
              "{\"username\":\"" + name + "\",\"password\":\"password123\"}",
              null),
          201);
      Response login =
          api.post(
              "/auth/login", "{\"username\":\"" + name + "\",\"password\":\"password123\"}", null);
      expect(login, 200);
      refresh = login.json().get("refresh_token").getStringValue();
      caller = new Session(0, name, login.json().get("access_token").getStringValue());
    }
    String token = who == Who.ANONYMOUS || caller == null ? null : caller.token();
    String[] parts = route.split(" ", 3);
    String method = parts[0];
    String path = fill(parts[1] + QUERIES.getOrDefault(parts[1], ""), world, caller, refresh);
    if (SOCKETS.contains(route)) {
      return socketOutcome(path, token);
    }
    String contentType = parts.length > 2 ? parts[2].replaceAll("[<>]", "") : null;
    String body = rule.body() == null ? null : fill(rule.body(), world, caller, refresh);
    if ("{file}".equals(body)) {
      return upload(token, world.channel()).status();
    }
    if (body != null && contentType == null) {
      contentType = MediaType.APPLICATION_JSON;
    }
    return api.send(method, path, contentType, body, token).status();
  }

  /** 101 when the socket opens and stays open, else the refusal's HTTP status or close code. */
  private int socketOutcome(String path, String token) {
    String query = token == null ? "" : (path.contains("?") ? "&" : "?") + "token=" + token;
    int upgrade = WsClient.upgradeStatus(api.base(), path + query);
    if (upgrade != 101) {
      return upgrade;
    }
    try (WsClient socket = WsClient.connect(api.base(), path + query)) {
      Integer closed = socket.awaitClose(SETTLE);
      if (closed == null) {
        return 101;
      }
      // A socket the server closes at once is a refusal: 4403/4404 as the REST 403/404.
      return closed == 4403 ? 403 : closed == 4404 ? 404 : closed;
    }
  }

  private String fill(String template, World world, Session caller, String refresh) {
    String me = caller == null ? "nobody" : caller.username();
    return template
        .replace("{serverId}", Long.toString(world.server()))
        .replace("{channelId}", Long.toString(world.channel()))
        .replace("{messageId}", Long.toString(world.message()))
        .replace("{conversationId}", Long.toString(world.conversation()))
        .replace("{attachmentId}", Long.toString(world.attachment()))
        .replace("{botId}", Long.toString(world.bot()))
        .replace("{webhookId}", Long.toString(world.webhook()))
        .replace("{hookId}", Long.toString(world.hook()))
        .replace("{secret}", world.hookSecret())
        .replace("{threadId}", Long.toString(world.thread()))
        .replace("{code}", world.invite())
        .replace("{roomId}", Long.toString(room))
        .replace("{emoji}", EMOJI)
        .replace("{selector}", "liveness")
        .replace("{userId}", Long.toString(userIdFor(template, caller)))
        .replace("{target}", Long.toString(target.id()))
        .replace("{candidate}", Long.toString(candidate.id()))
        .replace("{fresh}", Api.uniqueName("reg"))
        .replace("{me}", me)
        .replace("{refresh}", refresh == null ? "none" : refresh)
        .replace("{n}", UUID.randomUUID().toString().substring(0, 8));
  }

  /**
   * The classic socket names its own user; bans name the banned user; every other {userId} is the
   * member acted on.
   */
  private long userIdFor(String template, Session caller) {
    if (template.startsWith("/ws/{userId}")) {
      return caller == null ? users.get(Who.MEMBER).id() : caller.id();
    }
    if (template.contains("/bans/")) {
      return banned.id();
    }
    return target.id();
  }

  private Response upload(String token, long channel) {
    String boundary = "----matrix" + UUID.randomUUID();
    String body =
        "--"
            + boundary
            + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"note.txt\"\r\n"
            + "Content-Type: text/plain\r\n\r\nhello\r\n--"
            + boundary
            + "--\r\n";
    return api.send(
        "POST",
        "/chat/channels/" + channel + "/attachments",
        "multipart/form-data; boundary=" + boundary,
        body,
        token);
  }

  private static String key(UriRouteInfo<?, ?> route) {
    String key = route.getHttpMethod() + " " + route.getUriMatchTemplate().toPathString();
    List<MediaType> consumes = route.getConsumes();
    if (consumes.size() == 1 && !consumes.get(0).equals(MediaType.APPLICATION_JSON_TYPE)) {
      key += " <" + consumes.get(0) + ">";
    }
    return key;
  }

  private static void expect(Response response, int status) {
    if (response.status() != status) {
      throw new AssertionError("fixture call: expected " + status + " but got " + response);
    }
  }
}
