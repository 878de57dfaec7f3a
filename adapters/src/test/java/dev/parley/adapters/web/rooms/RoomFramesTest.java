package dev.parley.adapters.web.rooms;

import dev.parley.adapters.web.socket.SurfaceEncodingContract;

/** Runs the {@link SurfaceEncodingContract} against 's encoder, {@link RoomFrames}. */
class RoomFramesTest extends SurfaceEncodingContract {
  RoomFramesTest() {
    super(new RoomFrames(FRAMES));
  }
}
