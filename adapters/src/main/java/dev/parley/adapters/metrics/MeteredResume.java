package dev.parley.adapters.metrics;

import dev.parley.application.port.in.ResumeUseCase;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;

/** Counts resumes, the events they replay and the channels they send to resync instead. */
public final class MeteredResume implements ResumeUseCase {
  private final ResumeUseCase resume;
  private final Counter resumes;
  private final Counter replayed;
  private final Counter resyncs;

  public MeteredResume(ResumeUseCase resume, MeterRegistry registry) {
    this.resume = resume;
    this.resumes =
        Counter.builder("parley.resumes")
            .description("Resume requests answered")
            .register(registry);
    this.replayed =
        Counter.builder("parley.resume.replayed.events")
            .description("Changes replayed to resuming clients")
            .register(registry);
    this.resyncs =
        Counter.builder("parley.resume.resyncs")
            .description("Channels a resuming client was told to page instead (resync)")
            .register(registry);
  }

  @Override
  public Result resume(long userId, Map<Long, Cursor> cursors) {
    Result result = resume.resume(userId, cursors);
    resumes.increment();
    replayed.increment(result.replays().stream().mapToInt(r -> r.events().size()).sum());
    resyncs.increment(result.resyncs().size());
    return result;
  }
}
