package dev.parley.adapters.persistence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;

/**
 * Reads the rows of the hot paths (every send's access check, every history page) straight from the
 * result set. Micronaut Data's {@code readEntity} gives the same rows but resolves each column's
 * name and converter per row, which a profile showed costing more CPU than the rest of a send;
 * everything off those paths keeps using it. RowReadersTest holds the two equal.
 */
final class RowReaders {
  private RowReaders() {}

  static ChannelRow channel(ResultSet rs) throws SQLException {
    return new ChannelRow(
        rs.getLong("id"),
        nullableLong(rs, "server_id"),
        rs.getString("kind"),
        rs.getString("name"),
        rs.getString("description"),
        rs.getString("category"),
        rs.getInt("position"),
        rs.getLong("last_seq"),
        rs.getLong("last_pos"),
        nullableLong(rs, "created_by"),
        instant(rs, "created_at"),
        instant(rs, "updated_at"));
  }

  static MembershipRow membership(ResultSet rs) throws SQLException {
    return new MembershipRow(
        new MembershipKey(rs.getLong("server_id"), rs.getLong("user_id")),
        rs.getString("role"),
        instant(rs, "joined_at"),
        instant(rs, "timeout_until"));
  }

  static UserRow user(ResultSet rs) throws SQLException {
    return new UserRow(
        rs.getLong("id"),
        rs.getString("username"),
        rs.getString("username_key"),
        rs.getString("email"),
        rs.getString("display_name"),
        rs.getString("password_hash"),
        instant(rs, "created_at"),
        rs.getBoolean("active"),
        rs.getString("external_issuer"),
        rs.getString("external_subject"),
        rs.getBoolean("bot"));
  }

  static MessageRow message(ResultSet rs) throws SQLException {
    return new MessageRow(
        rs.getLong("id"),
        rs.getLong("channel_id"),
        rs.getLong("seq"),
        rs.getLong("author_id"),
        rs.getString("content"),
        instant(rs, "created_at"),
        instant(rs, "edited_at"),
        instant(rs, "deleted_at"),
        nullableLong(rs, "reply_to_id"),
        rs.getString("nonce"),
        rs.getLong("pos"),
        nullableLong(rs, "webhook_id"),
        rs.getString("display_name"));
  }

  static AttachmentRow attachment(ResultSet rs) throws SQLException {
    return new AttachmentRow(
        rs.getLong("id"),
        rs.getLong("channel_id"),
        rs.getLong("uploader_id"),
        nullableLong(rs, "message_id"),
        rs.getString("filename"),
        rs.getString("content_type"),
        rs.getLong("size_bytes"),
        rs.getString("sha256"),
        rs.getString("storage_key"),
        instant(rs, "created_at"));
  }

  private static Long nullableLong(ResultSet rs, String column) throws SQLException {
    long value = rs.getLong(column);
    return rs.wasNull() ? null : value;
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }
}
