package dev.parley.application.fakes;

import dev.parley.application.port.out.UserRepository;
import dev.parley.domain.error.UsernameTaken;
import dev.parley.domain.user.User;
import dev.parley.domain.user.Username;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/** In-memory {@link UserRepository} for use-case tests and the port's contract test. */
public class InMemoryUserRepository implements UserRepository {
  private final Map<Long, User> byId = new ConcurrentHashMap<>();
  private final AtomicLong ids = new AtomicLong();
  private final Map<String, Long> external = new ConcurrentHashMap<>();

  @Override
  public synchronized User create(NewUser user) {
    boolean taken =
        byId.values().stream().anyMatch(u -> u.username().key().equals(user.username().key()));
    if (taken) {
      throw new UsernameTaken();
    }
    User created =
        new User(
            ids.incrementAndGet(),
            user.username(),
            user.email(),
            user.displayName(),
            user.passwordHash(),
            user.createdAt(),
            true,
            user.bot());
    byId.put(created.id(), created);
    return created;
  }

  @Override
  public Optional<User> findById(long id) {
    return Optional.ofNullable(byId.get(id));
  }

  @Override
  public Optional<User> findByUsername(Username username) {
    return byId.values().stream()
        .filter(u -> u.username().key().equals(username.key()))
        .findFirst();
  }

  @Override
  public List<User> findByUsernames(Collection<Username> usernames) {
    Set<String> keys = usernames.stream().map(Username::key).collect(Collectors.toSet());
    return byId.values().stream().filter(u -> keys.contains(u.username().key())).toList();
  }

  @Override
  public List<User> findAllById(Collection<Long> ids) {
    List<User> found = new ArrayList<>();
    ids.forEach(id -> findById(id).ifPresent(found::add));
    return found;
  }

  @Override
  public void updatePassword(long userId, String passwordHash) {
    byId.computeIfPresent(
        userId,
        (id, u) ->
            new User(
                id,
                u.username(),
                u.email(),
                u.displayName(),
                passwordHash,
                u.createdAt(),
                u.active(),
                u.bot()));
  }

  @Override
  public void deactivate(long userId) {
    byId.computeIfPresent(
        userId,
        (id, u) ->
            new User(
                id,
                u.username(),
                u.email(),
                u.displayName(),
                u.passwordHash(),
                u.createdAt(),
                false,
                u.bot()));
  }

  @Override
  public Optional<User> findByExternal(String issuer, String subject) {
    return Optional.ofNullable(external.get(issuer + "\n" + subject)).flatMap(this::findById);
  }

  @Override
  public synchronized User createExternal(NewUser user, String issuer, String subject) {
    if (external.containsKey(issuer + "\n" + subject)) {
      throw new UsernameTaken();
    }
    User created = create(user);
    external.put(issuer + "\n" + subject, created.id());
    return created;
  }
}
