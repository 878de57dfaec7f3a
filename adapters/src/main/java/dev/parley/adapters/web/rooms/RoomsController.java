package dev.parley.adapters.web.rooms;

import dev.parley.adapters.web.rooms.RoomDtos.CreateRoomRequest;
import dev.parley.adapters.web.rooms.RoomDtos.MessageDto;
import dev.parley.adapters.web.rooms.RoomDtos.RoomDto;
import dev.parley.adapters.web.support.Bodies;
import dev.parley.adapters.web.support.Caller;
import dev.parley.adapters.web.support.HistoryReads;
import dev.parley.application.port.in.ReadHistoryQuery;
import dev.parley.application.port.in.ReadHistoryQuery.Cursor;
import dev.parley.application.port.in.ReadHistoryUseCase;
import dev.parley.application.port.in.RoomsUseCase;
import dev.parley.domain.channel.ChannelExpectation;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.Status;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;

/** Seed 004's rooms and their messages, under {@code /api}. */
@Controller("/api")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured(SecurityRule.IS_AUTHENTICATED)
@Tag(name = "Rooms (seed 004)")
public class RoomsController {
  private final RoomsUseCase rooms;
  private final ReadHistoryUseCase history;

  RoomsController(RoomsUseCase rooms, ReadHistoryUseCase history) {
    this.rooms = rooms;
    this.history = history;
  }

  /** Every room. */
  @Get("/rooms")
  public List<RoomDto> rooms(Authentication auth) {
    return rooms.list(Caller.id(auth)).stream().map(RoomDto::from).toList();
  }

  /** Creates a room; any user may. */
  @Post("/rooms")
  @Status(HttpStatus.CREATED)
  public RoomDto create(Authentication auth, @Body @Nullable CreateRoomRequest body) {
    return RoomDto.from(rooms.create(Caller.id(auth), Bodies.require(body).name()));
  }

  /** One room. */
  @Get("/rooms/{roomId}")
  public RoomDto room(Authentication auth, @PathVariable long roomId) {
    return RoomDto.from(rooms.get(Caller.id(auth), roomId));
  }

  /**
   * The room's history, oldest first: the newest {@code limit} messages (default 50, at most 100),
   * optionally {@code before} a message id.
   */
  @Get("/messages/{roomId}")
  @ExecuteOn(HistoryReads.EXECUTOR)
  public List<MessageDto> history(
      Authentication auth,
      @PathVariable long roomId,
      @QueryValue @Nullable Integer limit,
      @QueryValue @Nullable Long before) {
    return page(Caller.id(auth), roomId, limit, before);
  }

  /** The newest {@code limit} messages (default 50), oldest first. */
  @Get("/messages/{roomId}/recent")
  @ExecuteOn(HistoryReads.EXECUTOR)
  public List<MessageDto> recent(
      Authentication auth, @PathVariable long roomId, @QueryValue @Nullable Integer limit) {
    return page(Caller.id(auth), roomId, limit, null);
  }

  private List<MessageDto> page(long userId, long roomId, Integer limit, Long before) {
    return history
        .read(
            ReadHistoryQuery.page(
                userId, roomId, ChannelExpectation.ROOM, limit, Cursor.before(before)))
        .stream()
        .filter(p -> !p.message().isDeleted())
        .map(MessageDto::from)
        .toList();
  }
}
