package dev.parley.adapters.web.classic;

import dev.parley.adapters.web.socket.SurfaceEncodingContract;

/** Runs the {@link SurfaceEncodingContract} against 's encoder, {@link ClassicFrames}. */
class ClassicFramesTest extends SurfaceEncodingContract {
  ClassicFramesTest() {
    super(new ClassicFrames(FRAMES));
  }
}
