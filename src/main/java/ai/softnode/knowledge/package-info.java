/**
 * The bots' knowledge: sources (text, Q&A, files, websites), their chunks and embeddings, and
 * retrieval through {@link ai.softnode.knowledge.KnowledgeSearch}.
 */
@NullMarked
@ApplicationModule(allowedDependencies = "bots")
package ai.softnode.knowledge;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
