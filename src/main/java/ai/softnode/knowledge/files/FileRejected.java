package ai.softnode.knowledge.files;

/**
 * A file that cannot become knowledge.
 *
 * @see #code()
 */
public class FileRejected extends Exception {

	/** The file's content is of a type we do not read. */
	public static final String UNSUPPORTED = "unsupported_file_type";

	/** The file is damaged or not what its structure claims. */
	public static final String UNREADABLE = "file_unreadable";

	/** The file is password-protected. */
	public static final String ENCRYPTED = "file_encrypted";

	/** The file holds constructs we refuse to process (DTDs, external entities, decompression bombs). */
	public static final String UNSAFE = "file_unsafe";

	/** The file's text is longer than a source may be. */
	public static final String TOO_LARGE = "source_too_large";

	private final String code;

	public FileRejected(String code, String reason) {
		super(reason, null, false, false);
		this.code = code;
	}

	/** A stable machine-readable reason, used as the problem code. */
	public String code() {
		return this.code;
	}

}
