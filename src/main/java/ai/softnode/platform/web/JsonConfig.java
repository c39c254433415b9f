package ai.softnode.platform.web;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.type.LogicalType;

/**
 * Strict JSON scalars for the whole application. Jackson by default turns {@code "name": 123} into
 * {@code "123"}, {@code "enabled": "yes"} into an error but {@code "enabled": "true"} or {@code 1}
 * into {@code true}, {@code "retentionDays": ""} into {@code null} and {@code 2.7} into {@code 2}.
 * An API client sending the wrong type has a bug it should hear about, so every such coercion fails
 * and the request is answered with {@code invalid_type}.
 */
@Configuration(proxyBeanMethods = false)
class JsonConfig {

	@Bean
	JsonMapperBuilderCustomizer strictScalarCoercion() {
		return builder -> {
			refuse(builder, LogicalType.Textual, CoercionInputShape.Integer, CoercionInputShape.Float, CoercionInputShape.Boolean);
			refuse(builder, LogicalType.Integer, CoercionInputShape.String, CoercionInputShape.EmptyString,
					CoercionInputShape.Float, CoercionInputShape.Boolean);
			refuse(builder, LogicalType.Float, CoercionInputShape.String, CoercionInputShape.EmptyString, CoercionInputShape.Boolean);
			refuse(builder, LogicalType.Boolean, CoercionInputShape.String, CoercionInputShape.EmptyString, CoercionInputShape.Integer);
			refuse(builder, LogicalType.Enum, CoercionInputShape.Integer);
		};
	}

	private static void refuse(JsonMapper.Builder builder, LogicalType target, CoercionInputShape... inputs) {
		builder.withCoercionConfig(target, config -> {
			for (var input : inputs) {
				config.setCoercion(input, CoercionAction.Fail);
			}
		});
	}

}
