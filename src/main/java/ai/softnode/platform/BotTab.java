package ai.softnode.platform;

/**
 * A tab of a bot's dashboard page, contributed as a bean by the module owning it; links to
 * {@code /app/bots/{id}/{pathSuffix}}.
 *
 * @param label what the tab shows
 * @param pathSuffix path after {@code /app/bots/{id}/}
 * @param order position, ascending
 */
public record BotTab(String label, String pathSuffix, int order) {
}
