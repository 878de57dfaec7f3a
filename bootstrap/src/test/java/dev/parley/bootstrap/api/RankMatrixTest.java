package dev.parley.bootstrap.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.bootstrap.support.Api.Response;
import dev.parley.bootstrap.support.Api.Session;
import dev.parley.bootstrap.support.ApiTestBase;
import dev.parley.bootstrap.support.Fixtures;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.web.router.Router;
import io.micronaut.web.router.UriRouteInfo;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The rank rule on every member-management route, found at test time: each route called by the
 * owner, an admin, a moderator and a member on a target of every rank. A call passes exactly when
 * the actor's role has the route's permission and the actor owns the server or outranks the target;
 * nobody acts on the owner or on themselves. A new route acting on a member without an entry here
 * fails the test.
 */
@MicronautTest(transactional = false)
class RankMatrixTest extends ApiTestBase {
  /** Ranks, highest first, as the server knows them (OWNER is ADMIN plus ownership). */
  enum Rank {
    OWNER,
    ADMIN,
    MODERATOR,
    MEMBER
  }

  /** A member-management route: the lowest rank its permission needs, and its body. */
  record Route(Rank needs, String body) {}

  private static final Map<String, Route> ROUTES = new LinkedHashMap<>();

  /** Routes with {userId} that act on no member's rank, and why. */
  private static final Set<String> NOT_RANKED =
      Set.of(
          // Lifting a ban acts on a non-member; only the permission applies.
          "DELETE /chat/servers/{serverId}/bans/{userId}",
          // The classic socket names its own user.
          "GET /ws/{userId}/{serverId}/{channelId}",
          "HEAD /ws/{userId}/{serverId}/{channelId}");

  static {
    ROUTES.put(
        "POST /chat/servers/{serverId}/members/{userId}/kick", new Route(Rank.MODERATOR, "{}"));
    ROUTES.put(
        "POST /chat/servers/{serverId}/members/{userId}/timeout",
        new Route(Rank.MODERATOR, "{\"duration_seconds\":60}"));
    ROUTES.put(
        "PATCH /chat/servers/{serverId}/members/{userId}",
        new Route(Rank.ADMIN, "{\"role\":\"MEMBER\"}"));
    ROUTES.put("DELETE /chat/servers/{serverId}/members/{userId}", new Route(Rank.ADMIN, null));
    ROUTES.put(
        "PUT /chat/servers/{serverId}/bans/{userId}", new Route(Rank.ADMIN, "{\"reason\":\"x\"}"));
  }

  @Inject Router router;
  private Fixtures fixtures;
  private final Map<Rank, Session> actors = new EnumMap<>(Rank.class);
  private int worlds;

  @BeforeAll
  void people() {
    fixtures = new Fixtures(api);
    for (Rank rank : Rank.values()) {
      actors.put(rank, api.newUser("a" + rank.name().toLowerCase().substring(0, 3)));
    }
  }

  @Test
  void everyMemberManagementRouteFollowsOneRankRule() {
    Set<String> found = new TreeSet<>();
    router
        .uriRoutes()
        .forEach(
            route -> {
              String key = key(route);
              if (key.contains("{userId}") && !NOT_RANKED.contains(key)) {
                found.add(key);
              }
            });
    assertThat(found).as("routes acting on a member").isEqualTo(new TreeSet<>(ROUTES.keySet()));

    List<String> wrong = new ArrayList<>();
    for (Map.Entry<String, Route> entry : ROUTES.entrySet()) {
      for (Rank actor : Rank.values()) {
        for (Rank target : Rank.values()) {
          if (target == actor) {
            continue; // acting on oneself is a different path (leaving) or refused
          }
          boolean allowed =
              actor.ordinal() <= entry.getValue().needs().ordinal()
                  && target != Rank.OWNER
                  && (actor == Rank.OWNER || actor.ordinal() < target.ordinal());
          int status = call(entry.getKey(), entry.getValue(), actor, target);
          boolean passed = status / 100 == 2;
          if (allowed != passed) {
            wrong.add(entry.getKey() + " by " + actor + " on " + target + ": " + status);
          }
        }
      }
    }
    assertThat(wrong).as("calls breaking the rank rule").isEmpty();
  }

  @Test
  void onlyRolesBelowOnesOwnAreGiven() {
    long server = world().server();
    Session candidate = api.newUser("cand");
    String members = "/chat/servers/" + server + "/members";
    String asAdmin = "{\"user_id\":" + candidate.id() + ",\"role\":\"ADMIN\"}";
    assertThat(api.post(members, asAdmin, actors.get(Rank.ADMIN).token()).status()).isEqualTo(403);
    assertThat(
            api.post(
                    members,
                    "{\"user_id\":" + candidate.id() + ",\"role\":\"MODERATOR\"}",
                    actors.get(Rank.ADMIN).token())
                .status())
        .isEqualTo(201);
    assertThat(
            api.patch(
                    members + "/" + candidate.id(),
                    "{\"role\":\"ADMIN\"}",
                    actors.get(Rank.ADMIN).token())
                .status())
        .isEqualTo(403);
    assertThat(
            api.patch(
                    members + "/" + candidate.id(),
                    "{\"role\":\"ADMIN\"}",
                    actors.get(Rank.OWNER).token())
                .status())
        .isEqualTo(200);
  }

  /** A fresh server with the actors in their ranks and one target user of each rank. */
  private record World(long server, Map<Rank, Session> targets) {}

  private World world() {
    worlds++;
    Session owner = actors.get(Rank.OWNER);
    long server = fixtures.server(owner, "ranks-" + worlds);
    for (Rank rank : List.of(Rank.ADMIN, Rank.MODERATOR, Rank.MEMBER)) {
      add(server, actors.get(rank), rank);
    }
    Map<Rank, Session> targets = new EnumMap<>(Rank.class);
    targets.put(Rank.OWNER, owner);
    for (Rank rank : List.of(Rank.ADMIN, Rank.MODERATOR, Rank.MEMBER)) {
      Session target = api.newUser("t" + rank.name().toLowerCase().substring(0, 3));
      add(server, target, rank);
      targets.put(rank, target);
    }
    return new World(server, targets);
  }

  private void add(long server, Session user, Rank rank) {
    Response added =
        api.post(
            "/chat/servers/" + server + "/members",
            "{\"user_id\":" + user.id() + ",\"role\":\"" + rank + "\"}",
            actors.get(Rank.OWNER).token());
    assertThat(added.status()).as("fixture: " + added).isEqualTo(201);
  }

  private int call(String route, Route spec, Rank actor, Rank target) {
    World world = world();
    String[] parts = route.split(" ", 2);
    String path =
        parts[1]
            .replace("{serverId}", Long.toString(world.server()))
            .replace("{userId}", Long.toString(world.targets().get(target).id()));
    return api.send(
            parts[0],
            path,
            spec.body() == null ? null : "application/json",
            spec.body(),
            actors.get(actor).token())
        .status();
  }

  private static String key(UriRouteInfo<?, ?> route) {
    return route.getHttpMethod() + " " + route.getUriMatchTemplate().toPathString();
  }
}
