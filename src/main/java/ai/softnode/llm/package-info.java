/**
 * The answer providers: Claude through the official Anthropic SDK (streaming, prompt caching, a
 * circuit breaker and one early retry) and the embedded offline answerer that serves when no API key
 * is configured. {@link ai.softnode.llm.Answers} is the one entry point; it streams one answer to an
 * {@link ai.softnode.llm.AnswerSink} and reports what happened in an
 * {@link ai.softnode.llm.AnswerResult}. Depends on no other module: callers map their own data to
 * {@link ai.softnode.llm.ContextPassage} and {@link ai.softnode.llm.Turn}.
 */
@NullMarked
@ApplicationModule(allowedDependencies = {})
package ai.softnode.llm;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
