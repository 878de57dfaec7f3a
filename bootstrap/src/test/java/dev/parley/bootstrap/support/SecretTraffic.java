package dev.parley.bootstrap.support;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Client traffic that carries every kind of secret Parley handles, for the log hygiene tests. */
public final class SecretTraffic {
  private SecretTraffic() {}

  /** The strings no log line may contain, and the user who sent them. */
  public record Secrets(Api.Session user, List<String> values) {}

  /**
   * Registers and logs in (JSON and form, right and wrong password), refreshes, opens sockets with
   * a ticket (also replayed) and with the token (also in REST query strings and a bad one), sends
   * messages with distinctive text over a socket and over REST, and creates, previews, uses and
   * revokes an invite.
   */
  public static Secrets run(Api api) {
    String password = "Sup3r-Secret-Passw0rd-" + UUID.randomUUID().toString().substring(0, 8);
    String name = Api.uniqueName("logged");
    Api.Response registered =
        api.post(
            "/auth/register",
            "{\"username\":\"" + name + "\",\"password\":\"" + password + "\"}",
            null);
    api.postForm("/auth/login", "username=" + name + "&password=" + password);
    api.post(
        "/auth/login",
        "{\"username\":\"" + name + "\",\"password\":\"wrong-" + password + "\"}",
        null);
    var login =
        api.post(
                "/auth/login",
                "{\"username\":\"" + name + "\",\"password\":\"" + password + "\"}",
                null)
            .json();
    String firstRefresh = login.get("refresh_token").getStringValue();
    var refreshed =
        api.post("/auth/refresh", "{\"refresh_token\":\"" + firstRefresh + "\"}", null).json();
    String token = refreshed.get("access_token").getStringValue();
    String refresh = refreshed.get("refresh_token").getStringValue();
    Api.Session user = new Api.Session(registered.json().get("id").getLongValue(), name, token);

    Fixtures fx = new Fixtures(api);
    long server = fx.server(user, "logged");
    long channel = fx.channel(user, server, "secrets", "TEXT");
    String socketText = "Quokka-socket-" + UUID.randomUUID();
    String restText = "Quokka-rest-" + UUID.randomUUID();

    String ticket =
        api.post("/auth/socket-ticket", "", token).json().get("ticket").getStringValue();
    try (WsClient ws = WsClient.connect(api.base(), "/chat/ws?ticket=" + ticket)) {
      ws.await("connected");
      ws.send(
          "{\"type\":\"send_message\",\"channelId\":"
              + channel
              + ",\"text\":"
              + Api.json(socketText)
              + ",\"nonce\":\"n1\"}");
      ws.await("message_ack");
    }
    WsClient.upgradeStatus(api.base(), "/chat/ws?ticket=" + ticket);
    fx.send(user, server, channel, restText);
    api.get("/users/me", token);
    api.get("/users/me?token=" + token, null);
    api.get("/chat/servers", token);
    api.get("/nowhere?token=" + token, token);
    try (WsClient ws = WsClient.connect(api.base(), "/chat/ws?token=" + token)) {
      ws.await("connected");
      ws.send("{\"type\":\"send_message\",\"channelId\":999999,\"text\":\"x\"}");
      ws.await("error");
    }
    WsClient.upgradeStatus(api.base(), "/chat/ws?token=" + token + "x");
    // Invite codes travel in the path: preview, join and revoke must not print them.
    String code =
        api.post("/chat/servers/" + server + "/invites", "{}", token)
            .json()
            .get("code")
            .getStringValue();
    Api.Session guest = api.newUser("guest");
    api.get("/chat/invites/" + code, guest.token());
    api.post("/chat/invites/" + code + "/join", null, guest.token());
    api.delete("/chat/invites/" + code, token);

    List<String> secrets = new ArrayList<>();
    secrets.add(password);
    secrets.add(token);
    // A JWT's signature alone is enough to recognise (and, with the rest, replay) the token.
    secrets.add(token.substring(token.lastIndexOf('.') + 1));
    secrets.add(firstRefresh.substring(firstRefresh.indexOf('.') + 1));
    secrets.add(refresh.substring(refresh.indexOf('.') + 1));
    secrets.add(ticket);
    secrets.add(code);
    secrets.add(socketText);
    secrets.add(restText);
    secrets.add(guest.token());
    return new Secrets(user, List.copyOf(secrets));
  }
}
