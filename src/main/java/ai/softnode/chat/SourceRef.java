package ai.softnode.chat;

import org.jspecify.annotations.Nullable;

/** A knowledge source an answer cited, as shown to visitors and owners. */
public record SourceRef(String title, @Nullable String url) {
}
