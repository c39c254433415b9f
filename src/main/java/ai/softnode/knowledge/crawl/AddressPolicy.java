package ai.softnode.knowledge.crawl;

import java.net.IDN;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Decides which addresses website sources may reach. Every spelling of a host is first reduced to
 * the address it means — IPv4 in decimal, octal, hexadecimal or integer form ({@code 2130706433},
 * {@code 0x7f000001}, {@code 0177.1}), IPv6 literals including IPv4-mapped, -compatible, NAT64 and
 * 6to4 forms, names with a trailing dot — and only then judged. Names are resolved once and every
 * address they resolve to must pass; the caller connects to exactly those addresses.
 */
public final class AddressPolicy {

	private static final Pattern NUMERIC_PART = Pattern.compile("(?i)0x[0-9a-f]*|[0-9]+");

	private static final Pattern HOST_NAME = Pattern.compile("^[a-z0-9]([a-z0-9_-]{0,62})(\\.[a-z0-9_]([a-z0-9_-]{0,62}))*$");

	private final boolean allowPrivateNetworks;

	private final Set<InetAddress> alsoAllowed;

	private final Resolver resolver;

	public AddressPolicy(boolean allowPrivateNetworks) {
		this(allowPrivateNetworks, Set.of(), InetAddress::getAllByName);
	}

	/**
	 * A policy that also lets exactly {@code alsoAllowed} through (a test's own site on loopback) and
	 * resolves names with {@code resolver}.
	 */
	AddressPolicy(boolean allowPrivateNetworks, Set<InetAddress> alsoAllowed, Resolver resolver) {
		this.allowPrivateNetworks = allowPrivateNetworks;
		this.alsoAllowed = Set.copyOf(alsoAllowed);
		this.resolver = resolver;
	}

	/** Checks scheme and form of {@code uri}; returns its host in canonical form. */
	public static String checkUri(URI uri) throws FetchRefused {
		var scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
		if (!scheme.equals("http") && !scheme.equals("https")) {
			throw new FetchRefused("Only http:// and https:// addresses can be fetched.");
		}
		if (uri.getRawUserInfo() != null) {
			throw new FetchRefused("Addresses with a user name or password are not fetched.");
		}
		var host = uri.getHost() != null ? uri.getHost() : authority(uri).host();
		if (host == null || host.isBlank()) {
			throw new FetchRefused("The address has no valid host name.");
		}
		return canonicalHost(host);
	}

	/** The port {@code uri} names, or the scheme's default. */
	public static int port(URI uri) throws FetchRefused {
		var port = uri.getHost() != null ? uri.getPort() : authority(uri).port();
		if (port > 65535) {
			throw new FetchRefused("The port of the address is not valid.");
		}
		return port > 0 ? port : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
	}

	/**
	 * Host and port read from the raw authority, for hosts {@link URI} does not accept as server names
	 * (such as {@code 127.0.0.1.} or {@code 0x7f.1}) but HTTP clients and resolvers would.
	 */
	private static HostAndPort authority(URI uri) throws FetchRefused {
		var raw = uri.getRawAuthority();
		if (raw == null || raw.isBlank() || raw.contains("@") || raw.contains("%")) {
			return new HostAndPort(null, -1);
		}
		String host = raw;
		int port = -1;
		var close = raw.lastIndexOf(']');
		var colon = raw.lastIndexOf(':');
		if (colon > close) {
			host = raw.substring(0, colon);
			try {
				port = colon == raw.length() - 1 ? -1 : Integer.parseInt(raw.substring(colon + 1));
			}
			catch (NumberFormatException ex) {
				throw new FetchRefused("The port of the address is not valid.");
			}
		}
		return new HostAndPort(host, port);
	}

	private record HostAndPort(@Nullable String host, int port) {
	}

	/** Name resolution (DNS); replaceable in tests. */
	@FunctionalInterface
	interface Resolver {

		InetAddress[] resolve(String host) throws UnknownHostException;

	}

	/** Lower-case ASCII, without brackets or a trailing dot. */
	static String canonicalHost(String host) throws FetchRefused {
		var text = host.strip().toLowerCase(Locale.ROOT);
		if (text.startsWith("[") && text.endsWith("]")) {
			text = text.substring(1, text.length() - 1);
		}
		while (text.endsWith(".")) {
			text = text.substring(0, text.length() - 1);
		}
		if (text.isEmpty()) {
			throw new FetchRefused("The address has no valid host name.");
		}
		if (text.contains(":")) {
			return text;
		}
		try {
			return IDN.toASCII(text, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
		}
		catch (IllegalArgumentException ex) {
			throw new FetchRefused("The host name '" + abbreviate(host) + "' is not valid.");
		}
	}

	/**
	 * The addresses {@code host} (canonical) stands for, each allowed by this policy; resolves names
	 * through DNS once.
	 */
	public InetAddress[] resolve(String host) throws FetchRefused {
		var literal = literal(host);
		InetAddress[] addresses;
		if (literal != null) {
			addresses = new InetAddress[] { literal };
		}
		else {
			if (!HOST_NAME.matcher(host).matches() || host.length() > 253) {
				throw new FetchRefused("The host name '" + abbreviate(host) + "' is not valid.");
			}
			try {
				addresses = this.resolver.resolve(host);
			}
			catch (UnknownHostException ex) {
				throw new FetchRefused("The host name '" + abbreviate(host) + "' could not be found.");
			}
		}
		for (var address : addresses) {
			var reason = refusal(address);
			if (reason != null) {
				throw new FetchRefused("'" + abbreviate(host) + "' points to " + reason
						+ ", which website sources may not reach.");
			}
		}
		return addresses;
	}

	/** Whether {@code host} (canonical) is written as an IP address rather than a name. */
	public static boolean isLiteral(String host) {
		try {
			return literal(host) != null;
		}
		catch (FetchRefused ex) {
			return true;
		}
	}

	/** The address a host written as an IP literal (in any spelling) means; {@code null} for names. */
	static @Nullable InetAddress literal(String host) throws FetchRefused {
		if (host.contains(":")) {
			if (host.contains("%") || !host.matches("[0-9a-f:.]+")) {
				throw new FetchRefused("The IPv6 address '" + abbreviate(host) + "' is not valid.");
			}
			try {
				return InetAddress.getByName(host);
			}
			catch (UnknownHostException ex) {
				throw new FetchRefused("The IPv6 address '" + abbreviate(host) + "' is not valid.");
			}
		}
		var parts = host.split("\\.", -1);
		if (!NUMERIC_PART.matcher(parts[parts.length - 1]).matches()) {
			return null;
		}
		if (parts.length > 4 || !Arrays.stream(parts).allMatch(p -> NUMERIC_PART.matcher(p).matches())) {
			throw new FetchRefused("'" + abbreviate(host) + "' is neither a host name nor an IP address.");
		}
		var values = new long[parts.length];
		for (int i = 0; i < parts.length; i++) {
			values[i] = number(parts[i], host);
		}
		long address = 0;
		for (int i = 0; i < values.length - 1; i++) {
			if (values[i] > 255) {
				throw new FetchRefused("'" + abbreviate(host) + "' is not a valid IPv4 address.");
			}
			address |= values[i] << (24 - 8 * i);
		}
		var last = values[values.length - 1];
		if (last >= 1L << (8 * (5 - values.length))) {
			throw new FetchRefused("'" + abbreviate(host) + "' is not a valid IPv4 address.");
		}
		address |= last;
		var bytes = new byte[] { (byte) (address >>> 24), (byte) (address >>> 16), (byte) (address >>> 8), (byte) address };
		try {
			return InetAddress.getByAddress(bytes);
		}
		catch (UnknownHostException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static long number(String part, String host) throws FetchRefused {
		try {
			if (part.startsWith("0x") || part.startsWith("0X")) {
				return part.length() == 2 ? 0 : Long.parseLong(part.substring(2), 16);
			}
			if (part.length() > 1 && part.startsWith("0")) {
				return Long.parseLong(part.substring(1), 8);
			}
			return Long.parseLong(part);
		}
		catch (NumberFormatException ex) {
			throw new FetchRefused("'" + abbreviate(host) + "' is not a valid IPv4 address.");
		}
	}

	/** Why {@code address} may not be reached, or {@code null} when it may. */
	@Nullable String refusal(InetAddress address) {
		if (this.alsoAllowed.contains(address)) {
			return null;
		}
		if (address instanceof Inet4Address v4) {
			return refusal4(v4.getAddress());
		}
		var bytes = address.getAddress();
		var v4 = embeddedIpv4((Inet6Address) address);
		if (v4 != null) {
			return refusal4(v4);
		}
		if (address.isAnyLocalAddress()) {
			return "the unspecified address";
		}
		if (address.isMulticastAddress()) {
			return "a multicast address";
		}
		if ((bytes[0] & 0xff) == 0xfe && (bytes[1] & 0xc0) == 0x80) {
			return "a link-local address";
		}
		if ((bytes[0] & 0xff) == 0xfd && (bytes[1] & 0xff) == 0x00 && (bytes[2] & 0xff) == 0x0e && (bytes[3] & 0xff) == 0xc2) {
			return "a cloud metadata address";
		}
		if ((bytes[0] & 0xfe) == 0xfc) {
			return this.allowPrivateNetworks ? null : "a private (unique-local) address";
		}
		if (address.isLoopbackAddress()) {
			return this.allowPrivateNetworks ? null : "the loopback address";
		}
		if ((bytes[0] & 0xff) == 0x20 && (bytes[1] & 0xff) == 0x01 && bytes[2] == 0 && bytes[3] == 0) {
			return "a Teredo tunnel address";
		}
		if ((bytes[0] & 0xff) == 0x20 && (bytes[1] & 0xff) == 0x01 && (bytes[2] & 0xff) == 0x0d && (bytes[3] & 0xff) == 0xb8) {
			return "a documentation address";
		}
		return null;
	}

	private @Nullable String refusal4(byte[] b) {
		int a0 = b[0] & 0xff;
		int a1 = b[1] & 0xff;
		int a2 = b[2] & 0xff;
		int a3 = b[3] & 0xff;
		if (a0 == 169 && a1 == 254) {
			return a2 == 169 && a3 == 254 ? "a cloud metadata address" : "a link-local address";
		}
		if (a0 == 100 && a1 == 100 && a2 == 100 && a3 == 200) {
			return "a cloud metadata address";
		}
		if (a0 == 0) {
			return "the unspecified network";
		}
		if (a0 >= 224) {
			return a0 < 240 ? "a multicast address" : "a reserved address";
		}
		if ((a0 == 192 && a1 == 0 && (a2 == 0 || a2 == 2)) || (a0 == 198 && a1 == 51 && a2 == 100)
				|| (a0 == 203 && a1 == 0 && a2 == 113) || (a0 == 198 && (a1 == 18 || a1 == 19))) {
			return "a reserved address";
		}
		String privateKind = null;
		if (a0 == 127) {
			privateKind = "the loopback address";
		}
		else if (a0 == 10 || (a0 == 172 && a1 >= 16 && a1 <= 31) || (a0 == 192 && a1 == 168)) {
			privateKind = "a private network address";
		}
		else if (a0 == 100 && a1 >= 64 && a1 <= 127) {
			privateKind = "a carrier-grade NAT address";
		}
		return privateKind != null && !this.allowPrivateNetworks ? privateKind : null;
	}

	/** The IPv4 address inside an IPv4-mapped, -compatible, NAT64 or 6to4 IPv6 address. */
	private static byte @Nullable [] embeddedIpv4(Inet6Address address) {
		var b = address.getAddress();
		if (allZero(b, 0, 9) && ((b[10] == (byte) 0xff && b[11] == (byte) 0xff) || (b[10] == 0 && b[11] == 0 && !allZero(b, 12, 14)))) {
			return Arrays.copyOfRange(b, 12, 16);
		}
		if (b[0] == 0 && b[1] == 0x64 && b[2] == (byte) 0xff && b[3] == (byte) 0x9b && allZero(b, 4, 11)) {
			return Arrays.copyOfRange(b, 12, 16);
		}
		if (b[0] == 0x20 && b[1] == 0x02) {
			return Arrays.copyOfRange(b, 2, 6);
		}
		return null;
	}

	private static boolean allZero(byte[] b, int from, int toInclusive) {
		for (int i = from; i <= toInclusive; i++) {
			if (b[i] != 0) {
				return false;
			}
		}
		return true;
	}

	private static String abbreviate(String text) {
		return text.length() <= 60 ? text : text.substring(0, 57) + "...";
	}

}
