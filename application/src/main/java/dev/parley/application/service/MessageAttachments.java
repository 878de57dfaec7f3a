package dev.parley.application.service;

import dev.parley.application.port.out.AttachmentRepository;
import dev.parley.domain.message.Attachment;
import dev.parley.domain.message.PostedMessage;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Gives read messages their attachments, one query per page; a deleted message shows none. */
final class MessageAttachments {
  private MessageAttachments() {}

  static List<PostedMessage> fill(AttachmentRepository attachments, List<PostedMessage> page) {
    List<Long> ids =
        page.stream().filter(p -> !p.message().isDeleted()).map(p -> p.message().id()).toList();
    if (ids.isEmpty()) {
      return page;
    }
    Map<Long, List<Attachment>> byMessage =
        attachments.findByMessageIds(ids).stream()
            .collect(Collectors.groupingBy(Attachment::messageId));
    if (byMessage.isEmpty()) {
      return page;
    }
    return page.stream()
        .map(p -> p.withAttachments(byMessage.getOrDefault(p.message().id(), List.of())))
        .toList();
  }

  static PostedMessage fill(AttachmentRepository attachments, PostedMessage posted) {
    return fill(attachments, List.of(posted)).get(0);
  }
}
