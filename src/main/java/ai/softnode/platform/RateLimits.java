package ai.softnode.platform;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.springframework.stereotype.Component;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;

/**
 * Token buckets keyed by purpose and subject (an IP, an account, a visitor), held in a bounded
 * in-memory cache of this node.
 */
@Component
public class RateLimits {

	private final Cache<String, Bucket> buckets = Caffeine.newBuilder()
		.maximumSize(200_000)
		.expireAfterAccess(Duration.ofHours(2))
		.build();

	/**
	 * Takes one token for {@code key} under {@code limit}.
	 * @return {@link Duration#ZERO} when allowed, otherwise how long until a token is available
	 */
	public Duration tryTake(Limit limit, String key) {
		var bucket = this.buckets.get(limit.name() + ':' + key, k -> Bucket.builder()
			.addLimit(Bandwidth.builder().capacity(limit.capacity()).refillGreedy(limit.capacity(), limit.period()).build())
			.build());
		var probe = bucket.tryConsumeAndReturnRemaining(1);
		return probe.isConsumed() ? Duration.ZERO : Duration.ofNanos(probe.getNanosToWaitForRefill());
	}

	/** Takes one token or fails with a 429 problem carrying {@code Retry-After}. */
	public void take(Limit limit, String key, String message) {
		var wait = tryTake(limit, key);
		if (!wait.isZero()) {
			throw Problem.tooManyRequests("rate_limited", message, roundUp(wait));
		}
	}

	/** Forgets every bucket; for tests and for an operator resetting limits. */
	public void clear() {
		this.buckets.invalidateAll();
	}

	static Duration roundUp(Duration wait) {
		return Duration.ofSeconds(Math.max(1, TimeUnit.NANOSECONDS.toSeconds(wait.toNanos() + 999_999_999L)));
	}

	/** A named limit: {@code capacity} events per {@code period}. */
	public record Limit(String name, long capacity, Duration period) {
	}

}
