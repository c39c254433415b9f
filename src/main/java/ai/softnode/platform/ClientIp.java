package ai.softnode.platform;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.regex.Pattern;

import org.springframework.security.web.util.matcher.IpAddressMatcher;
import org.springframework.stereotype.Component;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The address of the client behind a request. {@code X-Forwarded-For} is believed only when the
 * request comes from a configured trusted proxy, and only as far back as the chain stays trusted,
 * so a visitor cannot spoof their address by sending the header themselves.
 */
@Component
public class ClientIp {

	private static final Pattern LITERAL = Pattern.compile("[0-9a-fA-F:.]+");

	private final List<IpAddressMatcher> trusted;

	public ClientIp(SoftnodeProperties properties) {
		this.trusted = properties.trustedProxies().stream().map(String::trim).filter(s -> !s.isEmpty())
			.map(IpAddressMatcher::new).toList();
	}

	public String of(HttpServletRequest request) {
		var remote = request.getRemoteAddr();
		if (!isTrusted(remote)) {
			return remote;
		}
		var forwarded = request.getHeader("X-Forwarded-For");
		if (forwarded == null || forwarded.isBlank()) {
			return remote;
		}
		var hops = forwarded.split(",");
		for (int i = hops.length - 1; i >= 0; i--) {
			var hop = hops[i].trim();
			if (!isLiteralAddress(hop)) {
				return remote;
			}
			if (i == 0 || !isTrusted(hop)) {
				return hop;
			}
		}
		return remote;
	}

	private boolean isTrusted(String address) {
		return isLiteralAddress(address) && this.trusted.stream().anyMatch(m -> m.matches(address));
	}

	static boolean isLiteralAddress(String text) {
		if (text.isEmpty() || text.length() > 45 || !LITERAL.matcher(text).matches()) {
			return false;
		}
		try {
			InetAddress.getByName(text); // a literal: no lookup happens for these characters
			return true;
		}
		catch (UnknownHostException ex) {
			return false;
		}
	}

}
