package dev.parley.adapters.web.conversations;

import dev.parley.adapters.web.socket.SurfaceEncodingContract;

/** Runs the {@link SurfaceEncodingContract} against 's encoder, {@link ConversationFrames}. */
class ConversationFramesTest extends SurfaceEncodingContract {
  ConversationFramesTest() {
    super(new ConversationFrames(FRAMES));
  }
}
