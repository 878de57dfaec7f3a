package dev.parley.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.application.port.in.AddMemberCommand;
import dev.parley.application.port.in.Conversation;
import dev.parley.application.port.in.CreateChannelCommand;
import dev.parley.application.port.in.CreateConversationCommand;
import dev.parley.application.port.in.CreateServerCommand;
import dev.parley.application.port.in.ModerateMembersUseCase.MemberAction;
import dev.parley.application.port.in.ReactCommand;
import dev.parley.application.port.in.SearchMessagesQuery;
import dev.parley.application.port.in.SearchMessagesUseCase.Hit;
import dev.parley.application.port.in.SearchMessagesUseCase.Results;
import dev.parley.application.port.in.SendMessageCommand;
import dev.parley.domain.channel.Channel;
import dev.parley.domain.channel.ChannelKind;
import dev.parley.domain.error.InvalidInput;
import dev.parley.domain.error.NotFound;
import dev.parley.domain.message.Message;
import dev.parley.domain.server.Server;
import dev.parley.domain.user.User;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SearchMessagesServiceTest {
  private final ChatWorld w = new ChatWorld();
  private final User owner = w.user("owner");
  private final User member = w.user("member");
  private final User stranger = w.user("stranger");
  private final Server guild = server(owner, "Guild");
  private final Channel general = channel(owner, guild, "general", ChannelKind.TEXT);
  private final Server other = server(stranger, "Elsewhere");
  private final Channel elsewhere = channel(stranger, other, "lobby", ChannelKind.TEXT);

  SearchMessagesServiceTest() {
    w.memberServices.add(new AddMemberCommand(owner.id(), guild.id(), member.id(), null, null));
  }

  private Server server(User creator, String name) {
    return w.serverServices.create(new CreateServerCommand(creator.id(), name, null, null));
  }

  private Channel channel(User admin, Server server, String name, ChannelKind kind) {
    return w.channelServices.create(
        new CreateChannelCommand(admin.id(), server.id(), name, kind, null, null, null));
  }

  private Message post(User user, long channelId, String text) {
    return w.send
        .send(SendMessageCommand.of(user.id(), channelId, null, text, null))
        .posted()
        .message();
  }

  private Results search(User user, String text) {
    return w.search.search(SearchMessagesQuery.everywhere(user.id(), text, 25));
  }

  private static List<Long> ids(Results results) {
    return results.hits().stream().map(h -> h.posted().message().id()).toList();
  }

  @Test
  void findsVisibleMessagesNewestFirstWithAuthorServerAndReactions() {
    Message first = post(owner, general.id(), "Lunch at noon?");
    post(member, general.id(), "dinner maybe");
    Message third = post(member, general.id(), "lunch sounds good");
    w.actions.react(
        new ReactCommand(owner.id(), third.id(), "👍", ReactCommand.Mode.ADD, general.id()));

    Results results = search(member, "LUNCH");

    assertThat(ids(results)).containsExactly(third.id(), first.id());
    assertThat(results.nextBefore()).isNull();
    Hit top = results.hits().get(0);
    assertThat(top.posted().authorName()).isEqualTo(member.username().value());
    assertThat(top.posted().serverId()).isEqualTo(guild.id());
    assertThat(top.posted().message().channelId()).isEqualTo(general.id());
    assertThat(top.reactions()).singleElement().satisfies(r -> assertThat(r.count()).isEqualTo(1));
    assertThat(results.hits().get(1).reactions()).isEmpty();
  }

  @Test
  void aNonMemberFindsNothingOfAServerAndCannotNameIt() {
    post(owner, general.id(), "quarterly roadmap");
    Message theirs = post(stranger, elsewhere.id(), "roadmap of elsewhere");

    assertThat(ids(search(stranger, "roadmap"))).containsExactly(theirs.id());
    assertThat(ids(search(member, "roadmap"))).hasSize(1).doesNotContain(theirs.id());
    assertThatThrownBy(
            () ->
                w.search.search(
                    new SearchMessagesQuery(
                        member.id(), "roadmap", other.id(), null, null, 25, null)))
        .isInstanceOf(NotFound.class)
        .hasMessage("Server not found");
    assertThatThrownBy(
            () ->
                w.search.search(
                    new SearchMessagesQuery(
                        member.id(), "roadmap", null, elsewhere.id(), null, 25, null)))
        .isInstanceOf(NotFound.class)
        .hasMessage("Channel not found");
    // A visible channel reached through another server's id is missing too, as in history.
    assertThatThrownBy(
            () ->
                w.search.search(
                    new SearchMessagesQuery(
                        stranger.id(), "roadmap", other.id(), general.id(), null, 25, null)))
        .isInstanceOf(NotFound.class);
  }

  @Test
  void bannedAndKickedMembersStopFindingTheServersMessages() {
    User kicked = w.user("kicked");
    w.memberServices.add(new AddMemberCommand(owner.id(), guild.id(), kicked.id(), null, null));
    Message message = post(owner, general.id(), "invite codes inside");
    assertThat(ids(search(member, "invite codes"))).containsExactly(message.id());
    assertThat(ids(search(kicked, "invite codes"))).containsExactly(message.id());

    w.moderation.ban(new MemberAction(owner.id(), guild.id(), member.id()), "spam");
    w.moderation.kick(new MemberAction(owner.id(), guild.id(), kicked.id()));

    assertThat(search(member, "invite codes").hits()).isEmpty();
    assertThat(search(kicked, "invite codes").hits()).isEmpty();
    assertThatThrownBy(
            () ->
                w.search.search(
                    new SearchMessagesQuery(
                        member.id(), "invite", guild.id(), null, null, 25, null)))
        .isInstanceOf(NotFound.class);
  }

  @Test
  void conversationsAreSearchedOnlyByTheirParticipants() {
    Conversation dm =
        w.conversations.create(
            new CreateConversationCommand(owner.id(), null, null, false, List.of(stranger.id())));
    Message whisper = post(owner, dm.channel().id(), "the surprise party is friday");
    post(owner, general.id(), "nothing about a party");

    assertThat(ids(search(stranger, "surprise party"))).containsExactly(whisper.id());
    assertThat(ids(search(owner, "surprise party"))).containsExactly(whisper.id());
    assertThat(search(member, "surprise").hits()).isEmpty();
    assertThat(ids(search(member, "party"))).doesNotContain(whisper.id()).hasSize(1);
    assertThatThrownBy(
            () ->
                w.search.search(
                    new SearchMessagesQuery(
                        member.id(), "party", null, dm.channel().id(), null, 25, null)))
        .isInstanceOf(NotFound.class);
  }

  @Test
  void deletedMessagesAreNeverFound() {
    Message kept = post(member, general.id(), "password reset steps");
    Message gone = post(member, general.id(), "my password is hunter2");

    w.actions.delete(member.id(), gone.id(), null);

    assertThat(ids(search(owner, "password"))).containsExactly(kept.id());
    assertThat(search(owner, "hunter2").hits()).isEmpty();
  }

  @Test
  void narrowsToAServerAChannelOrAnAuthor() {
    Channel random = channel(owner, guild, "random", ChannelKind.TEXT);
    Message inGeneral = post(owner, general.id(), "standup notes");
    Message inRandom = post(member, random.id(), "standup moved");
    w.memberServices.add(new AddMemberCommand(stranger.id(), other.id(), owner.id(), null, null));
    Message inOther = post(owner, elsewhere.id(), "standup elsewhere");

    assertThat(ids(search(owner, "standup")))
        .containsExactly(inOther.id(), inRandom.id(), inGeneral.id());
    assertThat(query(owner, guild.id(), null, null)).containsExactly(inRandom.id(), inGeneral.id());
    assertThat(query(owner, guild.id(), general.id(), null)).containsExactly(inGeneral.id());
    assertThat(query(owner, null, random.id(), null)).containsExactly(inRandom.id());
    assertThat(query(owner, null, null, member.id())).containsExactly(inRandom.id());
    assertThat(query(owner, other.id(), null, owner.id())).containsExactly(inOther.id());
  }

  private List<Long> query(User user, Long serverId, Long channelId, Long authorId) {
    return ids(
        w.search.search(
            new SearchMessagesQuery(
                user.id(), "standup", serverId, channelId, authorId, 25, null)));
  }

  @Test
  void pagesWalkEveryHitOnceAndTheLastPageHasNoCursor() {
    List<Long> posted = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      posted.add(post(owner, general.id(), "release " + i).id());
    }
    post(owner, general.id(), "unrelated");

    List<Long> walked = new ArrayList<>();
    Long before = null;
    int pages = 0;
    do {
      Results page =
          w.search.search(
              new SearchMessagesQuery(member.id(), "release", null, null, null, 2, before));
      walked.addAll(ids(page));
      before = page.nextBefore();
      pages++;
    } while (before != null);

    assertThat(pages).isEqualTo(3);
    Collections.reverse(posted);
    assertThat(walked).containsExactlyElementsOf(posted);

    // A page that ends exactly on the last hit says so, rather than pointing at an empty page.
    Results exact =
        w.search.search(new SearchMessagesQuery(member.id(), "release", null, null, null, 5, null));
    assertThat(exact.hits()).hasSize(5);
    assertThat(exact.nextBefore()).isNull();
  }

  @Test
  void voiceChannelsAndUsersWithoutServersAreSearchedHarmlessly() {
    channel(owner, guild, "voice", ChannelKind.VOICE);
    User loner = w.user("loner");

    assertThat(search(loner, "anything").hits()).isEmpty();
    assertThat(search(owner, "anything").hits()).isEmpty();
  }

  @Test
  void searchesExactlyTheChannelsTheOneRuleLetsTheCallerSee() {
    Channel random = channel(owner, guild, "random", ChannelKind.TEXT);
    Conversation group =
        w.conversations.create(
            new CreateConversationCommand(stranger.id(), "Team", null, true, List.of(member.id())));
    Conversation notMine =
        w.conversations.create(
            new CreateConversationCommand(owner.id(), null, null, false, List.of(stranger.id())));
    // Each channel gets one message, posted by someone who may post there.
    Map<Channel, User> authors = new LinkedHashMap<>();
    authors.put(general, owner);
    authors.put(random, owner);
    authors.put(elsewhere, stranger);
    authors.put(group.channel(), stranger);
    authors.put(notMine.channel(), owner);
    Map<Long, Long> messageOf = new HashMap<>();
    authors.forEach(
        (channel, author) ->
            messageOf.put(channel.id(), post(author, channel.id(), "everywhere word").id()));

    assertThat(ids(search(member, "everywhere")))
        .containsExactlyInAnyOrderElementsOf(
            authors.keySet().stream()
                .filter(c -> w.guard.canSee(member.id(), c))
                .map(c -> messageOf.get(c.id()))
                .toList())
        .containsExactlyInAnyOrder(
            messageOf.get(general.id()),
            messageOf.get(random.id()),
            messageOf.get(group.channel().id()));
  }

  @Test
  void rejectsBadQueries() {
    assertThatThrownBy(() -> SearchMessagesQuery.everywhere(member.id(), "   ", 25))
        .isInstanceOf(InvalidInput.class)
        .hasMessage("q must not be blank");
    assertThatThrownBy(() -> SearchMessagesQuery.everywhere(member.id(), null, 25))
        .isInstanceOf(InvalidInput.class)
        .hasMessage("q must not be blank");
    assertThatThrownBy(() -> SearchMessagesQuery.everywhere(member.id(), "x".repeat(201), 25))
        .isInstanceOf(InvalidInput.class)
        .hasMessage("q must be at most 200 characters");
    assertThat(SearchMessagesQuery.everywhere(member.id(), "  " + "x".repeat(200) + " ", 25).text())
        .hasSize(200);
    assertThatThrownBy(() -> SearchMessagesQuery.everywhere(member.id(), "a\0b", 25))
        .isInstanceOf(InvalidInput.class);
    assertThatThrownBy(() -> SearchMessagesQuery.everywhere(member.id(), "ok", 0))
        .isInstanceOf(InvalidInput.class)
        .hasMessage("limit must be between 1 and 100");
    assertThatThrownBy(() -> SearchMessagesQuery.everywhere(member.id(), "ok", 101))
        .isInstanceOf(InvalidInput.class);
    assertThatThrownBy(() -> new SearchMessagesQuery(member.id(), "ok", null, null, null, 25, 0L))
        .isInstanceOf(InvalidInput.class)
        .hasMessage("before must be a message id");
  }
}
