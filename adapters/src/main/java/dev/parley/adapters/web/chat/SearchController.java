package dev.parley.adapters.web.chat;

import dev.parley.adapters.web.chat.ChatDtos.MessageDto;
import dev.parley.adapters.web.support.Caller;
import dev.parley.application.port.in.SearchMessagesQuery;
import dev.parley.application.port.in.SearchMessagesUseCase;
import dev.parley.application.port.in.SearchMessagesUseCase.Results;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;

/** Full-text search over the messages the caller can see, under {@code /chat/search}. */
@Controller("/chat")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured(SecurityRule.IS_AUTHENTICATED)
@Tag(name = "Search")
public class SearchController {
  private final SearchMessagesUseCase search;

  SearchController(SearchMessagesUseCase search) {
    this.search = search;
  }

  /** A page of hits, newest first; {@code next_before} is the next page's cursor, or null. */
  @Serdeable(naming = SnakeCaseStrategy.class)
  public record SearchResultsDto(List<MessageDto> results, Long nextBefore) {}

  /**
   * Messages holding every word of {@code q}, newest first, among the servers and conversations the
   * caller belongs to; {@code server_id}, {@code channel_id} and {@code author_id} narrow it, and a
   * server or channel the caller cannot see is a 404. Pages hold {@code limit} hits (default 25, at
   * most 100); pass {@code next_before} back as {@code before} for the next one. Deleted messages
   * are never found.
   */
  @Get("/search")
  public SearchResultsDto search(
      Authentication auth,
      @Parameter(description = "Words to find (1-200 characters); \"phrase\", or, -word work")
          @QueryValue
          @Nullable
          String q,
      @QueryValue("server_id") @Nullable Long serverId,
      @QueryValue("channel_id") @Nullable Long channelId,
      @QueryValue("author_id") @Nullable Long authorId,
      @QueryValue @Nullable Integer limit,
      @Parameter(description = "Only hits with a smaller message id: the previous next_before")
          @QueryValue
          @Nullable
          Long before) {
    long userId = Caller.id(auth);
    Results results =
        search.search(
            new SearchMessagesQuery(
                userId,
                q,
                serverId,
                channelId,
                authorId,
                limit == null ? SearchMessagesQuery.DEFAULT_LIMIT : limit,
                before));
    return new SearchResultsDto(
        results.hits().stream()
            .map(h -> MessageDto.from(h.posted(), h.reactions(), userId))
            .toList(),
        results.nextBefore());
  }
}
