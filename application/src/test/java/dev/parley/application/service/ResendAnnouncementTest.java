package dev.parley.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.application.fakes.DirectTransactions;
import dev.parley.application.fakes.RecordingConnection;
import dev.parley.application.port.in.SendMessageCommand;
import dev.parley.application.port.out.MessageRepository;
import dev.parley.domain.channel.Channel;
import dev.parley.domain.event.MessageCreated;
import dev.parley.domain.message.Message;
import dev.parley.domain.user.User;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * A resend announces its message again, so one whose first announcement was lost (its node lost the
 * commit's answer) still reaches everyone live; one that was announced reaches nobody twice.
 */
class ResendAnnouncementTest {
  private final ChatWorld w = new ChatWorld();
  private final User alice = w.user("alice");
  private final User bob = w.user("bob");
  private final Channel channel = w.channelOf(alice, bob);
  private final RecordingConnection bobs = w.connect(bob);

  private SendMessageCommand withNonce(String text, String nonce) {
    return SendMessageCommand.of(alice.id(), channel.id(), null, text, nonce);
  }

  private long newMessagesBobGot() {
    return bobs.received.stream().filter(e -> e instanceof MessageCreated).count();
  }

  @Test
  void aResendOfAnAnnouncedMessageReachesNobodyTwice() {
    w.send.send(withNonce("hello", "n-1"));
    var again = w.send.send(withNonce("hello", "n-1"));

    assertThat(again.duplicate()).isTrue();
    assertThat(w.published.stream().filter(e -> e instanceof MessageCreated)).hasSize(2);
    assertThat(newMessagesBobGot()).isEqualTo(1);
  }

  @Test
  void aResendOfAMessageWhoseAnnouncementWasLostReachesEveryone() {
    AtomicBoolean answerLost = new AtomicBoolean(true);
    MessageRepository losesFirstAnswer =
        (MessageRepository)
            Proxy.newProxyInstance(
                MessageRepository.class.getClassLoader(),
                new Class<?>[] {MessageRepository.class},
                (proxy, method, args) -> {
                  Object result;
                  try {
                    result = method.invoke(w.messages, args);
                  } catch (InvocationTargetException e) {
                    throw e.getCause();
                  }
                  boolean appending =
                      method.getName().equals("append") || method.getName().equals("appendLater");
                  if (appending && answerLost.getAndSet(false)) {
                    throw new IllegalStateException("connection lost during commit");
                  }
                  return result;
                });
    SendMessageService flaky =
        new SendMessageService(
            w.guard,
            losesFirstAnswer,
            w.users,
            w.readStateRepository,
            w.attachments,
            new DirectTransactions(),
            w.threadRepository,
            w.publisher,
            w.clock,
            Runnable::run);

    assertThatThrownBy(() -> flaky.send(withNonce("stored, not announced", "n-2")))
        .hasMessageContaining("connection lost");
    assertThat(newMessagesBobGot()).isZero();

    var resent = flaky.send(withNonce("stored, not announced", "n-2"));

    assertThat(resent.duplicate()).isTrue();
    assertThat(newMessagesBobGot()).isEqualTo(1);
    Message stored = resent.posted().message();
    assertThat(((MessageCreated) bobs.received.get(bobs.received.size() - 1)).posted().message())
        .isEqualTo(stored);
  }
}
