package dev.parley.application.port.in;

import dev.parley.domain.channel.Channel;
import java.util.List;

/** A DM or group channel with its participants. */
public record Conversation(Channel channel, List<Long> participantIds) {}
