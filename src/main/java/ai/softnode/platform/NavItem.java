package ai.softnode.platform;

/**
 * An entry of the dashboard's main navigation, contributed as a bean by the module owning the page.
 *
 * @param label what the menu shows
 * @param path where it leads; also the prefix that marks it active
 * @param order position, ascending
 */
public record NavItem(String label, String path, int order) {
}
