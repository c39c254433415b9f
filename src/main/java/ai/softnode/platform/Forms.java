package ai.softnode.platform;

import org.springframework.validation.BindingResult;

/** Puts a {@link Problem}'s messages next to the form fields they concern. */
public final class Forms {

	private Forms() {
	}

	public static void reject(BindingResult errors, Problem problem) {
		if (problem.violations().isEmpty()) {
			errors.reject(problem.code(), problem.getMessage());
			return;
		}
		for (var violation : problem.violations()) {
			if (errors.getFieldType(violation.field()) != null || hasField(errors, violation.field())) {
				errors.rejectValue(violation.field(), problem.code(), violation.message());
			}
			else {
				errors.reject(problem.code(), violation.message());
			}
		}
	}

	private static boolean hasField(BindingResult errors, String field) {
		try {
			errors.getFieldValue(field);
			return true;
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

}
