package dev.parley.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.application.port.in.CreateConversationCommand;
import dev.parley.application.port.in.UploadAttachmentCommand;
import dev.parley.domain.error.InvalidInput;
import dev.parley.domain.error.TooLarge;
import dev.parley.domain.message.Attachment;
import dev.parley.domain.user.User;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Issue 17 item 12 and the upload quota: uploads are what their bytes are, within a quota. */
class UploadContentTest {
  static final byte[] PNG =
      "\u0089PNG\r\n\u001a\n\0\0\0\rIHDR".getBytes(StandardCharsets.ISO_8859_1);
  static final byte[] HTML =
      "<!DOCTYPE html><html><script>alert(document.cookie)</script></html>"
          .getBytes(StandardCharsets.UTF_8);

  private final ChatWorld w = new ChatWorld();
  private final User alice = w.user("alice");
  private final User bob = w.user("bob");
  private final long channel =
      w.conversations
          .create(new CreateConversationCommand(alice.id(), "Files", null, true, List.of(bob.id())))
          .channel()
          .id();

  private static UploadAttachmentCommand file(
      User user, long channel, String name, String type, byte[] bytes, long size) {
    return new UploadAttachmentCommand(
        user.id(), channel, null, name, type, size, new ByteArrayInputStream(bytes));
  }

  private Attachment upload(AttachmentServices files, String name, String type, byte[] bytes) {
    return files.upload(file(alice, channel, name, type, bytes, bytes.length));
  }

  private Attachment upload(String name, String type, byte[] bytes) {
    return upload(w.files, name, type, bytes);
  }

  @Test
  void htmlDeclaredAsAnImageUnderABidiNameIsRefused() {
    assertThatThrownBy(() -> upload("invoice\u202Efdp.exe", "image/png", HTML))
        .isInstanceOf(InvalidInput.class)
        .hasMessageContaining("markup");
    for (String type : new String[] {"text/plain", "application/octet-stream", "application/pdf"}) {
      assertThatThrownBy(() -> upload("a.txt", type, HTML))
          .as(type)
          .isInstanceOf(InvalidInput.class);
    }
    byte[] svg =
        "<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>"
            .getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> upload("x.txt", "text/plain", svg)).isInstanceOf(InvalidInput.class);
    byte[] hidden =
        ("notes\n\n<script src=//evil.example></script>").getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> upload("x.txt", "text/plain", hidden))
        .isInstanceOf(InvalidInput.class);
    assertThat(w.storage.files).isEmpty();
  }

  @Test
  void theDeclaredTypeMustAgreeWithTheBytes() {
    byte[] pdf = "%PDF-1.7\n...".getBytes(StandardCharsets.ISO_8859_1);
    assertThatThrownBy(() -> upload("a.png", "image/png", pdf))
        .isInstanceOf(InvalidInput.class)
        .hasMessageContaining("not image/png")
        .hasMessageContaining("application/pdf");
    assertThatThrownBy(() -> upload("a.txt", "text/plain", PNG)).isInstanceOf(InvalidInput.class);
    assertThatThrownBy(() -> upload("a.zip", "application/zip", new byte[64]))
        .isInstanceOf(InvalidInput.class);
    assertThat(w.storage.files).isEmpty();

    assertThat(upload("cat.png", "image/png", PNG).contentType()).isEqualTo("image/png");
    assertThat(upload("doc.pdf", "application/pdf", pdf).contentType())
        .isEqualTo("application/pdf");
    assertThat(upload("n.txt", "text/plain; charset=utf-8", "héllo <3".getBytes()).contentType())
        .isEqualTo("text/plain");
  }

  @Test
  void octetStreamTakesTheSniffedType() {
    assertThat(upload("cat", "application/octet-stream", PNG).contentType()).isEqualTo("image/png");
    assertThat(upload("n", "application/octet-stream", "plain words".getBytes()).contentType())
        .isEqualTo("text/plain");
    assertThatThrownBy(() -> upload("blob", "application/octet-stream", new byte[] {1, 0, 2, 3}))
        .isInstanceOf(InvalidInput.class)
        .hasMessageContaining("not recognised");
  }

  @Test
  void namesLoseTheirControlAndBidiCharacters() {
    byte[] text = "invoice".getBytes(StandardCharsets.UTF_8);
    assertThat(upload("invoice\u202Efdp.exe", "text/plain", text).filename())
        .isEqualTo("invoicefdp.exe");
    assertThat(upload("\u2066a\u0007b\u2069.txt", "text/plain", text).filename())
        .isEqualTo("ab.txt");
    assertThatThrownBy(() -> upload("\u202E\u200F", "text/plain", text))
        .isInstanceOf(InvalidInput.class);
  }

  @Test
  void eachUserKeepsAtMostTheirQuota() {
    AttachmentServices files =
        new AttachmentServices(
            w.guard,
            w.attachments,
            w.storage,
            w.messages,
            new AttachmentLimits(100, AttachmentLimits.DEFAULT_TYPES, 50),
            w.clock);
    byte[] thirty = "x".repeat(30).getBytes(StandardCharsets.US_ASCII);

    upload(files, "a.txt", "text/plain", thirty);
    assertThatThrownBy(() -> upload(files, "b.txt", "text/plain", thirty))
        .isInstanceOf(TooLarge.class)
        .hasMessageContaining("quota")
        .hasMessageContaining("30 of the 50 bytes");
    // A size the transport did not know is measured against the room left, too.
    assertThatThrownBy(() -> files.upload(file(alice, channel, "c.txt", "text/plain", thirty, -1)))
        .isInstanceOf(TooLarge.class)
        .hasMessageContaining("quota");
    assertThat(upload(files, "d.txt", "text/plain", "x".repeat(20).getBytes()).size())
        .isEqualTo(20);
    assertThatThrownBy(() -> upload(files, "e.txt", "text/plain", "x".getBytes()))
        .isInstanceOf(TooLarge.class);
    // Others have their own.
    assertThat(files.upload(file(bob, channel, "f.txt", "text/plain", thirty, 30)).size())
        .isEqualTo(30);
    assertThat(w.storage.files).hasSize(3);
  }
}
