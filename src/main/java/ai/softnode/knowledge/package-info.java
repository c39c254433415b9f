/**
 * The bots' knowledge: sources (text, Q&A pairs and CSV imports of them, files, websites), their
 * chunks and local embeddings, and retrieval through {@link ai.softnode.knowledge.KnowledgeSearch}.
 * Sources are processed by durable background jobs; uploaded files are parsed when they arrive and
 * only their extracted text is kept (the bytes are never written anywhere). Websites are fetched
 * only through the guarded client in {@code crawl}. Deletes a bot's knowledge when it hears
 * {@link ai.softnode.bots.BotDeleted}.
 */
@NullMarked
@ApplicationModule(allowedDependencies = { "bots", "privacy::spi" })
package ai.softnode.knowledge;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
