package dev.parley.domain.server;

/** Actions inside a server that roles grant. */
public enum Permission {
  READ,
  SEND_MESSAGES,
  DELETE_OTHERS_MESSAGES,
  KICK_MEMBERS,
  TIMEOUT_MEMBERS,
  BAN_MEMBERS,
  CREATE_INVITES,
  PIN_MESSAGES,
  MANAGE_CHANNELS,
  MANAGE_MEMBERS,
  MANAGE_ROLES,
  EDIT_SERVER,
  DELETE_SERVER
}
