package dev.parley.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.parley.application.port.in.AddMemberCommand;
import dev.parley.application.port.in.CreateChannelCommand;
import dev.parley.application.port.in.CreateServerCommand;
import dev.parley.application.port.in.ReadHistoryQuery;
import dev.parley.application.port.in.SendMessageCommand;
import dev.parley.domain.channel.Channel;
import dev.parley.domain.channel.ChannelKind;
import dev.parley.domain.error.InvalidInput;
import dev.parley.domain.message.Message;
import dev.parley.domain.message.PostedMessage;
import dev.parley.domain.server.Server;
import dev.parley.domain.user.User;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Fuzzes history cursors (limit, offset, before, after, after_seq): any combination is refused by
 * name (a message-id cursor must be a message of the channel) or answers the exact page its cursor
 * selects, oldest first, from the asked channel only. CI replays the committed inputs; {@code
 * JAZZER_FUZZ=1} explores.
 */
class HistoryCursorFuzzTest {
  private static final ChatWorld WORLD = new ChatWorld();
  private static final User READER = WORLD.user("reader");
  private static final Channel GENERAL;
  private static final List<Message> ALL = new ArrayList<>();

  static {
    Server server =
        WORLD.serverServices.create(new CreateServerCommand(READER.id(), "Fuzz", null, null));
    GENERAL = channel(server, "general");
    Channel other = channel(server, "other");
    User writer = WORLD.user("writer");
    WORLD.memberServices.add(
        new AddMemberCommand(READER.id(), server.id(), writer.id(), null, null));
    for (int i = 0; i < 40; i++) {
      // Interleaved with another channel, so ids of the asked channel are not contiguous.
      ALL.add(send(writer, GENERAL, "g" + i).message());
      send(writer, other, "o" + i);
    }
  }

  private static Channel channel(Server server, String name) {
    return WORLD.channelServices.create(
        new CreateChannelCommand(
            READER.id(), server.id(), name, ChannelKind.TEXT, null, null, null));
  }

  private static PostedMessage send(User user, Channel channel, String text) {
    return WORLD
        .send
        .send(SendMessageCommand.of(user.id(), channel.id(), null, text, null))
        .posted();
  }

  @FuzzTest(maxDuration = "60s")
  void anyCursorAnswersItsExactPageOrIsRefusedByName(FuzzedDataProvider data) {
    int limit = data.consumeInt(-5, 120);
    Integer offset = data.consumeBoolean() ? data.consumeInt(-5, 60) : null;
    Long before = data.consumeBoolean() ? cursor(data) : null;
    Long after = data.consumeBoolean() ? cursor(data) : null;
    Long afterSeq = data.consumeBoolean() ? data.consumeLong(-3, 50) : null;
    ReadHistoryQuery query;
    try {
      query =
          new ReadHistoryQuery(
              READER.id(), GENERAL.id(), null, limit, offset, before, after, afterSeq);
    } catch (InvalidInput refused) {
      assertThat(refused.field()).isNotBlank();
      return;
    }
    Long idCursor = before != null ? before : after;
    if (idCursor != null && ALL.stream().noneMatch(m -> m.id() == idCursor)) {
      // A message id cursor must be a message of the asked channel.
      assertThatThrownBy(() -> WORLD.history.read(query))
          .isInstanceOfSatisfying(
              InvalidInput.class,
              refused ->
                  assertThat(refused.field()).isEqualTo(before != null ? "before" : "after"));
      return;
    }
    List<Message> page = WORLD.history.read(query).stream().map(PostedMessage::message).toList();

    assertThat(page).hasSizeLessThanOrEqualTo(limit);
    assertThat(page).allMatch(m -> m.channelId() == GENERAL.id());
    for (int i = 1; i < page.size(); i++) {
      assertThat(page.get(i).seq()).isGreaterThan(page.get(i - 1).seq());
    }
    List<Message> expected;
    if (before != null) {
      expected = newest(m -> m.id() < before, limit, 0);
    } else if (after != null) {
      expected = oldest(m -> m.id() > after, limit);
    } else if (afterSeq != null) {
      expected = oldest(m -> m.seq() > afterSeq, limit);
    } else {
      expected = newest(m -> true, limit, offset == null ? 0 : offset);
    }
    assertThat(page).extracting(Message::id).containsExactlyElementsOf(ids(expected));
  }

  /** A message id near the stored ones, or any long. */
  private static long cursor(FuzzedDataProvider data) {
    if (data.consumeBoolean()) {
      return data.consumeLong();
    }
    long first = ALL.get(0).id();
    return data.consumeLong(first - 3, ALL.get(ALL.size() - 1).id() + 3);
  }

  private static List<Message> newest(Predicate<Message> test, int limit, int skip) {
    List<Message> matching = ALL.stream().filter(test).toList();
    int end = Math.max(0, matching.size() - skip);
    return matching.subList(Math.max(0, end - limit), end);
  }

  private static List<Message> oldest(Predicate<Message> test, int limit) {
    return ALL.stream().filter(test).limit(limit).toList();
  }

  private static List<Long> ids(List<Message> messages) {
    return messages.stream().map(Message::id).toList();
  }
}
