package dev.parley.adapters.web.socket;

import io.micronaut.json.JsonMapper;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.TaskScheduler;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.time.Duration;

/**
 * Holds a resuming connection's live events until its {@code resume} frame. If none has arrived
 * within the resume wait, the connection goes live without a replay and is told so. The wait has
 * its own timer, so it holds whatever the heartbeat interval.
 */
@Singleton
public class ResumeWait {
  private static final Duration RETRY = Duration.ofMillis(100);

  private final TaskScheduler scheduler;
  private final SocketLimits limits;
  private final Frames frames;

  ResumeWait(
      @Named(TaskExecutors.SCHEDULED) TaskScheduler scheduler,
      SocketLimits limits,
      JsonMapper json) {
    this.scheduler = scheduler;
    this.limits = limits;
    this.frames = new Frames(json);
  }

  /** Starts the wait for the connection's resume frame. */
  public void start(SocketConnection connection) {
    connection.awaitResume();
    connection.resumeTimer(scheduler.schedule(limits.getResumeWait(), () -> over(connection)));
  }

  private void over(SocketConnection connection) {
    // In order with the connection's frames: a resume already being handled finishes first.
    boolean queued =
        connection.submit(
            () -> {
              if (connection.awaitingResume()) {
                connection.send(
                    frames.write(
                        ErrorFrame.of(
                            "invalid_input", "No resume frame arrived; now live without replay")));
                connection.markReady();
              }
            });
    if (!queued && connection.isOpen()) {
      // Too many frames waiting: try again shortly rather than jump the queue.
      scheduler.schedule(RETRY, () -> over(connection));
    }
  }
}
