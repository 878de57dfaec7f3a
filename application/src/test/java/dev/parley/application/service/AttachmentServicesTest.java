package dev.parley.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.application.fakes.InMemoryAttachmentRepository;
import dev.parley.application.port.in.AddMemberCommand;
import dev.parley.application.port.in.CreateChannelCommand;
import dev.parley.application.port.in.CreateServerCommand;
import dev.parley.application.port.in.EditMessageCommand;
import dev.parley.application.port.in.ModerateMembersUseCase.MemberAction;
import dev.parley.application.port.in.ReadHistoryQuery;
import dev.parley.application.port.in.ResumeUseCase.Cursor;
import dev.parley.application.port.in.SendMessageCommand;
import dev.parley.application.port.in.UploadAttachmentCommand;
import dev.parley.domain.channel.Channel;
import dev.parley.domain.channel.ChannelExpectation;
import dev.parley.domain.channel.ChannelKind;
import dev.parley.domain.error.InvalidInput;
import dev.parley.domain.error.NotFound;
import dev.parley.domain.error.PermissionDenied;
import dev.parley.domain.error.TooLarge;
import dev.parley.domain.event.MessageCreated;
import dev.parley.domain.message.Attachment;
import dev.parley.domain.message.MessageText;
import dev.parley.domain.message.PostedMessage;
import dev.parley.domain.server.Server;
import dev.parley.domain.user.User;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AttachmentServicesTest {
  private static final byte[] PNG =
      "\u0089PNG\r\n\u001a\nfake image".getBytes(StandardCharsets.ISO_8859_1);

  private final ChatWorld w = new ChatWorld();
  private final User admin = w.user("admin");
  private final User member = w.user("member");
  private final User outsider = w.user("outsider");
  private final Server server =
      w.serverServices.create(new CreateServerCommand(admin.id(), "Files", null, null));
  private final Channel general = channel("general", ChannelKind.TEXT);
  private final Channel other = channel("other", ChannelKind.TEXT);

  AttachmentServicesTest() {
    w.memberServices.add(new AddMemberCommand(admin.id(), server.id(), member.id(), null, null));
  }

  private Channel channel(String name, ChannelKind kind) {
    return w.channelServices.create(
        new CreateChannelCommand(admin.id(), server.id(), name, kind, null, null, null));
  }

  private static UploadAttachmentCommand file(
      User user, Channel channel, String name, String type, byte[] bytes) {
    return new UploadAttachmentCommand(
        user.id(), channel.id(), null, name, type, bytes.length, new ByteArrayInputStream(bytes));
  }

  private Attachment upload(User user, Channel channel) {
    return w.files.upload(file(user, channel, "cat.png", "image/png", PNG));
  }

  private PostedMessage send(User user, Channel channel, String text, Long... attachmentIds) {
    return w.send
        .send(
            new SendMessageCommand(
                user.id(),
                channel.id(),
                null,
                SendMessageCommand.text(text, List.of(attachmentIds)),
                null,
                null,
                List.of(attachmentIds)))
        .posted();
  }

  private static byte[] read(InputStream in) {
    try (in) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void anUploadIsStoredMeasuredAndHashedUnderAServerChosenKey() {
    Attachment a =
        w.files.upload(
            new UploadAttachmentCommand(
                member.id(),
                general.id(),
                ChannelExpectation.ofServer(server.id()),
                "C:\\Users\\me\\Pictures\\../ cat.png ",
                "Image/PNG; name=x",
                -1,
                new ByteArrayInputStream(PNG)));

    assertThat(a.filename()).isEqualTo("cat.png");
    assertThat(a.contentType()).isEqualTo("image/png");
    assertThat(a.size()).isEqualTo(PNG.length);
    assertThat(a.sha256()).isEqualTo(sha256(PNG)).hasSize(64);
    assertThat(a.uploaderId()).isEqualTo(member.id());
    assertThat(a.channelId()).isEqualTo(general.id());
    assertThat(a.messageId()).isNull();
    assertThat(a.storageKey()).doesNotContain("cat").matches("[0-9a-f-]{36}");
    assertThat(w.storage.files).containsOnlyKeys(a.storageKey());
    assertThat(w.storage.files.get(a.storageKey())).isEqualTo(PNG);
  }

  @Test
  void onlyThoseWhoMayPostUpload() {
    assertThatThrownBy(() -> upload(outsider, general)).isInstanceOf(NotFound.class);
    Channel voice = channel("voice", ChannelKind.VOICE);
    assertThatThrownBy(() -> upload(member, voice)).isInstanceOf(InvalidInput.class);
    assertThatThrownBy(
            () ->
                w.files.upload(
                    new UploadAttachmentCommand(
                        member.id(),
                        general.id(),
                        ChannelExpectation.ofServer(server.id() + 1),
                        "a.png",
                        "image/png",
                        PNG.length,
                        new ByteArrayInputStream(PNG))))
        .isInstanceOf(NotFound.class);
    w.moderation.timeout(
        new MemberAction(admin.id(), server.id(), member.id()), Duration.ofMinutes(5));
    assertThatThrownBy(() -> upload(member, general))
        .isInstanceOf(PermissionDenied.class)
        .hasMessageContaining("timed out");
    w.moderation.ban(new MemberAction(admin.id(), server.id(), member.id()), "spam");
    assertThatThrownBy(() -> upload(member, general)).isInstanceOf(NotFound.class);
    assertThat(w.storage.files).isEmpty();
  }

  @Test
  void sizeAndTypeAreLimited() {
    AttachmentServices small =
        new AttachmentServices(
            w.guard,
            w.attachments,
            w.storage,
            w.messages,
            new AttachmentLimits(10, Set.of("text/csv")),
            w.clock);
    byte[] eleven = "12345678901".getBytes(StandardCharsets.US_ASCII);

    assertThat(
            small
                .upload(file(member, general, "t.csv", "text/csv", "a,b,c\n1,2\n".getBytes()))
                .size())
        .isEqualTo(10);
    assertThatThrownBy(() -> small.upload(file(member, general, "t.csv", "text/csv", eleven)))
        .isInstanceOf(TooLarge.class);
    // A transport that does not know the size up front: the stream is cut off at the limit.
    assertThatThrownBy(
            () ->
                small.upload(
                    new UploadAttachmentCommand(
                        member.id(),
                        general.id(),
                        null,
                        "t.csv",
                        "text/csv",
                        -1,
                        new ByteArrayInputStream(eleven))))
        .isInstanceOf(TooLarge.class);
    assertThatThrownBy(() -> small.upload(file(member, general, "t.png", "image/png", PNG)))
        .isInstanceOf(InvalidInput.class)
        .hasMessageContaining("image/png is not allowed")
        .hasMessageContaining("text/csv");
    assertThatThrownBy(() -> upload(member, general, "page.html", "text/html"))
        .isInstanceOf(InvalidInput.class)
        .hasMessageContaining("text/html is not allowed");
    assertThatThrownBy(() -> upload(member, general, "x.svg", "image/svg+xml"))
        .isInstanceOf(InvalidInput.class);
    assertThatThrownBy(() -> upload(member, general, "x", null))
        .isInstanceOf(InvalidInput.class)
        .hasMessageContaining("content type is required");
    assertThatThrownBy(
            () -> w.files.upload(file(member, general, "e.txt", "text/plain", new byte[0])))
        .isInstanceOf(InvalidInput.class)
        .hasMessageContaining("empty");
    assertThatThrownBy(() -> upload(member, general, "dir/", "image/png"))
        .isInstanceOf(InvalidInput.class);
    assertThatThrownBy(() -> upload(member, general, "a".repeat(256), "image/png"))
        .isInstanceOf(InvalidInput.class);
    assertThat(w.storage.files).hasSize(1);
    assertThat(AttachmentLimits.defaults().maxBytes()).isEqualTo(8L * 1024 * 1024);
  }

  private Attachment upload(User user, Channel channel, String name, String type) {
    return w.files.upload(file(user, channel, name, type, PNG));
  }

  @Test
  void aMessageCarriesItsSendersUploadsEverywhereItIsShown() {
    Attachment a = upload(member, general);
    Attachment b =
        w.files.upload(
            file(
                member,
                general,
                "notes.txt",
                "text/plain",
                "notes".getBytes(StandardCharsets.UTF_8)));

    PostedMessage posted = send(member, general, "  ", a.id(), b.id());

    assertThat(posted.message().content()).isEmpty();
    assertThat(posted.attachments())
        .containsExactly(a.attachedTo(posted.message().id()), b.attachedTo(posted.message().id()));
    assertThat(w.published)
        .filteredOn(MessageCreated.class::isInstance)
        .singleElement()
        .isInstanceOfSatisfying(
            MessageCreated.class,
            e -> assertThat(e.posted().attachments()).isEqualTo(posted.attachments()));
    List<PostedMessage> history =
        w.history.read(
            new ReadHistoryQuery(admin.id(), general.id(), null, 50, null, null, null, null));
    assertThat(history).singleElement().isEqualTo(posted);
    assertThat(w.resume.resume(admin.id(), Map.of(general.id(), Cursor.ofSeq(0))).replays())
        .singleElement()
        .satisfies(r -> assertThat(r.events()).containsExactly(new MessageCreated(posted)));
    PostedMessage edited =
        w.actions.edit(
            new EditMessageCommand(
                member.id(), posted.message().id(), new MessageText("a caption"), null));
    assertThat(edited.attachments()).isEqualTo(posted.attachments());
  }

  @Test
  void aMessageWithoutFilesStillNeedsText() {
    assertThatThrownBy(
            () ->
                new SendMessageCommand(
                    member.id(), general.id(), null, null, null, null, List.of()))
        .isInstanceOf(InvalidInput.class);
    assertThatThrownBy(() -> SendMessageCommand.text(" ", List.of()))
        .isInstanceOf(InvalidInput.class);
    assertThat(send(member, general, "plain").attachments()).isEmpty();
  }

  @Test
  void onlyTheSendersOwnUnsentUploadsToTheChannelCanBeAttached() {
    Attachment admins = upload(admin, general);
    Attachment elsewhere = upload(member, other);
    Attachment sent = upload(member, general);
    send(member, general, "first", sent.id());
    Attachment fresh = upload(member, general);

    assertThatThrownBy(() -> send(member, general, "hi", admins.id()))
        .isInstanceOf(InvalidInput.class)
        .hasMessageContaining("attachment " + admins.id() + " is not one of your uploads");
    assertThatThrownBy(() -> send(member, general, "hi", 987_654L))
        .isInstanceOf(InvalidInput.class)
        .hasMessageContaining("is not one of your uploads");
    assertThatThrownBy(() -> send(member, general, "hi", elsewhere.id()))
        .isInstanceOf(InvalidInput.class)
        .hasMessageContaining("uploaded to another channel");
    assertThatThrownBy(() -> send(member, general, "hi", fresh.id(), sent.id()))
        .isInstanceOf(InvalidInput.class)
        .hasMessageContaining("attachment " + sent.id() + " is already attached");
    assertThatThrownBy(() -> send(member, general, "hi", fresh.id(), fresh.id()))
        .isInstanceOf(InvalidInput.class);
    List<Long> eleven = new ArrayList<>();
    for (int i = 0; i < 11; i++) {
      eleven.add(upload(member, general).id());
    }
    assertThatThrownBy(
            () -> new SendMessageCommand(member.id(), general.id(), null, null, null, null, eleven))
        .isInstanceOf(InvalidInput.class)
        .hasMessageContaining("at most 10");
    // Nothing was posted by the refused sends, and the fresh upload is still free.
    assertThat(
            w.history.read(
                new ReadHistoryQuery(member.id(), general.id(), null, 50, null, null, null, null)))
        .hasSize(1);
    assertThat(send(member, general, null, fresh.id()).attachments()).hasSize(1);
  }

  @Test
  void aRetriedSendReturnsTheFilesOfTheFirst() {
    Attachment a = upload(member, general);
    SendMessageCommand command =
        new SendMessageCommand(
            member.id(), general.id(), null, null, "retry-1", null, List.of(a.id()));

    PostedMessage first = w.send.send(command).posted();
    var again = w.send.send(command);

    assertThat(again.duplicate()).isTrue();
    assertThat(again.posted().attachments()).isEqualTo(first.attachments()).hasSize(1);
  }

  @Test
  void downloadsFollowWhoCanReadTheChannel() {
    Attachment a = upload(member, general);

    // Before it is sent, an upload is its uploader's alone.
    assertThat(read(w.files.open(member.id(), a.id()).content())).isEqualTo(PNG);
    assertThatThrownBy(() -> w.files.open(admin.id(), a.id())).isInstanceOf(NotFound.class);

    PostedMessage posted = send(member, general, "look", a.id());

    assertThat(read(w.files.open(admin.id(), a.id()).content())).isEqualTo(PNG);
    assertThat(w.files.describe(admin.id(), a.id()).messageId()).isEqualTo(posted.message().id());
    assertThatThrownBy(() -> w.files.open(outsider.id(), a.id()))
        .isInstanceOf(NotFound.class)
        .hasMessage("Attachment not found");
    assertThatThrownBy(() -> w.files.describe(outsider.id(), a.id())).isInstanceOf(NotFound.class);
    assertThatThrownBy(() -> w.files.open(member.id(), 987_654L)).isInstanceOf(NotFound.class);

    w.moderation.kick(new MemberAction(admin.id(), server.id(), member.id()));
    assertThatThrownBy(() -> w.files.open(member.id(), a.id())).isInstanceOf(NotFound.class);

    w.actions.delete(admin.id(), posted.message().id(), null);
    assertThatThrownBy(() -> w.files.open(admin.id(), a.id())).isInstanceOf(NotFound.class);
    assertThat(
            w.history.read(
                new ReadHistoryQuery(admin.id(), general.id(), null, 50, null, null, null, null)))
        .singleElement()
        .satisfies(p -> assertThat(p.attachments()).isEmpty());
  }

  @Test
  void aFailedRecordLeavesNoBytesBehind() {
    AttachmentServices failing =
        new AttachmentServices(
            w.guard,
            new InMemoryAttachmentRepository(w.store) {
              @Override
              public Optional<Attachment> saveWithinQuota(NewAttachment attachment, long quota) {
                throw new IllegalStateException("database down");
              }
            },
            w.storage,
            w.messages,
            AttachmentLimits.defaults(),
            w.clock);

    assertThatThrownBy(() -> failing.upload(file(member, general, "a.png", "image/png", PNG)))
        .isInstanceOf(IllegalStateException.class);
    assertThat(w.storage.files).isEmpty();
  }

  @Test
  void anUploadThatLosesTheLastRoomToAnotherLeavesNoBytesAndSaysQuota() {
    AttachmentServices racing =
        new AttachmentServices(
            w.guard,
            new InMemoryAttachmentRepository(w.store) {
              @Override
              public Optional<Attachment> saveWithinQuota(NewAttachment attachment, long quota) {
                // As if a concurrent upload of the same user took the room meanwhile.
                return Optional.empty();
              }
            },
            w.storage,
            w.messages,
            AttachmentLimits.defaults(),
            w.clock);

    assertThatThrownBy(() -> racing.upload(file(member, general, "a.png", "image/png", PNG)))
        .isInstanceOf(TooLarge.class)
        .hasMessageContaining("quota");
    assertThat(w.storage.files).isEmpty();
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
