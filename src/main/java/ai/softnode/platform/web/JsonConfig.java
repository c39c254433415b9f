package ai.softnode.platform.web;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
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
		return builder -> builder
			.withCoercionConfig(LogicalType.Textual, text -> text
				.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
				.setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
				.setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
			.withCoercionConfig(LogicalType.Integer, integer -> integer
				.setCoercion(CoercionInputShape.String, CoercionAction.Fail)
				.setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail)
				.setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
				.setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
			.withCoercionConfig(LogicalType.Float, decimal -> decimal
				.setCoercion(CoercionInputShape.String, CoercionAction.Fail)
				.setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail)
				.setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
			.withCoercionConfig(LogicalType.Boolean, bool -> bool
				.setCoercion(CoercionInputShape.String, CoercionAction.Fail)
				.setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail)
				.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail))
			.withCoercionConfig(LogicalType.Enum, constant -> constant
				.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail));
	}

}
