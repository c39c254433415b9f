package ai.softnode.audit;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * Audit log settings.
 *
 * @param retentionDays days an entry is kept before the retention purge deletes it
 */
@Validated
@ConfigurationProperties("softnode.audit")
record AuditProperties(@DefaultValue("365") @Min(1) @Max(3650) int retentionDays) {
}
