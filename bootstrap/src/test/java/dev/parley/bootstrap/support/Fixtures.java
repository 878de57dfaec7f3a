package dev.parley.bootstrap.support;

import dev.parley.bootstrap.support.Api.Response;
import dev.parley.bootstrap.support.Api.Session;

/** Shortcuts that build servers, channels and memberships through the native REST API. */
public final class Fixtures {
  private final Api api;

  public Fixtures(Api api) {
    this.api = api;
  }

  public long server(Session owner, String name) {
    Response r = api.post("/chat/servers", "{\"name\":\"" + name + "\"}", owner.token());
    check(r, 201);
    return r.json().get("id").getLongValue();
  }

  public long channel(Session admin, long serverId, String name, String type) {
    Response r =
        api.post(
            "/chat/servers/" + serverId + "/channels",
            "{\"name\":\"" + name + "\",\"type\":\"" + type + "\"}",
            admin.token());
    check(r, 201);
    return r.json().get("id").getLongValue();
  }

  public void member(Session admin, long serverId, Session user) {
    check(
        api.post(
            "/chat/servers/" + serverId + "/members",
            "{\"user_id\":" + user.id() + "}",
            admin.token()),
        201);
  }

  public Response send(Session user, long serverId, long channelId, String text) {
    return api.post(
        "/chat/servers/" + serverId + "/channels/" + channelId + "/messages",
        "{\"text\":" + Api.json(text) + "}",
        user.token());
  }

  public WsClient gateway(Session user) {
    WsClient ws = WsClient.connect(api.base(), "/chat/ws?token=" + user.token());
    ws.await("connected");
    return ws;
  }

  private static void check(Response response, int status) {
    if (response.status() != status) {
      throw new AssertionError("expected " + status + " but got " + response);
    }
  }
}
