package dev.parley.application.service;

import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.ToLongFunction;

/**
 * An iterable over keyset pages: the next page is read only when the previous one is used up, so
 * walking it holds one page, whatever the total.
 */
final class Paged<T> implements Iterable<T> {

  /** Reads the page after a key (exclusive), of at most the given size. */
  interface PageReader<T> {
    List<T> after(long key, int limit);
  }

  private final PageReader<T> reader;
  private final ToLongFunction<T> key;
  private final int pageSize;

  Paged(PageReader<T> reader, ToLongFunction<T> key, int pageSize) {
    if (pageSize < 1) {
      throw new IllegalArgumentException("an export page holds at least one message");
    }
    this.reader = reader;
    this.key = key;
    this.pageSize = pageSize;
  }

  @Override
  public Iterator<T> iterator() {
    return new Iterator<>() {
      private List<T> page = List.of();
      private int index;
      private long after;
      private boolean last;

      @Override
      public boolean hasNext() {
        if (index < page.size()) {
          return true;
        }
        if (last) {
          return false;
        }
        page = reader.after(after, pageSize);
        index = 0;
        // A short page is the end: one read fewer than asking again for an empty one.
        last = page.size() < pageSize;
        if (!page.isEmpty()) {
          after = key.applyAsLong(page.get(page.size() - 1));
        }
        return !page.isEmpty();
      }

      @Override
      public T next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return page.get(index++);
      }
    };
  }
}
