package dev.parley.adapters.web.chat;

import dev.parley.adapters.web.socket.SurfaceEncodingContract;

/** Runs the {@link SurfaceEncodingContract} against 's encoder, {@link NativeFrames}. */
class NativeFramesTest extends SurfaceEncodingContract {
  NativeFramesTest() {
    super(new NativeFrames(FRAMES));
  }
}
